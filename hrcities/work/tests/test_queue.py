"""The queue of tag suggestions: one line per suggestion on the records the reader may
change, filtered, sorted and paginated, decided and undone without JavaScript."""

import pytest
from django.urls import reverse
from django.utils import timezone

from hrcities.archive.models import Item
from hrcities.archive.tests.factories import make_item
from hrcities.commitments.tests.builders import action, declaration_with
from hrcities.taxonomy.models import HumanRightsTheme, SdgGoal, SdgTarget, Tagging, TagStatus
from hrcities.taxonomy.tags import record_suggestions, set_accepted_tags
from hrcities.work.registry import kind_named

pytestmark = pytest.mark.django_db

QUEUE = reverse("work:suggestion-queue")


@pytest.fixture
def records(gwangju, busan, gwangju_editor):
    goal, _ = SdgGoal.objects.update_or_create(
        number=11, defaults={"short_titles": {"en": "Sustainable cities"}}
    )
    SdgTarget.objects.update_or_create(
        code="11.1", defaults={"goal": goal, "titles": {"en": "Housing"}}
    )
    SdgGoal.objects.update_or_create(number=5, defaults={"short_titles": {"en": "Gender"}})
    HumanRightsTheme.objects.update_or_create(slug="housing", defaults={"name": "Right to housing"})
    item = make_item(gwangju, titles={"en": "Gwangju testimony"})
    record_suggestions(item, [("sdg:5", 0.4), ("theme:housing", 0.7)])
    plan = action(declaration_with(1, slug="d").commitments.get(), gwangju, title="Homes plan")
    record_suggestions(plan, [("sdg:11", 0.9)])
    record_suggestions(make_item(busan, titles={"en": "Busan record"}), [("sdg:5", 0.99)])
    hidden = make_item(gwangju, titles={"en": "Goal under target"})
    set_accepted_tags(hidden, ["sdg-target:11.1"], by=gwangju_editor)
    record_suggestions(hidden, [])
    Tagging.objects.create(
        content_type=Tagging.objects.for_record(item).first().content_type,
        object_id=hidden.pk,
        label="sdg:11",
        kind="sdg",
        status=TagStatus.SUGGESTED,
        score=0.8,
    )
    return {"item": item, "plan": plan, "hidden": hidden}


def lines(page: str) -> list[str]:
    """The queue's lines as "tag | record", in order."""
    import re

    found = re.findall(
        r'<li class="queue-line">\s*<p><a class="badge[^"]*" href="[^"]*">([^<]+)</a>.*?'
        r"<p>(?:<a [^>]*>)?([^<]+)<",
        page,
        re.S,
    )
    return [f"{tag} | {record}" for tag, record in found]


def test_an_editor_sees_every_suggestion_on_their_citys_records_best_first(
    records, signed_in, gwangju_editor
):
    page = signed_in(gwangju_editor).get(QUEUE).content.decode()

    assert lines(page) == [
        "Goal 11: Sustainable cities | Homes plan",
        "Right to housing | Gwangju testimony",
        "Goal 5: Gender | Gwangju testimony",
    ]
    assert "Busan record" not in page and "Goal under target" not in page
    assert "3 suggestions wait for a decision." in page


def test_the_queue_filters_by_kind_of_tag_and_record_and_sorts(records, signed_in, gwangju_editor):
    client = signed_in(gwangju_editor)

    goals = client.get(QUEUE, {"tag": "sdg"}).content.decode()
    assert [line.split(" | ")[0] for line in lines(goals)] == [
        "Goal 11: Sustainable cities",
        "Goal 5: Gender",
    ]
    archive = client.get(QUEUE, {"record": "archive.item"}).content.decode()
    assert [line.split(" | ")[1] for line in lines(archive)] == ["Gwangju testimony"] * 2
    Tagging.objects.filter(label="sdg:5").update(created_at=timezone.now())
    newest = client.get(QUEUE, {"sort": "newest"}).content.decode()
    assert lines(newest)[0] == "Goal 5: Gender | Gwangju testimony"
    by_record = client.get(QUEUE, {"sort": "record"}).content.decode()
    assert (
        lines(by_record)[-1] == "Goal 11: Sustainable cities | Homes plan"
    )  # archive < commitments
    # Values that are not choices are ignored, not fatal.
    assert lines(client.get(QUEUE, {"tag": "x", "record": "y", "sort": "z"}).content.decode())


def test_the_queue_is_paginated(records, signed_in, gwangju_editor, gwangju):
    for n in range(26):
        record_suggestions(make_item(gwangju, titles={"en": f"Extra {n}"}), [("sdg:5", 0.1)])
    client = signed_in(gwangju_editor)

    first = client.get(QUEUE).content.decode()
    second = client.get(QUEUE, {"page": 2}).content.decode()

    assert len(lines(first)) == 25 and len(lines(second)) == 4
    assert "Page 1 of 2" in first


def test_a_rejection_from_the_queue_comes_back_to_it_with_undo(records, signed_in, gwangju_editor):
    client = signed_in(gwangju_editor)
    tagging = Tagging.objects.for_record(records["plan"]).get(label="sdg:11")
    back = f"{QUEUE}?tag=sdg"
    decide = reverse("commitments:tag-decide", args=[tagging.pk])

    response = client.post(decide, {"decision": "reject", "from": "queue", "next": back})
    assert response["Location"] == back
    page = client.get(back).content.decode()
    assert "The tag “Goal 11: Sustainable cities” was rejected." in page
    undo = reverse("commitments:tag-undo", args=[tagging.pk])
    assert f'action="{undo}"' in page
    assert [line.split(" | ")[0] for line in lines(page)] == ["Goal 5: Gender"]

    client.post(undo, {"from": "queue", "next": back})
    page = client.get(back).content.decode()
    assert "“Goal 11: Sustainable cities” is suggested again" in page
    assert lines(page)[0] == "Goal 11: Sustainable cities | Homes plan"
    assert f'action="{undo}"' not in page


def test_another_citys_editor_sees_none_of_it_and_a_network_admin_sees_all(
    records, signed_in, busan_editor, admin, client
):
    page = signed_in(busan_editor).get(QUEUE).content.decode()
    assert lines(page) == ["Goal 5: Gender | Busan record"]
    assert "Gwangju" not in page and "Homes plan" not in page
    assert kind_named("suggestions").count_for(busan_editor, timezone.localdate()) == 1

    everything = lines(signed_in(admin).get(QUEUE).content.decode())
    assert "Goal 5: Gender | Busan record" in everything
    assert "Goal 11: Sustainable cities | Homes plan" in everything


def test_counts_leave_out_a_goal_under_an_accepted_target(records, gwangju_editor):
    kind = kind_named("suggestions")
    items = kind.items(gwangju_editor, timezone.localdate())

    assert sorted(i.title for i in items) == ["Gwangju testimony", "Homes plan"]
    assert kind.count_for(gwangju_editor, timezone.localdate()) == 2


def test_the_queue_shows_no_record_the_editor_may_no_longer_read(
    records, signed_in, gwangju_editor, busan
):
    Item.objects.filter(pk=records["item"].pk).update(city=busan)

    page = signed_in(gwangju_editor).get(QUEUE).content.decode()

    assert "Gwangju testimony" not in page


def test_my_work_links_the_queue(records, signed_in, gwangju_editor):
    page = signed_in(gwangju_editor).get(reverse("work:work")).content.decode()

    assert f'href="{QUEUE}"' in page
