"""One archive holds everything needed to bring the newsroom back: the database and the
uploaded media.

- PostgreSQL: `pg_dump --format=custom` (restored with `pg_restore --clean`), so the archive
  restores into an empty or an existing database of the same major version or newer.
- SQLite (development only): a consistent copy made with SQLite's online backup API.
- Media: the files under MEDIA_ROOT when media is stored locally. Media in S3 is not copied:
  use the bucket's versioning or replication (docs/operations.md).
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_DIR = "media"


class BackupError(Exception):
    pass


def _postgres_environment():
    db = connection.settings_dict
    environment = dict(os.environ)
    environment.update(
        {
            "PGHOST": str(db["HOST"] or "127.0.0.1"),
            "PGPORT": str(db["PORT"] or 5432),
            "PGUSER": str(db["USER"] or "postgres"),
            "PGDATABASE": str(db["NAME"]),
        }
    )
    if db["PASSWORD"]:
        environment["PGPASSWORD"] = str(db["PASSWORD"])
    return environment


def _run(command):
    result = subprocess.run(
        command, env=_postgres_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _local_media_root():
    if isinstance(default_storage, FileSystemStorage):
        return Path(settings.MEDIA_ROOT)
    return None


def create_backup(archive_path):
    """Writes the archive to `archive_path`; returns its manifest."""
    archive_path = Path(archive_path)
    media_root = _local_media_root()
    manifest = {
        "created_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "media": "local" if media_root else "external storage (not in this archive)",
    }
    with tempfile.TemporaryDirectory() as workdir:
        workdir = Path(workdir)
        if connection.vendor == "postgresql":
            _run(["pg_dump", "--format=custom", "--no-owner", f"--file={workdir / POSTGRES_DUMP}"])
        elif connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(workdir / SQLITE_COPY)
            with target:
                connection.connection.backup(target)
            target.close()
        else:
            raise BackupError(f"Backups are not supported for {connection.vendor}.")
        (workdir / MANIFEST).write_text(json.dumps(manifest, indent=2))
        with tarfile.open(archive_path, "w:gz") as archive:
            for name in (MANIFEST, POSTGRES_DUMP, SQLITE_COPY):
                if (workdir / name).exists():
                    archive.add(workdir / name, arcname=name)
            if media_root and media_root.exists():
                archive.add(media_root, arcname=MEDIA_DIR)
    return manifest


def restore_backup(archive_path):
    """Replaces the database and the local media with the archive's; returns its manifest."""
    with tempfile.TemporaryDirectory() as workdir:
        workdir = Path(workdir)
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(workdir, filter="data")  # refuses absolute paths and links out
        manifest = json.loads((workdir / MANIFEST).read_text())
        if manifest["database"] != connection.vendor:
            raise BackupError(
                f"This archive holds a {manifest['database']} database; "
                f"this site runs on {connection.vendor}."
            )
        if connection.vendor == "postgresql":
            connection.close()  # pg_restore drops the tables: hold no locks on them
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    f"--dbname={connection.settings_dict['NAME']}",
                    str(workdir / POSTGRES_DUMP),
                ]
            )
        else:
            connection.ensure_connection()
            source = sqlite3.connect(workdir / SQLITE_COPY)
            source.backup(connection.connection)
            source.close()
        media_root = _local_media_root()
        if media_root and (workdir / MEDIA_DIR).exists():
            media_root.mkdir(parents=True, exist_ok=True)
            for child in media_root.iterdir():
                if child.is_dir():
                    shutil.rmtree(child)
                else:
                    child.unlink()
            shutil.copytree(workdir / MEDIA_DIR, media_root, dirs_exist_ok=True)
    return manifest
