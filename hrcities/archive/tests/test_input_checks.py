"""The API, the forms and the import check what people write by the same rules: language
codes, dates, and text XML can carry. What one channel refuses, no other lets in, and
nothing that was let in before the rules can break a page or a feed."""

import json

import pytest
from django.urls import reverse

from hrcities.archive.models import Event, Item

from .factories import make_item
from .test_views import item_form, page_text

pytestmark = pytest.mark.django_db

BAD_LANGUAGES = ["x__in", "Korean language", "ko KR", "k", "ko-", "ko_KR"]


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post_json(client, path, body, key):
    text = body if isinstance(body, str) else json.dumps(body)
    return client.post(path, text, content_type="application/json", **bearer(key))


def new_item(**changes):
    return {"kind": "document", "titles": {"en": "Memory of May"}, "city": "gwangju", **changes}


def problem_fields(response):
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    return {error["field"]: error["detail"] for error in response.json()["errors"]}


@pytest.mark.parametrize("code", BAD_LANGUAGES)
def test_a_language_code_the_form_refuses_is_refused_by_the_api_in_the_same_words(
    client, signed_in, gwangju, gwangju_editor, api_token, code
):
    api = post_json(
        client, "/api/archive/items", new_item(original_language=code), api_token(gwangju_editor)
    )
    form = signed_in(gwangju_editor).post(
        reverse("archive:item-create"), item_form(original_language=code)
    )

    detail = problem_fields(api)["original_language"]
    assert "is not a BCP 47 language code" in detail
    assert form.status_code == 400
    assert 'id="id_original_language_error"' in page_text(form)
    assert not Item.objects.exists()


def test_an_item_with_language_x__in_never_reaches_the_list_it_once_broke(
    client, gwangju, gwangju_editor, api_token
):
    key = api_token(gwangju_editor)
    response = post_json(client, "/api/archive/items", new_item(original_language="x__in"), key)

    assert "original_language" in problem_fields(response)
    assert client.get(reverse("archive:item-list"), {"q": "memory"}).status_code == 200


def test_a_language_code_kept_before_the_check_does_not_break_the_title_search(client, gwangju):
    item = make_item(gwangju, titles={"en": "Memory of May"})
    Item.objects.filter(pk=item.pk).update(
        original_language="x__in", titles={"en": "Memory of May", "x__in": "Memory kept"}
    )

    response = client.get(reverse("archive:item-list"), {"q": "memory"})

    assert response.status_code == 200
    assert "Memory of May" in page_text(response)


def test_title_and_description_languages_are_codes_too(client, gwangju, gwangju_editor, api_token):
    key = api_token(gwangju_editor)

    titled = post_json(client, "/api/archive/items", new_item(titles={"x__in": "Memory"}), key)
    described = post_json(
        client, "/api/archive/items", new_item(descriptions={"en-": "A text"}), key
    )

    assert "is not a BCP 47 language code" in " ".join(problem_fields(titled).values())
    assert "is not a BCP 47 language code" in " ".join(problem_fields(described).values())
    assert not Item.objects.exists()


def test_a_lone_surrogate_in_a_json_title_is_refused_naming_the_field(
    client, gwangju, gwangju_editor, api_token
):
    body = '{"kind": "document", "titles": {"en": "Memory \\ud800 of May"}, "city": "gwangju"}'

    response = post_json(client, "/api/archive/items", body, api_token(gwangju_editor))

    fields = problem_fields(response)
    assert fields == {"titles.en": fields["titles.en"]}
    assert "U+D800" in fields["titles.en"]
    assert not Item.objects.exists()


@pytest.mark.parametrize("character", ["\uffff", "\ufffe", "\x01", "\x0b", "\x1f"])
def test_text_xml_cannot_carry_is_refused_by_the_api_and_at_the_form_field(
    client, signed_in, gwangju, gwangju_editor, api_token, character
):
    key = api_token(gwangju_editor)
    title = f"Memory{character} of May"

    api_title = post_json(client, "/api/archive/items", new_item(titles={"en": title}), key)
    api_transcript = post_json(
        client, "/api/archive/items", new_item(transcript=f"Said{character}"), key
    )
    api_event = post_json(
        client,
        "/api/archive/events",
        {"titles": {"en": "Uprising"}, "descriptions": {"ko": character}, "city": "gwangju"},
        key,
    )
    form = signed_in(gwangju_editor).post(reverse("archive:item-create"), item_form(title_en=title))

    code = f"U+{ord(character):04X}"
    assert code in problem_fields(api_title)["titles.en"]
    assert code in problem_fields(api_transcript)["transcript"]
    assert code in problem_fields(api_event)["descriptions.ko"]
    assert form.status_code == 400
    page = page_text(form)
    assert 'id="id_title_en_error"' in page and code in page
    assert not Item.objects.exists() and not Event.objects.exists()


