from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.core.commands import TranslatedCommand, padded
from hrcities.education.loaders import load_wphre
from hrcities.emergency.loaders import load_emergency_reference
from hrcities.network.loaders import load_geo
from hrcities.taxonomy.loaders import load_taxonomy


def print_counts(command: BaseCommand, counts: dict[str, dict[str, int]]) -> None:
    # The loaders name what they count in English, marked for translation where they do.
    for kind, figures in counts.items():
        created, updated = figures.get("created", 0), figures.get("updated", 0)
        unchanged = figures.get("unchanged", 0)
        style = command.style.SUCCESS if created or updated else (lambda text: text)
        figures_text = _("%(created)6s created %(updated)6s updated %(unchanged)6s unchanged") % {
            "created": created,
            "updated": updated,
            "unchanged": unchanged,
        }
        command.stdout.write(style(f"  {padded(_(kind), 24)} {figures_text}"))


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Load the reference vocabularies (SDGs, UHRI themes, groups, UPR recommendations, "
        "countries, GeoNames places, the World Programme for Human Rights Education, "
        "emergencies, measure issues, OxCGRT policy codes). Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(_("Loading reference data"))
        print_counts(self, load_taxonomy())
        print_counts(self, load_geo())
        print_counts(self, load_wphre())
        print_counts(self, load_emergency_reference())
