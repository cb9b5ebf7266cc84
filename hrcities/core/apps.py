from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hrcities.core"
    label = "core"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from .pagecache import install

        # Every write raises the data version that the public page cache keys on.
        connection_created.connect(install, dispatch_uid="hrcities-page-cache")
