"""schema.org JSON-LD of education programmes: a `Course` per programme (`isBasedOn` the
programme it was adapted from), a `CourseInstance` per session and a `LearningResource`
per material, with its `license`.

Programmes come from `visible_to(reader)`, and their sessions and materials with them; a
programme this one was adapted from is named only when the reader may see it too.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from hrcities.archive.jsonld import CONTEXT, absolute, graph_chunks, language_values
from hrcities.taxonomy.models import Tagging

from .models import Format, Licence, Material, Programme, Session

LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}
# schema.org's courseMode names (https://schema.org/courseMode).
COURSE_MODES = {Format.IN_PERSON: "onsite", Format.ONLINE: "online", Format.BLENDED: "blended"}


def programmes_for_export(user: Any) -> QuerySet[Programme]:
    """Return the programmes this user may see, with what every channel needs fetched."""
    return (
        Programme.objects.visible_to(user)
        .select_related("city", "organisation", "adapted_from")
        .prefetch_related(
            "audiences",
            "methods",
            "target_groups",
            "provider_cities",
            "provider_organisations",
            Prefetch("taggings", queryset=Tagging.objects.accepted()),
            Prefetch("sessions", queryset=Session.objects.select_related("city")),
            Prefetch("materials", queryset=Material.objects.order_by("pk")),
        )
        .order_by("pk")
    )


def _owner(record: Any) -> dict[str, Any]:
    return {"@type": "Organization", "name": str(record)}


def material_url(material: Material, request: HttpRequest | None, base: str = "") -> str:
    """Return where a material is read: its link, or the page that serves its file."""
    if material.url:
        return material.url
    try:
        path = reverse("education:material-file", args=[material.pk])
    except NoReverseMatch:
        path = material.programme.get_absolute_url() + f"#material-{material.pk}"
    return absolute(request, path, base)


def material_document(
    material: Material, request: HttpRequest | None, base: str = ""
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "@type": "LearningResource",
        "name": language_values(material.titles) or material.title,
        "url": material_url(material, request, base),
    }
    if material.file:
        document["encodingFormat"] = material.content_type
        if material.size is not None:
            document["contentSize"] = f"{material.size} B"
    if material.language:
        document["inLanguage"] = material.language
    if material.licence in LICENCE_URLS:
        document["license"] = LICENCE_URLS[material.licence]
    else:
        # schema.org's license is a URL or a CreativeWork: a licence without a URL is
        # named, never written as a bare word a JSON-LD reader would take for a link.
        document["license"] = {
            "@type": "CreativeWork",
            "name": str(Licence(material.licence).label),
            "identifier": material.licence,
        }
        if material.licence_note:
            document["copyrightNotice"] = material.licence_note
    return document


def session_document(
    session: Session, request: HttpRequest | None, base: str = ""
) -> dict[str, Any]:
    url = absolute(request, session.get_absolute_url(), base)
    document: dict[str, Any] = {
        "@type": "CourseInstance",
        "@id": url,
        "url": url,
        "courseMode": "online" if session.is_online else "onsite",
        "startDate": session.starts_on.isoformat(),
    }
    if session.ends_on:
        document["endDate"] = session.ends_on.isoformat()
    if session.place or session.city_id:
        place: dict[str, Any] = {"@type": "Place", "name": session.place or str(session.city)}
        if session.city_id:
            place["address"] = {"@type": "PostalAddress", "addressLocality": str(session.city)}
        document["location"] = place
    elif session.is_online:
        document["location"] = {"@type": "VirtualLocation"}
    if session.facilitator:
        document["instructor"] = {"@type": "Person", "name": session.facilitator}
    document["additionalProperty"] = [
        {"@type": "PropertyValue", "name": "participants", "value": session.participants}
    ]
    if session.evaluation_method:
        document["additionalProperty"].append(
            {"@type": "PropertyValue", "name": "evaluation", "value": session.evaluation_method}
        )
    findings = language_values(session.findings)
    if findings:
        document["description"] = findings
    return document


def _hours(value: Decimal) -> str:
    """Return a length in hours as an ISO 8601 duration (1.5 → PT1H30M)."""
    minutes = int((value * 60).to_integral_value())
    hours, rest = divmod(minutes, 60)
    return f"PT{hours}H{rest}M" if rest else f"PT{hours}H"


def programme_document(
    programme: Programme,
    request: HttpRequest | None,
    *,
    user: Any,
    base: str = "",
    visible: set[int] | None = None,
) -> dict[str, Any]:
    """Return the schema.org Course of a programme as one reader may see it.

    `visible`: the ids of the programmes the reader may see (asked once for a whole dump).
    """
    url = absolute(request, programme.get_absolute_url(), base)
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Course",
        "@id": url,
        "url": url,
        "identifier": programme.slug,
        "name": language_values(programme.titles) or programme.slug,
        "inLanguage": list(programme.languages or []) or [programme.original_language],
        "courseMode": COURSE_MODES.get(programme.format, programme.format),
    }
    for key, texts in (("description", programme.summaries), ("teaches", programme.outcomes)):
        values = language_values(texts)
        if values:
            document[key] = values
    if programme.duration_hours is not None:
        document["timeRequired"] = _hours(programme.duration_hours)
    providers = [
        *(_owner(c) for c in programme.provider_cities.all()),
        *(_owner(o) for o in programme.provider_organisations.all()),
    ]
    document["provider"] = providers or [_owner(programme.owner)]
    document["publisher"] = _owner(programme.owner)
    audiences = [
        {"@type": "Audience", "audienceType": a.name, "identifier": a.slug}
        for a in programme.audiences.all()
    ]
    if audiences:
        document["audience"] = audiences
    methods = [m.name for m in programme.methods.all()]
    if methods:
        document["educationalUse"] = methods
    keywords = sorted(t.label for t in programme.taggings.all() if t.status == "accepted")
    if keywords:
        document["keywords"] = keywords
    source = programme.adapted_from
    if source is not None:
        seen = (
            source.pk in visible
            if visible is not None
            else Programme.objects.visible_to(user).filter(pk=source.pk).exists()
        )
        if seen:
            document["isBasedOn"] = {
                "@type": "Course",
                "@id": absolute(request, source.get_absolute_url(), base),
                "name": language_values(source.titles) or source.slug,
            }
            if programme.adaptation_kinds:
                document["isBasedOn"]["description"] = ", ".join(programme.adaptation_kinds)
    sessions = [session_document(s, request, base) for s in programme.sessions.all()]
    if sessions:
        document["hasCourseInstance"] = sessions
    materials = [material_document(m, request, base) for m in programme.materials.all()]
    if materials:
        document["hasPart"] = materials
    document["conditionsOfAccess"] = programme.access
    document["creativeWorkStatus"] = programme.status
    if programme.is_demo:
        document["disambiguatingDescription"] = "Demo content"
    return document


def graph(user: Any, request: HttpRequest | None, *, base: str = "") -> Iterator[dict[str, Any]]:
    """Yield every programme this user may see, with its sessions and materials."""
    visible = set(Programme.objects.visible_to(user).values_list("pk", flat=True))
    for programme in programmes_for_export(user).iterator(chunk_size=200):
        node = programme_document(programme, request, user=user, base=base, visible=visible)
        node.pop("@context", None)
        yield node


def dump_chunks(user: Any, request: HttpRequest | None, *, base: str = "") -> Iterator[str]:
    """Yield the programmes as one JSON-LD graph, in pieces for a streaming response."""
    return graph_chunks(graph(user, request, base=base))
