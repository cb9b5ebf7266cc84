"""Thumbnails: made from images and from a PDF's first page, kept beside the file, shown
in the lists, and served only to those who may see the file itself: a thumbnail of a
hidden item answers exactly as a file that does not exist."""

import io
import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from hrcities.accounts.tests.factories import give_role, make_user
from hrcities.archive.models import MediaFile
from hrcities.archive.services import add_media, redact_phrase, withdraw_consent

from .factories import give_consent, make_item, make_person

pytestmark = pytest.mark.django_db
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed"
)


def png(colour="red", size=(900, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string="<h1 style='font-size:80pt'>Minutes</h1>").write_pdf()


def attach(item, editor, name="photo.png", data=None):
    upload = SimpleUploadedFile(name, data if data is not None else png())
    return add_media(item, upload, by=editor)


def thumbnail(client, media):
    return client.get(reverse("archive:media-thumbnail", args=[media.pk]))


def test_an_image_gets_a_small_jpeg_thumbnail_kept_beside_it(gwangju, gwangju_editor):
    media = attach(make_item(gwangju), gwangju_editor)

    stored = Path(settings.MEDIA_ROOT) / media.thumbnail.name
    with Image.open(stored) as picture:
        assert picture.format == "JPEG" and max(picture.size) == 480
    assert stored.parent == (Path(settings.MEDIA_ROOT) / media.file.name).parent


@needs_poppler
def test_a_pdf_gets_a_thumbnail_of_its_first_page(client, gwangju, gwangju_editor):
    media = attach(make_item(gwangju), gwangju_editor, "minutes.pdf", pdf())

    response = thumbnail(client, media)

    assert media.thumbnail and response.status_code == 200
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as page:
        assert page.format == "JPEG" and max(page.size) == 480
        darkest, lightest = page.convert("L").getextrema()
    # The page is drawn: white paper with dark letters, not a blank picture.
    assert darkest < 64 and lightest > 200


@needs_poppler
def test_a_pdf_stored_without_a_thumbnail_gets_one_on_first_request_and_keeps_it(
    client, gwangju, gwangju_editor
):
    item = make_item(gwangju)
    media = MediaFile(
        item=item, original_name="old.pdf", content_type="application/pdf", size=1, sha256="0"
    )
    media.file.save("old.pdf", ContentFile(pdf()), save=False)
    media.save()

    first = thumbnail(client, media)
    media.refresh_from_db()
    kept = media.thumbnail.name
    second = thumbnail(client, media)
    media.refresh_from_db()

    assert first.status_code == second.status_code == 200
    assert kept and media.thumbnail.name == kept
    assert len(list((Path(settings.MEDIA_ROOT) / f"archive/{item.pk}").glob("*-thumb*"))) == 1


def test_a_pdf_may_be_framed_by_the_sites_own_pages_and_nothing_else_may(
    client, gwangju, gwangju_editor
):
    item = make_item(gwangju)
    document = attach(item, gwangju_editor, "minutes.pdf", pdf())
    image = attach(item, gwangju_editor)

    shown = client.get(reverse("archive:media-file", args=[document.pk]))
    other = client.get(reverse("archive:media-file", args=[image.pk]))

    # The item's page shows the PDF in a frame; no other site may.
    assert shown["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in shown["Content-Security-Policy"]
    assert other["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in other["Content-Security-Policy"]


def test_sound_has_no_thumbnail_and_says_so(client, gwangju, gwangju_editor):
    ogg = b"OggS" + b"\0" * 60
    media = attach(make_item(gwangju), gwangju_editor, "voice.ogg", ogg)

    assert thumbnail(client, media).status_code == 404


def test_the_list_shows_each_items_thumbnail_with_a_text_and_an_icon_for_the_others(
    client, gwangju, gwangju_editor
):
    photographed = make_item(gwangju, titles={"en": "Photographed"})
    attach(photographed, gwangju_editor, "crowd at the fountain.png")
    make_item(gwangju, titles={"en": "Without files"}, kind="testimony")
    media = photographed.media.get()

    page = client.get(reverse("archive:item-list")).content.decode()

    assert f'src="{reverse("archive:media-thumbnail", args=[media.pk])}"' in page
    assert 'alt="Image crowd at the fountain.png"' in page
    assert page.count('class="list-thumb list-icon"') == 1  # the item without files


def test_a_thumbnails_text_leaves_out_withheld_words(client, gwangju, gwangju_editor):
    item = make_item(gwangju, descriptions={"en": "Photographed by Park Secret."})
    attach(item, gwangju_editor, "Park Secret at the fountain.png")
    redact_phrase(item, by=gwangju_editor, phrase="Park Secret")

    page = client.get(reverse("archive:item-list")).content.decode()

    assert "Park Secret" not in page and 'alt="Image […] at the fountain.png"' in page


# --- who may see a thumbnail ----------------------------------------------------------


@pytest.fixture
def people(gwangju, gwangju_editor):
    """The readers of the matrix below, by name."""
    researcher = make_user("researcher")
    give_role(researcher, "researcher", city=gwangju)
    contributor = make_user("contributor")
    give_role(contributor, "contributor", city=gwangju)
    return {
        "public": None,
        "member": make_user("member"),
        "named": make_user("named"),
        "researcher": researcher,
        "contributor": contributor,
        "keeper": gwangju_editor,
    }


@pytest.fixture
def tiers(gwangju, gwangju_editor, people):
    """One item with an image per way of being hidden (and a public one)."""
    today = timezone.localdate()
    research = make_item(gwangju, kind="testimony", narrator=make_person(gwangju))
    give_consent(research, "archive", "publish", "research")
    withdrawn = make_item(gwangju, kind="testimony", narrator=make_person(gwangju))
    withdraw_consent(give_consent(withdrawn, "archive", "publish"), by=gwangju_editor)
    items = {
        "public": make_item(gwangju),
        "network": make_item(gwangju, access="network"),
        "restricted": make_item(gwangju, access="restricted", allowed_users=[people["named"]]),
        "embargoed": make_item(
            gwangju, access="embargoed", embargo_until=today + timedelta(days=30)
        ),
        "past embargo": make_item(
            gwangju, access="embargoed", embargo_until=today - timedelta(days=1)
        ),
        "research only": research,
        "withdrawn": withdrawn,
        "draft": make_item(gwangju, publication="draft"),
    }
    return {tier: attach(item, gwangju_editor) for tier, item in items.items()}


def as_read(response) -> bytes:
    """Return a page without what differs with every request: its form's CSRF token and
    its own address (the language switch returns to it)."""
    page = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", response.content)
    return page.replace(response.wsgi_request.path.encode(), b"")


READERS = ["public", "member", "named", "researcher", "contributor", "keeper"]
# Who receives the thumbnail (200) of each tier's image; everyone else gets 404.
SEES = {
    "public": set(READERS),
    "network": {"member", "named", "researcher", "contributor", "keeper"},
    "restricted": {"named", "keeper"},
    "embargoed": {"keeper"},
    "past embargo": set(READERS),
    "research only": {"researcher", "keeper"},
    "withdrawn": {"keeper"},
    "draft": {"contributor", "keeper"},
}


@pytest.mark.parametrize("who", READERS)
def test_a_thumbnail_reaches_exactly_those_who_may_see_its_file(client, people, tiers, who):
    if people[who] is not None:
        client.force_login(people[who])
    missing = client.get(reverse("archive:media-thumbnail", args=[999999]))

    for tier, media in tiers.items():
        response = thumbnail(client, media)
        file = client.get(reverse("archive:media-file", args=[media.pk]))
        expected = 200 if who in SEES[tier] else 404
        assert (tier, response.status_code) == (tier, expected)
        assert file.status_code == expected  # the same answer as the file's
        if expected == 404:
            # It says no more than a file that does not exist.
            assert as_read(response) == as_read(missing)


def test_a_thumbnail_of_a_record_not_public_is_kept_by_no_shared_cache(
    client, people, tiers, gwangju_editor
):
    public = thumbnail(client, tiers["public"])
    client.force_login(gwangju_editor)
    hidden = thumbnail(client, tiers["embargoed"])

    assert public["Cache-Control"] == "private, max-age=300"
    assert hidden["Cache-Control"] == "private, no-store"
