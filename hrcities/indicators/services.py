"""Writes for indicators, their definitions and observations (one transaction each)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hrcities.accounts.permissions import require_create_in, require_edit
from hrcities.core.models import AuditEntry
from hrcities.core.services import audit, create_record, delete_record, update_record

from .models import (
    FIRST_YEAR,
    Dimension,
    Indicator,
    IndicatorDefinition,
    Observation,
    disaggregation_key,
)


def clean_disaggregation(city: Any, disaggregation: dict[str, str] | None) -> dict[str, str]:
    """Return a disaggregation {dimension slug: value} checked against the city's dimensions.

    Empty values are dropped (an empty cell is the total); raise naming every unknown
    dimension or value.
    """
    dimensions = {d.slug: d for d in Dimension.objects.for_city(city)}
    cleaned: dict[str, str] = {}
    errors: list[str] = []
    for slug, raw in (disaggregation or {}).items():
        value = (raw or "").strip()
        if not value:
            continue
        dimension = dimensions.get(slug)
        if dimension is None:
            errors.append(_("Unknown dimension “%(d)s”.") % {"d": slug})
        elif dimension.values and value not in dimension.values:
            errors.append(
                _("“%(v)s” is not a value of %(d)s (use %(known)s).")
                % {"v": value, "d": dimension.name, "known": ", ".join(dimension.values)}
            )
        else:
            cleaned[slug] = value
    if errors:
        raise ValidationError({"disaggregation": errors})
    return cleaned


# --- indicators -----------------------------------------------------------------------

LINKS = ("sdg_indicators", "commitments", "actions")


def _check_links(city: Any, values: dict[str, Any]) -> None:
    actions = values.get("actions") or []
    foreign = [a for a in actions if a.city_id != city.pk]
    if foreign:
        raise ValidationError(
            {"actions": _("These actions belong to another city: %(a)s.") % {"a": foreign}}
        )


@transaction.atomic
def define_indicator(
    *,
    by: Any,
    city: Any,
    formula: str,
    formula_ko: str = "",
    from_year: int | None = None,
    tags: list[str] | None = None,
    **values: Any,
) -> Indicator:
    """Add an indicator to a city the user edits, with its first definition version."""
    if by is not None:
        require_create_in(by, city=city)
    if not formula.strip():
        raise ValidationError({"formula": _("Say how the indicator is measured.")})
    _check_links(city, values)
    indicator = create_record(Indicator, by=by, city=city, **values)
    IndicatorDefinition.objects.create(
        indicator=indicator,
        number=1,
        formula=formula.strip(),
        formula_ko=formula_ko.strip(),
        unit=indicator.unit,
        unit_ko=indicator.unit_ko,
        from_year=from_year,
        created_by=_user(by),
    )
    if tags is not None:
        from hrcities.taxonomy.tags import set_accepted_tags

        set_accepted_tags(indicator, tags, by=by)
    return indicator


@transaction.atomic
def revise_indicator(
    indicator: Indicator,
    changes: dict[str, Any],
    *,
    by: Any,
    based_on_version: int | None,
    formula: str | None = None,
    formula_ko: str | None = None,
    from_year: int | None = None,
    reason: str = "",
    reason_ko: str = "",
    tags: list[str] | None = None,
) -> Indicator:
    """Change an indicator; a new formula or unit starts a new definition version.

    Observations already recorded keep the version they were measured under; new ones
    take the version in force for their year (see Indicator.definition_for_year). A new
    Korean formula or unit alone is a translation of the same method: the current
    version takes it. `formula_ko` None keeps the Korean formula while the formula stays.
    """
    require_edit(by, indicator)
    if "city" in changes and changes["city"] != indicator.city:
        raise PermissionDenied(_("An indicator stays with its city; define it in the other city."))
    _check_links(indicator.city, changes)
    current = indicator.current_definition
    updated = update_record(indicator, changes, by=by, based_on_version=based_on_version)
    new_formula = formula.strip() if formula is not None else (current.formula if current else "")
    if not new_formula:
        raise ValidationError({"formula": _("Say how the indicator is measured.")})
    kept_korean = current.formula_ko if current and new_formula == current.formula else ""
    new_formula_ko = formula_ko.strip() if formula_ko is not None else kept_korean
    if current is None or new_formula != current.formula or updated.unit != current.unit:
        number = (current.number if current else 0) + 1
        if current is not None and from_year is not None and current.from_year is not None:
            if from_year < current.from_year:
                raise ValidationError(
                    {
                        "from_year": _(
                            "Version %(n)s is in force from %(y)s; a new version cannot "
                            "start earlier."
                        )
                        % {"n": current.number, "y": current.from_year}
                    }
                )
        definition = IndicatorDefinition.objects.create(
            indicator=updated,
            number=number,
            formula=new_formula,
            formula_ko=new_formula_ko,
            unit=updated.unit,
            unit_ko=updated.unit_ko,
            from_year=from_year,
            reason=reason.strip(),
            reason_ko=reason_ko.strip(),
            created_by=_user(by),
        )
        indicator._current_definition = updated._current_definition = definition
        audit(
            AuditEntry.Action.RECORD_UPDATED,
            by=by,
            target=updated,
            details={"definition": number, "from_year": from_year},
        )
    elif (new_formula_ko, updated.unit_ko) != (current.formula_ko, current.unit_ko):
        _translate_definition(current, new_formula_ko, updated.unit_ko, by=by, target=updated)
    if tags is not None:
        from hrcities.taxonomy.tags import set_accepted_tags

        set_accepted_tags(updated, tags, by=by)
    return updated


def _translate_definition(
    definition: IndicatorDefinition, formula_ko: str, unit_ko: str, *, by: Any, target: Indicator
) -> None:
    definition.formula_ko, definition.unit_ko = formula_ko, unit_ko
    definition.save(update_fields=["formula_ko", "unit_ko"])
    audit(
        AuditEntry.Action.RECORD_UPDATED,
        by=by,
        target=target,
        details={"definition": definition.number, "translated": ["formula_ko", "unit_ko"]},
    )


@transaction.atomic
def delete_indicator(indicator: Indicator, *, by: Any) -> None:
    """Delete an indicator with its observations (kept in the revisions)."""
    require_edit(by, indicator)
    for observation in indicator.observations.all():
        delete_record(observation, by=by)
    delete_record(indicator, by=by)


# --- observations ---------------------------------------------------------------------


def _check_year(year: int) -> None:
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= int(year) <= this_year:
        raise ValidationError(
            {
                "year": _("Give a year from %(first)s to %(last)s: values are for years gone by.")
                % {"first": FIRST_YEAR, "last": this_year}
            }
        )


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


@transaction.atomic
def record_observation(
    indicator: Indicator,
    *,
    by: Any,
    year: int,
    value: Decimal | int | float | str,
    period: str = "",
    unit: str = "",
    unit_ko: str = "",
    source: str = "",
    source_ko: str = "",
    note: str = "",
    note_ko: str = "",
    disaggregation: dict[str, str] | None = None,
    is_demo: bool = False,
) -> Observation:
    """Record an indicator's value for a year (and group); refuse a second value for them."""
    if by is not None:
        require_edit(by, indicator)
    _check_year(year)
    groups = clean_disaggregation(indicator.city, disaggregation)
    period = period.strip()
    if Observation.objects.filter(
        indicator=indicator, year=year, period=period, disaggregation_key=disaggregation_key(groups)
    ).exists():
        raise ValidationError(
            {
                "year": _("There is already a value for %(year)s%(group)s: edit that one instead.")
                % {"year": year, "group": _describe_group(indicator.city, groups)}
            }
        )
    definition = indicator.definition_for_year(int(year))
    if definition is None:
        raise ValidationError(_("This indicator has no definition yet."))
    own_unit, own_unit_ko = _own_unit(indicator, unit, unit_ko)
    return create_record(
        Observation,
        by=by,
        indicator=indicator,
        definition=definition,
        year=year,
        period=period,
        value=Decimal(str(value)),
        unit=own_unit,
        unit_ko=own_unit_ko,
        source=source.strip(),
        source_ko=source_ko.strip(),
        note=note.strip(),
        note_ko=note_ko.strip(),
        disaggregation=groups,
        is_demo=is_demo,
    )


