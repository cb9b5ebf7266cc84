from django.apps import AppConfig


class ClassifyConfig(AppConfig):
    name = "hrcities.classify"
    label = "classify"

    def ready(self) -> None:
        # Every app's `classify.py` registers its taggable kinds (see registry.register);
        # the saves of those kinds are watched once all have registered.
        from django.utils.module_loading import autodiscover_modules

        from . import scheduling

        autodiscover_modules("classify")
        scheduling.connect()
