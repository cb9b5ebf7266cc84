from typing import Any

from django.core.management.base import BaseCommand

from hrcities.work.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Email each person what waits for them that they were not told yet: at once for "
        "the kinds they chose so, and a daily digest (once a day, from REMINDER_DIGEST_HOUR). "
        "Each reminder is sent once, so it is safe to run every hour."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        lines = send_reminders()
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"{len(lines)} email(s) sent."))
