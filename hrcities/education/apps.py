from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EducationConfig(AppConfig):
    name = "hrcities.education"
    label = "education"
    verbose_name = _("Education network")

    def ready(self) -> None:
        from hrcities.network.sections import register_city_section

        from .pages import city_section

        register_city_section(
            city_section,
            position=40,
            title=_("Human rights education programmes"),
            anchor="city-education-heading",
            head="education/_extra_head.html",
        )
