"""Invitations over the API: the same rules as the pages, errors as problem details."""

from __future__ import annotations

import pytest
from django.core import mail

from hrcities.accounts.models import Invitation
from hrcities.accounts.services import invite

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client, api_token):
    def call(user, method, path, body=None):
        return getattr(client, method)(
            path,
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {api_token(user)}",
        )

    return call


def test_an_editor_invites_lists_re_sends_and_revokes(as_user, gwangju_editor, gwangju):
    body = {"email": "staff@example.org", "role": "reviewer", "city": "gwangju", "language": "ko"}

    created = as_user(gwangju_editor, "post", "/api/accounts/invitations", body)
    assert created.status_code == 201
    answer = created.json()
    assert answer["status"] == "pending" and answer["city"] == "gwangju"
    assert answer["invited_by"] == "gwangju-editor"
    assert not {"token", "token_hash", "link"} & set(answer)
    assert len(mail.outbox) == 1

    listed = as_user(gwangju_editor, "get", "/api/accounts/invitations?only_open=true").json()
    assert [i["email"] for i in listed["items"]] == ["staff@example.org"]
    resent = as_user(gwangju_editor, "post", f"/api/accounts/invitations/{answer['id']}/resend")
    assert resent.status_code == 200 and len(mail.outbox) == 2
    revoked = as_user(gwangju_editor, "delete", f"/api/accounts/invitations/{answer['id']}")
    assert revoked.status_code == 204
    assert Invitation.objects.get().status == "revoked"
    again = as_user(gwangju_editor, "post", f"/api/accounts/invitations/{answer['id']}/resend")
    assert again.status_code == 422


def test_a_duplicate_invitation_is_a_problem_naming_the_email(as_user, gwangju_editor, gwangju):
    body = {"email": "staff@example.org", "role": "reviewer", "city": "gwangju"}
    as_user(gwangju_editor, "post", "/api/accounts/invitations", body)

    twice = as_user(gwangju_editor, "post", "/api/accounts/invitations", body)

    assert twice.status_code == 422
    assert twice.headers["Content-Type"] == "application/problem+json"
    assert twice.json()["errors"][0]["field"] == "email"
    assert "Re-send it" in twice.json()["detail"]


def test_roles_above_ones_own_or_elsewhere_are_forbidden(as_user, gwangju_editor, busan):
    admin_role = {"email": "boss@example.org", "role": "admin"}
    elsewhere = {"email": "n@example.org", "role": "editor", "city": "busan"}

    assert (
        as_user(gwangju_editor, "post", "/api/accounts/invitations", admin_role).status_code == 403
    )
    assert (
        as_user(gwangju_editor, "post", "/api/accounts/invitations", elsewhere).status_code == 403
    )
    assert not Invitation.objects.exists()


def test_an_unknown_city_or_a_bad_address_is_named(as_user, admin):
    unknown = as_user(
        admin,
        "post",
        "/api/accounts/invitations",
        {"email": "a@example.org", "role": "editor", "city": "atlantis"},
    )
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "city"
    bad = as_user(
        admin, "post", "/api/accounts/invitations", {"email": "not-an-address", "role": "admin"}
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "email"


def test_another_citys_invitations_are_invisible(as_user, gwangju_editor, busan_editor, busan):
    invitation, _ = invite("staff@example.org", "reviewer", by=busan_editor, city=busan)

    listed = as_user(gwangju_editor, "get", "/api/accounts/invitations").json()
    assert listed["count"] == 0
    assert (
        as_user(gwangju_editor, "delete", f"/api/accounts/invitations/{invitation.pk}").status_code
        == 404
    )
    assert (
        as_user(
            gwangju_editor, "post", f"/api/accounts/invitations/{invitation.pk}/resend"
        ).status_code
        == 404
    )
    assert Invitation.objects.get().status == "pending"


def test_a_role_is_changed_and_revoked_over_the_api_within_rights(
    as_user, gwangju_editor, busan_editor, contributor
):
    assignment = contributor.roles.get()
    path = f"/api/accounts/roles/{assignment.pk}"

    assert as_user(busan_editor, "patch", path, {"role": "reader"}).status_code == 404
    changed = as_user(gwangju_editor, "patch", path, {"role": "reviewer"})
    assert changed.status_code == 200 and changed.json()["role"] == "reviewer"
    assert as_user(gwangju_editor, "patch", path, {"role": "admin"}).status_code == 403
    assert as_user(gwangju_editor, "delete", path).status_code == 204
    assert not contributor.roles.exists()
