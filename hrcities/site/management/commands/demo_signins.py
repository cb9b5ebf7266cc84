from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.core.commands import TranslatedCommand, padded
from hrcities.site.demo import DEMO_USERS


class Command(TranslatedCommand):
    help = gettext_lazy("Print the demo sign-ins created by load_demo in development.")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(_("Demo sign-ins (user name / password):"))
        for user in DEMO_USERS:
            self.stdout.write(
                f"  {padded(user.username, 18)} {padded(user.password, 16)} {_(user.description)}"
            )
