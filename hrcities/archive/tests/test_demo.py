"""The demo archive: loads on the demo network, is all marked demo, shows every access
tier and loads again without adding anything.

Loading the reference data (34,006 GeoNames places and the vocabularies) takes seconds,
so one test loads it once and checks the whole chain; the others read the demo's data.
"""

import math
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from hrcities.archive import demo as archive_demo
from hrcities.archive.browse.map import mapped_places
from hrcities.archive.models import (
    Collection,
    Consent,
    Event,
    Item,
    Person,
    PersonRole,
    Place,
    Redaction,
    Relation,
)
from hrcities.archive.presenting import REDACTED, present_item
from hrcities.core.dates import parse_fuzzy_date
from hrcities.core.models import Revision
from hrcities.taxonomy.tags import accepted_labels

MODELS = (Collection, Place, Event, Person, Item)
SPECS = [
    *archive_demo.COLLECTIONS,
    *archive_demo.PLACES,
    *archive_demo.EVENTS,
    archive_demo.NARRATOR,
    *archive_demo.ITEMS,
]


def by_title(model, title):
    return model.objects.get(titles__en=title)


@pytest.mark.django_db
def test_the_demo_archive_loads_on_the_reference_data_and_the_demo_network():
    """One run over the full reference data (slow: loaded once, here only)."""
    from hrcities.network.demo import load_demo_network
    from hrcities.network.loaders import load_geo
    from hrcities.taxonomy.loaders import load_taxonomy

    load_taxonomy()
    load_geo()
    load_demo_network()

    created = archive_demo.load_demo_archive()

    assert created["archive events"] == len(archive_demo.EVENTS)
    assert created["archive items"] == len(archive_demo.ITEMS)
    assert created["archive collections"] == len(archive_demo.COLLECTIONS)
    assert created["archive places"] == len(archive_demo.PLACES)
    assert created["archive consents"] == 1 and created["archive redactions"] == 2

    # Every record is demo and says so in each language.
    for model in MODELS:
        assert model.objects.exists(), model
        assert not model.objects.filter(is_demo=False).exists(), model
        for record in model.objects.all():
            assert record.descriptions["en"].endswith(archive_demo.NOTE["en"]), record
            assert record.descriptions["ko"].endswith(archive_demo.NOTE["ko"]), record

    # The May 18 Democratic Uprising spans its ten days, in Korean first.
    may_18 = by_title(Event, "May 18 Democratic Uprising")
    assert (may_18.date_start, may_18.date_end) == (date(1980, 5, 18), date(1980, 5, 27))
    assert may_18.original_language == "ko" and may_18.titles["ko"] == "5·18 민주화운동"
    assert may_18.city.slug == "gwangju"
    assert "sdg:16" in accepted_labels(may_18)
    june = by_title(Event, "June Democratic Struggle")
    assert (june.date_start, june.date_end) == (date(1987, 6, 10), date(1987, 6, 29))

    # The Gwangju collection is kept by the May 18 Memorial Foundation.
    collection = Collection.objects.get(slug="demo-may-18-democratic-uprising")
    assert collection.organisation.slug == "may-18-memorial-foundation"

    # Places are linked to their city's GeoNames entry, and each lies where it is: on
    # the map, no two share a point and none stands on its city's centre.
    office = by_title(Place, "Former South Jeolla Provincial Office")
    assert office.geonames_place_id == 1841811
    assert not Place.objects.filter(geonames_place__isnull=True).exists()
    mapped = mapped_places(AnonymousUser())
    points = [(p.latitude, p.longitude) for p in mapped]
    assert len(mapped) == Place.objects.count() and len(set(points)) == len(points)
    for point in mapped:
        centre = point.place.geonames_place
        assert (point.latitude, point.longitude) != (centre.latitude, centre.longitude)

    # Every access tier is there, and the public sees only what is public.
    network = Item.objects.get(access="network")
    restricted = Item.objects.get(access="restricted")
    embargoed = Item.objects.get(access="embargoed")
    assert list(restricted.allowed_organisations.values_list("slug", flat=True)) == [
        "may-18-memorial-foundation"
    ]
    assert embargoed.embargo_until == date(2030, 1, 1) and embargoed.after_embargo == "public"
    public = Item.objects.filter(access="public")
    assert public.count() >= 6
    seen = set(
        Item.objects.visible_to(AnonymousUser(), today=date(2026, 1, 1)).values_list(
            "pk", flat=True
        )
    )
    assert seen == set(public.values_list("pk", flat=True))
    assert not {network.pk, restricted.pk, embargoed.pk} & seen
    later = Item.objects.visible_to(AnonymousUser(), today=date(2030, 1, 1))
    assert later.filter(pk=embargoed.pk).exists()

    # The sample testimony: fictional, consented, its narrator and a phrase withheld.
    testimony = Item.objects.get(kind="testimony")
    assert testimony.titles["en"].startswith("Sample testimony (demo)")
    assert testimony.publication == "published" and testimony.access == "public"
    assert sorted(testimony.restricted_fields) == ["contact", "exact_location", "narrator_name"]
    narrator = testimony.narrator
    assert narrator.pseudonym == "Narrator A (demo)"
    assert narrator.real_name == "Demo Real Name (fictional)"
    assert not narrator.real_name_may_be_shown
    assert PersonRole.objects.filter(person=narrator, item=testimony, role="narrator").exists()
    consent = testimony.consents.get()
    assert sorted(consent.scopes) == ["archive", "publish", "quote"] and consent.is_active
    view = present_item(testimony, AnonymousUser())
    assert "Mr Demo" not in view.transcript and REDACTED in view.transcript
    assert "Demo Real Name" not in view.narrator and not view.contact

    # Events of different cities share an experience.
    assert (
        Relation.objects.filter(kind=Relation.Kind.SHARES_EXPERIENCE, source_id=may_18.pk).count()
        >= 2
    )
    cross_city = [
        relation
        for relation in Relation.objects.filter(kind=Relation.Kind.SHARES_EXPERIENCE)
        if Event.objects.get(pk=relation.source_id).city_id
        != Event.objects.get(pk=relation.target_id).city_id
    ]
    assert cross_city

    # Loading again creates, changes and records nothing.
    counts = {model: model.objects.count() for model in (*MODELS, Relation, Consent, Redaction)}
    revisions = Revision.objects.count()

    again = archive_demo.load_demo_archive()

    assert set(again.values()) == {0}
    assert {model: model.objects.count() for model in counts} == counts
    assert Revision.objects.count() == revisions


