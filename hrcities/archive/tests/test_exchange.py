"""Archive exchange: JSON-LD per item and in bulk, CSV out, CSV with a ZIP in."""

import csv
import io
import json
import zipfile

import pytest
from django.contrib.auth.models import AnonymousUser
from PIL import Image

from hrcities.archive.exchange import ImportRefused, export_csv, import_archive
from hrcities.archive.models import Item, MediaFile, Person, Place
from hrcities.network.models import GeoNamesPlace

from .cases import (
    EXACT_PLACE,
    HIDDEN_FROM_MEMBERS,
    HIDDEN_FROM_PUBLIC,
    NETWORK,
    PSEUDONYM,
    RESTRICTED,
    leaked,
    make_cases,
)
from .factories import make_event, make_item

pytestmark = pytest.mark.django_db


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def streamed(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def cases(gwangju, gwangju_editor):
    return make_cases(gwangju, gwangju_editor)


def all_items(cases):
    return [cases.public, cases.restricted, cases.network, cases.embargoed, cases.withdrawn]


def jsonld_texts(client, cases, key=None):
    headers = bearer(key) if key else {}
    texts = [streamed(client.get("/api/archive/dump.jsonld", **headers))]
    for item in all_items(cases):
        response = client.get(f"/api/archive/items/{item.pk}/jsonld", **headers)
        assert response.status_code in (200, 404)
        if response.status_code == 200:
            assert response["Content-Type"].startswith("application/ld+json")
            texts.append(response.content.decode())
    return "\n".join(texts)


# --- JSON-LD --------------------------------------------------------------------------


def test_json_ld_gives_the_public_only_what_it_may_see(client, cases):
    text = jsonld_texts(client, cases)

    assert leaked(text, HIDDEN_FROM_PUBLIC) == []
    assert PSEUDONYM in text


def test_json_ld_gives_a_member_network_items_and_nothing_restricted(
    client, cases, reader, api_token
):
    text = jsonld_texts(client, cases, api_token(reader))

    assert leaked(text, HIDDEN_FROM_MEMBERS) == []
    assert NETWORK in text


def test_json_ld_gives_the_keepers_and_the_named_reader_what_is_theirs(
    client, cases, gwangju_editor, api_token
):
    assert leaked(jsonld_texts(client, cases, api_token(gwangju_editor)), HIDDEN_FROM_PUBLIC) == (
        HIDDEN_FROM_PUBLIC
    )
    assert RESTRICTED in jsonld_texts(client, cases, api_token(cases.named))


def test_the_bulk_dump_is_one_graph_of_items_events_places_and_people(client, cases, gwangju):
    make_event(
        gwangju, titles={"en": "May 18 Democratic Uprising"}, date_text="1980-05-18/1980-05-27"
    )

    dump = json.loads(streamed(client.get("/api/archive/dump.jsonld")))

    assert dump["@context"] == "https://schema.org"
    types = sorted({node["@type"] for node in dump["@graph"]})
    assert types == ["CreativeWork", "Event", "Person"]
    event = next(n for n in dump["@graph"] if n["@type"] == "Event")
    assert (event["startDate"], event["endDate"]) == ("1980-05-18", "1980-05-27")


def test_a_korean_title_carries_its_language_and_the_date_is_written_in_edtf(client, gwangju):
    item = make_item(
        gwangju,
        kind="photo",
        titles={"ko": "도청 앞 광장", "en": "The square before the Provincial Office"},
        original_language="ko",
        date_text="circa 1980",
    )

    document = client.get(f"/api/archive/items/{item.pk}/jsonld").json()

    assert document["@type"] == "Photograph"
    assert {"@value": "도청 앞 광장", "@language": "ko"} in document["name"]
    # "circa 1980" as the archivist wrote it; EDTF's approximate year for other systems.
    assert (document["inLanguage"], document["temporalCoverage"]) == ("ko", "1980~")
    assert item.date_text == "circa 1980"
    assert document["url"] == f"http://testserver/archive/items/{item.pk}/"
    assert "dateCreated" not in document


def test_a_geonames_place_is_linked_with_same_as_and_its_coordinates(client, gwangju):
    GeoNamesPlace.objects.create(
        geonames_id=1841811, name="Gwangju", country_code="KR", latitude=35.15, longitude=126.92
    )
    place = Place(city=gwangju, titles={"en": "Old South Jeolla Provincial Office"})
    place.geonames_place_id = 1841811
    place.full_clean()
    place.save()
    event = make_event(gwangju)
    item = make_item(gwangju, place=place, restricted_fields=[], date_text="1980-05-27")
    item.events.add(event)

    document = client.get(f"/api/archive/items/{item.pk}/jsonld").json()

    spatial = document["spatialCoverage"]
    assert spatial["sameAs"] == "https://sws.geonames.org/1841811/"
    assert spatial["geo"] == {"@type": "GeoCoordinates", "latitude": 35.15, "longitude": 126.92}
    assert document["about"][0]["@id"].endswith(f"/archive/events/{event.pk}/")
    assert document["dateCreated"] == "1980-05-27"


# --- CSV export -----------------------------------------------------------------------


def csv_text(client, key=None):
    return streamed(client.get("/api/archive/items.csv", **(bearer(key) if key else {})))


def test_the_csv_export_gives_each_reader_only_what_they_may_see(
    client, cases, reader, gwangju_editor, api_token
):
    public = csv_text(client)
    member = csv_text(client, api_token(reader))
    keeper = csv_text(client, api_token(gwangju_editor))

    assert leaked(public, HIDDEN_FROM_PUBLIC) == []
    assert leaked(member, HIDDEN_FROM_MEMBERS) == [] and NETWORK in member
    assert RESTRICTED in csv_text(client, api_token(cases.named))
    assert leaked(keeper, HIDDEN_FROM_PUBLIC) == [h for h in HIDDEN_FROM_PUBLIC if h != EXACT_PLACE]
    [row] = list(csv.DictReader(io.StringIO(public)))
    assert (row["narrator"], row["title_ko"]) == (PSEUDONYM, "도청 앞 증언")


def test_the_csv_export_guards_spreadsheet_formulas(gwangju):
    make_item(gwangju, titles={"en": '=HYPERLINK("http://evil.example")'})

    [row] = list(csv.DictReader(io.StringIO(export_csv(AnonymousUser()))))

    assert row["title_en"] == '\'=HYPERLINK("http://evil.example")'


def test_every_column_of_the_csv_export_is_guarded_original_language_too(
    client, gwangju, gwangju_editor, api_token
):
    # Kept before language codes were checked, or changed in the database directly.
    item = make_item(gwangju, titles={"en": "Memory"}, date_text="1980")
    formula = '=HYPERLINK("x")'  # short enough for the column on every database
    Item.objects.filter(pk=item.pk).update(original_language=formula, date_text="-1980-05")
    type(gwangju).objects.filter(pk=gwangju.pk).update(slug="@gwangju")

    for text in (csv_text(client), csv_text(client, api_token(gwangju_editor))):
        [row] = list(csv.DictReader(io.StringIO(text)))
        assert row["original_language"] == "'" + formula
        assert (row["date"], row["city"]) == ("'-1980-05", "'@gwangju")
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())


