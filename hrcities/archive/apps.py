from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "hrcities.archive"
    label = "archive"

    def ready(self) -> None:
        from hrcities.accounts.twofactor.requirement import register_restricted_keeping
        from hrcities.network.sections import register_city_section

        from .pages import city_section
        from .signin import keeps_restricted_records

        register_restricted_keeping(keeps_restricted_records)
        register_city_section(
            city_section,
            position=30,
            title=_("Memory archive"),
            anchor="city-archive-heading",
            head="archive/_city_head.html",
        )
