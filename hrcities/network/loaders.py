"""Load the reference geography the platform ships: ISO 3166 countries (English and Korean
names, continent) and the GeoNames cities15000 places, for offline look-up.

Both loaders compare with what is stored and write only the difference in bulk, so a
second run touches nothing and the 34,006 places load in seconds.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext_noop

from .models import Country, GeoNamesPlace

DATA_DIR = Path(__file__).resolve().parent / "data"
COUNTRIES_CSV = DATA_DIR / "countries_iso3166_en_ko_pycountry.csv"
COUNTRIES_JSON = DATA_DIR / "countries.json"
PLACES_CSV = DATA_DIR / "cities15000_slim.csv"

BATCH_SIZE = 2000


def fold(text: str) -> str:
    """Return `text` lower-cased without accents ("Bogotá" → "bogota")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def read_countries() -> list[dict[str, Any]]:
    """Return the countries to load: ISO 3166-1 (pycountry) plus GeoNames' continents.

    GeoNames also uses the user-assigned code XK (Kosovo) for places; it is added from
    GeoNames' own country list so that every place has its country.
    """
    geonames = json.loads(COUNTRIES_JSON.read_text(encoding="utf-8"))
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    with COUNTRIES_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            iso2 = row["alpha_2"]
            seen.add(iso2)
            rows.append(
                {
                    "iso2": iso2,
                    "iso3": row["alpha_3"],
                    "numeric": row["numeric"],
                    "name_en": row["name_en"],
                    "name_ko": row["name_ko"],
                    "continent": geonames.get(iso2, {}).get("continentcode", ""),
                }
            )
    rows.append(
        {
            "iso2": "XK",
            "iso3": geonames["XK"]["iso3"],
            "numeric": "",
            "name_en": geonames["XK"]["name"],
            "name_ko": "",
            "continent": geonames["XK"]["continentcode"],
        }
    )
    return rows


def read_places() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with PLACES_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows.append(
                {
                    "geonames_id": int(row["geonameid"]),
                    "name": row["name"],
                    "ascii_name": fold(row["name"]),
                    "name_ko": row["hangul_alternatenames"],
                    "country_code": row["countrycode"],
                    "admin1_code": row["admin1code"],
                    "latitude": float(row["latitude"]),
                    "longitude": float(row["longitude"]),
                    "population": int(row["population"] or 0),
                    "timezone": row["timezone"],
                }
            )
    return rows


def sync_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> dict[str, int]:
    """Make the table hold exactly these values for these keys; return what changed.

    Rows already stored with the same values are left alone; rows stored elsewhere (not
    in `rows`) are kept, since cities may point at them.
    """
    pk = model._meta.pk.name
    fields = [name for name in rows[0] if name != pk] if rows else []
    stored = {values[0]: values[1:] for values in model.objects.values_list(pk, *fields).iterator()}
    to_create, to_update = [], []
    for row in rows:
        current = stored.get(row[pk])
        if current is None:
            to_create.append(model(**row))
        elif tuple(current) != tuple(row[name] for name in fields):
            to_update.append(model(**row))
    with transaction.atomic():
        model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        if to_update:
            model.objects.bulk_update(to_update, fields, batch_size=BATCH_SIZE // 4)
    return {
        "created": len(to_create),
        "updated": len(to_update),
        "unchanged": len(rows) - len(to_create) - len(to_update),
    }


def load_geo() -> dict[str, dict[str, int]]:
    """Load countries and GeoNames places; return created/updated/unchanged per kind."""
    return {
        gettext_noop("countries"): sync_rows(Country, read_countries()),
        gettext_noop("places"): sync_rows(GeoNamesPlace, read_places()),
    }


def find_places(query: str, country: str | None = None, limit: int = 10) -> list[GeoNamesPlace]:
    """Return places whose English or Hangul name matches `query`, best match first.

    Exact names come first, then names that start with the query, then the rest; within
    each, the larger place first ("Gwangju" finds the metropolitan city before the
    smaller Gwangju in Gyeonggi).
    """
    query = query.strip()
    if not query:
        return []
    folded = fold(query)
    places = GeoNamesPlace.objects.filter(
        models.Q(ascii_name__contains=folded) | models.Q(name_ko__contains=query)
    )
    if country:
        places = places.filter(country_code=country.upper())
    candidates = list(places.order_by("-population")[: max(limit * 10, 50)])

    def rank(place: GeoNamesPlace) -> tuple[int, int]:
        names = [place.ascii_name, *place.korean_names]
        if folded in names or query in names:
            closeness = 0
        elif place.ascii_name.startswith(folded) or any(
            name.startswith(query) for name in place.korean_names
        ):
            closeness = 1
        else:
            closeness = 2
        return (closeness, -place.population)

    return sorted(candidates, key=rank)[:limit]
