"""The one registration point: every searchable record kind says how it becomes a document.

    register("city", City, document=city_document, queryset=lambda: City.objects.all())

Apps do this in a `search.py` module, which SearchConfig.ready() imports for every
installed app (as the admin finds `admin.py`); the registry names no app's kinds. Once
every app has registered, the signals are connected (indexing.connect_all): saving,
deleting, re-tagging or changing a many-to-many field of a registered record updates its
document in the same transaction.

A document that also shows what other records say (an item shows its narrator's name, as
the narrator's other items allow it) names those records once, as sources:

    register("item", Item, ..., sources=[
        Source(Person, lambda person: person.narrated_items.values_list("pk", flat=True),
               fields=("real_name", "real_name_may_be_shown")),
    ])

and saving or deleting a source record rewrites the documents that read it, in the same
transaction, so no document keeps what its sources no longer allow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models

from hrcities.access.tiers import Access, AfterEmbargo, Publication


@dataclass
class DocumentData:
    """What a record shows and how it is found; access defaults to public and published."""

    title: str
    # The title in each language the record has it in (BCP 47 code → title): results show
    # the one in the reader's language, else `title`.
    titles: Mapping[str, str] = field(default_factory=dict)
    # A line under the title, per language (BCP 47 code → text): where the record comes
    # from when its title is its own words ("Slovenia, UPR cycle 3, para. 122.153").
    subtitles: Mapping[str, str] = field(default_factory=dict)
    text: str = ""
    language: str = "en"
    url: str = ""
    # Indexed but not shown: names in other languages, codes, places.
    extra: str = ""
    city: Any = None
    organisation: Any = None
    date_start: date | None = None
    date_end: date | None = None
    # Facet labels besides kind, city, language and decade: "sdg:16", "theme:<slug>".
    labels: Iterable[str] = ()
    access: str = Access.PUBLIC
    embargo_until: date | None = None
    after_embargo: str = AfterEmbargo.PUBLIC
    publication: str = Publication.PUBLISHED
    is_withdrawn: bool = False
    allowed_users: Iterable[int] = ()
    allowed_organisations: Iterable[int] = ()
    # hrcities.access.models.ConsentFields, for records that have them.
    is_research_only: bool = False
    consent_due: date | None = None


def access_of(record: Any) -> dict[str, Any]:
    """Return the access fields of a record (`hrcities.access.models.AccessFields`) as
    DocumentData takes them, so its document is seen exactly by the record's readers."""
    return {
        "access": record.access,
        "embargo_until": record.embargo_until,
        "after_embargo": record.after_embargo,
        "publication": record.publication,
        "is_withdrawn": record.is_withdrawn,
        # .all(): read from the batch's prefetch when the records come from the kind's queryset.
        "allowed_users": [user.pk for user in record.allowed_users.all()],
        "allowed_organisations": [org.pk for org in record.allowed_organisations.all()],
        "is_research_only": getattr(record, "is_research_only", False),
        "consent_due": getattr(record, "consent_due", None),
    }


@dataclass(frozen=True)
class Source:
    """Another record that a kind's documents are derived from."""

    model: type[models.Model]
    # The ids of the records of the kind whose documents read this source record, as the
    # database has them at the time of the call (asked before and after each change).
    dependents: Callable[[Any], Iterable[Any]]
    # The source's fields the documents read: a save that changes none of them rewrites
    # nothing. Empty: every save and delete counts.
    fields: tuple[str, ...] = ()


@dataclass
class Kind:
    name: str
    model: type[models.Model]
    document: Callable[[Any], DocumentData | None]
    queryset: Callable[[], models.QuerySet]
    # Shown as the facet value's name; lazy, so it follows the reader's language.
    label: Any = ""
    sources: tuple[Source, ...] = ()


KINDS: dict[str, Kind] = {}


def register(
    kind: str,
    model: type[models.Model],
    *,
    document: Callable[[Any], DocumentData | None],
    queryset: Callable[[], models.QuerySet],
    label: Any = "",
    sources: Iterable[Source] = (),
) -> None:
    """Make a record kind searchable; `document` returns None for a record not to index.

    `sources` are the other records its documents are derived from (see Source).
    """
    if kind in KINDS and KINDS[kind].model is not model:
        raise ValueError(f"Search kind {kind!r} is already registered for another model.")
    KINDS[kind] = Kind(
        kind, model, document, queryset, label or model._meta.verbose_name, (*sources,)
    )


# Sources that the documents of every kind read, each made for one kind's name (a document's
# "city:<slug>" label reads its city's slug; the network registers that source).
SHARED_SOURCES: list[Callable[[str], Source]] = []


def register_shared_source(make: Callable[[str], Source]) -> None:
    """Let the documents of every kind read the records `make(kind)` names."""
    SHARED_SOURCES.append(make)


# The names of a facet's values, from the app that knows them: a function from the values
# counted ("16", "seoul") to their names in the reader's language.
FACET_NAMES: dict[str, Callable[[list[str]], Mapping[str, str]]] = {}


def register_facet_names(facet: str, names: Callable[[list[str]], Mapping[str, str]]) -> None:
    """Name the values of `facet` with `names(values)`; unnamed values show as they are."""
    FACET_NAMES[facet] = names


# Facet values that depend on who reads: a kind's documents carry the value every reader
# of the record may know, and `values(user)` answers, for the records whose value differs
# for this reader, the value the reader may know ({object id: value}). A measure's outcome
# is that of its latest review the reader may see: a members-only review sets it for members.
READER_VALUES: dict[tuple[str, str], Callable[[Any], Mapping[int, str]]] = {}


def register_reader_values(
    kind: str, facet: str, values: Callable[[Any], Mapping[int, str]]
) -> None:
    """Let `values(user)` decide, for that reader, the value of `facet` of some records of
    `kind`, in place of their documents' labels of that facet (in filters and counts)."""
    READER_VALUES[(kind, facet)] = values


def kind_for_model(model: type[models.Model]) -> Kind | None:
    for kind in KINDS.values():
        if kind.model is model:
            return kind
    return None
