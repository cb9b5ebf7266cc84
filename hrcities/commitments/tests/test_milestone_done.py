"""A milestone is marked done (on the action's page or through the API) or not done after
all; one past its date and not done is overdue, and waits in its keepers' work."""

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hrcities.commitments import parts
from hrcities.commitments.tests.factories import make_action, make_declaration
from hrcities.core.services import revisions_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def milestone(gwangju, gwangju_editor):
    action = make_action(make_declaration().commitments.get(number=1), gwangju)
    return parts.add_milestone(action, by=gwangju_editor, date=date(2021, 3, 1), text="Ordinance")


def mark(client, milestone, done=True):
    body = {"version": milestone.version, **({"done": "on"} if done else {})}
    return client.post(reverse("commitments:milestone-mark", args=[milestone.pk]), body)


def test_an_editor_marks_a_milestone_done_and_then_not_done(client, gwangju_editor, milestone):
    client.force_login(gwangju_editor)
    page = client.get(milestone.action.get_absolute_url()).content.decode()
    assert "overdue" in page and "Mark the milestone of" in page

    done = mark(client, milestone)
    milestone.refresh_from_db()
    assert done.status_code == 302 and milestone.done_on == timezone.localdate()
    page = client.get(milestone.action.get_absolute_url()).content.decode()
    assert "done on" in page and "as not done" in page

    mark(client, milestone, done=False)
    milestone.refresh_from_db()
    assert milestone.done_on is None
    assert [r.action for r in revisions_for(milestone)] == ["update", "update", "create"]


def test_marking_from_an_outdated_page_changes_nothing(client, gwangju_editor, milestone):
    client.force_login(gwangju_editor)
    parts.update_milestone(
        milestone, {"text": "Ordinance adopted"}, by=gwangju_editor, based_on_version=1
    )

    response = client.post(
        reverse("commitments:milestone-mark", args=[milestone.pk]),
        {"version": 1, "done": "on"},
        follow=True,
    )

    milestone.refresh_from_db()
    assert milestone.done_on is None
    assert "Someone changed the milestone" in response.content.decode()


@pytest.mark.parametrize("who", ["busan_editor", "reader"])
def test_another_citys_editor_cannot_mark_a_milestone(client, who, request, milestone):
    client.force_login(request.getfixturevalue(who))

    page = mark(client, milestone)
    api = client.patch(
        f"/api/commitments/milestones/{milestone.pk}",
        json.dumps({"version": 1, "done_on": "2021-03-02"}),
        content_type="application/json",
    )

    assert (page.status_code, api.status_code) == (403, 403)
    milestone.refresh_from_db()
    assert milestone.done_on is None


def test_the_api_marks_done_refuses_a_future_day_and_unmarks(client, gwangju_editor, milestone):
    client.force_login(gwangju_editor)
    url = f"/api/commitments/milestones/{milestone.pk}"

    def patch(body):
        return client.patch(url, json.dumps(body), content_type="application/json")

    future = patch({"version": 1, "done_on": str(timezone.localdate() + timedelta(days=3))})
    done = patch({"version": 1, "done_on": "2021-03-02"})
    undone = patch({"version": 2, "done_on": None})

    assert future.status_code == 422 and "done_on" in future.content.decode()
    assert done.status_code == 200 and done.json()["done_on"] == "2021-03-02"
    assert undone.status_code == 200 and undone.json()["done_on"] is None


def test_the_edit_form_sets_the_day_it_was_done(client, gwangju_editor, milestone):
    client.force_login(gwangju_editor)

    client.post(
        reverse("commitments:milestone-edit", args=[milestone.pk]),
        {"version": 1, "date": "2021-03-01", "text": "Ordinance", "done_on": "2021-03-05"},
    )

    milestone.refresh_from_db()
    assert milestone.done_on == date(2021, 3, 5)
