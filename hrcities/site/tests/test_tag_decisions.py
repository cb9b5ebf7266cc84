"""Deciding suggestions as an editor meets them: messages that name the tag in the reader's
language, undo, no goal suggested under an accepted target, and the searchable picker."""

import pytest
from django.urls import reverse

from hrcities.commitments.tests.builders import action, declaration_with
from hrcities.core.models import AuditEntry
from hrcities.taxonomy.models import HumanRightsTheme, SdgGoal, SdgTarget, Tagging, TagStatus
from hrcities.taxonomy.tags import (
    accepted_labels,
    record_suggestions,
    rejected_tags,
    set_accepted_tags,
    tags_for,
)

pytestmark = pytest.mark.django_db

CITIES_EN = "Sustainable cities and communities"
CITIES_KO = "지속가능한 도시와 공동체"


@pytest.fixture
def vocabulary():
    goal, _ = SdgGoal.objects.update_or_create(
        number=11,
        defaults={
            "titles": {"en": "Make cities inclusive, safe, resilient and sustainable"},
            "short_titles": {"en": CITIES_EN, "ko": CITIES_KO},
        },
    )
    SdgTarget.objects.update_or_create(
        code="11.1",
        defaults={
            "goal": goal,
            "titles": {"en": "Adequate, safe and affordable housing", "ko": "적절하고 안전한 주택"},
        },
    )
    SdgGoal.objects.update_or_create(number=16, defaults={"titles": {"en": "Peace and justice"}})
    HumanRightsTheme.objects.update_or_create(
        slug="right-to-housing", defaults={"name": "Right to housing", "names": {"ko": "주거권"}}
    )


@pytest.fixture
def mine(vocabulary, gwangju):
    record = action(declaration_with(1, slug="d").commitments.get(), gwangju, title="Homes")
    record_suggestions(record, [("sdg:11", 0.9), ("theme:right-to-housing", 0.6)])
    return record


def suggestion(record, label):
    return Tagging.objects.for_record(record).get(label=label)


def decide(client, record, label, decision, **extra):
    url = reverse("commitments:tag-decide", args=[suggestion(record, label).pk])
    return client.post(url, {"decision": decision, "next": record.get_absolute_url()}, **extra)


def test_a_rejection_names_the_goal_in_english_and_korean_never_its_code(
    mine, signed_in, gwangju_editor
):
    client = signed_in(gwangju_editor)

    fragment = decide(client, mine, "sdg:11", "reject", HTTP_HX_REQUEST="true").content.decode()
    assert f"The tag “Goal 11: {CITIES_EN}” was rejected." in fragment
    assert "sdg:11" not in fragment

    Tagging.objects.filter(label="sdg:11").update(status=TagStatus.SUGGESTED)
    page = decide(client, mine, "sdg:11", "reject", HTTP_ACCEPT_LANGUAGE="ko", follow=True)
    text = page.content.decode()
    assert f"“목표 11: {CITIES_KO}” 태그를 거절했습니다." in text
    assert "sdg:11" not in text


def test_the_api_says_the_decision_by_name_and_undoes_it(mine, client, gwangju_editor, api_token):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token(gwangju_editor)}"}
    tagging = suggestion(mine, "theme:right-to-housing")

    decided = client.post(
        f"/api/records/tags/{tagging.pk}/decision",
        {"accept": False},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ko",
        **headers,
    ).json()
    assert decided["message"] == "“주거권” 태그를 거절했습니다."
    undone = client.post(f"/api/records/tags/{decided['undo_id']}/undo", **headers).json()

    assert [t["label"] for t in undone["suggested"]] == ["sdg:11", "theme:right-to-housing"]
    assert "Right to housing" in undone["message"] and undone["undo_id"] is None


def test_undo_after_a_rejection_restores_the_suggestion_as_it_was_and_is_audited(
    mine, signed_in, gwangju_editor
):
    client = signed_in(gwangju_editor)
    before = suggestion(mine, "sdg:11")

    page = decide(client, mine, "sdg:11", "reject", follow=True).content.decode()
    undo_url = reverse("commitments:tag-undo", args=[before.pk])
    assert f'action="{undo_url}"' in page  # the record's page offers to undo it
    assert "Goal 11" not in str(tags_for(mine)["suggested"])
    client.post(undo_url, {"next": mine.get_absolute_url()})

    after = suggestion(mine, "sdg:11")
    assert (after.status, after.score, after.decided_by, after.decided_at) == (
        TagStatus.SUGGESTED,
        before.score,
        None,
        None,
    )
    assert [t.label for t in tags_for(mine)["suggested"]] == ["sdg:11", "theme:right-to-housing"]
    audited = AuditEntry.objects.filter(target_type="commitments.action", target_id=str(mine.pk))
    decisions = [e.details["tags"] for e in audited.order_by("pk") if "tags" in e.details]
    assert decisions == [["xsdg:11"], ["?sdg:11"]]


