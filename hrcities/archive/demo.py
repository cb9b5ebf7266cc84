"""Demo content for the memory archive, all marked `is_demo`.

The events and sites of memory are real and only well-established facts are stated,
neutrally: the May 18 Democratic Uprising in Gwangju (1980), the June Democratic
Struggle in Seoul (1987), Argentina's last dictatorship (1976–1983, remembered in
Rosario) and the Tlatelolco massacre in Mexico City (1968). Every place has its own
coordinates, known to about a hundred metres (data/demo.toml says where each is), and is
linked to its city's GeoNames entry too, so that no site of memory stands on its city's
centre. No one is quoted.

The access-tier samples (network-only, restricted, embargoed) and the testimony are
invented to show the platform and say so in their titles: the narrator is fictional.
Every description ends by saying that it is demo content, not an official record of any
institution it names.

The records themselves are in data/demo.toml; this module loads them. Records are
matched by a stable key (a collection's slug, a record's English title, a person's
pseudonym) and brought up to date, so loading again creates nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext_noop

from hrcities.access.tiers import Access, AfterEmbargo, Publication
from hrcities.core.datafiles import read_toml
from hrcities.core.services import create_record, update_record
from hrcities.network.models import City, GeoNamesPlace, Organisation

from .models import (
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

DATA = read_toml(Path(__file__).parent / "data" / "demo.toml")
NOTE: dict[str, str] = DATA["note"]
COLLECTIONS: list[dict[str, Any]] = DATA["collections"]
PLACES: list[dict[str, Any]] = DATA["places"]
EVENTS: list[dict[str, Any]] = DATA["events"]
NARRATOR: dict[str, Any] = DATA["narrator"]
ITEMS: list[dict[str, Any]] = DATA["items"]
RELATIONS: list[dict[str, str]] = DATA["relations"]
REDACTED_PHRASES: list[str] = DATA["testimony"]["redacted_phrases"]
REDACTION_REASON: str = DATA["testimony"]["redaction_reason"]
CONSENT_SCOPES: list[str] = DATA["testimony"]["consent_scopes"]
# The narrator's testimony, whose words naming a third person are withheld.
TRANSCRIPT: str = next(spec["transcript"] for spec in ITEMS if spec.get("narrator"))

COUNT_KEYS = [
    gettext_noop("archive collections"),
    gettext_noop("archive places"),
    gettext_noop("archive events"),
    gettext_noop("archive people"),
    gettext_noop("archive items"),
    gettext_noop("archive relations"),
    gettext_noop("archive consents"),
    gettext_noop("archive redactions"),
]


def _described(texts: dict[str, str]) -> dict[str, str]:
    """Return the descriptions, each ending with the demo note in its language."""
    return {lang: f"{text} {NOTE.get(lang, NOTE['en'])}" for lang, text in texts.items()}


# --- loading ----------------------------------------------------------------------------


def _owner(spec: dict[str, Any]) -> dict[str, Any] | None:
    """Return {"city": …} or {"organisation": …} for the record, or None if not loaded."""
    candidates = [spec["owner"], *([spec["fallback_owner"]] if "fallback_owner" in spec else [])]
    for kind, slug in candidates:
        model = City if kind == "city" else Organisation
        record = model.objects.filter(slug=slug).first()
        if record is not None:
            other = "organisation" if kind == "city" else "city"
            return {kind: record, other: None}
    return None


def _upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> Any:
    """Create the record or bring it up to date (keeping revisions); return (record, new)."""
    record = model.objects.filter(**lookup).first()
    if record is None:
        return create_record(model, by=None, **values), True  # type: ignore[type-var]
    return update_record(record, values, by=None, based_on_version=None), False  # type: ignore[type-var]


def _common(spec: dict[str, Any], owner: dict[str, Any]) -> dict[str, Any]:
    return {
        **owner,
        "titles": spec["titles"],
        "descriptions": _described(spec["descriptions"]),
        "original_language": spec["original_language"],
        "is_demo": True,
    }


def _published(spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "access": spec.get("access", Access.PUBLIC),
        "embargo_until": spec.get("embargo_until"),
        "after_embargo": spec.get("after_embargo", AfterEmbargo.PUBLIC),
        "publication": Publication.PUBLISHED,
        "is_withdrawn": False,
    }


def _tag(record: models.Model, labels: list[str]) -> None:
    """Accept the demo tags that exist (themes come with `load_reference`), keeping others."""
    from hrcities.taxonomy.tags import accepted_labels, describe, set_accepted_tags

    known = [label for label in labels if label in describe(labels)]
    current = accepted_labels(record)
    if set(known) - set(current):
        set_accepted_tags(record, [*current, *known], by=None)


def _place_values(spec: dict[str, Any], owner: dict[str, Any]) -> dict[str, Any]:
    return {
        **_common(spec, owner),
        "geonames_place": GeoNamesPlace.objects.filter(geonames_id=spec["geonames"]).first(),
        "latitude": spec.get("latitude"),
        "longitude": spec.get("longitude"),
        "address": spec.get("address", ""),
    }


def _add_redactions(item: Item) -> int:
    """Withhold each phrase wherever it stands in the item (as `redact_phrase` does)."""
    made = 0
    for phrase in REDACTED_PHRASES:
        if phrase in item.transcript and not item.redactions.filter(phrase=phrase).exists():
            create_record(Redaction, by=None, item=item, phrase=phrase, reason=REDACTION_REASON)
            made += 1
    return made


@transaction.atomic
def load_demo_archive() -> dict[str, int]:
    """Load the demo archive; return how many records of each kind were new.

    Needs the demo cities and organisations (`load_demo_network`). Safe to run again.
    """
    created = dict.fromkeys(COUNT_KEYS, 0)

    collections: dict[str, Collection] = {}
    for spec in COLLECTIONS:
        owner = _owner(spec)
        if owner is None:
            continue
        values = {**_common(spec, owner), **_published(spec), "slug": spec["slug"]}
        record, new = _upsert(Collection, {"slug": spec["slug"]}, values)
        collections[spec["key"]] = record
        created["archive collections"] += new

    places: dict[str, Place] = {}
    for spec in PLACES:
        owner = _owner(spec)
        if owner is None:
            continue
        lookup = {"is_demo": True, "titles__en": spec["titles"]["en"]}
        record, new = _upsert(Place, lookup, _place_values(spec, owner))
        places[spec["key"]] = record
        created["archive places"] += new

    events: dict[str, Event] = {}
    for spec in EVENTS:
        owner = _owner(spec)
        if owner is None:
            continue
        values = {
            **_common(spec, owner),
            **_published(spec),
            "date_text": spec["date_text"],
            "places": [places[key] for key in spec["places"] if key in places],
        }
        lookup = {"is_demo": True, "titles__en": spec["titles"]["en"]}
        record, new = _upsert(Event, lookup, values)
        _tag(record, spec.get("tags", []))
        events[spec["key"]] = record
        created["archive events"] += new

    narrator = None
    owner = _owner(NARRATOR)
    if owner is not None:
        values = {
            **_common(NARRATOR, owner),
            **{k: NARRATOR[k] for k in ("pseudonym", "real_name", "real_name_may_be_shown")},
            "contact": NARRATOR["contact"],
        }
        lookup = {"is_demo": True, "pseudonym": NARRATOR["pseudonym"]}
        narrator, new = _upsert(Person, lookup, values)
        created["archive people"] += new

    items: dict[str, Item] = {}
    for spec in ITEMS:
        owner = _owner(spec)
        if owner is None or (spec.get("narrator") and narrator is None):
            continue
        values = {
            **_common(spec, owner),
            **_published(spec),
            "kind": spec["kind"],
            "date_text": spec.get("date_text", ""),
            "collection": collections.get(spec.get("collection", "")),
            "place": places.get(spec.get("place", "")),
            "events": [events[key] for key in spec.get("events", []) if key in events],
            "narrator": narrator if spec.get("narrator") else None,
            "transcript": spec.get("transcript", ""),
            "exact_location": spec.get("exact_location", ""),
            "contact": spec.get("contact", ""),
            "rights": spec.get("rights", ""),
            "restricted_fields": spec.get("restricted_fields", []),
            "allowed_organisations": list(
                Organisation.objects.filter(slug__in=spec.get("allowed_organisations", []))
            ),
        }
        lookup = {"is_demo": True, "titles__en": spec["titles"]["en"]}
        item, new = _upsert(Item, lookup, values)
        _tag(item, spec.get("tags", []))
        items[spec["key"]] = item
        created["archive items"] += new

        if spec.get("narrator"):
            PersonRole.objects.get_or_create(
                person=narrator, role=PersonRole.Role.NARRATOR, item=item
            )
            if not item.consents.exists():
                consent = Consent(
                    item=item,
                    person=narrator,
                    scopes=sorted(CONSENT_SCOPES),
                    given_on=date(2020, 5, 1),
                    note="Demo consent given by a fictional narrator.",
                )
                consent.full_clean()
                consent.save()
                created["archive consents"] += 1
            created["archive redactions"] += _add_redactions(item)

    records = {"event": events, "item": items}
    for link in RELATIONS:
        source_record = records[link["source_kind"]].get(link["source"])
        target_record = records[link["target_kind"]].get(link["target"])
        if source_record is None or target_record is None:
            continue
        _relation, new = Relation.objects.get_or_create(
            source_type=ContentType.objects.get_for_model(source_record),
            source_id=source_record.pk,
            kind=link["kind"],
            target_type=ContentType.objects.get_for_model(target_record),
            target_id=target_record.pk,
            defaults={"note": link.get("note", "")},
        )
        created["archive relations"] += new
    return created
