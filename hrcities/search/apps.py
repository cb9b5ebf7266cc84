from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "hrcities.search"
    label = "search"

    def ready(self) -> None:
        # Every app's `search.py` registers its record kinds (see registry.register).
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("search")
