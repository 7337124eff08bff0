"""`manage.py restore DIR`: restore a backup into an empty database and storage, verifying checksums."""

from pathlib import Path

import environ
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.security.backup import BackupError, restore, verify


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty database and a storage that holds "
        "none of its files. Every checksum is verified first; nothing is overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--database", default="default", help="Database alias to restore into.")
        parser.add_argument(
            "--database-url",
            default="",
            help="Restore into this database instead, e.g. a fresh one for a restore drill.",
        )
        parser.add_argument("--verify-only", action="store_true", help="Only check the backup's checksums.")

    def handle(self, *args, directory: Path, database: str, database_url: str, verify_only: bool, **options):
        try:
            if verify_only:
                manifest = verify(directory)
                self.stdout.write(self.style.SUCCESS(f"Backup is intact: {len(manifest['files'])} files."))
                return
            db = environ.Env.db_url_config(database_url) if database_url else settings.DATABASES[database]
            manifest = restore(directory, db)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {len(manifest['database']['row_counts'])} tables and "
                f"{len(manifest['files'])} files from {directory}; row counts and checksums match."
            )
        )
