from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "hrcities.archive"
    label = "archive"

    def ready(self) -> None:
        from hrcities.accounts.twofactor.requirement import register_restricted_keeping

        from .signin import keeps_restricted_records

        register_restricted_keeping(keeps_restricted_records)
