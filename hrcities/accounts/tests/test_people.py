"""The People pages: a network admin sees everyone, an editor the people of their own city;
roles change within the changer's rights; accounts are deactivated, never deleted."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hrcities.accounts.models import RoleAssignment, User
from hrcities.accounts.services import create_api_token, deactivate_user
from hrcities.accounts.tests.factories import PASSWORD, give_role, make_user
from hrcities.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_an_editor_sees_the_people_of_their_city_and_no_one_else(
    signed_in, gwangju_editor, busan_editor, contributor, reader
):
    page = signed_in(gwangju_editor).get(reverse("accounts:people")).content.decode()

    assert "contributor" in page and "gwangju-editor" in page
    assert "busan-editor" not in page and ">reader<" not in page


def test_a_network_admin_sees_everyone(signed_in, admin, busan_editor, reader):
    page = signed_in(admin).get(reverse("accounts:people")).content.decode()
    assert "busan-editor" in page and "reader" in page


def test_people_are_found_by_name_or_email_and_paginated(signed_in, admin, gwangju):
    for n in range(30):
        give_role(
            make_user(f"staff{n:02}", email=f"staff{n:02}@example.org"), "reader", city=gwangju
        )
    make_user("minji", display_name="Kim Minji", email="minji@gwangju.example")
    client = signed_in(admin)

    by_name = client.get(reverse("accounts:people"), {"q": "minji"}).content.decode()
    assert "Kim Minji" in by_name and "staff01" not in by_name
    by_email = client.get(reverse("accounts:people"), {"q": "gwangju.example"}).content.decode()
    assert "Kim Minji" in by_email
    first = client.get(reverse("accounts:people"))
    assert first.context["page"].paginator.num_pages == 2
    assert "Page 1 of 2" in first.content.decode()
    nobody = client.get(reverse("accounts:people"), {"q": "nobody-at-all"}).content.decode()
    assert "Nobody matches this search." in nobody


def test_contributors_and_readers_have_no_people_pages(signed_in, contributor, reader):
    assert signed_in(contributor).get(reverse("accounts:people")).status_code == 403
    assert signed_in(reader).get(reverse("accounts:people")).status_code == 403


def test_the_menu_offers_people_to_editors_only(signed_in, gwangju_editor, contributor):
    assert 'href="/accounts/people/"' in signed_in(gwangju_editor).get("/").content.decode()
    assert 'href="/accounts/people/"' not in signed_in(contributor).get("/").content.decode()


def test_another_citys_person_is_not_found(signed_in, gwangju_editor, busan_editor):
    client = signed_in(gwangju_editor)
    assert client.get(reverse("accounts:person-detail", args=["busan-editor"])).status_code == 404
    deactivate = reverse("accounts:person-deactivate", args=["busan-editor"])
    assert client.post(deactivate).status_code == 404
    assert User.objects.get(username="busan-editor").is_active


def test_an_editor_changes_a_colleagues_role_in_their_city(signed_in, gwangju_editor, contributor):
    assignment = contributor.roles.get()
    client = signed_in(gwangju_editor)

    client.post(reverse("accounts:role-change", args=[assignment.pk]), {"role": "reviewer"})

    assert contributor.roles.get().role == "reviewer"
    entry = AuditEntry.objects.get(action="role-granted")
    assert entry.details == {"role": "reviewer", "scope": "Gwangju", "replaces": "contributor"}
    refused = client.post(reverse("accounts:role-change", args=[assignment.pk]), {"role": "admin"})
    assert refused.status_code == 403
    assert contributor.roles.get().role == "reviewer"


def test_an_editor_cannot_touch_another_citys_role(signed_in, gwangju_editor, busan_editor):
    assignment = busan_editor.roles.get()
    client = signed_in(gwangju_editor)

    assert client.post(reverse("accounts:role-revoke", args=[assignment.pk])).status_code == 404
    change = reverse("accounts:role-change", args=[assignment.pk])
    assert client.post(change, {"role": "reader"}).status_code == 404
    assert busan_editor.roles.get().role == "editor"


def test_a_person_with_roles_elsewhere_shows_only_this_citys_roles_to_its_editor(
    signed_in, gwangju_editor, contributor, busan
):
    give_role(contributor, "reviewer", city=busan)

    page = signed_in(gwangju_editor).get(reverse("accounts:person-detail", args=["contributor"]))

    assert [r.scope_label for r in page.context["roles"]] == ["Gwangju"]
    assert "Busan" not in page.content.decode()
    assert "holds roles outside the cities and organisations you edit" in page.content.decode()
    with pytest.raises(PermissionDenied):
        deactivate_user(contributor, by=gwangju_editor)


def test_deactivation_asks_first_then_stops_sign_in_sessions_and_tokens(
    client, signed_in, gwangju_editor, contributor, api_token
):
    key = api_token(contributor)
    url = reverse("accounts:person-deactivate", args=["contributor"])
    editor = signed_in(gwangju_editor)

    confirm = editor.get(url)
    assert "Deactivate the account of contributor?" in confirm.content.decode()
    assert User.objects.get(username="contributor").is_active
    assert editor.post(url).status_code == 302
    contributor.refresh_from_db()
    assert not contributor.is_active
    assert AuditEntry.objects.filter(action="user-deactivated", target_id=contributor.pk).exists()

    client.logout()
    login = client.post(
        reverse("accounts:login"), {"username": "contributor", "password": PASSWORD}
    )
    assert login.status_code == 200 and "_auth_user_id" not in client.session
    assert client.get("/api/accounts/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_a_deactivated_persons_open_session_ends(client, contributor, gwangju_editor):
    client.force_login(contributor)
    assert client.get(reverse("accounts:profile")).status_code == 200

    deactivate_user(contributor, by=gwangju_editor)

    assert client.get(reverse("accounts:profile")).status_code == 302


def test_history_keeps_the_name_of_a_deactivated_author(signed_in, admin, contributor, gwangju):
    from hrcities.network.services import update_city

    update_city(
        gwangju,
        {"website": "https://gwangju.example/"},
        by=contributor,
        based_on_version=gwangju.version,
    )
    deactivate_user(contributor, by=admin)

    history = signed_in(admin).get(
        reverse("core:record-history", args=["network.city", gwangju.pk])
    )
    assert "contributor" in history.content.decode()
    assert User.objects.filter(username="contributor").exists()


def test_reactivation_lets_the_person_sign_in_again(client, signed_in, admin, contributor):
    deactivate_user(contributor, by=admin)

    signed_in(admin).post(reverse("accounts:person-reactivate", args=["contributor"]))

    client.logout()
    client.post(reverse("accounts:login"), {"username": "contributor", "password": PASSWORD})
    assert "_auth_user_id" in client.session
    assert AuditEntry.objects.filter(action="user-reactivated").exists()


def test_nobody_deactivates_themselves_and_editors_never_deactivate_an_admin(
    admin, gwangju_editor, gwangju
):
    give_role(admin, "reader", city=gwangju)
    with pytest.raises(PermissionDenied):
        deactivate_user(gwangju_editor, by=gwangju_editor)
    with pytest.raises(PermissionDenied):
        deactivate_user(admin, by=gwangju_editor)
    with pytest.raises(PermissionDenied):
        deactivate_user(admin, by=admin)


def test_the_person_page_grants_a_role_in_the_editors_city(
    signed_in, gwangju_editor, contributor, gwangju
):
    response = signed_in(gwangju_editor).post(
        reverse("accounts:person-role-grant", args=["contributor"]),
        {"role": "researcher", "city": gwangju.pk},
    )

    assert response.status_code == 302
    assert set(contributor.roles.values_list("role", flat=True)) == {"contributor", "researcher"}


def test_granting_a_role_held_already_is_explained(signed_in, gwangju_editor, contributor, gwangju):
    response = signed_in(gwangju_editor).post(
        reverse("accounts:person-role-grant", args=["contributor"]),
        {"role": "contributor", "city": gwangju.pk},
    )

    assert response.status_code == 200
    assert "already holds the role Contributor for Gwangju" in response.content.decode()
    assert RoleAssignment.objects.filter(user=contributor).count() == 1


def test_the_people_api_answers_within_the_callers_scope(
    client, api_token, gwangju_editor, busan_editor, contributor
):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token(gwangju_editor)}"}

    listed = client.get("/api/accounts/people", **auth).json()
    assert {p["username"] for p in listed["items"]} == {"gwangju-editor", "contributor"}
    assert client.get("/api/accounts/people/busan-editor", **auth).status_code == 404

    done = client.post("/api/accounts/people/contributor/deactivate", **auth)
    assert done.status_code == 200 and done.json()["is_active"] is False
    again = client.post("/api/accounts/people/contributor/reactivate", **auth)
    assert again.json()["is_active"] is True
    refused = client.post("/api/accounts/people/busan-editor/deactivate", **auth)
    assert refused.status_code == 404
    assert refused.headers["Content-Type"] == "application/problem+json"


def test_a_reader_has_no_people_api(client, api_token, reader):
    answer = client.get("/api/accounts/people", HTTP_AUTHORIZATION=f"Bearer {api_token(reader)}")
    assert answer.status_code == 403
    assert answer.json()["detail"] == "Only network admins and editors manage people."


def test_a_deactivated_users_token_is_refused_everywhere(client, admin, contributor):
    _, key = create_api_token(contributor, "script")
    deactivate_user(contributor, by=admin)
    answer = client.get("/api/accounts/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert answer.status_code == 401
