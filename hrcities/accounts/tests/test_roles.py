import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse

from hrcities.accounts.models import RoleAssignment
from hrcities.accounts.permissions import can_create_in, can_edit
from hrcities.accounts.services import grant_role
from hrcities.core.models import AuditEntry
from hrcities.network.tests.factories import make_organisation

pytestmark = pytest.mark.django_db


def test_an_editor_edits_their_own_city_and_no_other(gwangju_editor, gwangju, busan):
    assert can_edit(gwangju_editor, gwangju)
    assert not can_edit(gwangju_editor, busan)
    assert can_create_in(gwangju_editor, city=gwangju)
    assert not can_create_in(gwangju_editor, city=busan)


def test_an_editor_of_a_city_does_not_edit_organisations_by_accident(gwangju_editor, gwangju):
    organisation = make_organisation(city=gwangju)
    assert not can_edit(gwangju_editor, organisation)


def test_reviewers_contributors_and_readers_do_not_edit(gwangju, reader):
    from hrcities.accounts.tests.factories import give_role, make_user

    for role in ("reviewer", "contributor", "reader"):
        user = make_user(f"{role}-of-gwangju")
        give_role(user, role, city=gwangju)
        assert not can_edit(user, gwangju), role
    assert not can_edit(reader, gwangju)


def test_a_network_admin_edits_everything(admin, gwangju, busan):
    assert can_edit(admin, gwangju) and can_edit(admin, busan)


def test_a_scoped_role_needs_exactly_one_scope(reader, gwangju):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=reader, role="editor")
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=reader, role="admin", city=gwangju)


def test_an_editor_grants_roles_only_in_their_city_and_grants_are_audited(
    admin, reader, gwangju, busan, gwangju_editor
):
    with pytest.raises(PermissionDenied):
        grant_role(reader, "editor", by=gwangju_editor, city=busan)
    with pytest.raises(PermissionDenied):
        grant_role(reader, "admin", by=gwangju_editor)
    with pytest.raises(PermissionDenied):
        grant_role(reader, "reviewer", by=reader, city=gwangju)

    grant_role(reader, "reviewer", by=gwangju_editor, city=gwangju)

    entry = AuditEntry.objects.get(action="role-granted")
    assert entry.actor == gwangju_editor
    assert entry.details == {"role": "reviewer", "scope": "Gwangju"}


def test_no_role_above_ones_own(gwangju, reader):
    from hrcities.accounts.tests.factories import give_role, make_user

    reviewer = make_user("reviewer-of-gwangju")
    give_role(reviewer, "reviewer", city=gwangju)
    give_role(reviewer, "editor", organisation=make_organisation(city=gwangju))
    # An editor elsewhere is no editor here: the rank counts in one scope only.
    with pytest.raises(PermissionDenied, match="none higher than your own"):
        grant_role(reader, "contributor", by=reviewer, city=gwangju)


def test_granting_through_the_people_page(signed_in, gwangju_editor, reader, gwangju):
    client = signed_in(gwangju_editor)

    response = client.post(
        reverse("accounts:role-grant"),
        {"account": "reader", "role": "editor", "city": gwangju.pk},
    )

    assert response.status_code == 302
    assert response.url == reverse("accounts:person-detail", args=["reader"])
    assert can_edit(reader, gwangju)


def test_the_grant_form_explains_a_role_without_scope(signed_in, admin, reader):
    response = signed_in(admin).post(
        reverse("accounts:role-grant"), {"account": "reader", "role": "editor"}
    )

    assert response.status_code == 200
    assert "Choose either a city or an organisation" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=reader).exists()


def test_an_editor_cannot_grant_in_another_city_through_the_form(
    signed_in, gwangju_editor, reader, busan
):
    response = signed_in(gwangju_editor).post(
        reverse("accounts:role-grant"), {"account": "reader", "role": "editor", "city": busan.pk}
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=reader).exists()


def test_the_old_roles_page_leads_to_the_people_page(signed_in, admin, contributor):
    response = signed_in(admin).get(reverse("accounts:role-list"))
    assert response.status_code == 301
    assert response.url == reverse("accounts:people")
    assert signed_in(contributor).get(reverse("accounts:people")).status_code == 403


def test_granting_through_the_api_within_the_granters_rights(
    client, api_token, reader, gwangju_editor, busan_editor, admin, gwangju
):
    body = {"username": "reader", "role": "editor", "city": "gwangju"}
    refused = client.post(
        "/api/accounts/roles",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token(busan_editor)}",
    )
    assert refused.status_code == 403
    assert refused.json()["status"] == 403
    assert not can_edit(reader, gwangju)

    granted = client.post(
        "/api/accounts/roles",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token(gwangju_editor)}",
    )
    assert granted.status_code == 201
    assert granted.json()["city"] == "gwangju"
    assert can_edit(reader, gwangju)

    admin_role = client.post(
        "/api/accounts/roles",
        {"username": "reader", "role": "admin"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token(gwangju_editor)}",
    )
    assert admin_role.status_code == 403
    assert not reader.is_network_admin


def test_revoking_a_role_asks_first_and_is_audited(signed_in, admin, gwangju_editor, gwangju):
    assignment = gwangju_editor.roles.get()
    client = signed_in(admin)
    url = reverse("accounts:role-revoke", args=[assignment.pk])

    assert client.get(url).status_code == 200
    assert can_edit(gwangju_editor, gwangju)
    client.post(url)
    assert not can_edit(gwangju_editor, gwangju)
    assert AuditEntry.objects.filter(action="role-revoked").exists()


def test_the_same_role_cannot_be_granted_twice_for_the_same_scope(reader, gwangju):
    RoleAssignment.objects.create(user=reader, role="editor", city=gwangju)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=reader, role="editor", city=gwangju)
    RoleAssignment.objects.create(user=reader, role="admin")
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=reader, role="admin")