def test_an_acceptance_is_undone_too_but_a_tag_added_by_hand_is_not_a_suggestion(
    mine, signed_in, gwangju_editor
):
    client = signed_in(gwangju_editor)
    decide(client, mine, "sdg:11", "accept")
    client.post(reverse("commitments:tag-undo", args=[suggestion(mine, "sdg:11").pk]))
    assert accepted_labels(mine) == []

    set_accepted_tags(mine, ["sdg:16"], by=gwangju_editor)
    by_hand = reverse("commitments:tag-undo", args=[suggestion(mine, "sdg:16").pk])
    assert client.post(by_hand).status_code == 404
    assert accepted_labels(mine) == ["sdg:16"]


def test_the_tags_page_lists_rejected_tags_to_restore(mine, signed_in, gwangju_editor):
    client = signed_in(gwangju_editor)
    decide(client, mine, "theme:right-to-housing", "reject")
    url = reverse("core:record-tags", args=["commitments.action", mine.pk])

    page = client.get(url).content.decode()
    assert "Rejected tags" in page and "Restore suggestion" in page
    restore = reverse("commitments:tag-undo", args=[suggestion(mine, "theme:right-to-housing").pk])
    assert f'action="{restore}"' in page
    response = client.post(restore, {"next": url})

    assert response["Location"] == url
    assert rejected_tags(mine) == []
    assert "Restore suggestion" not in client.get(url).content.decode()


def test_another_citys_editor_can_neither_decide_nor_undo(mine, signed_in, busan_editor):
    client = signed_in(busan_editor)
    tagging = suggestion(mine, "sdg:11")

    assert decide(client, mine, "sdg:11", "reject").status_code == 403
    Tagging.objects.filter(pk=tagging.pk).update(status=TagStatus.REJECTED)
    assert client.post(reverse("commitments:tag-undo", args=[tagging.pk])).status_code == 403
    assert suggestion(mine, "sdg:11").status == TagStatus.REJECTED


def test_no_goal_is_suggested_once_one_of_its_targets_is_accepted(mine, signed_in, gwangju_editor):
    set_accepted_tags(mine, ["sdg-target:11.1"], by=gwangju_editor)
    client = signed_in(gwangju_editor)

    # The suggestion stored before the target was accepted is not shown...
    page = client.get(mine.get_absolute_url()).content.decode()
    suggested = page.split('aria-label="Suggested tags"', 1)[1]
    assert "11. " not in suggested.split("</ul>", 1)[0]
    assert [t.label for t in tags_for(mine)["suggested"]] == ["theme:right-to-housing"]
    queue = client.get(reverse("work:suggestion-queue")).content.decode()
    assert "Right to housing" in queue and "Goal 11" not in queue
    # ...and a new reading does not store it.
    record_suggestions(mine, [("sdg:11", 0.95), ("sdg:16", 0.5)])
    stored = set(Tagging.objects.for_record(mine).suggested().values_list("label", flat=True))
    assert stored == {"sdg:16"}
    # Without the target, the goal is suggested again.
    set_accepted_tags(mine, [], by=gwangju_editor)
    record_suggestions(mine, [("sdg:11", 0.95)])
    assert [t.label for t in tags_for(mine)["suggested"]] == ["sdg:11"]


def test_the_picker_finds_tags_by_number_or_word_in_english_and_korean(
    mine, signed_in, gwangju_editor
):
    client = signed_in(gwangju_editor)
    url = reverse("core:record-tags", args=["commitments.action", mine.pk])

    def found(q, **extra):
        page = client.get(url, {"q": q, **extra}).content.decode()
        return page.split('id="tag-matches"', 1)[1]

    assert 'value="sdg-target:11.1"' in found("11.1")
    assert 'value="sdg:11"' in found("cities sustainable")
    assert 'value="sdg:11"' in found("도시")
    assert 'value="theme:right-to-housing"' in found("주거")
    assert 'value="sdg:11"' not in found("housing")
    assert 'value="sdg-target:11.1"' not in found("housing", kind="theme")
    assert "No tag matches" in found("nothing-like-this")
    # Ticked before the list changed, kept ticked.
    kept = found("peace", tags="sdg-target:11.1")
    assert 'value="sdg-target:11.1" checked' in kept and 'value="sdg:16"' in kept

    response = client.post(url, {"tags": ["sdg-target:11.1", "theme:right-to-housing"]})
    assert response.status_code == 302
    assert accepted_labels(mine) == ["sdg-target:11.1", "theme:right-to-housing"]
    page = client.get(url).content.decode()
    assert 'value="sdg-target:11.1" checked' in page
    assert "<select" not in page.split('class="tag-picker"', 1)[1]


def test_with_htmx_the_tag_block_offers_undo_and_says_what_it_did(mine, signed_in, gwangju_editor):
    client = signed_in(gwangju_editor)
    tagging = suggestion(mine, "theme:right-to-housing")

    block = decide(client, mine, tagging.label, "accept", HTTP_HX_REQUEST="true").content.decode()
    undo = reverse("commitments:tag-undo", args=[tagging.pk])
    assert block.startswith('<section id="tags"')
    assert f'hx-post="{undo}"' in block
    assert "Undo<span" in block and "the decision on “Right to housing”" in block

    block = client.post(undo, {"next": "/"}, HTTP_HX_REQUEST="true").content.decode()
    assert "“Right to housing” is suggested again, waiting for a decision." in block
    assert "Undo<span" not in block
    assert accepted_labels(mine) == []
