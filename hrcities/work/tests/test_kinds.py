"""Each kind of work lists what waits for the person it concerns, and nothing of
another city or of what the person may not read."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hrcities.access.tiers import Publication
from hrcities.archive.services import publish, submit_for_review, update_archive_record
from hrcities.archive.tests.factories import give_consent, make_item
from hrcities.commitments.tests.factories import make_action, make_declaration
from hrcities.education.tests.factories import make_programme
from hrcities.emergency.tests.factories import make_measure
from hrcities.indicators.tests.factories import make_indicator, observe
from hrcities.taxonomy.models import SdgGoal
from hrcities.taxonomy.tags import record_suggestions
from hrcities.work.registry import kind_named

from .factories import person, titles

pytestmark = pytest.mark.django_db


def draft(city, title, **overrides):
    return make_item(city, titles={"en": title}, publication=Publication.DRAFT, **overrides)


def test_a_submitted_record_waits_for_its_own_citys_reviewers_only(
    gwangju, busan, contributor, gwangju_editor, busan_editor, admin
):
    reviewer = person("reviewer", "reviewer", city=gwangju)
    item = draft(gwangju, "Letters from the Provincial Office")
    submit_for_review(item, by=contributor)
    draft(gwangju, "Still a draft")

    assert titles("review", reviewer) == ["Letters from the Provincial Office"]
    assert titles("review", gwangju_editor) == ["Letters from the Provincial Office"]
    assert titles("review", admin) == ["Letters from the Provincial Office"]
    assert titles("review", busan_editor) == []
    assert titles("review", contributor) == []  # contributors submit; reviewers decide


def test_programmes_and_measures_submitted_wait_too(gwangju, gwangju_editor, contributor):
    programme = make_programme(gwangju, titles={"en": "Rights at work"}, publication="draft")
    measure = make_measure(gwangju, titles={"en": "Curfew order"}, publication="draft")
    submit_for_review(programme, by=contributor)
    submit_for_review(measure, by=contributor)

    assert sorted(titles("review", gwangju_editor)) == ["Curfew order", "Rights at work"]
    count = kind_named("review").count_for(gwangju_editor, timezone.localdate())
    assert count == 2


def test_a_redacted_title_stays_redacted_on_the_page_of_work(gwangju, contributor):
    from hrcities.archive.services import redact_phrase

    keeper = person("keeper", "reviewer", city=gwangju)
    item = draft(gwangju, "Letter of Park Secret")
    redact_phrase(item, by=keeper, field="title", language="en", phrase="Park Secret")
    submit_for_review(item, by=contributor)

    # Keepers read what is withheld; the title they are shown is the record's own.
    assert titles("review", keeper) == ["Letter of Park Secret"]


def test_the_submitter_hears_of_the_decision_and_no_one_else(gwangju, contributor, gwangju_editor):
    published = draft(gwangju, "Published letter")
    returned = draft(gwangju, "Returned letter")
    for item in (published, returned):
        submit_for_review(item, by=contributor)
    publish(published, by=gwangju_editor)
    returned.refresh_from_db()
    update_archive_record(
        returned, {"publication": Publication.DRAFT}, by=gwangju_editor, based_on_version=None
    )

    items = kind_named("decided").items(contributor, timezone.localdate())
    assert sorted((i.title, i.note) for i in items) == [
        ("Published letter", "published"),
        ("Returned letter", "sent back to draft"),
    ]
    assert titles("decided", gwangju_editor) == []


def test_a_decision_on_a_record_the_submitter_may_no_longer_read_names_nothing(
    gwangju, contributor, gwangju_editor
):
    item = draft(gwangju, "Restricted Sentinel", access="restricted")
    submit_for_review(item, by=contributor)
    publish(item, by=gwangju_editor)

    [decided] = kind_named("decided").items(contributor, timezone.localdate())

    assert "Sentinel" not in decided.title and decided.url == ""


def test_consents_due_within_thirty_days_or_past_wait_for_the_keepers(
    gwangju, busan, gwangju_editor, busan_editor
):
    today = timezone.localdate()
    soon = give_consent(
        make_item(gwangju, titles={"en": "Due soon"}), "archive", reconsent_due=today
    )
    give_consent(
        make_item(gwangju, titles={"en": "Past due"}),
        "archive",
        reconsent_due=today - timedelta(days=3),
    )
    give_consent(
        make_item(gwangju, titles={"en": "Far off"}),
        "archive",
        reconsent_due=today + timedelta(days=90),
    )
    renewed = make_item(gwangju, titles={"en": "Renewed"})
    old = give_consent(renewed, "archive", given_on=today - timedelta(days=700))
    old.reconsent_due = today - timedelta(days=10)
    old.save()
    give_consent(renewed, "archive", given_on=today)

    assert titles("consents", gwangju_editor) == ["Past due", "Due soon"]
    assert titles("consents", busan_editor) == []
    assert soon.item.title == "Due soon"


def test_embargoes_ending_within_thirty_days(gwangju, gwangju_editor, busan_editor):
    today = timezone.localdate()
    make_item(
        gwangju,
        titles={"en": "Opens soon"},
        access="embargoed",
        embargo_until=today + timedelta(days=10),
    )
    make_item(
        gwangju,
        titles={"en": "Opens next year"},
        access="embargoed",
        embargo_until=today + timedelta(days=365),
    )

    assert titles("embargoes", gwangju_editor) == ["Opens soon"]
    assert titles("embargoes", busan_editor) == []


def test_overdue_actions_wait_for_their_citys_editors(gwangju, busan, gwangju_editor, busan_editor):
    commitment = make_declaration().commitments.first()
    today = timezone.localdate()
    make_action(commitment, gwangju, title="Late action", due_date=today - timedelta(days=1))
    make_action(commitment, gwangju, title="Done late", status="completed", due_date=today)
    make_action(commitment, busan, title="Busan late", due_date=today - timedelta(days=5))

    assert titles("actions", gwangju_editor) == ["Late action"]
    assert titles("actions", busan_editor) == ["Busan late"]


def test_missing_indicator_values_of_the_last_full_year(gwangju, busan, gwangju_editor):
    year = timezone.localdate().year - 1
    missing = make_indicator(gwangju, code="GJ-1", names={"en": "Shelters"})
    observe(missing, year - 1, 10)
    done = make_indicator(gwangju, code="GJ-2", names={"en": "Libraries"})
    observe(done, year - 1, 10)
    observe(done, year, 12)
    make_indicator(gwangju, code="GJ-3", names={"en": "Never reported"})
    observe(make_indicator(busan, code="BS-1", names={"en": "Busan"}), year - 1, 1)

    items = kind_named("indicators").items(gwangju_editor, timezone.localdate())

    assert [i.title for i in items] == ["GJ-1 Shelters"]
    assert items[0].key == f"indicator:{missing.pk}:{year}"


def test_tag_suggestions_wait_on_the_citys_records(gwangju, busan, gwangju_editor, busan_editor):
    SdgGoal.objects.update_or_create(number=5, defaults={"titles": {"en": "Gender"}})
    record_suggestions(make_item(gwangju, titles={"en": "Tag me"}), [("sdg:5", 0.9)])
    record_suggestions(make_item(busan, titles={"en": "Busan record"}), [("sdg:5", 0.9)])

    items = kind_named("suggestions").items(gwangju_editor, timezone.localdate())

    assert [(i.title, i.note) for i in items] == [("Tag me", "1 suggestion")]
    assert titles("suggestions", busan_editor) == ["Busan record"]
