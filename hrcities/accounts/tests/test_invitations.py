"""Invitations: a city's editor brings in a colleague by email; the link works once."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from hrcities.accounts.models import Invitation, RoleAssignment, User, hash_token
from hrcities.accounts.permissions import can_edit
from hrcities.accounts.services import invite, resend_invitation, revoke_invitation, revoke_role
from hrcities.core.models import AuditEntry

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long walk by the Yeongsan river"


def link_in(message) -> str:
    """The path of the one link an email carries."""
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def signs_in(client, username, password) -> bool:
    """Sign in through the sign-in page (as a person does, throttling included)."""
    answer = client.post(reverse("accounts:login"), {"username": username, "password": password})
    return answer.status_code == 302 and "_auth_user_id" in client.session


def accept(client, path, username="new-staff", password=NEW_PASSWORD, **extra):
    return client.post(
        path,
        {
            "username": username,
            "display_name": "New staff member",
            "preferred_language": "en",
            "password1": password,
            "password2": password,
            **extra,
        },
    )


def test_an_editor_invites_a_colleague_and_the_link_makes_their_account(
    client, gwangju_editor, gwangju
):
    invitation, raw = invite("New.Staff@Example.org", "reviewer", by=gwangju_editor, city=gwangju)

    [message] = mail.outbox
    assert message.to == ["New.Staff@example.org"]
    path = link_in(message)
    assert path == reverse("accounts:invitation-accept", args=[raw])
    stored = Invitation.objects.get()
    assert stored.token_hash == hash_token(raw)
    assert raw not in {stored.token_hash, stored.email}
    assert stored.expires_at - timezone.now() > timedelta(days=6)

    page = client.get(path)
    assert page.status_code == 200
    assert "Reviewer for Gwangju" in page.content.decode()
    done = accept(client, path)

    assert done.status_code == 302 and done.url == reverse("accounts:login")
    user = User.objects.get(username="new-staff")
    assert user.email == "New.Staff@example.org"
    assert user.roles.get().role == "reviewer"
    assert user.roles.get().granted_by == gwangju_editor
    assert signs_in(client, "new-staff", NEW_PASSWORD)
    assert Invitation.objects.get().accepted_by == user
    assert set(AuditEntry.objects.values_list("action", flat=True)) >= {
        "invitation-sent",
        "invitation-accepted",
        "role-granted",
        "email-sent",
    }


def test_a_used_link_gets_a_clear_page_and_makes_no_second_account(client, gwangju_editor, gwangju):
    _, raw = invite("staff@example.org", "contributor", by=gwangju_editor, city=gwangju)
    path = reverse("accounts:invitation-accept", args=[raw])
    accept(client, path)
    client.logout()

    again = accept(client, path, username="someone-else")

    assert again.status_code == 410
    assert "already been accepted" in again.content.decode()
    assert not User.objects.filter(username="someone-else").exists()


def test_an_expired_link_says_so_and_re_sending_gives_a_new_one(client, gwangju_editor, gwangju):
    invitation, old = invite("staff@example.org", "contributor", by=gwangju_editor, city=gwangju)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    expired = client.get(reverse("accounts:invitation-accept", args=[old]))
    assert expired.status_code == 410
    assert "This invitation expired" in expired.content.decode()
    assert "gwangju-editor" in expired.content.decode()

    invitation.refresh_from_db()
    new = resend_invitation(invitation, by=gwangju_editor)
    replaced = client.get(reverse("accounts:invitation-accept", args=[old]))
    assert replaced.status_code == 404
    assert "use the link in the most recent email" in replaced.content.decode()
    assert link_in(mail.outbox[-1]) == reverse("accounts:invitation-accept", args=[new])
    assert accept(client, link_in(mail.outbox[-1])).status_code == 302


def test_a_revoked_link_stops_working_at_once(client, gwangju_editor, gwangju):
    invitation, raw = invite("staff@example.org", "contributor", by=gwangju_editor, city=gwangju)
    revoke_invitation(invitation, by=gwangju_editor)

    page = accept(client, reverse("accounts:invitation-accept", args=[raw]))

    assert page.status_code == 410
    assert "withdrawn" in page.content.decode()
    assert not User.objects.filter(username="new-staff").exists()
    assert AuditEntry.objects.filter(action="invitation-revoked").exists()


def test_an_invitation_whose_inviter_lost_the_right_cannot_be_taken(
    client, admin, gwangju_editor, gwangju
):
    _, raw = invite("staff@example.org", "editor", by=gwangju_editor, city=gwangju)
    revoke_role(gwangju_editor.roles.get(), by=admin)

    page = accept(client, reverse("accounts:invitation-accept", args=[raw]))

    assert page.status_code == 410
    assert "may no longer give this role" in page.content.decode()
    assert not User.objects.filter(username="new-staff").exists()


def test_a_weak_password_or_a_taken_user_name_is_refused_naming_the_field(
    client, gwangju_editor, gwangju, reader
):
    _, raw = invite("staff@example.org", "contributor", by=gwangju_editor, city=gwangju)
    path = reverse("accounts:invitation-accept", args=[raw])

    weak = accept(client, path, password="password")
    assert weak.status_code == 200
    assert weak.context["form"].errors["password2"]
    assert "too common" in weak.content.decode()
    taken = accept(client, path, username="READER")
    assert "username" in taken.context["form"].errors

    assert User.objects.count() == 2  # the editor and the reader: nothing half-written
    assert Invitation.objects.get().accepted_at is None


def test_the_accept_page_speaks_korean(client, gwangju_editor, gwangju):
    _, raw = invite("staff@example.org", "contributor", by=gwangju_editor, city=gwangju)

    page = client.get(reverse("accounts:invitation-accept", args=[raw]), HTTP_ACCEPT_LANGUAGE="ko")

    assert "계정 만들기" in page.content.decode()


def test_a_signed_in_person_is_asked_to_sign_out_first(signed_in, reader, gwangju_editor, gwangju):
    _, raw = invite("staff@example.org", "contributor", by=gwangju_editor, city=gwangju)

    page = signed_in(reader).get(reverse("accounts:invitation-accept", args=[raw]))

    assert page.status_code == 409
    assert "sign out first" in page.content.decode()


def test_the_email_is_in_the_chosen_language_and_carries_only_the_link(gwangju_editor, gwangju):
    _, raw = invite("staff@example.org", "reviewer", by=gwangju_editor, city=gwangju, language="ko")

    [message] = mail.outbox
    assert "초대" in message.subject
    assert "광주" in message.body and "검토자" in message.body
    assert "Gwangju" not in message.body
    assert hash_token(raw) not in message.body
    assert AuditEntry.objects.get(action="email-sent").details["language"] == "ko"


# --- who may invite whom -----------------------------------------------------------


def test_no_invitation_above_ones_own_role_or_outside_ones_city(gwangju_editor, gwangju, busan):
    with pytest.raises(PermissionDenied):
        invite("boss@example.org", "admin", by=gwangju_editor)
    with pytest.raises(PermissionDenied):
        invite("neighbour@example.org", "editor", by=gwangju_editor, city=busan)
    assert not Invitation.objects.exists() and not mail.outbox


def test_a_reviewer_or_contributor_cannot_invite(signed_in, contributor, gwangju):
    with pytest.raises(PermissionDenied):
        invite("friend@example.org", "reader", by=contributor, city=gwangju)
    assert signed_in(contributor).get(reverse("accounts:invitation-create")).status_code == 403


def test_an_address_already_invited_is_refused_saying_to_re_send(gwangju_editor, gwangju):
    invite("staff@example.org", "contributor", by=gwangju_editor, city=gwangju)

    with pytest.raises(ValidationError) as refused:
        invite("STAFF@example.org", "reviewer", by=gwangju_editor, city=gwangju)

    assert "Re-send it" in refused.value.message_dict["email"][0]
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


def test_an_address_invited_by_another_city_points_to_a_network_admin(
    gwangju_editor, busan_editor, gwangju, busan
):
    invite("staff@example.org", "contributor", by=busan_editor, city=busan)

    with pytest.raises(ValidationError, match="Ask a network admin"):
        invite("staff@example.org", "contributor", by=gwangju_editor, city=gwangju)


def test_an_address_with_an_account_is_refused_saying_to_give_a_role(gwangju_editor, gwangju):
    User.objects.create_user("existing", email="existing@example.org")

    with pytest.raises(ValidationError, match="Give that person a role instead"):
        invite("Existing@Example.org", "contributor", by=gwangju_editor, city=gwangju)


def test_the_invitation_page_sends_and_shows_errors_beside_the_field(
    signed_in, gwangju_editor, gwangju
):
    client = signed_in(gwangju_editor)
    form = client.get(reverse("accounts:invitation-create"))
    assert list(form.context["form"].fields["role"].choices)[0] == ("editor", "Editor")
    assert (
        "city" in form.context["form"].fields and "organisation" not in form.context["form"].fields
    )
    body = {
        "email": "staff@example.org",
        "role": "contributor",
        "city": gwangju.pk,
        "language": "ko",
    }

    sent = client.post(reverse("accounts:invitation-create"), body)
    assert sent.status_code == 302
    again = client.post(reverse("accounts:invitation-create"), body)
    assert again.status_code == 200
    assert again.context["form"].errors["email"]
    assert "Nothing was saved" in again.content.decode()

    people = client.get(reverse("accounts:people"))
    assert "staff@example.org" in people.content.decode()


def test_another_citys_invitation_cannot_be_re_sent_or_revoked(
    signed_in, gwangju_editor, busan_editor, busan
):
    invitation, _ = invite("staff@example.org", "contributor", by=busan_editor, city=busan)
    client = signed_in(gwangju_editor)

    assert (
        client.post(reverse("accounts:invitation-resend", args=[invitation.pk])).status_code == 404
    )
    assert (
        client.post(reverse("accounts:invitation-revoke", args=[invitation.pk])).status_code == 404
    )
    invitation.refresh_from_db()
    assert invitation.revoked_at is None and len(mail.outbox) == 1


def test_revoking_from_the_people_page_asks_first(signed_in, gwangju_editor, gwangju):
    invitation, raw = invite("staff@example.org", "contributor", by=gwangju_editor, city=gwangju)
    client = signed_in(gwangju_editor)
    url = reverse("accounts:invitation-revoke", args=[invitation.pk])

    assert "Revoke the invitation to staff@example.org?" in client.get(url).content.decode()
    assert Invitation.objects.open().exists()
    client.post(url)
    assert not Invitation.objects.open().exists()


def test_a_network_admin_invites_a_network_admin(client, admin):
    _, raw = invite("boss@example.org", "admin", by=admin)

    accept(client, reverse("accounts:invitation-accept", args=[raw]), username="boss")

    assert User.objects.get(username="boss").is_network_admin
    assert not RoleAssignment.objects.filter(user__username="boss", city__isnull=False).exists()


def test_an_accepted_editor_edits_their_city_only(client, gwangju_editor, gwangju, busan):
    _, raw = invite("staff@example.org", "editor", by=gwangju_editor, city=gwangju)
    accept(client, reverse("accounts:invitation-accept", args=[raw]))
    user = User.objects.get(username="new-staff")
    assert can_edit(user, gwangju) and not can_edit(user, busan)
