from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hrcities.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (sign-in auditing)
