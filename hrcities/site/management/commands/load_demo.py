from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.core.commands import TranslatedCommand, padded
from hrcities.site.demo import load_demo


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Load the demo content (marked as demo) and, in development, demo sign-ins. "
        "Safe to run again."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--with-demo-users",
            action="store_true",
            help=gettext_lazy(
                "Create the demo sign-ins even when DEBUG is off (never on a public server)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with_users = settings.DEBUG or options["with_demo_users"]
        try:
            counts = load_demo(with_users=with_users)
        except LookupError as error:
            raise CommandError(
                _("%(error)s Run `hrcities load_reference` first.") % {"error": error}
            ) from error
        self.stdout.write(_("Loading demo data"))
        for kind, number in counts.items():
            # The loaders name what they count in English, marked for translation.
            new = _("%(number)6s new") % {"number": number}
            self.stdout.write(f"  {padded(_(kind), 24)} {new}")
