from django.apps import AppConfig


class WorkConfig(AppConfig):
    """What waits for each person, and the emails that tell them.

    On the top floor beside the site: it reads every domain to find what waits, and no
    app imports it.
    """

    name = "hrcities.work"
    label = "work"

    def ready(self) -> None:
        from . import kinds, signals  # noqa: F401  (each kind registers on import)

        signals.connect()
