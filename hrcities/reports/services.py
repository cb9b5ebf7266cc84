"""Writes of the reports app: a city's foreword to its report for a year."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hrcities.accounts.permissions import require_create_in
from hrcities.core.services import create_record, update_record

from .models import Foreword


def foreword_of(city: Any, year: int) -> Foreword | None:
    """Return the city's foreword to its report for `year`, if one was written."""
    return Foreword.objects.filter(city=city, year=year).select_related("city").first()


def save_foreword(
    city: Any, year: int, texts: dict[str, str], *, by: Any, based_on_version: int | None
) -> Foreword:
    """Write or rewrite the city's foreword for `year` (the city's editors).

    The first save creates it; each later one must name the version it was based on, so
    two editors never overwrite each other: 0 says "there was none when I started", and
    is refused as an edit conflict once another editor has written one.
    """
    if by is not None:  # None: the platform itself (demo data, tests)
        require_create_in(by, city=city)
    texts = {code: text.strip() for code, text in texts.items() if text and text.strip()}
    with transaction.atomic():
        current = Foreword.objects.select_for_update().filter(city=city, year=year).first()
        if current is None:
            return create_record(Foreword, by=by, city=city, year=year, texts=texts)
    if based_on_version is None:
        raise ValidationError(
            {
                "version": _(
                    "This report already has a foreword: give the version you edited "
                    "(it is now version %(version)s)."
                )
                % {"version": current.version}
            }
        )
    current.city = city
    return update_record(current, {"texts": texts}, by=by, based_on_version=based_on_version)
