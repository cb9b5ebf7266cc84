from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hrcities.core"
    label = "core"
