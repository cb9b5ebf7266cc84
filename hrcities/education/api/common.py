"""What the education endpoints share: finding records for a caller, shaping answers."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet, Sum
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from hrcities.archive.models import Item
from hrcities.commitments.models import Action
from hrcities.indicators.models import Indicator
from hrcities.network.models import City, Organisation
from hrcities.taxonomy.models import AffectedGroup

from ..jsonld import material_url, programmes_for_export
from ..models import Audience, Material, Method, Programme, Session


def _url(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def _slug(record: Any) -> str | None:
    return record.slug if record is not None else None


def visible_programme(user: Any, programme_id: int) -> Programme:
    """Return a programme the user may see, or 404 as if it did not exist."""
    return get_object_or_404(programmes_for_export(user), pk=programme_id)


def visible_session(user: Any, programme_id: int, session_id: int) -> Session:
    programme = visible_programme(user, programme_id)
    return get_object_or_404(
        Session.objects.select_related("programme", "city").prefetch_related("counts__dimension"),
        pk=session_id,
        programme=programme,
    )


def visible_material(user: Any, programme_id: int, material_id: int) -> Material:
    programme = visible_programme(user, programme_id)
    return get_object_or_404(
        Material.objects.select_related("programme"), pk=material_id, programme=programme
    )


def summary(programme: Programme, request: HttpRequest, seen: set[int] | None = None) -> dict:
    """Return a programme's summary; `seen` holds the ids of programmes the caller may see."""
    source = programme.adapted_from_id
    return {
        "id": programme.pk,
        "slug": programme.slug,
        "title": programme.title,
        "titles": programme.titles,
        "original_language": programme.original_language,
        "city": _slug(programme.city),
        "organisation": _slug(programme.organisation),
        "audiences": [a.slug for a in programme.audiences.all()],
        "format": programme.format,
        "languages": list(programme.languages or []),
        "adapted_from": source
        if source is not None and seen is not None and source in seen
        else None,
        "access": programme.access,
        "publication": programme.publication,
        "status": programme.status,
        "version": programme.version,
        "url": _url(request, programme.get_absolute_url()),
        "is_demo": programme.is_demo,
    }


def seen_ids(user: Any) -> set[int]:
    return set(Programme.objects.visible_to(user).values_list("pk", flat=True))


def material_out(material: Material, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": material.pk,
        "programme": material.programme_id,
        "session": material.session_id,
        "title": material.title,
        "titles": material.titles,
        "url": material_url(material, request),
        "is_file": bool(material.file),
        "content_type": material.content_type,
        "size": material.size,
        "language": material.language,
        "licence": material.licence,
        "licence_note": material.licence_note,
    }


def session_out(session: Session, request: HttpRequest) -> dict[str, Any]:
    counts: dict[str, dict[str, int]] = {}
    for count in session.counts.all():
        counts.setdefault(count.dimension.slug, {})[count.value] = count.count
    return {
        "id": session.pk,
        "programme": session.programme_id,
        "starts_on": session.starts_on,
        "ends_on": session.ends_on,
        "city": _slug(session.city),
        "place": session.place,
        "is_online": session.is_online,
        "facilitator": session.facilitator,
        "participants": session.participants,
        "counts": counts,
        "evaluation_method": session.evaluation_method,
        "evaluation_instrument": session.evaluation_instrument,
        "findings": session.findings,
        "feedback": session.feedback,
        "version": session.version,
        "url": _url(request, session.get_absolute_url()),
    }


