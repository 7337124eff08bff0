"""`manage.py backup DIR`: the database and every stored file, with a SHA-256 manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.security.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump custom format / SQLite online copy) and all stored files into DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="New or empty directory to write the backup to.")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, directory: Path, database: str, **options):
        try:
            manifest = backup(directory, alias=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["database"]["row_counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {len(manifest['database']['row_counts'])} tables ({rows} rows) and "
                f"{len(manifest['files'])} files to {directory}."
            )
        )
