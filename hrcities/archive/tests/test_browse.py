"""The timeline, the map of places, and the printable page and PDF of an item."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from hrcities.archive.models import Item, Place
from hrcities.archive.services import redact_phrase
from hrcities.taxonomy.models import HumanRightsTheme, Tagging

from .factories import make_event, make_item, make_person

pytestmark = pytest.mark.django_db


def make_place(city, **overrides):
    values = {"city": city, "titles": {"en": "Place"}, "original_language": "en"}
    values.update(overrides)
    place = Place(**values)
    place.full_clean()
    place.save()
    return place


def tag_theme(record, slug, status="accepted"):
    HumanRightsTheme.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ")})
    return Tagging.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        label=f"theme:{slug}",
        kind="theme",
        status=status,
    )


def timeline(client, **params):
    response = client.get(reverse("archive:timeline"), params)
    assert response.status_code == 200
    return response.content.decode()


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "record.pdf"
    path.write_bytes(content)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return result.stdout.decode()


# --- timeline --------------------------------------------------------------------------


def test_the_timeline_lists_public_events_and_items_in_date_order_across_cities(
    client, gwangju, busan
):
    make_item(busan, titles={"en": "Busan harbour strike leaflet"}, date_text="1987-06")
    make_event(
        gwangju, titles={"en": "May 18 Democratic Uprising"}, date_text="1980-05-18/1980-05-27"
    )
    make_item(gwangju, titles={"en": "Photo of Geumnam-ro"}, date_text="circa 1980")
    make_item(gwangju, titles={"en": "Undated leaflet"})

    page = timeline(client, period="1980s", zoom="decade")

    order = ["Photo of Geumnam-ro", "May 18 Democratic Uprising", "Busan harbour strike leaflet"]
    positions = [page.index(title) for title in order]
    assert positions == sorted(positions)
    assert "18–27 May 1980" in page and "June 1987" in page
    assert "circa 1980" in page and "approximate" in page
    assert "Gwangju" in page and "Busan" in page
    assert "Undated leaflet" not in page
    assert page.count("<h1") == 1


def test_restricted_and_withdrawn_items_are_absent_from_the_timeline_for_the_public(
    client, gwangju, reader
):
    make_item(gwangju, titles={"en": "Open letter"}, date_text="1980")
    make_item(gwangju, titles={"en": "Sealed testimony"}, date_text="1980", access="restricted")
    make_item(gwangju, titles={"en": "Withdrawn testimony"}, date_text="1980", is_withdrawn=True)
    make_event(gwangju, titles={"en": "Members-only gathering"}, date_text="1980", access="network")

    page = timeline(client)

    assert "Open letter" in page
    for hidden in ("Sealed testimony", "Withdrawn testimony", "Members-only gathering"):
        assert hidden not in page
    assert "1 entry" in page  # counts leak nothing either
    client.force_login(reader)
    assert "Members-only gathering" in timeline(client)


def test_zooming_from_decade_to_year_to_month_narrows_the_entries(client, gwangju):
    make_event(gwangju, titles={"en": "Uprising begins"}, date_text="1980-05-18")
    make_item(gwangju, titles={"en": "Martial law decree"}, date_text="1980-05-17")
    make_item(gwangju, titles={"en": "Autumn report"}, date_text="1980-10")
    make_item(gwangju, titles={"en": "June struggle poster"}, date_text="1987-06")
    make_item(gwangju, titles={"en": "Memorial opened"}, date_text="1997")

    everything = timeline(client)
    assert "1980s" in everything and "1990s" in everything
    assert "?period=1980s" in everything

    decade = timeline(client, period="1980s")
    assert "Memorial opened" not in decade and "June struggle poster" in decade
    assert "?period=1980" in decade  # headings per year link further in

    year = timeline(client, period="1980")
    assert "June struggle poster" not in year and "Autumn report" in year
    assert "May 1980" in year and "period=1980-05" in year

    month = timeline(client, period="1980-05")
    assert "Autumn report" not in month
    assert month.index("Martial law decree") < month.index("Uprising begins")
    # The breadcrumb leads back out: All periods, 1980s, 1980, May 1980.
    for crumb in ("All periods", "?period=1980s", "?period=1980", "May 1980"):
        assert crumb in month


def test_the_timeline_filters_by_city_and_by_theme(client, gwangju, busan):
    make_item(gwangju, titles={"en": "Gwangju leaflet"}, date_text="1980")
    make_item(busan, titles={"en": "Busan leaflet"}, date_text="1979")
    remembered = make_event(busan, titles={"en": "Busan-Masan uprising"}, date_text="1979-10")
    tag_theme(remembered, "freedom-of-assembly")
    suggested = make_item(gwangju, titles={"en": "Only suggested"}, date_text="1980")
    tag_theme(suggested, "freedom-of-assembly", status="suggested")

    by_city = timeline(client, city="busan")
    assert "Busan leaflet" in by_city and "Busan-Masan uprising" in by_city
    assert "Gwangju leaflet" not in by_city

    by_theme = timeline(client, theme="freedom-of-assembly")
    assert "Busan-Masan uprising" in by_theme
    assert "Busan leaflet" not in by_theme and "Only suggested" not in by_theme
    assert '<label for="timeline-theme">' in by_theme

    only_events = timeline(client, kind="event")
    assert "Busan-Masan uprising" in only_events and "Gwangju leaflet" not in only_events


def test_a_large_period_shows_the_first_entries_and_a_link_to_all(client, gwangju):
    for day in range(1, 26):
        make_item(
            gwangju, titles={"en": f"Daily bulletin {day:02d}"}, date_text=f"1980-05-{day:02d}"
        )

    decade = timeline(client)
    assert "Daily bulletin 20" in decade and "Daily bulletin 21" not in decade
    assert "Show all 25 entries of 1980s" in decade

    month = timeline(client, period="1980-05")
    assert "Daily bulletin 25" in month


def test_an_empty_timeline_says_so(client, gwangju):
    assert "No event or dated record is shared in this period yet." in timeline(client)


def test_the_timeline_answers_htmx_with_the_results_alone(client, gwangju):
    make_item(gwangju, titles={"en": "Open letter"}, date_text="1980")

    response = client.get(reverse("archive:timeline"), {"city": "gwangju"}, HTTP_HX_REQUEST="true")

    page = response.content.decode()
    assert page.startswith('<div id="timeline-results">') and "Open letter" in page
    assert "<h1" not in page


# --- map -------------------------------------------------------------------------------


def features_of(client, **filters):
    response = client.get(reverse("archive:map-data"), filters)
    assert response.status_code == 200
    return {f["properties"]["name"]: f for f in json.loads(response.content)["features"]}


def test_the_map_data_holds_public_places_and_never_an_item_hidden_exact_place(client, gwangju):
    square = make_place(
        gwangju, titles={"en": "May 18 Democracy Square"}, latitude=35.146, longitude=126.919
    )
    make_item(
        gwangju,
        place=square,
        exact_location="Basement, 12 Geumnam-ro",
        restricted_fields=["exact_location"],
    )
    make_event(gwangju, titles={"en": "Uprising"}).places.add(square)
    make_place(gwangju, titles={"en": "Nothing shared here"}, latitude=35.0, longitude=126.0)

    response = client.get(reverse("archive:map-data"))
    features = features_of(client)

    assert set(features) == {"May 18 Democracy Square"}
    feature = features["May 18 Democracy Square"]
    assert feature["geometry"]["coordinates"] == [126.919, 35.146]
    assert (feature["properties"]["items"], feature["properties"]["events"]) == (1, 1)
    assert feature["properties"]["url"] == reverse("archive:place-detail", args=[square.pk])
    assert "Geumnam-ro" not in response.content.decode()


def test_a_place_whose_only_item_is_restricted_is_absent_for_the_public(client, gwangju, reader):
    hidden_place = make_place(gwangju, titles={"en": "Safe house"}, latitude=35.15, longitude=126.9)
    make_item(gwangju, place=hidden_place, access="restricted", allowed_users=[reader])

    assert "Safe house" not in features_of(client)
    assert "Safe house" not in client.get(reverse("archive:map")).content.decode()
    client.force_login(reader)
    assert features_of(client)["Safe house"]["properties"]["items"] == 1


def test_the_map_data_keeps_one_citys_sites_of_memory_when_asked(client, gwangju, busan, reader):
    cemetery = make_place(gwangju, titles={"en": "Cemetery"}, latitude=35.2, longitude=126.9)
    square = make_place(gwangju, titles={"en": "Square"}, latitude=35.1, longitude=126.9)
    harbour = make_place(busan, titles={"en": "Harbour"}, latitude=35.1, longitude=129.0)
    make_item(gwangju, kind="site", place=cemetery)
    make_item(gwangju, kind="site", place=square, access="restricted", allowed_users=[reader])
    make_item(gwangju, kind="document", place=square)
    make_event(gwangju, titles={"en": "Uprising"}).places.add(cemetery)
    make_item(busan, kind="site", place=harbour)

    sites = features_of(client, city="gwangju", kind="site")

    counts = sites["Cemetery"]["properties"]
    assert set(sites) == {"Cemetery"}
    assert (counts["items"], counts["events"]) == (1, 0)  # events have no kind
    assert set(features_of(client, city="gwangju")) == {"Cemetery", "Square"}
    client.force_login(reader)
    assert set(features_of(client, city="gwangju", kind="site")) == {"Cemetery", "Square"}


@pytest.mark.parametrize(
    ("filters", "said"),
    [
        ({"kind": "statue"}, "Unknown kind “statue”: use one of document, photo"),
        ({"city": "atlantis"}, "There is no city “atlantis”."),
    ],
)
def test_the_map_data_says_what_is_wrong_with_a_filter(client, gwangju, filters, said):
    response = client.get(reverse("archive:map-data"), filters)

    assert response.status_code == 400
    assert said in json.loads(response.content)["detail"]


def test_the_map_page_lists_the_places_for_those_who_cannot_use_the_map(client, gwangju):
    square = make_place(
        gwangju, titles={"en": "Old Provincial Office"}, latitude=35.147, longitude=126.92
    )
    make_item(gwangju, place=square)

    page = client.get(reverse("archive:map")).content.decode()

    assert 'id="map-places"' in page and square.get_absolute_url() in page
    assert 'data-geojson-url="' + reverse("archive:map-data") in page
    assert "ne_110m_countries.geojson" in page and "archive/map.js" in page
    assert "<script>" not in page and "<style" not in page and " style=" not in page


# --- print and PDF -------------------------------------------------------------------------


@pytest.fixture
def testimony(gwangju, gwangju_editor):
    narrator = make_person(gwangju, real_name="Kim Hidden-Name", pseudonym="Witness A")
    item = make_item(
        gwangju,
        kind="testimony",
        titles={"en": "Testimony of a street vendor", "ko": "오월의 기억"},
        original_language="ko",
        date_text="1980-05-21",
        narrator=narrator,
        contact="+82 10 1234 5678",
        exact_location="Back room of 5 Chungjang-ro",
        restricted_fields=["narrator_name", "contact", "exact_location"],
        transcript="I ran to the station with Park Secret. Then the shooting began.",
        rights="CC BY-NC 4.0",
    )
    redact_phrase(item, by=gwangju_editor, field="transcript", phrase="Park Secret")
    return item


def test_the_print_page_shows_what_the_reader_may_see_and_nothing_hidden(client, testimony):
    response = client.get(reverse("archive:item-print", args=[testimony.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Testimony of a street vendor" in page and "Witness A" in page
    assert "Then the shooting began." in page and "CC BY-NC 4.0" in page
    for hidden in ("Park Secret", "Kim Hidden-Name", "1234 5678", "Chungjang-ro"):
        assert hidden not in page
    assert f"http://testserver{testimony.get_absolute_url()}" in page  # the citation
    assert "hrcities memory archive" in page and "accessed" in page
    assert "print.css" in page and "<style" not in page and " style=" not in page
    assert reverse("archive:item-pdf", args=[testimony.pk]) in page


def test_the_print_page_of_an_item_the_reader_may_not_see_is_not_found(client, gwangju, reader):
    item = make_item(gwangju, access="network")

    assert client.get(reverse("archive:item-print", args=[item.pk])).status_code == 404
    client.force_login(reader)
    assert client.get(reverse("archive:item-print", args=[item.pk])).status_code == 200


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_the_pdf_of_a_public_item_is_a_pdf_with_its_korean_title_as_text(
    client, testimony, tmp_path
):
    response = client.get(
        reverse("archive:item-pdf", args=[testimony.pk]), HTTP_ACCEPT_LANGUAGE="ko"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content, tmp_path)
    assert "오월의 기억" in text
    assert re.search(r"^1\s*/\s*1$", text, re.MULTILINE)  # "page / pages" in the footer


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_the_pdf_never_holds_a_redacted_phrase_or_a_hidden_field(
    client, testimony, tmp_path, gwangju_editor
):
    client.force_login(gwangju_editor)  # even the keepers receive the public version

    response = client.get(reverse("archive:item-pdf", args=[testimony.pk]))

    text = pdf_text(response.content, tmp_path)
    assert "Then the shooting began." in text
    for hidden in ("Park Secret", "Kim Hidden-Name", "1234 5678", "Chungjang-ro"):
        assert hidden not in text


def test_the_pdf_of_an_item_that_is_not_public_is_not_found(client, gwangju, reader, admin):
    restricted = make_item(gwangju, access="restricted", allowed_users=[reader])
    network = make_item(gwangju, access="network")

    for item in (restricted, network):
        assert client.get(reverse("archive:item-pdf", args=[item.pk])).status_code == 404
    client.force_login(admin)
    assert client.get(reverse("archive:item-pdf", args=[restricted.pk])).status_code == 404
    assert Item.objects.filter(pk=restricted.pk).exists()
