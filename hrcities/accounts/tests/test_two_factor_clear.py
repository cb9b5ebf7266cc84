"""A person who lost both their authenticator app and their recovery codes is helped by a
network admin on the person's page, not in the Django admin."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from hrcities.accounts.tests.factories import PASSWORD
from hrcities.core.models import AuditEntry

from .twofactor_helpers import with_app

pytestmark = pytest.mark.django_db


def remove_url(person):
    return reverse("accounts:person-two-factor-remove", args=[person.username])


def test_a_network_admin_removes_a_lost_app_after_asking_and_the_person_signs_in_again(
    signed_in, admin, contributor
):
    with_app(contributor)
    client = signed_in(admin)
    person_page = client.get(reverse("accounts:person-detail", args=["contributor"]))
    assert remove_url(contributor) in person_page.content.decode()

    asked = client.get(remove_url(contributor))
    assert "Remove the two-factor sign-in of contributor?" in asked.content.decode()
    assert TOTPDevice.objects.filter(user=contributor).exists()

    done = client.post(remove_url(contributor))

    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=contributor).exists()
    assert not StaticDevice.objects.filter(user=contributor).exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.TWO_FACTOR_REMOVED)
    assert (entry.actor, entry.target_id) == (admin, str(contributor.pk))
    fresh = Client()
    fresh.post(reverse("accounts:login"), {"username": "contributor", "password": PASSWORD})
    assert "_auth_user_id" in fresh.session


def test_an_editor_may_not_remove_a_colleagues_app(signed_in, gwangju_editor, contributor):
    with_app(contributor)
    client = signed_in(gwangju_editor)

    page = client.get(reverse("accounts:person-detail", args=["contributor"])).content.decode()
    assert remove_url(contributor) not in page
    assert client.get(remove_url(contributor)).status_code == 403
    assert client.post(remove_url(contributor)).status_code == 403
    assert TOTPDevice.objects.filter(user=contributor).exists()


def test_a_network_admin_removes_their_own_app_on_their_account_page_only(signed_in, admin):
    with_app(admin)
    client = signed_in(admin)
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=admin).persistent_id
    session.save()

    assert client.post(remove_url(admin)).status_code == 403
    assert TOTPDevice.objects.filter(user=admin).exists()


def test_a_person_without_an_app_is_told_so(signed_in, admin, contributor):
    client = signed_in(admin)
    page = client.get(reverse("accounts:person-detail", args=["contributor"])).content.decode()
    assert remove_url(contributor) not in page
    assert (
        "This person has no authenticator app."
        in client.get(remove_url(contributor)).content.decode()
    )
