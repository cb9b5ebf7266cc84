"""How a city groups and breaks down its indicators: its domains, and the dimensions of its
own (CSV columns beside the shared sex, age group, ...). The city's editors keep both;
neither is deleted while indicators or values use it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hrcities.accounts.permissions import require_create_in, require_edit, require_network_admin
from hrcities.core.dependants import refuse_deletion
from hrcities.core.models import AuditEntry
from hrcities.core.services import audit, create_record, delete_record, update_record

from .models import Dimension, Domain, Observation

# --- domains -----------------------------------------------------------------------------


def _slug_taken(city: Any, slug: str) -> ValidationError:
    return ValidationError(
        {"slug": _("%(city)s already has a domain “%(slug)s”.") % {"city": city, "slug": slug}}
    )


@transaction.atomic
def add_domain(
    city: Any, *, by: Any, slug: str, names: dict[str, str], position: int = 0
) -> Domain:
    """Add a domain (a group of indicators) to a city the user edits."""
    if by is not None:
        require_create_in(by, city=city)
    if Domain.objects.filter(city=city, slug=slug).exists():
        raise ValidationError(
            {"slug": _("%(city)s already has a domain “%(slug)s”.") % {"city": city, "slug": slug}}
        )
    return create_record(Domain, by=by, city=city, slug=slug, names=names, position=position)


DOMAIN_FIELDS = {"slug", "names", "position"}


def update_domain(
    domain: Domain, changes: dict[str, Any], *, by: Any, based_on_version: int | None
) -> Domain:
    """Change a domain's names, code or place in the list."""
    require_edit(by, domain)
    fixed = set(changes) - DOMAIN_FIELDS
    if fixed:
        raise ValidationError({name: _("A domain stays with its city.") for name in fixed})
    slug = changes.get("slug", domain.slug)
    if Domain.objects.filter(city=domain.city_id, slug=slug).exclude(pk=domain.pk).exists():
        raise ValidationError(
            {
                "slug": _("%(city)s already has a domain “%(slug)s”.")
                % {"city": domain.city, "slug": slug}
            }
        )
    return update_record(domain, changes, by=by, based_on_version=based_on_version)


def domain_dependants(domain: Domain) -> list[str]:
    """Return what keeps a domain from being deleted: the indicators in it."""
    count = domain.indicators.count()
    if not count:
        return []
    return [
        ngettext("%(n)s indicator uses this domain.", "%(n)s indicators use this domain.", count)
        % {"n": count}
    ]


@transaction.atomic
def delete_domain(domain: Domain, *, by: Any) -> None:
    """Delete a domain no indicator is in (its last state stays in the revisions)."""
    require_edit(by, domain)
    refuse_deletion(domain, domain_dependants(domain))
    delete_record(domain, by=by)


# --- dimensions --------------------------------------------------------------------------

# Columns of a tidy CSV file that are not dimensions (see exchange.py).
RESERVED_COLUMNS = {"Indicator", "Year", "Period", "Units", "Value", "Source", "Note"}


def _check_column(city: Any, column: str, *, other_than: Dimension | None = None) -> str:
    column = column.strip()
    taken = Dimension.objects.for_city(city).filter(column__iexact=column)
    if other_than is not None:
        taken = taken.exclude(pk=other_than.pk)
    if taken.exists() or column in RESERVED_COLUMNS:
        raise ValidationError({"column": _("The column “%(c)s” is taken.") % {"c": column}})
    return column


@transaction.atomic
def add_dimension(
    city: Any,
    *,
    by: Any,
    slug: str,
    column: str,
    names: dict[str, str],
    values: list[str] | None = None,
) -> Dimension:
    """Add a way for one city to break its indicators down (a CSV column of its own)."""
    if by is not None:
        require_create_in(by, city=city)
    if Dimension.objects.for_city(city).filter(slug=slug).exists():
        raise ValidationError({"slug": _("The code “%(slug)s” is taken.") % {"slug": slug}})
    dimension = Dimension(
        city=city, slug=slug, column=_check_column(city, column), names=names, values=values or []
    )
    dimension.full_clean()
    dimension.save()
    audit(AuditEntry.Action.RECORD_CREATED, by=by, target=dimension)
    return dimension


def _values_in_use(dimension: Dimension) -> Any:
    """Return the values broken down by a dimension (a city's own: that city's values)."""
    values = Observation.objects.filter(disaggregation__has_key=dimension.slug)
    return values.filter(indicator__city=dimension.city_id) if dimension.city_id else values


def _require_city_dimension(by: Any, dimension: Dimension) -> None:
    """The shared dimensions serve every city: only their own are the city editors'."""
    if dimension.city is None:
        require_network_admin(by)
    else:
        require_edit(by, dimension.city)


DIMENSION_FIELDS = ("column", "names", "values", "value_names")


@transaction.atomic
def update_dimension(dimension: Dimension, changes: dict[str, Any], *, by: Any) -> Dimension:
    """Change a dimension's column, names or values, refusing to drop a value in use."""
    _require_city_dimension(by, dimension)
    unknown = set(changes) - set(DIMENSION_FIELDS)
    if unknown:
        raise ValidationError(
            {name: _("A dimension keeps its code: values are stored under it.") for name in unknown}
        )
    dimension = Dimension.objects.select_for_update().get(pk=dimension.pk)
    if "column" in changes:
        changes["column"] = _check_column(dimension.city, changes["column"], other_than=dimension)
    if "values" in changes and changes["values"]:
        dropped = set(dimension.values or []) - set(changes["values"])
        in_use = sorted(
            value
            for value in dropped
            if _values_in_use(dimension)
            .filter(**{f"disaggregation__{dimension.slug}": value})
            .exists()
        )
        if in_use:
            raise ValidationError(
                {
                    "values": _("Values still in use cannot be removed: %(v)s.")
                    % {"v": ", ".join(in_use)}
                }
            )
    before = {name: getattr(dimension, name) for name in DIMENSION_FIELDS}
    for name, value in changes.items():
        setattr(dimension, name, value)
    dimension.full_clean()
    changed = sorted(name for name in DIMENSION_FIELDS if getattr(dimension, name) != before[name])
    if changed:
        dimension.save(update_fields=changed)
        audit(
            AuditEntry.Action.RECORD_UPDATED,
            by=by,
            target=dimension,
            details={"fields": changed, "before": {name: before[name] for name in changed}},
        )
    return dimension


def dimension_dependants(dimension: Dimension) -> list[str]:
    """Return what keeps a dimension from being deleted: the values broken down by it."""
    count = _values_in_use(dimension).count()
    if not count:
        return []
    return [
        ngettext(
            "%(n)s value is broken down by this dimension.",
            "%(n)s values are broken down by this dimension.",
            count,
        )
        % {"n": count}
    ]


@transaction.atomic
def delete_dimension(dimension: Dimension, *, by: Any) -> None:
    """Delete a dimension no value is broken down by."""
    _require_city_dimension(by, dimension)
    refuse_deletion(dimension, dimension_dependants(dimension))
    audit(
        AuditEntry.Action.RECORD_DELETED,
        by=by,
        target=dimension,
        details={name: getattr(dimension, name) for name in ("slug", *DIMENSION_FIELDS)},
    )
    dimension.delete()
