from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from targets.archive import ArchiveError, restore


class Command(BaseCommand):
    help = "Pulihkan basis data dan berkas bukti dari arsip buatan `backup`; isi sekarang diganti."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Arsip .tar.gz buatan `manage.py backup`.")
        parser.add_argument("--no-input", action="store_true", help="Jangan minta konfirmasi.")

    def handle(self, *args, archive, no_input=False, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"Arsip {path} tidak ditemukan.")
        if not no_input:
            answer = input("Basis data dan berkas bukti sekarang akan diganti isi arsip. Lanjutkan? [y/N] ")
            if answer.strip().lower() not in {"y", "ya"}:
                raise CommandError("Dibatalkan; tidak ada yang diubah.")
        try:
            manifest = restore(path)
        except ArchiveError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Dipulihkan dari {path} (dibuat {manifest['created']}).")
