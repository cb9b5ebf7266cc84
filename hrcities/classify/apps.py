from django.apps import AppConfig


class ClassifyConfig(AppConfig):
    name = "hrcities.classify"
    label = "classify"

    def ready(self) -> None:
        # Every app's `classify.py` registers its taggable kinds (see registry.register);
        # the kinds of apps without one are registered here.
        from django.utils.module_loading import autodiscover_modules

        from .registrations import register_platform_kinds

        register_platform_kinds()
        autodiscover_modules("classify")
