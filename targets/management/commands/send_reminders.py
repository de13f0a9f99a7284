"""Send the reporting calendar's reminders that are due: run daily from cron or a systemd timer.

Running it again the same day sends nothing twice (see targets.reminders).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from targets.reminders import planned_reminders, send_reminders


class Command(BaseCommand):
    help = "Kirim pengingat laporan triwulan yang jatuh tempo, terlambat, atau menunggu persetujuan."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Tampilkan pengingat yang akan dikirim tanpa mengirimnya."
        )

    def handle(self, *args, dry_run=False, **options):
        today, now = timezone.localdate(), timezone.now()
        if dry_run:
            for planned in planned_reminders(today, now):
                item = planned.item
                self.stdout.write(
                    f"{planned.kind.value} → {planned.recipient.get_username()} <{planned.recipient.email}> "
                    f"{item.bureau.code} {item.year} TW{item.quarter}"
                )
            return
        sent = send_reminders(today, now)
        for reminder in sent:
            self.stdout.write(
                f"{timezone.localtime(reminder.sent_at).isoformat(timespec='seconds')} {reminder.kind} → "
                f"{reminder.recipient.get_username()} <{reminder.recipient.email}> "
                f"{reminder.bureau.code} {reminder.year} TW{reminder.quarter}"
            )
        if options["verbosity"]:
            self.stdout.write(f"{len(sent)} pengingat dikirim.")
