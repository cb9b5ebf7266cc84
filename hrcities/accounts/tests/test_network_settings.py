"""The network settings page and API: network admins only, every change audited."""

from __future__ import annotations

from django.urls import reverse

from hrcities.core.models import AuditEntry, NetworkSettings


def test_only_network_admins_open_the_settings_page(client, signed_in, gwangju_editor, admin):
    assert client.get(reverse("accounts:network-settings")).status_code == 302  # sign in first
    assert signed_in(gwangju_editor).get(reverse("accounts:network-settings")).status_code == 403
    assert (
        signed_in(gwangju_editor)
        .post(reverse("accounts:network-settings"), {"require_two_factor_for_keepers": "on"})
        .status_code
        == 403
    )
    assert not NetworkSettings.current().require_two_factor_for_keepers
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.SETTING_CHANGED).exists()

    page = signed_in(admin).get(reverse("accounts:network-settings"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Require two-factor sign-in for keepers of restricted archive records" in html
    assert "must add an authenticator app before they can work" in html  # the help text
    assert "Hide archive records whose consent is past its renewal date" in html


def test_saving_the_settings_records_who_changed_what(signed_in, admin):
    client = signed_in(admin)
    answer = client.post(
        reverse("accounts:network-settings"), {"hide_records_past_renewal": "on"}, follow=True
    )
    assert "Network settings saved." in answer.content.decode()
    saved = NetworkSettings.objects.get(pk=1)
    assert saved.hide_records_past_renewal and not saved.require_two_factor_for_keepers
    assert saved.updated_by == admin
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SETTING_CHANGED)
    assert entry.actor == admin
    assert entry.details["changes"] == {"hide_records_past_renewal": {"from": False, "to": True}}

    # Saving again with nothing changed writes no audit line.
    client.post(reverse("accounts:network-settings"), {"hide_records_past_renewal": "on"})
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SETTING_CHANGED).count() == 1


def test_the_admin_menu_and_account_page_link_to_the_settings(signed_in, admin, reader):
    link = reverse("accounts:network-settings")
    assert link in signed_in(admin).get(reverse("accounts:profile")).content.decode()
    assert link not in signed_in(reader).get(reverse("accounts:profile")).content.decode()


def test_admins_read_and_change_the_settings_through_the_api(client, admin, api_token):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token(admin)}"}
    read = client.get("/api/accounts/network-settings", **auth)
    assert read.status_code == 200
    assert read.json() == {
        "require_two_factor_for_keepers": False,
        "hide_records_past_renewal": False,
        "updated_at": None,
        "updated_by": None,
    }
    changed = client.put(
        "/api/accounts/network-settings",
        {"require_two_factor_for_keepers": True},
        content_type="application/json",
        **auth,
    )
    assert changed.status_code == 200
    body = changed.json()
    assert body["require_two_factor_for_keepers"] is True
    assert body["hide_records_past_renewal"] is False
    assert body["updated_by"] == "admin"
    assert AuditEntry.objects.get(action=AuditEntry.Action.SETTING_CHANGED).actor == admin


def test_others_may_not_read_or_change_the_settings_through_the_api(
    client, gwangju_editor, api_token
):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token(gwangju_editor)}"}
    assert client.get("/api/accounts/network-settings", **auth).status_code == 403
    refused = client.put(
        "/api/accounts/network-settings",
        {"hide_records_past_renewal": True},
        content_type="application/json",
        **auth,
    )
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only network admins may do this."
    assert not NetworkSettings.current().hide_records_past_renewal
    assert client.get("/api/accounts/network-settings").status_code == 401


def test_a_setting_that_is_not_a_yes_or_no_is_refused_by_name(client, admin, api_token):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token(admin)}"}
    refused = client.put(
        "/api/accounts/network-settings",
        {"hide_records_past_renewal": "perhaps"},
        content_type="application/json",
        **auth,
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "hide_records_past_renewal"
    assert not NetworkSettings.objects.exists()
