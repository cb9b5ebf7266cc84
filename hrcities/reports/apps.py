from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "hrcities.reports"
    label = "reports"
    verbose_name = _("Human rights reports")

    def ready(self) -> None:
        from hrcities.network.sections import register_city_section

        from .pages import city_section

        register_city_section(
            city_section,
            position=20,
            title=_("Indicators and the annual report"),
            anchor="city-indicators-heading",
            head="reports/_city_head.html",
        )
