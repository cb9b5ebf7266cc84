from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "hrcities.search"
    label = "search"

    def ready(self) -> None:
        # Every app's `search.py` registers its record kinds (see registry.register); their
        # signals are connected once all have registered.
        from django.utils.module_loading import autodiscover_modules

        from . import indexing

        autodiscover_modules("search")
        indexing.connect_all()