# --- import ---------------------------------------------------------------------------

HEADER = (
    "kind,title_en,title_ko,original_language,date,city,collection,access,description_en,"
    "narrator_pseudonym,narrator_real_name,real_name_may_be_shown,hidden_fields,files\n"
)


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "JPEG")
    return out.getvalue()


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_good_csv_and_zip_create_drafts_with_their_files(gwangju, gwangju_editor, settings):
    data = (
        HEADER + "photo,Citizens on Geumnam-ro,금남로의 시민들,ko,1980-05-21,gwangju,,public,,,,,,"
        "photos/citizens.jpg\n"
        + "testimony,A mother's account,,ko,circa 1980,gwangju,,network,Told in 2019,"
        "Narrator Iris,Lee Real,no,,interview.pdf;notes.txt\n"
    ).encode()
    files = zipped(
        {
            "photos/citizens.jpg": jpeg(),
            "interview.pdf": b"%PDF-1.4\n%\xe2\xe3\n",
            "notes.txt": b"Transcript notes",
        }
    )
    seen = []

    report = import_archive(data, files, by=gwangju_editor, progress=lambda *a: seen.append(a))

    assert (report.created, report.people, report.files) == (2, 1, 3)
    photo, testimony = Item.objects.order_by("pk")
    assert {photo.publication, testimony.publication} == {"draft"}
    assert photo.titles == {"en": "Citizens on Geumnam-ro", "ko": "금남로의 시민들"}
    assert testimony.narrator.real_name == "Lee Real"
    assert sorted(testimony.restricted_fields) == ["contact", "exact_location", "narrator_name"]
    assert MediaFile.objects.get(item=photo).thumbnail
    assert len(stored_files(settings)) == 4  # three files and a thumbnail
    assert seen[-1][1:] == (2, 2)


