from typing import Any

from django.core.management.base import BaseCommand

from hrcities.emergency.search import refresh_in_force


class Command(BaseCommand):
    help = (
        "Rewrite the search documents of the emergency measures that came into force or "
        "were lifted since they were indexed, so the search's in-force facet is right "
        "today. Run it daily (cron or a systemd timer)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = refresh_in_force()
        self.stdout.write(self.style.SUCCESS(f"{count} measure(s) re-indexed."))
