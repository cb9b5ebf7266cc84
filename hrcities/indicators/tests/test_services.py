"""Defining and revising indicators, recording observations, and who may do it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hrcities.core.models import Revision
from hrcities.core.services import EditConflict
from hrcities.indicators import groupings, services
from hrcities.indicators.models import Indicator

from .factories import make_domain, make_indicator, observe

pytestmark = pytest.mark.django_db


def test_defining_an_indicator_stores_its_first_definition(gwangju, gwangju_editor):
    indicator = services.define_indicator(
        by=gwangju_editor,
        city=gwangju,
        code="1-1",
        names={"en": "Voter turnout", "ko": "투표율"},
        unit="%",
        formula="Votes cast / registered voters × 100",
        domain=make_domain(gwangju),
    )
    assert indicator.current_definition.number == 1
    assert indicator.formula == "Votes cast / registered voters × 100"
    assert indicator.current_definition.unit == "%"


def test_changing_the_formula_starts_a_new_version_and_old_values_keep_theirs(
    gwangju, gwangju_editor
):
    indicator = make_indicator(gwangju)
    old = observe(indicator, 2020, 40)
    services.revise_indicator(
        indicator,
        {},
        by=gwangju_editor,
        based_on_version=indicator.version,
        formula="A new way to count",
        from_year=2022,
        reason="The survey changed.",
    )
    indicator.refresh_from_db()
    assert indicator.current_definition.number == 2
    assert indicator.current_definition.reason == "The survey changed."
    old.refresh_from_db()
    assert old.definition.number == 1
    # New values take the version in force for their year.
    assert observe(indicator, 2021, 41).definition.number == 1
    assert observe(indicator, 2023, 43).definition.number == 2


def test_changing_the_unit_starts_a_new_version(gwangju, gwangju_editor):
    indicator = make_indicator(gwangju)
    services.revise_indicator(
        indicator, {"unit": "per 1,000"}, by=gwangju_editor, based_on_version=indicator.version
    )
    assert indicator.definitions.count() == 2
    assert indicator.current_definition.unit == "per 1,000"


def test_changing_other_fields_keeps_the_definition(gwangju, gwangju_editor):
    indicator = make_indicator(gwangju)
    services.revise_indicator(
        indicator,
        {"data_owner": "Welfare Policy Division"},
        by=gwangju_editor,
        based_on_version=indicator.version,
        formula=indicator.formula,
    )
    assert indicator.definitions.count() == 1
    indicator.refresh_from_db()
    assert indicator.data_owner == "Welfare Policy Division"
    assert indicator.version == 2


def test_a_new_version_cannot_start_before_the_current_one(gwangju, gwangju_editor):
    indicator = make_indicator(gwangju)
    services.revise_indicator(
        indicator, {}, by=gwangju_editor, based_on_version=1, formula="v2", from_year=2022
    )
    with pytest.raises(ValidationError):
        services.revise_indicator(
            indicator, {}, by=gwangju_editor, based_on_version=1, formula="v3", from_year=2020
        )
    assert indicator.definitions.count() == 2


def test_a_stale_edit_is_refused(gwangju, gwangju_editor):
    indicator = make_indicator(gwangju)
    services.revise_indicator(indicator, {"unit": "‰"}, by=gwangju_editor, based_on_version=1)
    with pytest.raises(EditConflict):
        services.revise_indicator(
            indicator, {"data_owner": "x"}, by=gwangju_editor, based_on_version=1
        )


def test_a_second_value_for_the_same_year_and_group_is_refused(gwangju):
    indicator = make_indicator(gwangju)
    observe(indicator, 2022, 10)
    observe(indicator, 2022, 11, disaggregation={"sex": "Female"})
    with pytest.raises(ValidationError, match="already a value for 2022"):
        observe(indicator, 2022, 12)
    with pytest.raises(ValidationError, match="Female"):
        observe(indicator, 2022, 12, disaggregation={"sex": "Female"})


def test_values_for_years_to_come_are_refused(gwangju):
    indicator = make_indicator(gwangju)
    next_year = timezone.localdate().year + 1
    with pytest.raises(ValidationError, match="years gone by"):
        observe(indicator, next_year, 1)
    with pytest.raises(ValidationError):
        observe(indicator, 1899, 1)


def test_unknown_dimensions_and_values_are_refused(gwangju):
    indicator = make_indicator(gwangju)
    with pytest.raises(ValidationError, match="Unknown dimension"):
        observe(indicator, 2022, 1, disaggregation={"religion": "x"})
    with pytest.raises(ValidationError, match="not a value of Sex"):
        observe(indicator, 2022, 1, disaggregation={"sex": "F"})
    # Open dimensions take any value; an empty cell is the total.
    row = observe(indicator, 2022, 1, disaggregation={"district": "Buk-gu", "sex": ""})
    assert row.disaggregation == {"district": "Buk-gu"}
    assert row.disaggregation_key == "district=Buk-gu"


def test_a_city_can_add_its_own_dimension(gwangju, busan, gwangju_editor):
    groupings.add_dimension(
        gwangju, by=gwangju_editor, slug="tenure", column="Housing tenure", names={"en": "Tenure"}
    )
    gwangju_indicator = make_indicator(gwangju)
    busan_indicator = make_indicator(busan)
    assert observe(gwangju_indicator, 2022, 1, disaggregation={"tenure": "Renting"})
    with pytest.raises(ValidationError):
        observe(busan_indicator, 2022, 1, disaggregation={"tenure": "Renting"})
    with pytest.raises(ValidationError, match="taken"):
        groupings.add_dimension(
            gwangju, by=gwangju_editor, slug="sex2", column="Sex", names={"en": "Sex"}
        )


def test_observations_keep_revisions_and_can_be_edited_and_deleted(gwangju, gwangju_editor):
    indicator = make_indicator(gwangju)
    row = observe(indicator, 2022, 10)
    services.update_observation(
        row, {"value": "10.5", "source": "Survey"}, by=gwangju_editor, based_on_version=1
    )
    row.refresh_from_db()
    assert row.value == Decimal("10.5")
    services.delete_observation(row, by=gwangju_editor)
    assert not indicator.observations.exists()
    kept = Revision.objects.filter(object_repr__startswith=indicator.code).values_list(
        "action", flat=True
    )
    assert set(kept) >= {"create", "update", "delete"}


def test_an_editor_of_another_city_can_neither_define_nor_record(gwangju, busan_editor):
    with pytest.raises(PermissionDenied):
        services.define_indicator(
            by=busan_editor, city=gwangju, code="X", names={"en": "X"}, unit="%", formula="f"
        )
    indicator = make_indicator(gwangju)
    with pytest.raises(PermissionDenied):
        services.record_observation(indicator, by=busan_editor, year=2022, value=1)
    row = observe(indicator, 2022, 1)
    with pytest.raises(PermissionDenied):
        services.update_observation(row, {"value": 2}, by=busan_editor, based_on_version=1)
    with pytest.raises(PermissionDenied):
        services.delete_observation(row, by=busan_editor)
    with pytest.raises(PermissionDenied):
        services.revise_indicator(indicator, {"unit": "x"}, by=busan_editor, based_on_version=1)


def test_readers_see_published_indicators_and_editors_their_drafts(
    gwangju, busan, gwangju_editor, busan_editor, reader
):
    published = make_indicator(gwangju)
    draft = make_indicator(gwangju, is_published=False)
    assert list(Indicator.objects.visible_to(reader)) == [published]
    assert set(Indicator.objects.visible_to(gwangju_editor)) == {published, draft}
    assert list(Indicator.objects.visible_to(busan_editor)) == [published]


def test_baseline_and_target_need_year_and_value_together(gwangju):
    with pytest.raises(ValidationError) as refused:
        make_indicator(gwangju, baseline_year=2020, target_value=Decimal("5"))
    assert set(refused.value.message_dict) == {"baseline_value", "target_year"}
