"""Lists a city may extend: entries without a city serve every city, a city adds its own.

The education network's teaching methods and the emergency measures' emergencies share
these rules: a city's editors keep the city's own entries, network admins also keep the
shared ones, no name is given twice within what one city sees, and an entry still used by
a record is not deleted (the caller says how many use it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.accounts.permissions import require_create_in, require_edit, require_network_admin
from hrcities.core.dependants import refuse_deletion
from hrcities.core.forms import CheckedTextForm
from hrcities.core.models import AuditEntry
from hrcities.core.services import audit

LANGUAGES = ("en", "ko")


class EntryForm(CheckedTextForm):
    name_en = forms.CharField(label=gettext_lazy("Name in English"), max_length=200)
    name_ko = forms.CharField(
        label=gettext_lazy("Name in Korean"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"lang": "ko"}),
    )

    @classmethod
    def initial_for(cls, entry: Any) -> dict[str, Any]:
        return {f"name_{code}": entry.names.get(code, "") for code in LANGUAGES}

    def changes(self) -> dict[str, Any]:
        names = {code: self.cleaned_data[f"name_{code}"].strip() for code in LANGUAGES}
        return {"names": {code: name for code, name in names.items() if name}}


def entries_for(model: type[models.Model], city: Any) -> Any:
    """Return the shared entries and the city's own."""
    return model.objects.filter(Q(city__isnull=True) | Q(city=city))


def require_keeper(by: Any, entry: Any) -> None:
    """The shared entries serve every city: only network admins change them."""
    if entry.city_id is None:
        require_network_admin(by)
    else:
        require_edit(by, entry.city)


def _clean_names(names: dict[str, Any]) -> dict[str, str]:
    cleaned = {code: str(names.get(code) or "").strip() for code in LANGUAGES}
    if not cleaned["en"]:
        raise ValidationError({"name_en": _("Give the name in English.")})
    return {code: name for code, name in cleaned.items() if name}


def _check_names(model: Any, city: Any, names: dict[str, str], other_than: Any = None) -> None:
    """Refuse a name the city already sees (its own or a shared one); a shared entry's name
    may be in no city's list, since every city sees it."""
    scope = entries_for(model, city) if city is not None else model.objects.all()
    if other_than is not None:
        scope = scope.exclude(pk=other_than.pk)
    errors = {}
    for code, name in names.items():
        for entry in scope:
            if str(entry.names.get(code, "")).strip().casefold() == name.casefold():
                message = (
                    _("“%(name)s” is already in the list, shared by every city.")
                    if entry.city_id is None
                    else _("“%(name)s” is already in the list.")
                )
                errors[f"name_{code}"] = message % {"name": name}
                break
    if errors:
        raise ValidationError(errors)


def _free_slug(model: Any, names: dict[str, str]) -> str:
    base = (slugify(names["en"]) or "entry")[:50]
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def add_entry(model: Any, city: Any, *, by: Any, names: dict[str, Any], **extra: Any) -> Any:
    """Add an entry to a city's list (`city=None`: a shared one, network admins only)."""
    if city is None:
        require_network_admin(by)
    elif by is not None:
        require_create_in(by, city=city)
    names = _clean_names(names)
    _check_names(model, city, names)
    last = model.objects.filter(city=city).order_by("-position").first()
    entry = model(
        city=city,
        slug=_free_slug(model, names),
        names=names,
        position=(last.position + 1) if last else 100,
        **extra,
    )
    entry.full_clean()
    entry.save()
    audit(AuditEntry.Action.RECORD_CREATED, by=by, target=entry, details={"names": names})
    return entry


@transaction.atomic
def rename_entry(entry: Any, *, by: Any, names: dict[str, Any]) -> Any:
    """Change an entry's names (its code stays: exports and imports name it by the code)."""
    require_keeper(by, entry)
    names = _clean_names(names)
    _check_names(type(entry), entry.city, names, other_than=entry)
    before = dict(entry.names)
    if names != before:
        entry.names = names
        entry.save(update_fields=["names"])
        audit(
            AuditEntry.Action.RECORD_UPDATED,
            by=by,
            target=entry,
            details={"fields": ["names"], "before": {"names": before}},
        )
    return entry


@transaction.atomic
def delete_entry(entry: Any, *, by: Any, dependants: Callable[[Any], list[str]]) -> None:
    """Delete an entry no record uses."""
    require_keeper(by, entry)
    refuse_deletion(entry, dependants(entry))
    audit(
        AuditEntry.Action.RECORD_DELETED,
        by=by,
        target=entry,
        details={"slug": entry.slug, "names": entry.names},
    )
    entry.delete()
