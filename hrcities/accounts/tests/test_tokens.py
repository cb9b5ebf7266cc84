import pytest
from django.urls import reverse

from hrcities.accounts.models import ApiToken, hash_token
from hrcities.accounts.services import create_api_token, revoke_api_token
from hrcities.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_token_is_stored_only_as_a_hash(reader):
    token, key = create_api_token(reader, "script")

    assert key.startswith("hrc_")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hash_token(key)
    assert key not in (stored.key_hash, stored.key_hint, stored.name)
    assert stored.key_hint == key[:8]


def test_a_token_signs_the_caller_in_to_the_api(client, reader):
    _, key = create_api_token(reader, "script")

    response = client.get("/api/accounts/me", **bearer(key))

    assert response.status_code == 200
    assert response.json()["username"] == "reader"
    assert ApiToken.objects.get().last_used_at is not None


def test_a_revoked_token_is_refused_at_once(client, reader):
    token, key = create_api_token(reader, "script")
    revoke_api_token(token, by=reader)

    response = client.get("/api/accounts/me", **bearer(key))

    assert response.status_code == 401
    assert response.headers["Content-Type"] == "application/problem+json"
    assert "revoked" in response.json()["detail"]
    assert AuditEntry.objects.filter(action="token-revoked").exists()


def test_an_unknown_token_is_refused_even_on_public_reads(client):
    response = client.get("/api/accounts/me", **bearer("hrc_not-a-real-token"))
    assert response.status_code == 401


def test_tokens_can_be_created_and_revoked_through_the_api(client, reader, api_token):
    key = api_token(reader)

    created = client.post(
        "/api/accounts/tokens", {"name": "uploader"}, content_type="application/json", **bearer(key)
    )
    assert created.status_code == 201
    new_key = created.json()["key"]
    listed = client.get("/api/accounts/tokens", **bearer(key)).json()
    assert {t["name"] for t in listed} == {"tests", "uploader"}
    assert all("key" not in t for t in listed)

    revoked = client.delete(f"/api/accounts/tokens/{created.json()['id']}", **bearer(key))
    assert revoked.status_code == 204
    assert client.get("/api/accounts/me", **bearer(new_key)).status_code == 401


def test_a_token_without_a_name_is_refused_naming_the_field(client, reader, api_token):
    response = client.post(
        "/api/accounts/tokens",
        {"name": ""},
        content_type="application/json",
        **bearer(api_token(reader)),
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "name"


def test_nobody_can_revoke_another_users_token(client, reader, admin, signed_in, api_token):
    other, _ = create_api_token(admin, "admin script")

    api = client.delete(f"/api/accounts/tokens/{other.pk}", **bearer(api_token(reader)))
    assert api.status_code == 404
    page = signed_in(reader).post(reverse("accounts:token-revoke", args=[other.pk]))
    assert page.status_code == 404
    assert ApiToken.objects.get(pk=other.pk).is_active


def test_the_account_page_shows_a_new_token_once(signed_in, reader):
    client = signed_in(reader)

    created = client.post(reverse("accounts:profile"), {"name": "uploader"})
    key = created.context["new_key"]
    assert key in created.content.decode()
    assert key not in client.get(reverse("accounts:profile")).content.decode()


def test_revoking_from_the_account_page_asks_first(signed_in, reader):
    token, _ = create_api_token(reader, "uploader")
    client = signed_in(reader)
    url = reverse("accounts:token-revoke", args=[token.pk])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert ApiToken.objects.get(pk=token.pk).is_active
    client.post(url)
    assert not ApiToken.objects.get(pk=token.pk).is_active
