from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "hrcities.archive"
    label = "archive"
