from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.core.commands import TranslatedCommand
from hrcities.emergency.search import refresh_in_force


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Rewrite the search documents of the emergency measures that came into force or "
        "were lifted since they were indexed, so the search's in-force facet is right "
        "today. Run it daily (cron or a systemd timer)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = refresh_in_force()
        self.stdout.write(
            self.style.SUCCESS(_("%(count)s measure(s) re-indexed.") % {"count": count})
        )