def detail(programme: Programme, user: Any, request: HttpRequest) -> dict[str, Any]:
    seen = seen_ids(user)
    totals = programme.sessions.aggregate(participants=Sum("participants"))
    return {
        **summary(programme, request, seen),
        "summaries": programme.summaries,
        "outcomes": programme.outcomes,
        "duration_hours": programme.duration_hours,
        "duration_text": programme.duration_text,
        "contact": programme.contact,
        "target_groups": [g.slug for g in programme.target_groups.all()],
        "methods": [m.slug for m in programme.methods.all()],
        "provider_cities": [c.slug for c in programme.provider_cities.all()],
        "provider_organisations": [o.slug for o in programme.provider_organisations.all()],
        "items": sorted(
            Item.objects.visible_to(user)
            .filter(education_programmes=programme)
            .values_list("pk", flat=True)
        ),
        "actions": sorted(programme.actions.values_list("pk", flat=True)),
        "indicators": sorted(
            Indicator.objects.visible_to(user)
            .filter(education_programmes=programme)
            .values_list("pk", flat=True)
        ),
        "adaptation_kinds": programme.adaptation_kinds,
        "adaptation_note": programme.adaptation_note,
        "adaptations": sorted(
            pk for pk in programme.adaptations.values_list("pk", flat=True) if pk in seen
        ),
        "tags": sorted(t.label for t in programme.taggings.all() if t.status == "accepted"),
        "archived_on": programme.archived_on,
        "embargo_until": programme.embargo_until,
        "after_embargo": programme.after_embargo,
        "totals": {
            "sessions": len(programme.sessions.all()),
            "participants": totals["participants"] or 0,
        },
        "materials": [material_out(m, request) for m in programme.materials.all()],
    }


def _by_slugs(queryset: QuerySet, field: str, slugs: list[str]) -> list[Any]:
    found = {record.slug: record for record in queryset.filter(slug__in=slugs)}
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise ValidationError({field: _("Unknown: %(v)s.") % {"v": ", ".join(unknown)[:200]}})
    return [found[slug] for slug in dict.fromkeys(slugs)]


def _by_ids(queryset: QuerySet, field: str, ids: list[int]) -> list[Any]:
    found = {record.pk: record for record in queryset.filter(pk__in=ids)}
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise ValidationError(
            {field: _("No record you may see has the id %(ids)s.") % {"ids": ", ".join(missing)}}
        )
    return [found[pk] for pk in dict.fromkeys(ids)]


def references(user: Any, data: dict[str, Any], city: Any) -> dict[str, Any]:
    """Turn the slugs and ids of a programme payload into records (as the services take them).

    A record the caller may not see is refused as one that does not exist (422).
    """
    values: dict[str, Any] = {}
    slugged = {
        "audiences": Audience.objects.all(),
        "target_groups": AffectedGroup.objects.all(),
        "methods": Method.objects.for_city(city),
        "provider_cities": City.objects.all(),
        "provider_organisations": Organisation.objects.all(),
        "allowed_organisations": Organisation.objects.all(),
    }
    numbered = {
        "items": Item.objects.visible_to(user),
        "actions": Action.objects.all(),
        "indicators": Indicator.objects.visible_to(user),
    }
    for name, value in data.items():
        if name in slugged:
            values[name] = _by_slugs(slugged[name], name, value or [])
        elif name in numbered:
            values[name] = _by_ids(numbered[name], name, value or [])
        elif name == "adapted_from":
            values[name] = (
                _by_ids(Programme.objects.visible_to(user), name, [value])[0] if value else None
            )
        elif name == "allowed_users":
            users = list(get_user_model().objects.filter(username__in=value or []))
            if len(users) != len(set(value or [])):
                raise ValidationError({name: _("Some of these users do not exist.")})
            values[name] = users
        elif name in ("format", "access", "after_embargo") and value is not None:
            values[name] = str(value.value if hasattr(value, "value") else value)
        elif name == "adaptation_kinds":
            values[name] = [str(getattr(kind, "value", kind)) for kind in value or []]
        else:
            values[name] = value
    return values


def session_values(data: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """Split a session payload into the session's fields and its counts."""
    counts = data.pop("counts", None)
    if "city" in data:
        data["city"] = (
            _by_slugs(City.objects.all(), "city", [data["city"]])[0] if data["city"] else None
        )
    return data, counts