def test_every_demo_record_has_english_and_korean_and_says_it_is_demo():
    for spec in SPECS:
        assert spec["titles"]["en"] and spec["titles"]["ko"], spec["titles"]
        assert set(spec["descriptions"]) >= {"en", "ko"}, spec["titles"]["en"]
    described = archive_demo._described({"en": "Text.", "ko": "글."})
    assert described["en"].endswith("not an official record of any institution named here.")
    assert described["ko"].endswith(archive_demo.NOTE["ko"])


def test_korean_events_are_recorded_in_korean_and_every_date_reads():
    for spec in [*archive_demo.EVENTS, *archive_demo.ITEMS]:
        parse_fuzzy_date(spec.get("date_text", ""))
    korean = {spec["key"] for spec in archive_demo.EVENTS if spec["original_language"] == "ko"}
    assert korean == {"may-18", "june-1987"}


def test_the_redacted_phrases_occur_in_the_sample_transcript():
    for phrase in archive_demo.REDACTED_PHRASES:
        assert phrase in archive_demo.TRANSCRIPT


def metres_between(a, b):
    """Return the distance between two (latitude, longitude) points on the Earth."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


def test_every_demo_site_of_memory_has_coordinates_of_its_own():
    points = {spec["key"]: (spec["latitude"], spec["longitude"]) for spec in archive_demo.PLACES}
    keys = sorted(points)
    apart = [
        metres_between(points[a], points[b]) for i, a in enumerate(keys) for b in keys[i + 1 :]
    ]

    assert min(apart) > 150  # the Provincial Office and the 5·18 Archives, the closest two
    # The cemetery lies well outside central Gwangju, near the old Mangwol-dong cemetery.
    assert 9_000 < metres_between(points["provincial-office"], points["cemetery"]) < 12_000
    for spec in archive_demo.ITEMS:
        if spec["kind"] == "site":
            assert spec["place"] in points, spec["key"]
