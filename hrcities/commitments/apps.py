from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "hrcities.commitments"
    label = "commitments"

    def ready(self) -> None:
        from hrcities.network.sections import register_city_section

        from .pages import city_section

        register_city_section(
            city_section,
            position=10,
            title=_("Actions on the commitments"),
            anchor="city-actions-heading",
            head="commitments/_extra_head.html",
        )