def test_a_change_through_the_api_is_checked_like_a_new_item(
    client, gwangju, gwangju_editor, api_token
):
    item = make_item(gwangju)
    key = api_token(gwangju_editor)

    def patch(**changes):
        return client.patch(
            f"/api/archive/items/{item.pk}",
            json.dumps({"version": item.version, **changes}),
            content_type="application/json",
            **bearer(key),
        )

    assert "original_language" in problem_fields(patch(original_language="x__in"))
    assert "date" in problem_fields(patch(date="May 1980"))
    assert "rights" in problem_fields(patch(rights="CC\uffff"))
    item.refresh_from_db()
    assert (item.original_language, item.version) == ("en", 1)


def test_a_date_the_archive_cannot_read_is_refused_by_the_api_in_the_forms_words(
    client, gwangju, gwangju_editor, api_token
):
    response = post_json(
        client, "/api/archive/items", new_item(date="May 1980"), api_token(gwangju_editor)
    )

    assert "is not a date this archive can read" in problem_fields(response)["date"]


def test_a_body_that_is_not_json_is_answered_400_as_a_problem(
    client, gwangju, gwangju_editor, api_token
):
    key = api_token(gwangju_editor)

    broken = post_json(client, "/api/archive/items", '{"titles": {"en": "Memory', key)
    not_utf8 = client.post(
        "/api/archive/items", b'{"titles": "\xff"}', content_type="application/json", **bearer(key)
    )

    for response in (broken, not_utf8):
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"


def test_a_media_transcript_xml_cannot_carry_is_refused_by_the_api(
    client, gwangju, gwangju_editor, api_token
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = make_item(gwangju)

    response = client.post(
        f"/api/archive/items/{item.pk}/media",
        {
            "file": SimpleUploadedFile("note.txt", b"words", content_type="text/plain"),
            "transcript": "Said \x02 this",
        },
        **bearer(api_token(gwangju_editor)),
    )

    assert "U+0002" in problem_fields(response)["transcript"]
    assert not item.media.exists()


def test_the_import_refuses_a_cell_xml_cannot_carry_and_a_language_like_x__in(
    client, gwangju, gwangju_editor, api_token
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rows = [
        "kind,title_en,original_language,city",
        "document,Memory\uffff of May,en,gwangju",
        "document,Memory of June,x__in,gwangju",
    ]
    upload = SimpleUploadedFile("items.csv", "\r\n".join(rows).encode(), content_type="text/csv")

    response = client.post(
        "/api/archive/import", {"csv": upload}, **bearer(api_token(gwangju_editor))
    )

    assert response.status_code == 422
    errors = {(e["row"], e["field"]): e["detail"] for e in response.json()["errors"]}
    assert "U+FFFF" in errors[(2, "title_en")]
    assert "is not a BCP 47 language code" in errors[(3, "original_language")]
    assert not Item.objects.exists()


def test_other_domains_refuse_text_xml_cannot_carry_through_the_api(
    client, gwangju, gwangju_editor, api_token
):
    response = client.patch(
        f"/api/network/cities/{gwangju.slug}",
        json.dumps({"version": gwangju.version, "description": "Human rights city\uffff"}),
        content_type="application/json",
        **bearer(api_token(gwangju_editor)),
    )

    assert "U+FFFF" in problem_fields(response)["description"]
    gwangju.refresh_from_db()
    assert "\uffff" not in gwangju.description


def test_every_write_channel_meets_the_same_rule_in_the_model(gwangju, gwangju_editor):
    from django.core.exceptions import ValidationError

    from hrcities.archive.services import create_archive_record

    with pytest.raises(ValidationError) as refused:
        create_archive_record(
            Item,
            by=gwangju_editor,
            city=gwangju,
            kind="document",
            titles={"en": "Memory"},
            original_language="x__in",
            contact="Phone\x00 010",
        )

    assert set(refused.value.message_dict) == {"original_language", "contact"}
