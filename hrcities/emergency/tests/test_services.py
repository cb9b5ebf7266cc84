from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hrcities.access.tiers import Publication
from hrcities.emergency import services
from hrcities.emergency.models import Measure, MeasureChange, Review, ReviewAnswer, Source

from .factories import all_answers, make_measure, make_review


def measure_values(city, emergency, **overrides):
    values = {
        "city": city,
        "applies_in": city,
        "titles": {"en": "Gatherings of more than ten people banned", "ko": "10인 이상 집회 금지"},
        "kind": "order",
        "emergency": emergency,
        "introduced_on": date(2020, 2, 21),
        "in_force_from": date(2020, 2, 22),
        "sunset_on": date(2020, 3, 31),
    }
    values.update(overrides)
    return values


def extend(measure, by, on, new_sunset, **extra):
    return services.record_change(
        measure, by=by, kind="extended", on=on, new_sunset=new_sunset, **extra
    )


def test_an_editor_records_a_measure_with_its_introduction(gwangju_editor, gwangju, covid):
    measure = services.create_measure(by=gwangju_editor, **measure_values(gwangju, covid))

    assert measure.publication == Publication.DRAFT
    assert [(c.kind, c.on) for c in measure.changes.all()] == [("introduced", date(2020, 2, 21))]


def test_a_sunset_before_the_start_is_refused_and_nothing_is_written(
    gwangju_editor, gwangju, covid
):
    with pytest.raises(ValidationError) as error:
        services.create_measure(
            by=gwangju_editor, **measure_values(gwangju, covid, sunset_on=date(2020, 2, 1))
        )

    assert (
        "The sunset is before the day the measure came into force."
        in error.value.message_dict["sunset_on"]
    )
    assert not Measure.objects.exists() and not MeasureChange.objects.exists()


def test_another_citys_editor_may_not_record_gwangjus_measures(busan_editor, gwangju, covid):
    with pytest.raises(PermissionDenied, match="Gwangju"):
        services.create_measure(by=busan_editor, **measure_values(gwangju, covid))


def test_a_contributor_records_a_draft_but_does_not_decide_who_sees_it(contributor, gwangju, covid):
    with pytest.raises(PermissionDenied, match="access"):
        services.create_measure(by=contributor, **measure_values(gwangju, covid, access="network"))
    measure = services.create_measure(by=contributor, **measure_values(gwangju, covid))
    with pytest.raises(PermissionDenied):
        services.publish_measure(measure, by=contributor)
    services.submit_measure(measure, by=contributor)
    measure.refresh_from_db()
    assert measure.publication == Publication.SUBMITTED
    with pytest.raises(PermissionDenied):
        services.update_measure(
            measure, {"titles": {"en": "Changed"}}, by=contributor, based_on_version=None
        )


def test_an_extension_moves_the_sunset_with_the_timeline(gwangju_editor, gwangju):
    measure = make_measure(gwangju, sunset_on=date(2020, 4, 30))

    extend(measure, gwangju_editor, date(2020, 4, 28), date(2020, 6, 30), note={"en": "Wave"})
    services.record_change(measure, by=gwangju_editor, kind="lifted", on=date(2020, 6, 15))

    measure.refresh_from_db()
    assert measure.sunset_on == date(2020, 6, 30)
    assert measure.lifted_on == date(2020, 6, 15)
    assert [c.kind for c in measure.changes.all()] == ["introduced", "extended", "lifted"]
    assert not measure.in_force() if hasattr(measure, "in_force") else True


@pytest.mark.parametrize(
    ("kind", "on", "new_sunset", "field", "message"),
    [
        (
            "extended",
            date(2020, 4, 1),
            date(2020, 2, 1),
            "new_sunset",
            "before the day the measure",
        ),
        ("extended", date(2020, 4, 1), None, "new_sunset", "needs its new sunset"),
        ("lifted", date(2019, 12, 1), None, "on", "before the measure was introduced"),
        ("amended", date(2020, 4, 1), date(2020, 9, 1), "new_sunset", "Only an extension"),
        ("introduced", date(2020, 4, 1), None, "kind", "extension, an amendment or a lifting"),
    ],
)
def test_a_change_with_wrong_dates_is_refused_and_the_measure_keeps_its_dates(
    gwangju_editor, gwangju, kind, on, new_sunset, field, message
):
    measure = make_measure(gwangju, sunset_on=date(2020, 4, 30))

    with pytest.raises(ValidationError) as error:
        services.record_change(measure, by=gwangju_editor, kind=kind, on=on, new_sunset=new_sunset)

    assert message in " ".join(error.value.message_dict[field])
    measure.refresh_from_db()
    assert (measure.sunset_on, measure.lifted_on) == (date(2020, 4, 30), None)
    assert measure.changes.count() == 1


def test_after_a_change_the_sunset_moves_only_through_changes(gwangju_editor, gwangju):
    measure = make_measure(gwangju, sunset_on=date(2020, 4, 30))
    services.record_change(measure, by=gwangju_editor, kind="amended", on=date(2020, 4, 1))

    with pytest.raises(ValidationError) as error:
        services.update_measure(
            measure, {"sunset_on": date(2021, 1, 1)}, by=gwangju_editor, based_on_version=None
        )

    assert "record a change" in " ".join(error.value.message_dict["sunset_on"])


