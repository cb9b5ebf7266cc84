"""Keeping actions' parts and the status list from pages and the API: milestones, evidence
and endorsements change with revisions by their owners' editors only; a status in use is
never deleted; a city's actions come a page at a time."""

import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hrcities.commitments import parts, statuses
from hrcities.commitments.models import Action, ActionStatus, Endorsement, Evidence, Milestone
from hrcities.commitments.tests.factories import make_action, make_declaration
from hrcities.core.models import Revision
from hrcities.core.services import restore_revision, revisions_for

pytestmark = pytest.mark.django_db


def send(client, method, url, body=None):
    return getattr(client, method)(url, json.dumps(body or {}), content_type="application/json")


def confirmed(client, url):
    return client.post(url, {"confirm": "on"})


@pytest.fixture
def commitment(db):
    return make_declaration().commitments.get(number=1)


@pytest.fixture
def action(commitment, gwangju):
    return make_action(commitment, gwangju)


@pytest.fixture
def milestone(action, gwangju_editor):
    return parts.add_milestone(action, by=gwangju_editor, date=date(2021, 3, 1), text="Ordinance")


# --- milestones ---------------------------------------------------------------------------


def test_an_editor_changes_a_milestone_and_its_revisions_are_kept(
    client, gwangju_editor, milestone
):
    client.force_login(gwangju_editor)

    response = client.post(
        reverse("commitments:milestone-edit", args=[milestone.pk]),
        {"version": 1, "date": "2021-04-02", "text": "Ordinance adopted"},
    )

    assert response.url == milestone.action.get_absolute_url()
    milestone.refresh_from_db()
    assert (milestone.date, milestone.text, milestone.version) == (
        date(2021, 4, 2),
        "Ordinance adopted",
        2,
    )
    assert [r.action for r in revisions_for(milestone)] == ["update", "create"]
    page = client.get(milestone.action.get_absolute_url()).content.decode()
    assert "Ordinance adopted" in page and "Edit the milestone of" in page


def test_a_deleted_milestone_can_be_restored(client, gwangju_editor, admin, milestone):
    client.force_login(gwangju_editor)

    confirmed(client, reverse("commitments:milestone-delete", args=[milestone.pk]))

    assert not Milestone.objects.exists()
    revision = Revision.objects.get(action="delete", content_type__model="milestone")
    restored = restore_revision(revision, by=admin)
    assert restored.text == "Ordinance"


@pytest.mark.parametrize("who", ["busan_editor", "reader"])
def test_others_cannot_change_or_delete_a_milestone(client, who, request, milestone):
    client.force_login(request.getfixturevalue(who))

    edited = client.post(
        reverse("commitments:milestone-edit", args=[milestone.pk]),
        {"version": 1, "date": "2021-04-02", "text": "Hijacked"},
    )
    deleted = confirmed(client, reverse("commitments:milestone-delete", args=[milestone.pk]))
    api = send(
        client, "patch", f"/api/commitments/milestones/{milestone.pk}", {"version": 1, "text": "X"}
    )
    api_delete = client.delete(f"/api/commitments/milestones/{milestone.pk}")

    assert [edited.status_code, deleted.status_code, api.status_code, api_delete.status_code] == [
        403,
        403,
        403,
        403,
    ]
    milestone.refresh_from_db()
    assert milestone.text == "Ordinance"


def test_the_api_changes_a_milestone_and_refuses_a_stale_version(client, gwangju_editor, milestone):
    client.force_login(gwangju_editor)
    url = f"/api/commitments/milestones/{milestone.pk}"

    changed = send(client, "patch", url, {"version": 1, "text": "Ordinance adopted"})
    stale = send(client, "patch", url, {"version": 1, "text": "Old"})
    deleted = client.delete(url)

    assert changed.status_code == 200 and changed.json()["version"] == 2
    assert stale.status_code == 409
    assert deleted.status_code == 204 and not Milestone.objects.exists()


# --- evidence ------------------------------------------------------------------------------


