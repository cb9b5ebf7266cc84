"""What a signed-in reader or an API token receives is never kept by a shared cache or the
browser (`Cache-Control: private, no-store`); anonymous public pages keep their caching."""

import io

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from hrcities.archive.services import add_media

from .cases import RESTRICTED, make_cases

pytestmark = pytest.mark.django_db
PRIVATE = "private, no-store"


@pytest.fixture
def cases(gwangju, gwangju_editor):
    return make_cases(gwangju, gwangju_editor)


@pytest.fixture
def media(cases, gwangju_editor):
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG")
    upload = SimpleUploadedFile("photo.png", out.getvalue(), content_type="image/png")
    return add_media(cases.public, upload, by=gwangju_editor)


def addresses(cases, media):
    """Pages, API answers, exports and feeds, of public records and of protected ones."""
    public, restricted = cases.public.pk, cases.restricted.pk
    return [
        reverse("core:home"),
        reverse("archive:item-list"),
        reverse("archive:item-detail", args=[public]),
        reverse("archive:item-detail", args=[restricted]),
        reverse("archive:timeline"),
        reverse("archive:map-data"),
        reverse("archive:media-file", args=[media.pk]),
        "/search/?q=Sentinel",
        f"/api/archive/items/{public}",
        f"/api/archive/items/{restricted}",
        "/api/archive/items?limit=500",
        "/api/archive/items.csv",
        "/api/archive/dump.jsonld",
        f"/api/archive/items/{restricted}/jsonld",
        "/api/search?q=Sentinel&semantic=false",
        "/oai?verb=ListRecords&metadataPrefix=oai_dc",
    ]


def read(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def test_every_answer_to_a_signed_in_reader_is_private_and_not_stored(
    client, cases, media, settings
):
    settings.PAGE_CACHE = True
    client.force_login(cases.named)

    seen = ""
    for address in addresses(cases, media):
        response = client.get(address)
        assert response.status_code == 200, address
        assert response["Cache-Control"] == PRIVATE, address
        seen += read(response)

    assert RESTRICTED in seen  # the protected record was among what was answered


def test_every_answer_to_an_api_token_is_private_and_not_stored(client, cases, media, api_token):
    key = api_token(cases.named)

    for address in addresses(cases, media):
        if not address.startswith("/api/"):
            continue
        response = client.get(address, HTTP_AUTHORIZATION=f"Bearer {key}")
        assert response.status_code == 200, address
        assert response["Cache-Control"] == PRIVATE, address


def test_a_keepers_history_and_edit_pages_are_private(client, cases, gwangju_editor):
    client.force_login(gwangju_editor)
    item = cases.restricted

    for address in (
        reverse("core:record-history", args=["archive.item", item.pk]),
        reverse("archive:item-edit", args=[item.pk]),
        f"/api/records/archive.item/{item.pk}/revisions",
    ):
        response = client.get(address)
        assert (response.status_code, response["Cache-Control"]) == (200, PRIVATE), address


def test_anonymous_public_pages_keep_their_caching(client, cases, media, settings):
    settings.PAGE_CACHE = True
    caches["pages"].clear()
    page = reverse("archive:item-detail", args=[cases.public.pk])

    first, again = client.get(page), client.get(page)
    photo = client.get(reverse("archive:media-file", args=[media.pk]))

    assert "no-store" not in first.get("Cache-Control", "")
    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    assert photo["Cache-Control"] == "private, max-age=300"
    caches["pages"].clear()
