from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from targets.archive import ArchiveError, backup


class Command(BaseCommand):
    help = "Simpan basis data dan berkas bukti (MEDIA_ROOT) bersama dalam satu arsip .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", nargs="?", help="Berkas tujuan; bawaan kaltengkop-<tanggal-jam>.tar.gz di folder ini."
        )

    def handle(self, *args, archive=None, **options):
        path = Path(archive or f"kaltengkop-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz")
        try:
            manifest = backup(path)
        except ArchiveError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Cadangan tersimpan: {path} (basis data {manifest['database']}, "
            f"{manifest['media_files']} berkas bukti)."
        )