def test_evidence_is_retitled_and_deleted_with_revisions(
    client, gwangju_editor, action, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    evidence = parts.add_evidence(
        action,
        by=gwangju_editor,
        title="Minutes",
        upload=SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes", "application/pdf"),
    )
    client.force_login(gwangju_editor)

    edited = client.post(
        reverse("commitments:evidence-edit", args=[evidence.pk]),
        {"version": 1, "title": "Council minutes", "url": ""},
    )
    deleted = confirmed(client, reverse("commitments:evidence-delete", args=[evidence.pk]))

    assert edited.url == action.get_absolute_url()
    assert deleted.url == action.get_absolute_url()
    assert not Evidence.objects.exists()
    kept = Revision.objects.get(action="delete", content_type__model="evidence")
    assert kept.data["title"] == "Council minutes"
    assert kept.data["file"].startswith(f"evidence/{action.pk}/minutes")


def test_a_link_only_evidence_keeps_its_link(client, gwangju_editor, action):
    evidence = parts.add_evidence(action, by=gwangju_editor, title="News", url="https://a.example")
    client.force_login(gwangju_editor)

    response = client.post(
        reverse("commitments:evidence-edit", args=[evidence.pk]),
        {"version": 1, "title": "News", "url": ""},
    )
    api = send(
        client, "patch", f"/api/commitments/evidence/{evidence.pk}", {"version": 1, "url": ""}
    )

    assert response.status_code == 400
    assert "Evidence without a file needs a link." in response.content.decode()
    assert api.status_code == 422
    evidence.refresh_from_db()
    assert evidence.url == "https://a.example"


# --- endorsements -------------------------------------------------------------------------


def test_an_editor_edits_and_withdraws_their_citys_endorsement(
    client, gwangju_editor, busan_editor, commitment, gwangju
):
    endorsement = parts.endorse_commitment(commitment, by=gwangju_editor, city=gwangju)
    client.force_login(busan_editor)
    assert (
        confirmed(
            client, reverse("commitments:endorsement-delete", args=[endorsement.pk])
        ).status_code
        == 403
    )

    client.force_login(gwangju_editor)
    page = client.get(commitment.get_absolute_url()).content.decode()
    edited = client.post(
        reverse("commitments:endorsement-edit", args=[endorsement.pk]),
        {"version": 1, "endorsed_on": "2021-01-15", "note": "By council vote"},
    )
    withdrawn = confirmed(client, reverse("commitments:endorsement-delete", args=[endorsement.pk]))

    assert "Withdraw the endorsement of Gwangju" in page
    assert edited.url == commitment.get_absolute_url()
    assert withdrawn.url == commitment.get_absolute_url()
    assert not Endorsement.objects.exists()
    kept = list(
        Revision.objects.filter(content_type__model="endorsement")
        .order_by("version")
        .values_list("action", flat=True)
    )
    assert kept == ["create", "update", "delete"]


def test_the_api_withdraws_an_endorsement_only_for_its_editors(
    client, gwangju_editor, busan_editor, commitment, gwangju
):
    endorsement = parts.endorse_commitment(commitment, by=gwangju_editor, city=gwangju)
    url = f"/api/commitments/endorsements/{endorsement.pk}"

    client.force_login(busan_editor)
    refused = client.delete(url)
    client.force_login(gwangju_editor)
    noted = send(client, "patch", url, {"version": 1, "note": "Council vote"})
    withdrawn = client.delete(url)

    assert refused.status_code == 403
    assert noted.json()["note"] == "Council vote"
    assert withdrawn.status_code == 204 and not Endorsement.objects.exists()


# --- the status list ---------------------------------------------------------------------


def test_an_admin_adds_a_status_at_the_end_and_moves_it_up(client, admin):
    client.force_login(admin)

    client.post(
        reverse("commitments:status-create"),
        {
            "slug": "on-hold",
            "name_en": "On hold",
            "name_ko": "보류",
            "default_progress": 10,
            "counts_in_progress": "on",
        },
    )
    added = ActionStatus.objects.get(slug="on-hold")
    client.post(reverse("commitments:status-move", args=[added.pk]), {"direction": "up"})

    order = list(ActionStatus.objects.values_list("slug", flat=True))
    assert order[-2:] == ["on-hold", "cancelled"]
    page = client.get(reverse("commitments:status-list")).content.decode()
    assert page.index("On hold") < page.index("Cancelled")


def test_a_status_in_use_is_not_deleted_and_the_page_says_how_many_actions_have_it(
    client, admin, commitment, gwangju
):
    for _n in range(3):
        make_action(commitment, gwangju, status="delayed")
    delayed = ActionStatus.objects.get(slug="delayed")
    client.force_login(admin)

    page = client.get(reverse("commitments:status-delete", args=[delayed.pk])).content.decode()
    refused = confirmed(client, reverse("commitments:status-delete", args=[delayed.pk]))
    api = client.delete("/api/commitments/statuses/delayed")

    assert "3 actions have this status." in page
    assert refused.status_code == 409
    assert api.status_code == 422 and "3 actions have this status." in api.json()["detail"]
    assert ActionStatus.objects.filter(slug="delayed").exists()


def test_an_unused_status_is_deleted_after_confirmation(client, admin):
    status = statuses.add_status(by=admin, slug="draft", names={"en": "Draft"})
    client.force_login(admin)

    response = confirmed(client, reverse("commitments:status-delete", args=[status.pk]))

    assert response.url == reverse("commitments:status-list")
    assert not ActionStatus.objects.filter(slug="draft").exists()


@pytest.mark.parametrize("who", ["gwangju_editor", "reader"])
def test_only_admins_keep_the_status_list(client, who, request):
    client.force_login(request.getfixturevalue(who))
    planned = ActionStatus.objects.get(slug="planned")

    page = client.get(reverse("commitments:status-list"))
    edited = client.post(
        reverse("commitments:status-edit", args=[planned.pk]),
        {"slug": "planned", "name_en": "Hijacked", "default_progress": 90},
    )
    api = send(client, "post", "/api/commitments/statuses", {"slug": "x", "names": {"en": "X"}})

    assert (page.status_code, edited.status_code, api.status_code) == (403, 403, 403)
    planned.refresh_from_db()
    assert planned.names["en"] == "Planned" and planned.default_progress == 0


def test_the_api_changes_and_places_a_status(client, admin):
    client.force_login(admin)

    changed = send(
        client,
        "patch",
        "/api/commitments/statuses/delayed",
        {"default_progress": 30, "position": 1},
    )
    bad = send(client, "patch", "/api/commitments/statuses/delayed", {"default_progress": 130})

    assert changed.status_code == 200 and changed.json()["default_progress"] == 30
    assert ActionStatus.objects.first().slug == "delayed"
    assert bad.status_code == 422


# --- actions --------------------------------------------------------------------------


def test_deleting_an_action_takes_its_parts_and_is_refused_while_it_has_sub_actions(
    client, gwangju_editor, commitment, gwangju, milestone
):
    action = milestone.action
    child = make_action(commitment, gwangju, parent=action)
    client.force_login(gwangju_editor)

    refused = client.get(reverse("commitments:action-delete", args=[action.pk])).content.decode()
    api_refused = client.delete(f"/api/commitments/actions/{action.pk}")
    confirmed(client, reverse("commitments:action-delete", args=[child.pk]))
    response = confirmed(client, reverse("commitments:action-delete", args=[action.pk]))

    assert "1 sub-action belongs to it." in refused
    assert api_refused.status_code == 422
    assert response.url == commitment.get_absolute_url()
    assert not Action.objects.exists() and not Milestone.objects.exists()
    assert Revision.objects.filter(action="delete", content_type__model="milestone").exists()


def test_another_citys_editor_cannot_delete_an_action(client, busan_editor, action):
    client.force_login(busan_editor)

    assert (
        confirmed(client, reverse("commitments:action-delete", args=[action.pk])).status_code == 403
    )
    assert Action.objects.filter(pk=action.pk).exists()


def test_a_citys_actions_come_a_page_at_a_time(client, commitment, gwangju):
    for n in range(55):
        make_action(commitment, gwangju, title=f"Step {n:02}")

    first = client.get(reverse("commitments:city-actions", args=["gwangju"])).content.decode()
    second = client.get(
        reverse("commitments:city-actions", args=["gwangju"]), {"page": 2}
    ).content.decode()

    assert "55 actions across the declarations" in first
    assert "Step 00" in first and "Step 54" not in first and 'rel="next"' in first
    assert "Step 54" in second and "Page 2 of 2" in second
