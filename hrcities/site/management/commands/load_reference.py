from typing import Any

from django.core.management.base import BaseCommand

from hrcities.education.loaders import load_wphre
from hrcities.emergency.loaders import load_emergency_reference
from hrcities.network.loaders import load_geo
from hrcities.taxonomy.loaders import load_taxonomy


def print_counts(command: BaseCommand, counts: dict[str, dict[str, int]]) -> None:
    for kind, figures in counts.items():
        created, updated = figures.get("created", 0), figures.get("updated", 0)
        unchanged = figures.get("unchanged", 0)
        style = command.style.SUCCESS if created or updated else (lambda text: text)
        command.stdout.write(
            style(
                f"  {kind:<24} {created:>6} created {updated:>6} updated {unchanged:>6} unchanged"
            )
        )


class Command(BaseCommand):
    help = (
        "Load the reference vocabularies (SDGs, UHRI themes, groups, UPR recommendations, "
        "countries, GeoNames places, the World Programme for Human Rights Education). "
        "countries, GeoNames places, emergencies, measure issues, OxCGRT policy codes). "
        "Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("Loading reference data")
        print_counts(self, load_taxonomy())
        print_counts(self, load_geo())
        print_counts(self, load_wphre())
        print_counts(self, load_emergency_reference())