def test_a_review_is_saved_with_all_its_answers_or_not_at_all(gwangju_editor, gwangju):
    measure = make_measure(gwangju)
    answers = all_answers()
    answers["remedy"] = {"answer": "maybe", "evidence": {"en": "Unknown"}}

    with pytest.raises(ValidationError) as error:
        services.create_review(
            measure,
            by=gwangju_editor,
            city=gwangju,
            reviewed_on=date(2020, 6, 1),
            outcome="concerns",
            answers=answers,
        )

    assert "“maybe” is not an answer" in error.value.message_dict["answer_remedy"][0]
    assert not Review.objects.exists() and not ReviewAnswer.objects.exists()

    review = services.create_review(
        measure,
        by=gwangju_editor,
        city=gwangju,
        reviewed_on=date(2020, 6, 1),
        outcome="concerns",
        answers=all_answers("partly"),
    )
    assert review.answers.filter(answer="partly").count() == 10
    assert review.reviewer == gwangju_editor


def test_a_review_is_published_complete_and_after_its_measure(gwangju_editor, gwangju):
    measure = make_measure(gwangju, publication=Publication.DRAFT)
    answers = all_answers()
    del answers["remedy"]
    review = services.create_review(
        measure,
        by=gwangju_editor,
        city=gwangju,
        reviewed_on=date(2020, 6, 1),
        outcome="compatible",
        answers=answers,
    )

    with pytest.raises(ValidationError, match="1 are unanswered"):
        services.publish_review(review, by=gwangju_editor)
    services.update_review(
        review, {}, by=gwangju_editor, based_on_version=review.version, answers=all_answers()
    )
    with pytest.raises(ValidationError, match="not published yet"):
        services.publish_review(review, by=gwangju_editor)

    services.publish_measure(measure, by=gwangju_editor)
    services.publish_review(review, by=gwangju_editor)
    review.refresh_from_db()
    assert review.publication == Publication.PUBLISHED


def test_a_review_of_a_hidden_measure_is_hidden_too(gwangju, reader, busan_editor):
    measure = make_measure(gwangju, access="network")
    review = make_review(measure)

    assert list(Review.objects.visible_to(reader)) == [review]
    assert not Review.objects.visible_to(None).exists()
    measure.publication = Publication.DRAFT
    measure.save()
    assert not Review.objects.visible_to(reader).exists()
    assert not Review.objects.visible_to(busan_editor).exists()


def test_no_one_reviews_a_measure_they_may_not_see(busan_editor, busan, gwangju):
    measure = make_measure(gwangju, publication=Publication.DRAFT)

    with pytest.raises(ValidationError) as error:
        services.create_review(
            measure,
            by=busan_editor,
            city=busan,
            reviewed_on=date(2020, 6, 1),
            outcome="compatible",
        )
    assert "measure" in error.value.message_dict


def test_a_source_file_is_checked_by_its_content(gwangju_editor, gwangju):
    measure = make_measure(gwangju)

    with pytest.raises(ValidationError) as error:
        services.add_source(
            measure, by=gwangju_editor, upload=SimpleUploadedFile("order.pdf", b"GIF89a...")
        )
    assert "named .pdf but its content is image/gif" in error.value.message_dict["file"][0]
    services.add_source(measure, by=gwangju_editor, url="https://example.org/order")
    with pytest.raises(ValidationError, match="not both"):
        services.add_source(
            measure,
            by=gwangju_editor,
            url="https://example.org/x",
            upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4"),
        )

    source = services.add_source(
        measure,
        by=gwangju_editor,
        titles={"en": "Administrative order"},
        upload=SimpleUploadedFile("order.pdf", b"%PDF-1.4 order"),
    )
    assert source.content_type == "application/pdf" and len(source.sha256) == 64
    services.delete_source(source, by=gwangju_editor)
    assert list(Source.objects.values_list("url", flat=True)) == ["https://example.org/order"]


def test_reference_data_loads_once(reference):
    from hrcities.emergency.loaders import load_emergency_reference
    from hrcities.emergency.models import Emergency, Issue, PolicyCode

    assert reference["emergencies"]["created"] == 6
    assert Issue.objects.count() == 15 and PolicyCode.objects.count() == 24
    assert Emergency.objects.get(slug="heat-wave").is_climate
    assert PolicyCode.objects.get(code="C1").levels["3"]["en"] == "Require closing all levels"
    again = load_emergency_reference()
    assert all(c["created"] == c["updated"] == 0 for c in again.values())


def test_an_extension_recorded_after_a_later_one_keeps_the_later_sunset(gwangju_editor, gwangju):
    measure = make_measure(gwangju, sunset_on=date(2020, 4, 30))
    extend(measure, gwangju_editor, date(2020, 6, 28), date(2020, 9, 30))
    extend(measure, gwangju_editor, date(2020, 4, 28), date(2020, 6, 30))

    measure.refresh_from_db()
    assert measure.sunset_on == date(2020, 9, 30)
    assert [c.on for c in measure.changes.filter(kind="extended")] == [
        date(2020, 4, 28),
        date(2020, 6, 28),
    ]
