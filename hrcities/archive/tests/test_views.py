"""The archive's pages: who sees which record, what of it reaches the browser, and the
editing, consent, redaction, media and purge steps."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from hrcities.access.tiers import Publication
from hrcities.accounts.tests.factories import give_role, make_user
from hrcities.archive.models import Item, MediaFile, Person
from hrcities.archive.services import redact_phrase, withdraw_consent
from hrcities.core.models import AuditEntry

from .factories import give_consent, make_event, make_item, make_person

pytestmark = pytest.mark.django_db


def detail(item):
    return reverse("archive:item-detail", args=[item.pk])


def page_text(response) -> str:
    return response.content.decode()


@pytest.fixture
def outsider(db):
    return make_user("outsider")


@pytest.fixture
def reviewer(gwangju):
    user = make_user("gwangju-reviewer")
    give_role(user, "reviewer", city=gwangju)
    return user


def item_form(**changes):
    """Answers to the item form as a browser sends them."""
    answers = {
        "owner": "city:gwangju",
        "kind": "testimony",
        "title_en": "What I saw at the Provincial Office",
        "title_ko": "",
        "title_original": "",
        "original_language": "ko",
        "description_en": "A survivor remembers the last night of the uprising.",
        "description_ko": "",
        "date_text": "1980-05-27",
        "collection": "",
        "place": "",
        "narrator": "",
        "new_narrator_pseudonym": "",
        "new_narrator_real_name": "",
        "exact_location": "",
        "contact": "",
        "transcript": "",
        "rights": "",
        "access": "public",
        "embargo_until": "",
        "after_embargo": "public",
        "allowed_users": "",
        "restricted_fields": ["contact", "exact_location", "narrator_name"],
    }
    answers.update(changes)
    return answers


def png_bytes(size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def upload(client, item, name, data, content_type="application/octet-stream", **extra):
    return client.post(
        reverse("archive:item-media-add", args=[item.pk]),
        {"file": SimpleUploadedFile(name, data, content_type=content_type), **extra},
    )


# --- who sees what --------------------------------------------------------------------


def test_anyone_sees_a_public_item_on_its_page_and_in_the_list(client, gwangju):
    item = make_item(gwangju, titles={"en": "Leaflet of 21 May"}, date_text="1980-05-21")

    page = client.get(detail(item))
    listing = client.get(reverse("archive:item-list"))

    assert page.status_code == 200
    assert "Leaflet of 21 May" in page_text(page)
    assert "21 May 1980" in page_text(page)
    assert "Leaflet of 21 May" in page_text(listing)


def test_a_restricted_item_is_not_found_for_the_public_and_outsiders_but_shown_to_a_named_user(
    client, signed_in, gwangju, outsider
):
    named = make_user("named")
    item = make_item(gwangju, access="restricted", allowed_users=[named])

    assert client.get(detail(item)).status_code == 404
    assert signed_in(outsider).get(detail(item)).status_code == 404
    assert signed_in(named).get(detail(item)).status_code == 200


def test_a_withdrawn_item_is_gone_for_readers_while_its_editor_sees_it_with_a_banner(
    client, signed_in, gwangju, reader, gwangju_editor
):
    item = make_item(gwangju, titles={"en": "Testimony of a nurse"}, kind="testimony")
    withdraw_consent(give_consent(item, "archive", "publish"), by=gwangju_editor)

    as_reader = signed_in(reader)
    assert as_reader.get(detail(item)).status_code == 404
    assert "Testimony of a nurse" not in page_text(as_reader.get(reverse("archive:item-list")))

    page = signed_in(gwangju_editor).get(detail(item))
    assert page.status_code == 200
    assert "Consent withdrawn on" in page_text(page)
    assert "hidden from everyone else" in page_text(page)


def test_hidden_fields_and_redacted_words_never_reach_the_public_but_reach_the_editor(
    client, signed_in, gwangju, gwangju_editor
):
    narrator = make_person(
        gwangju, pseudonym="Witness A", real_name="Kim Hidden", real_name_may_be_shown=True
    )
    item = make_item(
        gwangju,
        kind="testimony",
        narrator=narrator,
        exact_location="3rd floor, 12 Geumnam-ro",
        contact="witness@example.org",
        transcript="I saw Park Secret at the station. Then the trucks came.",
        restricted_fields=["narrator_name", "contact", "exact_location"],
    )
    redact_phrase(item, by=gwangju_editor, field="transcript", phrase="Park Secret")
    secrets = [b"Kim Hidden", b"12 Geumnam-ro", b"witness@example.org", b"Park Secret"]

    public = client.get(detail(item)).content
    person_page = client.get(reverse("archive:person-detail", args=[narrator.pk])).content
    assert not [s for s in secrets if s in public]
    assert b"Witness A" in public and b"Then the trucks came." in public
    assert b"withheld to protect the people in it" in public
    assert b"Kim Hidden" not in person_page

    kept = signed_in(gwangju_editor).get(detail(item)).content
    assert all(s in kept for s in secrets)


def test_the_list_offers_the_access_filter_only_to_those_who_keep_records(
    client, signed_in, gwangju, gwangju_editor
):
    make_item(gwangju)
    assert 'name="access"' not in page_text(client.get(reverse("archive:item-list")))
    editor_page = signed_in(gwangju_editor).get(reverse("archive:item-list"))
    assert 'name="access"' in page_text(editor_page)
    assert "Add an item" in page_text(editor_page)


def test_the_list_filters_by_kind_and_words_in_the_title(client, gwangju):
    make_item(gwangju, kind="photo", titles={"en": "Crowd at the fountain"})
    make_item(gwangju, kind="document", titles={"en": "Martial law decree"})
    make_item(gwangju, kind="photo", titles={"ko": "도청 앞 분수대"}, original_language="ko")

    photos = page_text(client.get(reverse("archive:item-list"), {"kind": "photo"}))
    found = page_text(client.get(reverse("archive:item-list"), {"q": "분수대"}))

    assert "Crowd at the fountain" in photos and "Martial law decree" not in photos
    assert "도청 앞 분수대" in found and "Crowd at the fountain" not in found


def test_a_person_none_of_whose_items_is_visible_is_not_found(
    client, signed_in, gwangju, gwangju_editor
):
    person = make_person(gwangju)
    make_item(gwangju, narrator=person, publication="draft")
    url = reverse("archive:person-detail", args=[person.pk])

    assert client.get(url).status_code == 404
    assert signed_in(gwangju_editor).get(url).status_code == 200


def test_an_event_page_lists_only_the_items_the_reader_may_see(client, gwangju):
    event = make_event(gwangju, titles={"en": "May 18 Democratic Uprising"})
    make_item(gwangju, titles={"en": "Public photo"}).events.add(event)
    make_item(gwangju, titles={"en": "Members-only letter"}, access="network").events.add(event)
    hidden_event = make_event(gwangju, access="network")

    page = page_text(client.get(reverse("archive:event-detail", args=[event.pk])))

    assert "Public photo" in page and "Members-only letter" not in page
    assert client.get(reverse("archive:event-detail", args=[hidden_event.pk])).status_code == 404


# --- adding, publishing, editing ------------------------------------------------------


def test_a_contributor_adds_a_draft_the_public_does_not_see_and_cannot_publish_it(
    client, signed_in, gwangju, contributor
):
    as_contributor = signed_in(contributor)
    response = as_contributor.post(reverse("archive:item-create"), item_form())
    item = Item.objects.get()

    assert response.status_code == 302
    assert item.publication == Publication.DRAFT
    assert sorted(item.restricted_fields) == ["contact", "exact_location", "narrator_name"]
    assert as_contributor.post(reverse("archive:item-publish", args=[item.pk])).status_code in (
        403,
        404,
    )
    item.refresh_from_db()
    assert item.publication == Publication.DRAFT
    client.logout()
    assert client.get(detail(item)).status_code == 404


def test_a_contributor_is_not_offered_the_access_fields(signed_in, gwangju, contributor):
    page = page_text(signed_in(contributor).get(reverse("archive:item-create")))
    assert 'name="title_en"' in page
    assert 'name="access"' not in page


def test_the_reviewer_publishes_a_draft_for_everyone(client, signed_in, gwangju, reviewer):
    item = make_item(gwangju, publication="draft", titles={"en": "Bus drivers' statement"})

    response = signed_in(reviewer).post(reverse("archive:item-publish", args=[item.pk]))

    assert response.status_code == 302
    client.logout()
    assert "Bus drivers&#x27; statement" in page_text(client.get(detail(item)))


def test_publishing_a_testimony_without_consent_is_refused_with_the_message(
    signed_in, gwangju, gwangju_editor
):
    item = make_item(gwangju, kind="testimony", publication="draft")

    response = signed_in(gwangju_editor).post(
        reverse("archive:item-publish", args=[item.pk]), follow=True
    )

    assert "published only with a consent to publish" in page_text(response)
    item.refresh_from_db()
    assert item.publication == Publication.DRAFT


def test_a_consent_to_publish_recorded_on_the_consent_page_lets_the_testimony_be_published(
    signed_in, gwangju, gwangju_editor
):
    item = make_item(gwangju, kind="testimony", publication="draft")
    as_editor = signed_in(gwangju_editor)

    as_editor.post(
        reverse("archive:item-consents", args=[item.pk]),
        {"scopes": ["archive", "publish"], "given_on": "2024-05-18", "note": ""},
    )
    as_editor.post(reverse("archive:item-publish", args=[item.pk]))

    item.refresh_from_db()
    assert item.publication == Publication.PUBLISHED
    assert "Withdraw" in page_text(as_editor.get(reverse("archive:item-consents", args=[item.pk])))


def test_a_new_narrator_is_created_with_the_item_and_named_only_to_the_editor(
    client, signed_in, gwangju, gwangju_editor
):
    as_editor = signed_in(gwangju_editor)
    as_editor.post(
        reverse("archive:item-create"),
        item_form(new_narrator_pseudonym="Mother of B", new_narrator_real_name="Lee Private"),
    )
    item = Item.objects.get()
    give_consent(item, "publish")
    as_editor.post(reverse("archive:item-publish", args=[item.pk]))

    assert item.narrator.pseudonym == "Mother of B"
    assert "Lee Private" in page_text(as_editor.get(detail(item)))
    client.logout()
    public = page_text(client.get(detail(item)))
    assert "Mother of B" in public and "Lee Private" not in public


def test_editing_another_citys_item_is_forbidden(signed_in, gwangju, busan_editor):
    item = make_item(gwangju)
    as_busan = signed_in(busan_editor)
    url = reverse("archive:item-edit", args=[item.pk])

    assert as_busan.get(url).status_code == 403
    assert as_busan.post(url, item_form(version=item.version)).status_code == 403


def test_an_edit_from_an_outdated_page_is_refused_and_shows_both_versions(
    signed_in, gwangju, gwangju_editor
):
    item = make_item(gwangju, titles={"en": "First title"})
    as_editor = signed_in(gwangju_editor)
    url = reverse("archive:item-edit", args=[item.pk])
    seen = item.version
    as_editor.post(url, item_form(kind="document", title_en="Second title", version=seen))

    response = as_editor.post(url, item_form(kind="document", title_en="Third", version=seen))

    assert response.status_code == 409
    assert "Edit conflict: nothing was saved" in page_text(response)
    item.refresh_from_db()
    assert item.titles["en"] == "Second title"


def test_an_outdated_edit_that_adds_a_narrator_adds_no_one_and_is_logged_once(
    signed_in, gwangju, gwangju_editor
):
    item = make_item(gwangju, titles={"en": "First title"})
    as_editor = signed_in(gwangju_editor)
    url = reverse("archive:item-edit", args=[item.pk])
    seen = item.version
    as_editor.post(url, item_form(kind="document", title_en="Second title", version=seen))

    response = as_editor.post(
        url, item_form(kind="document", new_narrator_pseudonym="Too late", version=seen)
    )

    assert response.status_code == 409
    assert not Person.objects.filter(pseudonym="Too late").exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EDIT_CONFLICT).count() == 1


def test_a_date_written_in_words_is_refused_at_the_date_field(signed_in, gwangju, gwangju_editor):
    response = signed_in(gwangju_editor).post(
        reverse("archive:item-create"), item_form(date_text="May 1980")
    )

    assert response.status_code == 400
    page = page_text(response)
    assert 'id="id_date_text_error"' in page
    assert "is not a date this archive can read" in page
    assert 'aria-describedby="id_date_text_helptext id_date_text_error"' in page
    assert not Item.objects.exists()


def test_a_language_code_that_is_not_bcp_47_is_refused(signed_in, gwangju, gwangju_editor):
    response = signed_in(gwangju_editor).post(
        reverse("archive:item-create"), item_form(original_language="Korean language")
    )
    assert response.status_code == 400
    assert "is not a BCP 47 language code" in page_text(response)


# --- consent, redaction, purge --------------------------------------------------------


def test_withdrawing_a_consent_asks_first_then_hides_the_item(
    client, signed_in, gwangju, gwangju_editor
):
    item = make_item(gwangju, kind="testimony")
    consent = give_consent(item, "archive", "publish")
    url = reverse("archive:consent-withdraw", args=[consent.pk])
    as_editor = signed_in(gwangju_editor)

    question = as_editor.get(url)
    assert "hidden from every page, API, export and feed at once" in page_text(question)
    assert Item.objects.visible_to(make_user("someone")).filter(pk=item.pk).exists()

    as_editor.post(url, {"note": "Asked by phone"})
    client.logout()
    assert client.get(detail(item)).status_code == 404
    assert Item.objects.filter(pk=item.pk, is_withdrawn=True).exists()


def test_readers_cannot_reach_the_consent_and_redaction_pages(signed_in, gwangju, reader):
    item = make_item(gwangju)
    as_reader = signed_in(reader)
    assert as_reader.get(reverse("archive:item-consents", args=[item.pk])).status_code == 403
    assert as_reader.get(reverse("archive:item-redactions", args=[item.pk])).status_code == 403


def test_the_redaction_page_withholds_every_occurrence_and_shows_it_to_the_editor(
    client, signed_in, gwangju, gwangju_editor
):
    item = make_item(gwangju, transcript="Officer Choi Hidden came. Choi Hidden left.")
    as_editor = signed_in(gwangju_editor)

    as_editor.post(
        reverse("archive:item-redactions", args=[item.pk]),
        {"field": "transcript", "language": "", "phrase": "Choi Hidden", "reason": "Not charged"},
    )

    page = page_text(as_editor.get(reverse("archive:item-redactions", args=[item.pk])))
    assert page.count('<mark class="redacted">') == 2
    client.logout()
    assert "Choi Hidden" not in page_text(client.get(detail(item)))


def test_a_purge_needs_the_typed_confirmation(signed_in, gwangju, admin, gwangju_editor):
    item = make_item(gwangju)
    url = reverse("archive:item-purge", args=[item.pk])
    as_admin = signed_in(admin)

    assert "This deletes the item for good" in page_text(as_admin.get(url))
    assert f"purge {item.pk}" in page_text(as_admin.get(url, {"step": "confirm"}))
    refused = as_admin.post(url, {"confirmation": "purge"})
    assert refused.status_code == 400 and Item.objects.filter(pk=item.pk).exists()

    done = as_admin.post(url, {"confirmation": f"purge {item.pk}"})
    assert done.status_code == 302 and done.url == reverse("archive:item-list")
    assert not Item.objects.filter(pk=item.pk).exists()


def test_only_network_admins_may_purge(signed_in, gwangju, gwangju_editor):
    item = make_item(gwangju)
    url = reverse("archive:item-purge", args=[item.pk])
    assert (
        signed_in(gwangju_editor).post(url, {"confirmation": f"purge {item.pk}"}).status_code == 403
    )
    assert Item.objects.filter(pk=item.pk).exists()


# --- media ----------------------------------------------------------------------------


def test_an_uploaded_png_is_kept_with_a_thumbnail_and_served_to_those_who_may_see_it(
    client, signed_in, gwangju, gwangju_editor
):
    item = make_item(gwangju)
    response = upload(signed_in(gwangju_editor), item, "crowd.png", png_bytes())
    media = MediaFile.objects.get()
    client.logout()

    served = client.get(reverse("archive:media-file", args=[media.pk]))
    thumbnail = client.get(reverse("archive:media-thumbnail", args=[media.pk]))
    page = page_text(client.get(detail(item)))
    listed = page_text(client.get(reverse("archive:item-list")))

    assert response.status_code == 302
    assert media.thumbnail
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Disposition"].startswith("inline")
    assert b"".join(served.streaming_content) == png_bytes()
    assert thumbnail.status_code == 200 and thumbnail["Content-Type"] == "image/jpeg"
    # The item's page shows the image itself, large; the list its thumbnail.
    assert f'<img src="{reverse("archive:media-file", args=[media.pk])}"' in page
    assert reverse("archive:media-thumbnail", args=[media.pk]) in listed
    assert "/media/archive/" not in page + listed  # never the storage URL


def test_the_files_of_a_restricted_item_are_not_found_for_the_public(
    client, signed_in, gwangju, gwangju_editor
):
    item = make_item(gwangju, access="restricted", allowed_users=[gwangju_editor])
    upload(signed_in(gwangju_editor), item, "secret.png", png_bytes())
    media = MediaFile.objects.get()
    client.logout()

    assert client.get(reverse("archive:media-file", args=[media.pk])).status_code == 404
    assert client.get(reverse("archive:media-thumbnail", args=[media.pk])).status_code == 404


def test_a_jpg_whose_content_is_a_pdf_is_refused_with_a_message_naming_it(
    signed_in, gwangju, gwangju_editor
):
    item = make_item(gwangju)
    response = upload(
        signed_in(gwangju_editor), item, "photo.jpg", b"%PDF-1.4\n%fake\n", "image/jpeg"
    )

    assert response.status_code == 400
    assert "“photo.jpg” is named .jpg but its content is application/pdf" in page_text(response)
    assert not MediaFile.objects.exists()


def test_a_file_over_the_limit_is_refused_and_nothing_is_stored(
    settings, signed_in, gwangju, gwangju_editor
):
    settings.ARCHIVE_MAX_UPLOAD_MB = 1
    item = make_item(gwangju)
    big = b"\x89PNG\r\n\x1a\n" + b"\0" * (2 * 1024 * 1024)

    response = upload(signed_in(gwangju_editor), item, "huge.png", big, "image/png")

    assert response.status_code == 400
    assert "the limit is 1 MB. Nothing was stored." in page_text(response)
    assert not MediaFile.objects.exists()
    stored = settings.MEDIA_ROOT / "archive"
    assert not stored.exists() or not any(stored.rglob("*"))


def test_consent_dates_are_checked(signed_in, gwangju, gwangju_editor):
    item = make_item(gwangju, kind="testimony")
    response = signed_in(gwangju_editor).post(
        reverse("archive:item-consents", args=[item.pk]),
        {"scopes": ["publish"], "given_on": "2024-05-18", "reconsent_due": "2020-01-01"},
    )
    assert response.status_code == 400
    assert "Ask again after the day the consent was given." in page_text(response)
    assert not item.consents.exists()


def test_an_edit_that_moves_withheld_words_keeps_them_withheld(
    client, signed_in, gwangju, gwangju_editor
):
    item = make_item(gwangju, transcript="Officer Choi Hidden came at night.")
    redact_phrase(item, by=gwangju_editor, field="transcript", phrase="Choi Hidden")
    url = reverse("archive:item-edit", args=[item.pk])

    response = signed_in(gwangju_editor).post(
        url,
        item_form(
            kind="document",
            title_en=item.titles["en"],
            transcript="The officer Choi Hidden came at night.",
            version=item.version,
        ),
    )

    assert response.status_code == 302
    client.logout()
    page = page_text(client.get(detail(item)))
    assert "The officer […] came at night." in page and "Choi Hidden" not in page


def test_the_event_list_finds_events_by_words_in_their_titles(client, gwangju):
    make_event(gwangju, titles={"en": "Candlelight vigil at the fountain"})
    make_event(gwangju, titles={"en": "Funeral march"})

    response = client.get(reverse("archive:event-list"), {"q": "vigil"})

    assert response.status_code == 200
    assert "Candlelight vigil" in response.content.decode()
    assert "Funeral march" not in response.content.decode()
