"""Education programmes and their sessions in the one search.

A programme's document carries the programme's own access fields, so its drafts are
found only by those who may read them (`visible_to`, as everywhere). A session has no
access of its own: its document copies its programme's, and is written again whenever
the programme changes, so a programme taken back to draft takes its sessions out of the
search with it.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed
from django.utils.translation import gettext_lazy as _

from hrcities.search.indexing import index_record, tag_labels
from hrcities.search.registry import (
    KINDS,
    DocumentData,
    Source,
    access_of,
    register,
    register_facet_names,
)

from .models import Audience, Format, Phase, Programme, Session


def _title(titles: dict[str, str], fallback: str) -> str:
    return titles.get("en") or titles.get("ko") or next(iter(titles.values()), "") or fallback


def sector_labels(programme: Programme) -> list[str]:
    """Return the sectors of a programme: the World Programme phases of its audiences."""
    return sorted({f"sector:{audience.phase.number}" for audience in programme.audiences.all()})


def programme_labels(programme: Programme) -> list[str]:
    """Return the facet labels of a programme: tags, target groups, audiences, format,
    the languages it is taught in and the cities that provide it."""
    labels = [*tag_labels(programme)]
    labels += [f"group:{group.slug}" for group in programme.target_groups.all()]
    labels += [f"audience:{audience.slug}" for audience in programme.audiences.all()]
    labels += sector_labels(programme)
    labels += [f"format:{programme.format}"]
    labels += [f"lang:{code}" for code in programme.languages or []]
    labels += [f"city:{city.slug}" for city in programme.provider_cities.all()]
    return labels


def programme_document(programme: Programme) -> DocumentData:
    titles = {code: text for code, text in (programme.titles or {}).items() if text}
    names = [
        *(str(a) for a in programme.audiences.all()),
        *(str(m) for m in programme.methods.all()),
        *(str(c) for c in programme.provider_cities.all()),
        *(str(o) for o in programme.provider_organisations.all()),
    ]
    return DocumentData(
        title=_title(titles, programme.slug),
        titles=titles,
        text="\n".join(
            t
            for t in (*(programme.summaries or {}).values(), *(programme.outcomes or {}).values())
            if t
        ),
        language=programme.original_language,
        url=programme.get_absolute_url(),
        extra=" ".join([*titles.values(), *names, *(programme.duration_text or {}).values()]),
        city=programme.city,
        organisation=programme.organisation,
        labels=programme_labels(programme),
        **access_of(programme),
    )


def session_document(session: Session) -> DocumentData:
    programme = session.programme
    titles = {
        code: f"{text} ({session.starts_on:%Y-%m-%d})"
        for code, text in (programme.titles or {}).items()
        if text
    }
    return DocumentData(
        title=_title(titles, f"#{session.pk}"),
        titles=titles,
        text="\n".join(t for t in (session.place, *(session.findings or {}).values()) if t),
        language=programme.original_language,
        url=session.get_absolute_url(),
        extra=" ".join(t for t in (session.facilitator, session.evaluation_method) if t),
        city=session.city or programme.city,
        organisation=programme.organisation,
        date_start=session.starts_on,
        date_end=session.ends_on or session.starts_on,
        labels=[
            *(f"audience:{a.slug}" for a in programme.audiences.all()),
            *sector_labels(programme),
            *(f"lang:{code}" for code in programme.languages or []),
            f"format:{Format.ONLINE if session.is_online else Format.IN_PERSON}",
        ],
        **access_of(programme),
    )


# What a programme's documents read of itself and what a session's read of its programme.
PROGRAMME_FIELDS = (
    "titles",
    "original_language",
    "languages",
    "slug",
    "city",
    "organisation",
    "access",
    "embargo_until",
    "after_embargo",
    "publication",
    "is_withdrawn",
)


def _sessions_of(programme: Programme) -> Any:
    return programme.sessions.values_list("pk", flat=True)


register(
    "programme",
    Programme,
    document=programme_document,
    queryset=lambda: Programme.objects.select_related("city", "organisation").prefetch_related(
        "taggings",
        "target_groups",
        "audiences__phase",
        "methods",
        "provider_cities",
        "provider_organisations",
        "allowed_users",
        "allowed_organisations",
    ),
    label=_("Education programme"),
)
register(
    "session",
    Session,
    document=session_document,
    queryset=lambda: Session.objects.select_related(
        "city", "programme__city", "programme__organisation"
    ).prefetch_related(
        "programme__audiences__phase",
        "programme__allowed_users",
        "programme__allowed_organisations",
    ),
    label=_("Education session"),
    sources=[Source(Programme, _sessions_of, fields=PROGRAMME_FIELDS)],
)


def _programme_links_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    """Write the sessions' documents again when their programme's readers or audiences
    change (a many-to-many change saves no programme, so no source sees it)."""
    if not action.startswith("post_"):
        return
    if isinstance(instance, Programme):
        programmes = [instance.pk]
    elif kwargs.get("model") is Programme:
        programmes = list(kwargs.get("pk_set") or [])
    else:
        return
    kind = KINDS["session"]
    for session in kind.queryset().filter(programme__in=programmes):
        index_record(kind, session)


for _field in ("allowed_users", "allowed_organisations", "audiences"):
    m2m_changed.connect(
        _programme_links_changed,
        sender=getattr(Programme, _field).through,
        weak=False,
        dispatch_uid=f"search:session:programme:{_field}",
    )


def audience_names(slugs: list[str]) -> dict[str, str]:
    return {a.slug: a.name for a in Audience.objects.filter(slug__in=slugs)}


def sector_names(numbers: list[str]) -> dict[str, str]:
    phases = Phase.objects.filter(number__in=[int(n) for n in numbers if n.isdigit()])
    return {
        str(phase.number): str(_("Phase %(number)s: %(focus)s"))
        % {"number": phase.number, "focus": phase.name}
        for phase in phases
    }


def format_names(values: list[str]) -> dict[str, str]:
    return {value: str(Format(value).label) for value in values if value in Format.values}


register_facet_names("sector", sector_names)
register_facet_names("audience", audience_names)
register_facet_names("format", format_names)
