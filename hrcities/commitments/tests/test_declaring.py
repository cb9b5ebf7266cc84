"""Network admins keep a declaration on pages and through the API: its details, a
promise, a clause's wording (with revisions), and deleting one no action answers."""

import json

import pytest
from django.urls import reverse

from hrcities.commitments.models import Clause, Commitment, Declaration
from hrcities.commitments.tests.factories import make_action, make_declaration
from hrcities.core.services import revisions_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def declaration(db):
    return make_declaration()


def test_an_admin_edits_a_declarations_details_on_a_page(client, admin, declaration):
    client.force_login(admin)
    url = reverse("commitments:declaration-edit", args=[declaration.slug])
    assert url in client.get(declaration.get_absolute_url()).content.decode()

    saved = client.post(
        url,
        {
            "version": declaration.version,
            "title": "Gwangju Declaration 2021",
            "language": "en",
            "forum_edition": "11",
            "start_date": "2021-10-06",
            "end_date": "2021-10-09",
        },
    )
    backwards = client.post(
        url,
        {
            "version": declaration.version + 1,
            "title": "X",
            "language": "en",
            "start_date": "2021-10-09",
            "end_date": "2021-10-06",
        },
    )

    declaration.refresh_from_db()
    assert saved.status_code == 302
    assert (declaration.title, declaration.forum_edition) == ("Gwangju Declaration 2021", 11)
    assert backwards.status_code == 400 and "before the first day" in backwards.content.decode()
    assert declaration.title == "Gwangju Declaration 2021"


def test_an_admin_edits_a_promises_title_addressees_and_weight(client, admin, declaration):
    commitment = declaration.commitments.get(number=1)
    client.force_login(admin)

    response = client.post(
        reverse("commitments:commitment-edit", args=[declaration.slug, 1]),
        {
            "version": commitment.version,
            "title": "Shelters for all",
            "addressees": ["un", "civil-society"],
            "weight": "2.5",
        },
    )

    commitment.refresh_from_db()
    assert response.status_code == 302
    assert commitment.title == "Shelters for all"
    assert commitment.addressees == ["un", "civil-society"]
    assert str(commitment.weight) == "2.50"


def test_a_corrected_clause_keeps_its_earlier_wording_and_its_promise_follows(
    client, admin, declaration
):
    commitment = declaration.commitments.exclude(clause=None).first()
    clause = commitment.clause
    before = clause.text
    client.force_login(admin)

    response = client.post(
        reverse("commitments:clause-edit", args=[declaration.slug, clause.pk]),
        {"version": clause.version, "text": "We promise shelters for every family."},
    )

    clause.refresh_from_db()
    commitment.refresh_from_db()
    assert response.status_code == 302
    assert clause.text == commitment.text == "We promise shelters for every family."
    assert revisions_for(clause).first().changes["text"] == [before, clause.text]


def test_an_empty_clause_is_refused_naming_the_field(client, admin, declaration):
    clause = declaration.clauses.first()
    client.force_login(admin)

    response = client.post(
        reverse("commitments:clause-edit", args=[declaration.slug, clause.pk]),
        {"version": clause.version, "text": "   "},
    )

    assert response.status_code == 400
    assert Clause.objects.get(pk=clause.pk).text == clause.text


def test_a_declaration_answered_by_actions_is_not_deleted_and_says_how_many(
    client, admin, declaration, gwangju
):
    make_action(declaration.commitments.get(number=1), gwangju)
    make_action(declaration.commitments.get(number=2), gwangju)
    client.force_login(admin)
    url = reverse("commitments:declaration-delete", args=[declaration.slug])

    page = client.get(url).content.decode()
    posted = client.post(url, {"confirm": "on"})
    api = client.delete(f"/api/commitments/declarations/{declaration.slug}")

    assert "2 actions answer its promises" in page
    assert posted.status_code == 409 and api.status_code == 422
    assert Declaration.objects.filter(pk=declaration.pk).exists()


def test_a_declaration_nothing_acts_on_is_deleted_with_its_parts(client, admin, declaration):
    client.force_login(admin)

    response = client.post(
        reverse("commitments:declaration-delete", args=[declaration.slug]), {"confirm": "on"}
    )

    assert response.status_code == 302
    assert not Declaration.objects.exists() and not Commitment.objects.exists()
    assert not Clause.objects.exists()


@pytest.mark.parametrize("who", ["gwangju_editor", "reader"])
def test_only_network_admins_keep_declarations(client, who, request, declaration):
    client.force_login(request.getfixturevalue(who))
    clause = declaration.clauses.first()
    slug = declaration.slug

    answers = [
        client.post(
            reverse("commitments:declaration-edit", args=[slug]),
            {"version": 1, "title": "X", "language": "en"},
        ).status_code,
        client.post(
            reverse("commitments:commitment-edit", args=[slug, 1]),
            {"version": 1, "title": "X", "weight": "1"},
        ).status_code,
        client.post(
            reverse("commitments:clause-edit", args=[slug, clause.pk]), {"version": 1, "text": "X"}
        ).status_code,
        client.post(
            reverse("commitments:declaration-delete", args=[slug]), {"confirm": "on"}
        ).status_code,
        client.delete(f"/api/commitments/declarations/{slug}").status_code,
        client.patch(
            f"/api/commitments/declarations/{slug}/clauses/{clause.pk}",
            json.dumps({"version": 1, "text": "X"}),
            content_type="application/json",
        ).status_code,
    ]

    assert answers == [403] * 6
    declaration.refresh_from_db()
    assert declaration.version == 1 and Clause.objects.get(pk=clause.pk).text != "X"


def test_the_api_corrects_a_clause_and_refuses_a_stale_version(client, admin, declaration):
    clause = declaration.clauses.first()
    client.force_login(admin)
    url = f"/api/commitments/declarations/{declaration.slug}/clauses/{clause.pk}"

    def patch(body):
        return client.patch(url, json.dumps(body), content_type="application/json")

    corrected = patch({"version": clause.version, "text": "Corrected wording."})
    stale = patch({"version": clause.version, "text": "Old wording."})

    assert corrected.status_code == 200 and stale.status_code == 409
    assert Clause.objects.get(pk=clause.pk).text == "Corrected wording."
