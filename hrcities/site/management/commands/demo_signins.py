from typing import Any

from django.core.management.base import BaseCommand

from hrcities.site.demo import DEMO_USERS


class Command(BaseCommand):
    help = "Print the demo sign-ins created by load_demo in development."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("Demo sign-ins (user name / password):")
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.username:<18} {user.password:<16} {user.description}")
