"""What a city writes into its annual report itself: the foreword."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrcities.core.models import VersionedModel
from hrcities.indicators.models import YEAR_VALIDATORS

FOREWORD_LANGUAGES = [code for code, _name in settings.LANGUAGES]
FOREWORD_MAX_LENGTH = 20_000


class Foreword(VersionedModel):
    """A city's foreword to its human rights report for one year, in its own words.

    Plain text per language; a blank line starts a new paragraph. The report shows it
    in the report's language, or in the other one when only that one is written.
    """

    city = models.ForeignKey(
        "network.City", on_delete=models.CASCADE, related_name="report_forewords"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    texts = models.JSONField(
        _("foreword"),
        default=dict,
        blank=True,
        help_text=_("Text per language code (en, ko); a blank line starts a paragraph."),
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["city", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["city", "year"], name="one_foreword_per_report")
        ]
        verbose_name = _("report foreword")
        verbose_name_plural = _("report forewords")

    def __str__(self) -> str:
        return str(
            _("Foreword to the %(city)s human rights report %(year)s")
            % {"city": self.city, "year": self.year}
        )

    def get_absolute_url(self) -> str:
        return reverse("reports:report-detail", args=[self.city.slug, self.year]) + "#foreword"

    def scope(self) -> tuple[Any, Any]:
        return (self.city, None)

    def clean(self) -> None:
        super().clean()
        texts = self.texts if isinstance(self.texts, dict) else None
        if texts is None:
            raise ValidationError({"texts": _("Give the foreword as text per language code.")})
        for code, text in texts.items():
            if code not in FOREWORD_LANGUAGES:
                raise ValidationError(
                    {
                        "texts": _("“%(code)s” is not a language of the platform (%(known)s).")
                        % {"code": code, "known": ", ".join(FOREWORD_LANGUAGES)}
                    }
                )
            if not isinstance(text, str):
                raise ValidationError(
                    {"texts": _("The %(code)s text must be text.") % {"code": code}}
                )
            if len(text) > FOREWORD_MAX_LENGTH:
                raise ValidationError(
                    {
                        "texts": _(
                            "The %(code)s text is %(length)s characters long; at most "
                            "%(limit)s fit in a foreword."
                        )
                        % {"code": code, "length": len(text), "limit": FOREWORD_MAX_LENGTH}
                    }
                )

    def text_in(self, language: str) -> tuple[str, str]:
        """Return (language code, text) in `language`, else in another written language."""
        texts = {code: text for code, text in (self.texts or {}).items() if text.strip()}
        for code in (language, *FOREWORD_LANGUAGES):
            if texts.get(code):
                return code, texts[code]
        return "", ""
