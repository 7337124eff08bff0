"""Backups that can be trusted: database + every stored file, with a SHA-256 manifest.

A backup is a directory:
    manifest.json      format, time, database vendor, row counts per table, checksums
    database.dump      PostgreSQL: `pg_dump --format=custom`
    database.sqlite3   SQLite: a consistent copy made with sqlite3's online backup API
    files/<name>       every file in the default storage, read through the storage API
                       (so S3 and Azure work as well as the local disk)

Restoring verifies every checksum before touching anything, refuses a non-empty
database or a storage that already holds a file of the backup, then checks row counts
and file checksums after restoring.
"""

import hashlib
import json
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that must not go on; the message says why, for the operator."""


def sha256_of(stream) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: stream.read(CHUNK), b""):
        digest.update(block)
    return digest.hexdigest()


def sha256_file(path: Path) -> str:
    with open(path, "rb") as fh:
        return sha256_of(fh)


# --- Database ---------------------------------------------------------------------------


def _pg_args(db: dict) -> tuple[list[str], dict]:
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def vendor_of(db: dict) -> str:
    engine = db["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite3" in engine:
        return "sqlite"
    raise BackupError(
        _("Backups support PostgreSQL and SQLite databases, not %(engine)s.") % {"engine": engine}
    )


def row_counts(alias: str = "default") -> dict[str, int]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def dump_database(alias: str, target: Path) -> str:
    """Write the database to `target`; return the file name used."""
    connection = connections[alias]
    db = connection.settings_dict
    if vendor_of(db) == "postgresql":
        out = target / "database.dump"
        args, env = _pg_args(db)
        cmd = [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(out),
            *args,
            db["NAME"],
        ]
        # Fixed program and arguments from settings, no shell.
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(_("pg_dump failed: %(error)s") % {"error": result.stderr.strip()})
        return out.name
    out = target / "database.sqlite3"
    connection.ensure_connection()
    dest = sqlite3.connect(out)
    try:
        # The online backup API copies a consistent snapshot even while others write.
        connection.connection.backup(dest)
    finally:
        dest.close()
    return out.name


def _pg_table_counts(db: dict) -> dict[str, int]:
    import psycopg

    conninfo = {
        "host": db.get("HOST") or "127.0.0.1",
        "port": db.get("PORT") or 5432,
        "dbname": db["NAME"],
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
    }
    with psycopg.connect(**{k: v for k, v in conninfo.items() if v is not None}) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
            )
        ]
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


def _sqlite_table_counts(path: str) -> dict[str, int]:
    if not Path(path).exists():
        return {}
    conn = sqlite3.connect(path)
    try:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
    finally:
        conn.close()


def table_counts(db: dict) -> dict[str, int]:
    """Row counts of every table of a database given by its settings (not necessarily Django's)."""
    if vendor_of(db) == "postgresql":
        return _pg_table_counts(db)
    return _sqlite_table_counts(db["NAME"])


def load_database(db: dict, dump: Path) -> None:
    if vendor_of(db) == "postgresql":
        args, env = _pg_args(db)
        cmd = [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            *args,
            "--dbname",
            db["NAME"],
            str(dump),
        ]
        # Fixed program and arguments from settings, no shell.
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(_("pg_restore failed: %(error)s") % {"error": result.stderr.strip()})
        return
    source = sqlite3.connect(dump)
    dest = sqlite3.connect(db["NAME"])
    try:
        source.backup(dest)
    finally:
        source.close()
        dest.close()


# --- Files ------------------------------------------------------------------------------


def walk_storage(storage: Storage, path: str = "") -> Iterator[str]:
    dirs, files = storage.listdir(path)
    for name in sorted(files):
        yield f"{path}/{name}" if path else name
    for directory in sorted(dirs):
        yield from walk_storage(storage, f"{path}/{directory}" if path else directory)


def _local_path(root: Path, name: str) -> Path:
    path = (root / "files" / name).resolve()
    if not path.is_relative_to((root / "files").resolve()):
        raise BackupError(_("Refusing a file name outside the backup: %(name)s") % {"name": name})
    return path


# --- Backup and restore -----------------------------------------------------------------


def backup(target: Path, alias: str = "default", storage: Storage | None = None) -> dict:
    storage = storage or default_storage
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(_("The backup directory %(dir)s is not empty.") % {"dir": target})
    target.mkdir(parents=True, exist_ok=True)
    db = connections[alias].settings_dict
    counts = row_counts(alias)
    database_file = dump_database(alias, target)
    files = []
    for name in walk_storage(storage):
        path = _local_path(target, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with storage.open(name, "rb") as src, open(path, "wb") as dst:
            for block in iter(lambda src=src: src.read(CHUNK), b""):
                digest.update(block)
                dst.write(block)
        files.append({"name": name, "size": path.stat().st_size, "sha256": digest.hexdigest()})
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "database": {
            "vendor": vendor_of(db),
            "file": database_file,
            "sha256": sha256_file(target / database_file),
            "row_counts": counts,
        },
        "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return manifest


def read_manifest(source: Path) -> dict:
    try:
        manifest = json.loads((Path(source) / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BackupError(_("%(dir)s has no manifest.json: not a backup.") % {"dir": source}) from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(_("Unknown backup format %(format)s.") % {"format": manifest.get("format")})
    return manifest


def verify(source: Path) -> dict:
    """Check every checksum of a backup; raise BackupError naming each damaged part."""
    source = Path(source)
    manifest = read_manifest(source)
    bad = []
    db_file = source / manifest["database"]["file"]
    if not db_file.exists() or sha256_file(db_file) != manifest["database"]["sha256"]:
        bad.append(manifest["database"]["file"])
    for entry in manifest["files"]:
        path = _local_path(source, entry["name"])
        if not path.exists() or sha256_file(path) != entry["sha256"]:
            bad.append(f"files/{entry['name']}")
    if bad:
        raise BackupError(
            _("The backup is damaged; checksums do not match: %(names)s") % {"names": ", ".join(bad)}
        )
    return manifest


def restore(source: Path, db: dict, storage: Storage | None = None) -> dict:
    """Restore into an empty database (settings dict) and a storage holding none of the files."""
    storage = storage or default_storage
    source = Path(source)
    manifest = verify(source)
    if vendor_of(db) != manifest["database"]["vendor"]:
        raise BackupError(
            _("The backup is of a %(backup)s database; the target is %(target)s.")
            % {"backup": manifest["database"]["vendor"], "target": vendor_of(db)}
        )
    if table_counts(db):
        raise BackupError(
            _("The target database %(name)s is not empty. Restore into a new, empty database.")
            % {"name": db["NAME"]}
        )
    existing = [entry["name"] for entry in manifest["files"] if storage.exists(entry["name"])]
    if existing:
        raise BackupError(
            _("The storage already holds files of this backup; nothing was restored: %(names)s")
            % {"names": ", ".join(existing[:10])}
        )

    load_database(db, source / manifest["database"]["file"])
    counts = table_counts(db)
    expected = manifest["database"]["row_counts"]
    differ = sorted(t for t in expected if counts.get(t) != expected[t])
    if differ:
        raise BackupError(
            _("Restored row counts differ for tables: %(tables)s") % {"tables": ", ".join(differ)}
        )

    for entry in manifest["files"]:
        with open(_local_path(source, entry["name"]), "rb") as fh:
            saved = storage.save(entry["name"], File(fh, name=entry["name"]))
        if saved != entry["name"]:
            raise BackupError(
                _("The storage renamed %(name)s to %(saved)s.") % {"name": entry["name"], "saved": saved}
            )
        with storage.open(saved, "rb") as fh:
            if sha256_of(fh) != entry["sha256"]:
                raise BackupError(_("File %(name)s changed while restoring.") % {"name": saved})
    return manifest
