from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmergencyConfig(AppConfig):
    name = "hrcities.emergency"
    label = "emergency"
    verbose_name = _("Emergency measures review")

    def ready(self) -> None:
        from hrcities.network.sections import register_city_section

        from .pages import city_section

        register_city_section(
            city_section,
            position=50,
            title=_("Emergency measures"),
            anchor="city-emergency-heading",
            head="emergency/_extra_head.html",
        )
