from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.core.commands import TranslatedCommand
from hrcities.work.reminders import send_reminders


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Email each person what waits for them that they were not told yet: at once for "
        "the kinds they chose so, and a daily digest (once a day, from REMINDER_DIGEST_HOUR). "
        "Each reminder is sent once, so it is safe to run every hour."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        lines = send_reminders()
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(_("%(count)s email(s) sent.") % {"count": len(lines)}))
