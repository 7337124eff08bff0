"""Backup and restore: database and files round-trip with equal row counts and checksums."""

import hashlib
import sqlite3
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.utils import translation

from cms.security.backup import row_counts, table_counts, walk_storage
from documents.factories import DocumentFactory

# pg_dump sees only committed data; the serialized rollback brings back the migrations' rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _storages(location: Path) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location)},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _checksums(storage) -> dict[str, str]:
    result = {}
    for name in walk_storage(storage):
        with storage.open(name, "rb") as fh:
            result[name] = hashlib.sha256(fh.read()).hexdigest()
    return result


@pytest.fixture(autouse=True)
def _english_messages():
    """The assertions read the commands' English messages; Finnish is the default language."""
    with translation.override("en"):
        yield


@pytest.fixture
def target_db(tmp_path):
    """A fresh, empty database of the same vendor as the suite's."""
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "postgresql":
        import psycopg

        name = f"h_security_restore_{uuid.uuid4().hex[:12]}"
        admin = {"host": settings_dict["HOST"] or "127.0.0.1", "port": settings_dict["PORT"] or 5432}
        if settings_dict.get("USER"):
            admin["user"] = settings_dict["USER"]
        if settings_dict.get("PASSWORD"):
            admin["password"] = settings_dict["PASSWORD"]
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        settings_dict["NAME"] = name
        yield settings_dict, f"postgres://{admin.get('user', '')}@{admin['host']}:{admin['port']}/{name}"
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        path = tmp_path / "restored.sqlite3"
        settings_dict["NAME"] = str(path)
        yield settings_dict, f"sqlite:///{path}"


@pytest.fixture
def content(tmp_path, home_page):
    """Pages plus real files (a PDF with a Finnish name, a nested file) in a storage of their own."""
    source = tmp_path / "source-media"
    with override_settings(STORAGES=_storages(source)):
        DocumentFactory(title="Pöytäkirja 1/2026")
        DocumentFactory(title="Esityslista 2/2026")
        default_storage.save("misc/deep/ääkköset ja välit.txt", ContentFile("Sisältö".encode()))
        yield source


def test_backup_then_restore_into_an_empty_database_and_storage(tmp_path, content, target_db):
    target_settings, target_url = target_db
    backup_dir = tmp_path / "backup"
    with override_settings(STORAGES=_storages(content)):
        call_command("backup", str(backup_dir))
        source_files = _checksums(default_storage)
    source_counts = row_counts()
    assert source_counts["documents_customdocument"] == 2
    assert len(source_files) >= 3
    dump = "database.dump" if connection.vendor == "postgresql" else "database.sqlite3"
    assert (backup_dir / dump).stat().st_size > 0

    restored_media = tmp_path / "restored-media"
    with override_settings(STORAGES=_storages(restored_media)):
        call_command("restore", str(backup_dir), database_url=target_url)
        assert _checksums(default_storage) == source_files
    assert table_counts(target_settings) == source_counts


def test_pg_dump_is_in_custom_format(tmp_path, content):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite backups are a database file")
    with override_settings(STORAGES=_storages(content)):
        call_command("backup", str(tmp_path / "b"))
    assert (tmp_path / "b" / "database.dump").read_bytes()[:5] == b"PGDMP"


def test_sqlite_copy_is_a_consistent_database(tmp_path, content):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with override_settings(STORAGES=_storages(content)):
        call_command("backup", str(tmp_path / "b"))
    db = sqlite3.connect(tmp_path / "b" / "database.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT COUNT(*) FROM documents_customdocument").fetchone()[0] == 2


def test_a_damaged_backup_is_refused_before_anything_is_restored(tmp_path, content, target_db):
    target_settings, target_url = target_db
    backup_dir = tmp_path / "backup"
    with override_settings(STORAGES=_storages(content)):
        call_command("backup", str(backup_dir))
    victim = next(p for p in (backup_dir / "files" / "documents").iterdir())
    victim.write_bytes(victim.read_bytes()[:-1] + b"X")

    restored_media = tmp_path / "restored-media"
    with override_settings(STORAGES=_storages(restored_media)), pytest.raises(CommandError) as exc:
        call_command("restore", str(backup_dir), database_url=target_url)
    assert "checksums do not match" in str(exc.value)
    assert victim.name in str(exc.value)
    assert table_counts(target_settings) == {}
    assert not restored_media.exists() or not any(restored_media.rglob("*"))


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, content):
    backup_dir = tmp_path / "backup"
    with override_settings(STORAGES=_storages(content)):
        call_command("backup", str(backup_dir))
    before = row_counts()
    with override_settings(STORAGES=_storages(tmp_path / "other")), pytest.raises(CommandError) as exc:
        if connection.vendor == "sqlite":
            # The suite's SQLite database lives in memory; a file with tables stands in for it.
            populated = tmp_path / "populated.sqlite3"
            sqlite3.connect(populated).execute("CREATE TABLE t (x int)")
            call_command("restore", str(backup_dir), database_url=f"sqlite:///{populated}")
        else:
            call_command("restore", str(backup_dir))
    assert "not empty" in str(exc.value)
    assert row_counts() == before


def test_restore_never_overwrites_a_stored_file(tmp_path, content, target_db):
    _, target_url = target_db
    backup_dir = tmp_path / "backup"
    with override_settings(STORAGES=_storages(content)):
        call_command("backup", str(backup_dir))
        # Restoring into the very storage it came from would overwrite: refused.
        with pytest.raises(CommandError) as exc:
            call_command("restore", str(backup_dir), database_url=target_url)
    assert "already holds files" in str(exc.value)


def test_backup_refuses_a_directory_that_is_not_empty(tmp_path, content):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "old.txt").write_text("x")
    with override_settings(STORAGES=_storages(content)), pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "b"))


def test_verify_only_checks_an_intact_backup(tmp_path, content, capsys):
    with override_settings(STORAGES=_storages(content)):
        call_command("backup", str(tmp_path / "b"))
    call_command("restore", str(tmp_path / "b"), verify_only=True)
    assert "Backup is intact" in capsys.readouterr().out
