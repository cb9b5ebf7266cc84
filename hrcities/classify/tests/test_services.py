"""Suggestions are computed after a save, stored apart from accepted tags, and respect
what editors decided."""

import pytest

from hrcities.classify.services import suggest_all, suggest_for_records
from hrcities.commitments.tests.factories import make_action, make_declaration
from hrcities.taxonomy.models import Tagging, TagStatus
from hrcities.taxonomy.tags import decide_suggestion

pytestmark = pytest.mark.django_db

WATER = "Provide safe drinking water and sanitation to every household in informal settlements."


def open_suggestions(record):
    return dict(Tagging.objects.for_record(record).suggested().values_list("label", "score"))


def test_saving_a_record_stores_its_suggestions_after_the_commit(
    suggest_on_save, gwangju, django_capture_on_commit_callbacks
):
    commitment = make_declaration(promises=1).commitments.get()
    with django_capture_on_commit_callbacks(execute=True):
        action = make_action(commitment, gwangju, title="Clean water", description=WATER)
    suggested = open_suggestions(action)
    assert "sdg:6" in suggested
    assert all(0 <= score <= 1 for score in suggested.values())
    assert not Tagging.objects.for_record(action).accepted().exists()


def test_nothing_is_computed_before_the_commit(suggest_on_save, gwangju):
    commitment = make_declaration(promises=1).commitments.get()
    action = make_action(commitment, gwangju, title="Clean water", description=WATER)
    assert open_suggestions(action) == {}


def test_saving_without_suggestions_switched_on_stores_none(
    settings, gwangju, django_capture_on_commit_callbacks
):
    settings.SUGGEST_ON_SAVE = False
    commitment = make_declaration(promises=1).commitments.get()
    with django_capture_on_commit_callbacks(execute=True):
        action = make_action(commitment, gwangju, title="Clean water", description=WATER)
    assert open_suggestions(action) == {}


def test_a_rejected_tag_is_not_suggested_again_and_an_accepted_one_stays(gwangju, admin):
    commitment = make_declaration(promises=1).commitments.get()
    action = make_action(commitment, gwangju, title="Clean water", description=WATER)
    suggest_for_records([action])
    suggested = Tagging.objects.for_record(action).suggested()
    decide_suggestion(suggested.get(label="sdg:6"), action, accept=False, by=admin)
    theme = suggested.get(label__startswith="theme:safe-drinking-water")
    decide_suggestion(theme, action, accept=True, by=admin)

    suggest_all(["commitments.action"])

    statuses = dict(Tagging.objects.for_record(action).values_list("label", "status"))
    assert statuses["sdg:6"] == TagStatus.REJECTED
    assert statuses[theme.label] == TagStatus.ACCEPTED
    assert any(status == TagStatus.SUGGESTED for status in statuses.values())


def test_a_record_without_readable_text_loses_its_open_suggestions(gwangju):
    commitment = make_declaration(promises=1).commitments.get()
    action = make_action(commitment, gwangju, title="Clean water", description=WATER)
    suggest_for_records([action])
    assert open_suggestions(action)
    action.title, action.description = "2024", ""
    suggest_for_records([action])
    assert open_suggestions(action) == {}


def test_archive_items_are_read_as_the_public_reads_them(gwangju):
    from hrcities.archive.tests.factories import make_item
    from hrcities.classify.registry import text_of

    item = make_item(gwangju, titles={"en": "Testimony"}, contact="narrator@example.org")
    assert "narrator@example.org" not in text_of(item)
    assert "Testimony" in text_of(item)
