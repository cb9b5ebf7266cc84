from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hrcities.site.demo import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo content (marked as demo) and, in development, demo sign-ins. "
        "Safe to run again."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--with-demo-users",
            action="store_true",
            help="Create the demo sign-ins even when DEBUG is off (never on a public server).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with_users = settings.DEBUG or options["with_demo_users"]
        try:
            counts = load_demo(with_users=with_users)
        except LookupError as error:
            raise CommandError(f"{error} Run `hrcities load_reference` first.") from error
        self.stdout.write("Loading demo data")
        for kind, number in counts.items():
            self.stdout.write(f"  {kind:<24} {number:>6} new")