@transaction.atomic
def update_observation(
    observation: Observation, changes: dict[str, Any], *, by: Any, based_on_version: int | None
) -> Observation:
    """Change an observation's value, unit, source, note, year or group."""
    require_edit(by, observation)
    changes = dict(changes)
    if "year" in changes:
        _check_year(changes["year"])
    if "disaggregation" in changes:
        changes["disaggregation"] = clean_disaggregation(
            observation.indicator.city, changes["disaggregation"]
        )
    if "value" in changes:
        changes["value"] = Decimal(str(changes["value"]))
    if "unit" in changes or "unit_ko" in changes:
        unit = changes.get("unit", observation.unit)
        # The Korean of the unit the value had says nothing of another unit.
        kept = observation.unit_ko if (unit or "").strip() == observation.unit else ""
        changes["unit"], changes["unit_ko"] = _own_unit(
            observation.indicator, unit, changes.get("unit_ko", kept)
        )
    for key in ("indicator", "definition"):
        if key in changes and changes[key] != getattr(observation, key):
            raise ValidationError({key: _("An observation stays with its indicator and version.")})
    return update_record(observation, changes, by=by, based_on_version=based_on_version)


@transaction.atomic
def delete_observation(observation: Observation, *, by: Any) -> None:
    """Delete an observation; its last state stays in the revisions."""
    require_edit(by, observation)
    delete_record(observation, by=by)


def _own_unit(indicator: Indicator, unit: str, unit_ko: str) -> tuple[str, str]:
    """Return a value's own unit and its Korean; ("", "") when it is the indicator's."""
    unit, unit_ko = (unit or "").strip(), (unit_ko or "").strip()
    if unit == indicator.unit and unit_ko in ("", indicator.unit_ko):
        return "", ""
    return unit, unit_ko


def _describe_group(city: Any, groups: dict[str, str]) -> str:
    if not groups:
        return ""
    names = {d.slug: d.name for d in Dimension.objects.for_city(city)}
    return " (" + ", ".join(f"{names.get(k, k)}: {v}" for k, v in sorted(groups.items())) + ")"
