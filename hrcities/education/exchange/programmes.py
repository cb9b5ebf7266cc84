"""Programmes as CSV, both ways, with their links to archive records, commitments'
actions and indicators (ids, each written out only to readers who may see it)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from hrcities.access.keepers import can_change
from hrcities.access.tiers import Access
from hrcities.core.csvfiles import (
    Bad,
    ImportReport,
    choice_cell,
    csv_chunks,
    run_import,
)
from hrcities.core.validation import check_language
from hrcities.network.models import City, Organisation
from hrcities.network.services import owner_from_cells
from hrcities.taxonomy.models import AffectedGroup
from hrcities.taxonomy.tags import set_accepted_tags, validate_labels

from .. import services
from ..jsonld import programmes_for_export
from ..models import AdaptationKind, Audience, Format, Method, Programme
from ..services.common import LINKED, visible_links
from .cells import (
    LANGUAGES,
    MAX_ROWS,
    SLUG,
    Row,
    by_slug,
    existing,
    joined,
    number,
    split,
    texts,
)

# The links to the rest of the platform, as ids separated by semicolons.
LINK_COLUMNS = tuple(LINKED)
PROGRAMME_COLUMNS = [
    "id",
    "version",
    "slug",
    "city",
    "organisation",
    *(f"title_{code}" for code in LANGUAGES),
    *(f"summary_{code}" for code in LANGUAGES),
    *(f"outcomes_{code}" for code in LANGUAGES),
    "original_language",
    "languages",
    "format",
    "duration_hours",
    "audiences",
    "target_groups",
    "methods",
    "provider_cities",
    "provider_organisations",
    "contact",
    "adapted_from",
    "adaptation_kinds",
    *LINK_COLUMNS,
    "access",
    "tags",
    "status",
]


def programme_rows(programmes: QuerySet[Programme], user: Any) -> Iterator[list[Any]]:
    """Yield the header and a row per programme (from `programmes_for_export`), naming
    only the linked records `user` may see."""
    yield PROGRAMME_COLUMNS
    programmes = programmes.prefetch_related(
        *(
            Prefetch(name, queryset=visible_links(name, user).order_by("pk"))
            for name in LINK_COLUMNS
        )
    )
    for p in programmes.iterator(chunk_size=200):
        titles, summaries, outcomes = p.titles or {}, p.summaries or {}, p.outcomes or {}
        yield [
            p.pk,
            p.version,
            p.slug,
            p.city.slug if p.city else "",
            p.organisation.slug if p.organisation else "",
            *(titles.get(code, "") for code in LANGUAGES),
            *(summaries.get(code, "") for code in LANGUAGES),
            *(outcomes.get(code, "") for code in LANGUAGES),
            p.original_language,
            joined(p.languages or []),
            p.format,
            number(p.duration_hours),
            joined(a.slug for a in p.audiences.all()),
            joined(g.slug for g in p.target_groups.all()),
            joined(m.slug for m in p.methods.all()),
            joined(c.slug for c in p.provider_cities.all()),
            joined(o.slug for o in p.provider_organisations.all()),
            p.contact,
            # Named only to readers of the source too (the export's queryset is theirs).
            p.adapted_from.slug if p.adapted_from and p.adapted_from in programmes else "",
            joined(p.adaptation_kinds or []),
            *(joined(r.pk for r in getattr(p, name).all()) for name in LINK_COLUMNS),
            p.access,
            joined(sorted(t.label for t in p.taggings.all() if t.status == "accepted")),
            p.status,
        ]


def export_programmes_chunks(user: Any, *, city: str | None = None) -> Iterator[str]:
    programmes = programmes_for_export(user)
    if city:
        programmes = programmes.filter(city__slug=city)
    return csv_chunks(programme_rows(programmes, user))


def export_programmes_csv(user: Any, *, city: str | None = None) -> str:
    return "".join(export_programmes_chunks(user, city=city))


def linked(column: str, cell: str, by: Any, bad: Bad) -> list[Any]:
    """Return the records a link cell names by id, all of which `by` may see; report the
    others as unknown, whether they exist or not."""
    words = split(cell)
    wrong = [w for w in words if not w.isdigit()]
    if wrong:
        bad(
            column,
            _("“%(v)s” is not a record id: write the numbers, separated by ;.")
            % {"v": wrong[0][:40]},
        )
        return []
    ids = list(dict.fromkeys(int(w) for w in words))
    found = visible_links(column, by).in_bulk(ids)
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        bad(column, LINKED[column].unseen % {"ids": ", ".join(missing)[:200]})
    return [found[pk] for pk in ids if pk in found]


# The column that holds each field the services may name in an error.
PROGRAMME_FIELD_COLUMNS = {
    "titles": "title_en",
    "summaries": "summary_en",
    "outcomes": "outcomes_en",
    "duration_hours": "duration_hours",
    "slug": "slug",
    "tags": "tags",
    "adapted_from": "adapted_from",
    "items": "items",
    "actions": "actions",
    "indicators": "indicators",
}


def import_programmes_csv(data: bytes, *, by: Any) -> ImportReport:
    """Add and change programmes from CSV bytes: all rows, or none if any row is bad."""
    seen: dict[int, int] = {}
    slugs: dict[str, int] = {}
    created: dict[str, Programme] = {}
    visible = Programme.objects.visible_to(by).select_related("city", "organisation")

    def check(line: int, row: dict[str, str], bad: Bad) -> Row:
        record, version = existing(row, visible, lambda p: can_change(by, p), seen, line, bad)
        if row.get("id") and record is None:
            return Row(line, None, None, {})  # refused above: not read as a new programme
        values = _programme_values(row, record, by, bad, slugs, line)
        return Row(line, record, version, values, {"tags": values.pop("tags", None)})

    def apply(row: Row) -> str:
        values = dict(row.values)
        source = values.get("adapted_from")
        if isinstance(source, str):  # a programme added by an earlier row of this file
            if source not in created:
                raise ValidationError(
                    {
                        "adapted_from": _(
                            "The programme “%(v)s” of an earlier row was not added: "
                            "correct that row first."
                        )
                        % {"v": source[:80]}
                    }
                )
            values["adapted_from"] = created[source]
        tags = row.extra["tags"]
        if row.record is None:
            programme = services.create_programme(by=by, **values)
            created[programme.slug] = programme
            if tags:
                set_accepted_tags(programme, tags, by=by)
            return "created"
        before = row.record.version
        updated = services.update_programme(row.record, values, by=by, based_on_version=row.version)
        tags_changed = tags is not None and set_accepted_tags(updated, tags, by=by)
        return "updated" if updated.version != before or tags_changed else "unchanged"

    return run_import(
        data,
        columns=PROGRAMME_COLUMNS,
        required=[],
        check=check,
        apply=apply,
        field_columns=PROGRAMME_FIELD_COLUMNS,
        max_rows=MAX_ROWS,
    )


def _programme_values(
    row: dict[str, str],
    record: Programme | None,
    by: Any,
    bad: Bad,
    slugs: dict[str, int],
    line: int,
) -> dict[str, Any]:
    """Return the fields a programme row sets (only those with a column in the file)."""
    values: dict[str, Any] = {}
    if record is None:
        city, organisation = owner_from_cells(row.get("city", ""), row.get("organisation", ""), bad)
        if (
            city is None
            and organisation is None
            and not (row.get("city") or row.get("organisation"))
        ):
            bad("city", _("Every programme belongs to a city or an organisation."))
        values["city"], values["organisation"] = city, organisation
        slug = row.get("slug", "")
        if slug:
            if not SLUG.fullmatch(slug):
                bad("slug", _("An address has only letters, digits and hyphens."))
            elif slug in slugs:
                bad(
                    "slug",
                    _("“%(v)s” is already used in row %(row)s.") % {"v": slug, "row": slugs[slug]},
                )
            elif Programme.objects.filter(slug=slug).exists():
                bad(
                    "slug",
                    _("A programme with the address “%(v)s” exists already.") % {"v": slug[:80]},
                )
            slugs[slug] = line
            values["slug"] = slug
    else:
        city = record.city
        for column, now in (("city", record.city), ("organisation", record.organisation)):
            if column in row and row[column] != (now.slug if now else ""):
                bad(column, _("A programme stays with the city or organisation that made it."))
        if "slug" in row and row["slug"] and row["slug"] != record.slug:
            bad("slug", _("The address of a programme is not changed by an import."))
    for name, prefix in (("titles", "title"), ("summaries", "summary"), ("outcomes", "outcomes")):
        if any(f"{prefix}_{code}" in row for code in LANGUAGES):
            values[name] = texts(row, prefix, getattr(record, name, None))
    if "titles" in values and not any(values["titles"].values()):
        bad("title_en", _("Give a title in English or Korean (title_en or title_ko)."))
    for code, title in values.get("titles", {}).items():
        if len(title) > 300:
            bad(
                f"title_{code}",
                _("At most 300 characters (this one has %(n)s).") % {"n": len(title)},
            )
    for column, codes in (
        ("original_language", [row.get("original_language", "")]),
        ("languages", split(row.get("languages", ""))),
    ):
        try:
            for code in filter(None, codes):
                check_language(code)
        except ValidationError as error:
            bad(column, " ".join(error.messages))
    if row.get("original_language"):
        values["original_language"] = row["original_language"]
    if "languages" in row:
        values["languages"] = split(row["languages"])
    if "format" in row:
        values["format"] = choice_cell(
            row["format"] or Format.IN_PERSON, "format", Format.values, bad
        )
    if "duration_hours" in row:
        values["duration_hours"] = _hours(row["duration_hours"], bad)
    owner_city = values.get("city") if record is None else city
    for column, model, queryset in (
        ("audiences", Audience, None),
        ("target_groups", AffectedGroup, None),
        ("methods", Method, Method.objects.for_city(owner_city)),
        ("provider_cities", City, None),
        ("provider_organisations", Organisation, None),
    ):
        if column in row:
            values[column] = by_slug(model, split(row[column]), column, bad, queryset)
    for column in LINK_COLUMNS:
        if column in row:
            values[column] = linked(column, row[column], by, bad)
    if "contact" in row:
        values["contact"] = row["contact"][:300]
    if "adapted_from" in row:
        values["adapted_from"] = _source(row["adapted_from"], by, slugs, line, bad)
    if "adaptation_kinds" in row:
        values["adaptation_kinds"] = [
            choice_cell(kind, "adaptation_kinds", AdaptationKind.values, bad)
            for kind in split(row["adaptation_kinds"])
        ]
    if "access" in row:
        values["access"] = choice_cell(row["access"] or Access.PUBLIC, "access", Access.values, bad)
    if "tags" in row:
        try:
            values["tags"] = validate_labels(split(row["tags"]))
        except ValidationError as error:
            bad("tags", " ".join(error.messages))
    return values


def _hours(cell: str, bad: Bad) -> Decimal | None:
    if not cell:
        return None
    try:
        hours = Decimal(cell)
        if not Decimal(0) <= hours <= Decimal(10000) or hours != hours.quantize(Decimal("0.1")):
            raise InvalidOperation
        return hours
    except InvalidOperation:
        bad(
            "duration_hours",
            _("“%(v)s” is not a number of hours from 0 to 10000 with at most one decimal.")
            % {"v": cell[:40]},
        )
        return None


def _source(slug: str, by: Any, slugs: dict[str, int], line: int, bad: Bad) -> Any:
    """Return the programme a row was adapted from: one the importer may see, or the slug
    of one an earlier row of the file adds."""
    if not slug:
        return None
    found = Programme.objects.visible_to(by).filter(slug=slug).first()
    if found is not None:
        return found
    if slugs.get(slug, line) < line:
        return slug
    bad("adapted_from", _("No programme you may see has the address “%(v)s”.") % {"v": slug[:80]})
    return None