def test_a_bad_file_reports_every_problem_creates_nothing_and_stores_no_file(
    gwangju, gwangju_editor, settings
):
    data = (
        HEADER
        + "photo,Good row,,en,1980,gwangju,,public,,,,,,good.jpg\n"
        + "photo,Unknown city,,en,1980,atlantis,,public,,,,,,\n"
        + "document,Bad date,,en,May 1980 or so,gwangju,,public,,,,,,\n"
        + "photo,A PDF named .jpg,,en,1980,gwangju,,public,,,,,,leaflet.jpg\n"
        + "photo,Missing file,,en,1980,gwangju,,public,,,,,,nowhere.jpg\n"
        + "poster,Bad kind and access,,en,1980,gwangju,,secret,,,,,,\n"
    ).encode()
    files = zipped({"good.jpg": jpeg(), "leaflet.jpg": b"%PDF-1.4\n"})

    with pytest.raises(ImportRefused) as refused:
        import_archive(data, files, by=gwangju_editor)

    problems = {(e.row, e.column) for e in refused.value.report.errors}
    assert problems == {
        (3, "city"),
        (4, "date"),
        (5, "files"),
        (6, "files"),
        (7, "kind"),
        (7, "access"),
    }
    messages = " ".join(str(e) for e in refused.value.report.errors)
    assert "application/pdf" in messages and "nowhere.jpg" in messages
    assert not Item.objects.exists() and not Person.objects.exists()
    assert stored_files(settings) == []


def test_files_already_stored_are_deleted_when_the_import_fails_later(
    gwangju, gwangju_editor, settings, monkeypatch
):
    from hrcities.archive import services

    data = (
        HEADER
        + "photo,First,,en,1980,gwangju,,public,,,,,,one.jpg\n"
        + "photo,Second,,en,1980,gwangju,,public,,,,,,two.jpg\n"
    ).encode()
    real_add_media = services.add_media
    calls = []

    def failing_add_media(item, upload, **kwargs):
        calls.append(upload.name)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_add_media(item, upload, **kwargs)

    monkeypatch.setattr(services, "add_media", failing_add_media)

    with pytest.raises(OSError):
        import_archive(data, zipped({"one.jpg": jpeg(), "two.jpg": jpeg()}), by=gwangju_editor)

    assert calls == ["one.jpg", "two.jpg"]
    assert not Item.objects.exists()
    assert stored_files(settings) == []


def test_a_zip_slip_name_is_refused(gwangju, gwangju_editor, settings):
    data = (HEADER + "photo,Escape,,en,1980,gwangju,,public,,,,,,../../etc/evil.jpg\n").encode()

    with pytest.raises(ImportRefused) as refused:
        import_archive(data, zipped({"../../etc/evil.jpg": jpeg()}), by=gwangju_editor)

    assert {e.column for e in refused.value.report.errors} == {"files"}
    assert "outside" in str(refused.value)
    assert not Item.objects.exists() and stored_files(settings) == []


def test_members_larger_than_the_upload_limit_are_refused_unread(gwangju, gwangju_editor, settings):
    settings.ARCHIVE_MAX_UPLOAD_MB = 1
    big = b"\xff\xd8\xff" + b"\0" * (2 * 1024 * 1024)  # compresses to almost nothing
    data = (HEADER + "photo,Bomb,,en,1980,gwangju,,public,,,,,,bomb.jpg\n").encode()

    with pytest.raises(ImportRefused) as refused:
        import_archive(data, zipped({"bomb.jpg": big}), by=gwangju_editor)

    assert "the limit is 1 MB" in str(refused.value)


def test_rows_for_a_city_the_importer_does_not_contribute_to_are_refused(
    gwangju, busan, busan_editor
):
    data = (HEADER + "document,Not mine,,en,1980,gwangju,,public,,,,,,\n").encode()

    with pytest.raises(ImportRefused) as refused:
        import_archive(data, None, by=busan_editor)

    assert [(e.row, e.column) for e in refused.value.report.errors] == [(2, "city")]


def test_the_api_import_answers_422_listing_every_bad_row(
    client, gwangju, gwangju_editor, api_token
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = (
        HEADER
        + "photo,Unknown city,,en,1980,atlantis,,public,,,,,,\n"
        + "document,Bad date,,en,not a date,gwangju,,public,,,,,,\n"
    ).encode()
    response = client.post(
        "/api/archive/import",
        {"csv": SimpleUploadedFile("items.csv", data, content_type="text/csv")},
        **bearer(api_token(gwangju_editor)),
    )

    assert response.status_code == 422
    assert [(e["row"], e["field"]) for e in response.json()["errors"]] == [(2, "city"), (3, "date")]

    good = (HEADER + "document,Martial law decree,,en,1980-05-17,gwangju,,public,,,,,,\n").encode()
    created = client.post(
        "/api/archive/import",
        {"csv": SimpleUploadedFile("items.csv", good, content_type="text/csv")},
        **bearer(api_token(gwangju_editor)),
    )
    assert created.status_code == 200 and created.json()["created"] == 1
