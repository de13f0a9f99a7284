"""One archive holds the database and the evidence files together: `backup` writes it, `restore`
reads it back. PostgreSQL is saved with pg_dump (custom format), SQLite with its backup API.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from targets import version

DATABASE_MEMBER = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
MEDIA_MEMBER = "media"
MANIFEST = "manifest.json"


class ArchiveError(Exception):
    pass


def _vendor() -> str:
    if connection.vendor not in DATABASE_MEMBER:
        raise ArchiveError(f"Basis data {connection.vendor} tidak didukung untuk cadangan.")
    return connection.vendor


def _pg_command(program: str) -> tuple[list[str], dict]:
    db = settings.DATABASES["default"]
    args = [program, "--no-owner", "--no-privileges"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(args: list[str], env: dict) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise ArchiveError(f"{args[0]} gagal: {done.stderr.strip()}")


def _dump_database(vendor: str, target: Path) -> None:
    if vendor == "postgresql":
        args, env = _pg_command("pg_dump")
        _run([*args, "--format=custom", f"--file={target}", settings.DATABASES["default"]["NAME"]], env)
    else:
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)


def _load_database(vendor: str, source: Path) -> None:
    if vendor == "postgresql":
        connection.close()
        args, env = _pg_command("pg_restore")
        name = settings.DATABASES["default"]["NAME"]
        _run([*args, "--clean", "--if-exists", "--single-transaction", f"--dbname={name}", str(source)], env)
    else:
        connection.ensure_connection()
        with sqlite3.connect(source) as copy:
            copy.backup(connection.connection)


def backup(path: Path) -> dict:
    """Write the archive; returns its manifest."""
    vendor = _vendor()
    media = Path(settings.MEDIA_ROOT)
    manifest = {
        "created": timezone.now().isoformat(),
        "database": vendor,
        "media_files": sum(1 for p in media.rglob("*") if p.is_file()) if media.exists() else 0,
    }
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DATABASE_MEMBER[vendor]
        _dump_database(vendor, dump)
        with tarfile.open(path, "w:gz") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=dump.name)
            if media.exists():
                archive.add(media, arcname=MEDIA_MEMBER)
    return manifest


def _data_version() -> int:
    """The data version of the database about to be replaced; 0 for an empty or older one."""
    try:
        with transaction.atomic():
            return version.current()
    except DatabaseError:
        return 0


def restore(path: Path) -> dict:
    """Replace the database and the evidence files with the archive's; returns its manifest."""
    vendor = _vendor()
    with tempfile.TemporaryDirectory() as work, tarfile.open(path, "r:gz") as archive:
        archive.extractall(work, filter="data")
        manifest = json.loads((Path(work) / MANIFEST).read_text())
        if manifest["database"] != vendor:
            raise ArchiveError(
                f"Cadangan ini dari {manifest['database']}, sedangkan basis data sekarang {vendor}."
            )
        before = _data_version()
        _load_database(vendor, Path(work) / DATABASE_MEMBER[vendor])
        # The archive's data version is older than pages kept since; the number moves past both.
        version.move_past(before)
        media = Path(settings.MEDIA_ROOT)
        saved = Path(work) / MEDIA_MEMBER
        if media.exists():
            shutil.rmtree(media)
        if saved.exists():
            shutil.copytree(saved, media)
    return manifest
