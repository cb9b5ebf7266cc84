"""Writes in the education network: programmes and their adaptations, publication,
sessions with their participant counts, and materials.

Every write here runs in one transaction: a programme with its links, a session with its
counts, a material with its file. Who may do what is asked of `hrcities.access.keepers`;
views and the API call these verbs and never open transactions of their own.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hrcities.access.keepers import can_change, can_contribute, can_review, require_review
from hrcities.access.tiers import Access, Publication
from hrcities.archive.models import Item
from hrcities.archive.services import (
    MEDIA_TYPES,
    publish,
    require_extension,
    require_size,
    return_to_draft,
    sniff,
    submit_for_review,
)
from hrcities.core.models import AuditEntry
from hrcities.core.services import audit, create_record, delete_record, update_record
from hrcities.indicators.models import Dimension, Indicator

from .models import AdaptationKind, Licence, Material, Method, ParticipantCount, Programme, Session

# What only the keepers (editors, reviewers) of the owner decide; contributors leave them.
REVIEWER_FIELDS = (
    "access",
    "embargo_until",
    "after_embargo",
    "allowed_users",
    "allowed_organisations",
)
# Publication, withdrawal and archiving have their own verbs; no edit body sets them.
STATE_FIELDS = ("publication", "is_withdrawn", "archived_on", "is_demo")
LINK_FIELDS = (
    "provider_cities",
    "provider_organisations",
    "audiences",
    "target_groups",
    "methods",
    "items",
    "actions",
    "indicators",
)
# Sessions are recorded from this year on, and up to this many years ahead (planned runs).
FIRST_SESSION_YEAR = 1945
YEARS_AHEAD = 5


# --- who may do what ----------------------------------------------------------------


def require_change(user: Any, programme: Programme) -> None:
    if not can_change(user, programme):
        raise PermissionDenied(
            _("You may not change “%(programme)s”: it is kept by %(owner)s.")
            % {"programme": programme, "owner": programme.owner}
        )


def require_contribute(user: Any, *, city: Any = None, organisation: Any = None) -> None:
    if city is None and organisation is None:
        raise ValidationError({"city": _("Choose the city or the organisation that keeps it.")})
    if not can_contribute(user, city=city, organisation=organisation):
        raise PermissionDenied(
            _("You may not add programmes for %(owner)s.") % {"owner": city or organisation}
        )


def may_record_sessions(user: Any, programme: Programme) -> bool:
    """Return whether the user may add, change or delete the programme's sessions and
    materials: its keepers, and the contributors of its owner."""
    city, organisation = programme.scope()
    return can_review(user, programme) or can_contribute(user, city=city, organisation=organisation)


def _require_record_sessions(user: Any, programme: Programme) -> None:
    if not may_record_sessions(user, programme):
        raise PermissionDenied(
            _("Only the people of %(owner)s record how “%(programme)s” ran.")
            % {"owner": programme.owner, "programme": programme}
        )


def _refuse_reviewer_fields(user: Any, values: dict[str, Any], record: Any) -> None:
    if can_review(user, record):
        return
    decided = [
        name
        for name in REVIEWER_FIELDS
        if name in values and values[name] not in (None, "", [], Access.PUBLIC, "public")
    ]
    if decided:
        raise PermissionDenied(
            _("Only the editors and reviewers of %(owner)s decide %(fields)s.")
            % {"owner": record.owner, "fields": ", ".join(sorted(decided))}
        )
    for name in REVIEWER_FIELDS:
        values.pop(name, None)


class _Owner:
    """The owner chosen for a new record, asked about like a record."""

    def __init__(self, city: Any, organisation: Any) -> None:
        self.city, self.organisation = city, organisation

    def scope(self) -> tuple[Any, Any]:
        return (self.city, self.organisation)

    @property
    def owner(self) -> Any:
        return self.city or self.organisation


# --- checks on what a programme links to ----------------------------------------------


def _check_links(user: Any, values: dict[str, Any], city: Any) -> None:
    """Refuse links to records the user may not see, and another city's own methods."""
    errors: dict[str, list[str]] = {}
    source = values.get("adapted_from")
    if source is not None and not Programme.objects.visible_to(user).filter(pk=source.pk).exists():
        errors["adapted_from"] = [
            _("No programme you may see has the id %(id)s.") % {"id": source.pk}
        ]
    for name, visible, message in (
        (
            "items",
            Item.objects.visible_to(user),
            _("No archive record you may see has the id %(ids)s."),
        ),
        (
            "indicators",
            Indicator.objects.visible_to(user),
            _("No indicator you may see has the id %(ids)s."),
        ),
    ):
        unseen = _unseen(visible, values.get(name))
        if unseen:
            errors[name] = [message % {"ids": ", ".join(unseen)}]
    methods = list(values.get("methods") or [])
    allowed = set(Method.objects.for_city(city).values_list("pk", flat=True))
    foreign = [str(m) for m in methods if m.pk not in allowed]
    if foreign:
        errors["methods"] = [
            _("These methods belong to another city: %(names)s.") % {"names": ", ".join(foreign)}
        ]
    if errors:
        raise ValidationError(errors)


def _unseen(visible: Any, records: Any) -> list[str]:
    """Return the ids of `records` that are not among `visible`."""
    records = list(records or [])
    if not records:
        return []
    seen = set(visible.filter(pk__in=[r.pk for r in records]).values_list("pk", flat=True))
    return [str(r.pk) for r in records if r.pk not in seen]


def _check_lineage(programme: Programme, source: Programme | None) -> None:
    """Refuse an "adapted from" that would make the lineage a loop."""
    if source is None or programme.pk is None:
        return
    if source.pk == programme.pk or programme.pk in {p.pk for p in source.lineage()}:
        raise ValidationError(
            {
                "adapted_from": _(
                    "“%(source)s” was itself adapted from this programme; a lineage cannot loop."
                )
                % {"source": source}
            }
        )


def unique_slug(titles: dict[str, str], *, exclude: int | None = None) -> str:
    """Return a slug for a programme from its English (or any Latin) title."""
    text = titles.get("en") or next((t for t in titles.values() if t), "")
    base = slugify(text)[:100].strip("-") or "programme"
    taken = Programme.objects.filter(slug__startswith=base)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    used = set(taken.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in used:
        slug, number = f"{base}-{number}", number + 1
    return slug


# --- programmes -----------------------------------------------------------------------


@transaction.atomic
def create_programme(*, by: Any, **values: Any) -> Programme:
    """Create a programme as a draft of its city or organisation, with its links."""
    city, organisation = values.get("city"), values.get("organisation")
    require_contribute(by, city=city, organisation=organisation)
    for name in STATE_FIELDS:
        if name in values and name != "is_demo":
            values.pop(name)
    _refuse_reviewer_fields(by, values, _Owner(city, organisation))
    _check_links(by, values, city)
    values.setdefault("slug", unique_slug(values.get("titles") or {}))
    values["publication"] = Publication.DRAFT
    return create_record(Programme, by=by, **values)


@transaction.atomic
def update_programme(
    programme: Programme, changes: dict[str, Any], *, by: Any, based_on_version: int | None
) -> Programme:
    """Change a programme and its links; contributors change drafts only.

    The owner, publication and archiving are not changed here: submit, publish and
    archive are verbs of their own, and a programme stays with the city that made it.
    """
    require_change(by, programme)
    changes = dict(changes)
    for name in ("city", "organisation", *STATE_FIELDS):
        if name in changes and changes[name] != getattr(programme, name):
            raise PermissionDenied(
                _("“%(field)s” is not changed by an edit.") % {"field": name.replace("_", " ")}
            )
        changes.pop(name, None)
    _refuse_reviewer_fields(by, changes, programme)
    _check_links(by, changes, programme.city)
    if "adapted_from" in changes:
        _check_lineage(programme, changes["adapted_from"])
    return update_record(programme, changes, by=by, based_on_version=based_on_version)


# Publication is the same for every kept record: the archive's verbs serve here too.
submit_programme = submit_for_review
return_programme = return_to_draft


@transaction.atomic
def publish_programme(programme: Programme, *, by: Any) -> Programme:
    """Publish a programme; its access tier still decides who reads it."""
    return publish(programme, by=by)


@transaction.atomic
def archive_programme(programme: Programme, *, by: Any, on: date | None = None) -> Programme:
    """Mark a programme as no longer run; it stays readable as a record, with its sessions."""
    require_review(by, programme)
    if programme.archived_on:
        return programme
    return update_record(
        programme,
        {"archived_on": on or timezone.localdate()},
        by=by,
        based_on_version=None,
    )


@transaction.atomic
def unarchive_programme(programme: Programme, *, by: Any) -> Programme:
    """Run an archived programme again."""
    require_review(by, programme)
    return update_record(programme, {"archived_on": None}, by=by, based_on_version=None)


@transaction.atomic
def delete_programme(programme: Programme, *, by: Any) -> None:
    """Delete a programme that was never published, with its sessions and materials.

    A published programme may have been read, adapted or counted in a report: it is
    archived instead, so that the network keeps its memory.
    """
    require_review(by, programme)
    if programme.publication == Publication.PUBLISHED:
        raise ValidationError(
            _("“%(p)s” is published: archive it instead of deleting it.") % {"p": programme}
        )
    _delete_files_on_commit(programme.materials.all())
    for session in programme.sessions.all():
        delete_record(session, by=by)
    delete_record(programme, by=by)


# --- adaptations ----------------------------------------------------------------------

# What an adaptation takes from its source unless the form says otherwise.
COPIED_FIELDS = (
    "titles",
    "summaries",
    "original_language",
    "languages",
    "format",
    "duration_hours",
    "duration_text",
    "outcomes",
    "contact",
)
COPIED_LINKS = ("audiences", "target_groups", "methods", "items")
# Licences under which a linked material may be listed again by whoever adapts.
SHAREABLE_LICENCES = {
    Licence.CC_BY,
    Licence.CC_BY_SA,
    Licence.CC_BY_NC,
    Licence.CC_BY_NC_SA,
    Licence.CC0,
}


def adaptation_initial(source: Programme, user: Any, city: Any) -> dict[str, Any]:
    """Return what an adaptation of `source` by `user` for `city` starts with."""
    values: dict[str, Any] = {name: getattr(source, name) for name in COPIED_FIELDS}
    values["audiences"] = list(source.audiences.all())
    values["target_groups"] = list(source.target_groups.all())
    values["methods"] = list(source.methods.for_city(city))
    values["items"] = list(source.items.all() & Item.objects.visible_to(user))
    return values


def detected_changes(source: Programme, values: dict[str, Any]) -> set[str]:
    """Return the kinds of change an adaptation shows against its source."""
    kinds = set()
    if (
        sorted(values.get("languages") or []) != sorted(source.languages or [])
        or values.get("original_language", source.original_language) != source.original_language
    ):
        kinds.add(AdaptationKind.LANGUAGE)
    if "audiences" in values and {a.pk for a in values["audiences"]} != set(
        source.audiences.values_list("pk", flat=True)
    ):
        kinds.add(AdaptationKind.AUDIENCE)
    if "methods" in values and {m.pk for m in values["methods"]} != set(
        source.methods.values_list("pk", flat=True)
    ):
        kinds.add(AdaptationKind.METHOD)
    if values.get("duration_hours", source.duration_hours) != source.duration_hours:
        kinds.add(AdaptationKind.LENGTH)
    if "items" in values and {i.pk for i in values["items"]} - set(
        source.items.values_list("pk", flat=True)
    ):
        kinds.add(AdaptationKind.LOCAL_HISTORY)
    return {str(kind) for kind in kinds}


@transaction.atomic
def adapt_programme(
    source: Programme,
    *,
    by: Any,
    city: Any = None,
    organisation: Any = None,
    **values: Any,
) -> Programme:
    """Create a programme of `city` (or `organisation`) adapted from one the user may see.

    The adaptation starts from the source's text, audiences, groups, methods the new
    owner may use and archive records the user may see; `values` says what differs.
    What changed is recorded: the kinds given, and those the values show (language,
    audience, method, length, local history). Links to materials under an open licence
    are listed again; files stay with their source, and sessions are never copied.
    """
    if not Programme.objects.visible_to(by).filter(pk=source.pk).exists():
        raise ValidationError(
            {"adapted_from": _("No programme you may see has the id %(id)s.") % {"id": source.pk}}
        )
    require_contribute(by, city=city, organisation=organisation)
    given = adaptation_initial(source, by, city)
    given.update(values)
    kinds = set(given.pop("adaptation_kinds", None) or []) | detected_changes(source, given)
    adaptation = create_programme(
        by=by,
        city=city,
        organisation=organisation,
        adapted_from=source,
        adaptation_kinds=sorted(kinds),
        **given,
    )
    for material in source.materials.filter(
        session__isnull=True, file="", licence__in=SHAREABLE_LICENCES
    ):
        Material.objects.create(
            programme=adaptation,
            titles=material.titles,
            url=material.url,
            language=material.language,
            licence=material.licence,
            licence_note=material.licence_note,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
    audit(
        AuditEntry.Action.RECORD_UPDATED,
        by=by,
        target=adaptation,
        details={"adapted_from": source.pk, "changed": sorted(kinds)},
    )
    return adaptation


# --- sessions and participant counts --------------------------------------------------

Counts = dict[str, dict[str, int]]  # {dimension slug: {value: count}}


def count_dimensions(programme: Programme) -> list[Dimension]:
    """Return the breakdowns a session of this programme can count participants by:
    the indicators' shared dimensions and the programme's city's own, districts aside."""
    return list(
        Dimension.objects.for_city(programme.city)
        .exclude(slug="district")
        .order_by("position", "slug")
    )


def _check_session(programme: Programme, values: dict[str, Any], counts: Counts) -> list[tuple]:
    """Check a session's dates and counts; return the count rows to store."""
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    for name in ("starts_on", "ends_on"):
        day = values.get(name)
        if day and not FIRST_SESSION_YEAR <= day.year <= today.year + YEARS_AHEAD:
            errors[name] = [
                _("%(day)s is out of range: give a day between %(first)s and %(last)s.")
                % {
                    "day": day.isoformat(),
                    "first": FIRST_SESSION_YEAR,
                    "last": today.year + YEARS_AHEAD,
                }
            ]
    dimensions = {d.slug: d for d in count_dimensions(programme)}
    total = values.get("participants")
    rows = []
    for slug, groups in (counts or {}).items():
        dimension = dimensions.get(slug)
        if dimension is None:
            errors.setdefault("counts", []).append(
                _("“%(slug)s” is not a breakdown participants can be counted by.") % {"slug": slug}
            )
            continue
        field = f"count_{slug}"
        given = {value: count for value, count in groups.items() if count not in (None, "")}
        for value, count in given.items():
            if dimension.values and value not in dimension.values:
                errors.setdefault(field, []).append(
                    _("“%(value)s” is not a value of %(dimension)s (%(allowed)s).")
                    % {
                        "value": value,
                        "dimension": dimension.name,
                        "allowed": ", ".join(dimension.values),
                    }
                )
            elif not isinstance(count, int) or count < 0:
                errors.setdefault(field, []).append(
                    _("The count of %(dimension)s “%(value)s” must be a whole number, 0 or more.")
                    % {"dimension": dimension.name, "value": value}
                )
            else:
                rows.append((dimension, value, count))
        subtotal = sum(c for c in given.values() if isinstance(c, int) and c >= 0)
        if isinstance(total, int) and subtotal > total:
            errors.setdefault(field, []).append(
                _(
                    "The counts by %(dimension)s add up to %(sum)s, "
                    "more than the %(total)s participants."
                )
                % {"dimension": dimension.name, "sum": subtotal, "total": total}
            )
    if errors:
        raise ValidationError(errors)
    return rows


def _store_counts(session: Session, rows: list[tuple]) -> None:
    session.counts.all().delete()
    ParticipantCount.objects.bulk_create(
        ParticipantCount(session=session, dimension=d, value=v, count=c) for d, v, c in rows
    )


def _counts_of(session: Session) -> dict[str, int]:
    return {
        f"{c.dimension.slug}:{c.value}": c.count for c in session.counts.select_related("dimension")
    }


@transaction.atomic
def add_session(
    programme: Programme, *, by: Any, counts: Counts | None = None, **values: Any
) -> Session:
    """Record one run of a programme with its participants, counted by group where known."""
    _require_record_sessions(by, programme)
    values.pop("programme", None)
    rows = _check_session(programme, values, counts or {})
    session = create_record(Session, by=by, programme=programme, **values)
    _store_counts(session, rows)
    return session


@transaction.atomic
def update_session(
    session: Session,
    changes: dict[str, Any],
    *,
    by: Any,
    based_on_version: int | None,
    counts: Counts | None = None,
) -> Session:
    """Change a session and, when given, replace its counts, as one change."""
    programme = session.programme
    _require_record_sessions(by, programme)
    changes = {k: v for k, v in changes.items() if k != "programme"}
    merged = {
        "participants": session.participants,
        "starts_on": None,
        "ends_on": None,
        **changes,
    }
    given = counts if counts is not None else {}
    rows = _check_session(programme, merged, given)
    before = _counts_of(session)
    session = update_record(session, changes, by=by, based_on_version=based_on_version)
    if counts is not None:
        _store_counts(session, rows)
        after = _counts_of(session)
        if after != before:
            audit(
                AuditEntry.Action.RECORD_UPDATED,
                by=by,
                target=session,
                details={"counts": [before, after]},
            )
    return session


@transaction.atomic
def delete_session(session: Session, *, by: Any) -> None:
    """Delete a session with its counts and evaluation files."""
    _require_record_sessions(by, session.programme)
    _delete_files_on_commit(session.files.all())
    delete_record(session, by=by)


def _delete_files_on_commit(materials: Any) -> None:
    """Remove the stored files once the deletion is kept (a rollback keeps them)."""
    for material in materials:
        if material.file:
            name, storage = material.file.name, material.file.storage
            transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))


# --- materials ------------------------------------------------------------------------


def _office_type(head: bytes, upload: UploadedFile) -> str | None:
    """Return the type of an OpenDocument or Office Open XML file, by what the zip holds."""
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        upload.seek(0)
        with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                kind = archive.read("mimetype").decode("ascii", "replace").strip()
                return kind if kind in OFFICE_TYPES else None
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    for prefix, kind in (
        ("word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ):
        if "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names):
            return kind
    return None


OFFICE_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"docx"},
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": {"pptx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"xlsx"},
    "application/vnd.oasis.opendocument.text": {"odt"},
    "application/vnd.oasis.opendocument.presentation": {"odp"},
    "application/vnd.oasis.opendocument.spreadsheet": {"ods"},
}


def checked_type(upload: UploadedFile) -> str:
    """Return the content type of an upload, read from its bytes; refuse a file whose
    name says something else, one too large, or one of a kind materials are not kept as."""
    require_size(upload)
    head = upload.read(4096)
    upload.seek(0)
    content_type = sniff(head) if not head.startswith(b"PK\x03\x04") else _office_type(head, upload)
    allowed = {t: exts for t, (_kind, exts) in MEDIA_TYPES.items()} | OFFICE_TYPES
    if content_type is None or content_type not in allowed:
        raise ValidationError(
            {
                "file": _(
                    "“%(name)s” is not a PDF, text, image, sound, video, office or "
                    "OpenDocument file that materials are kept as."
                )
                % {"name": upload.name}
            }
        )
    require_extension(upload, content_type, allowed[content_type])
    return content_type


@transaction.atomic
def add_material(
    programme: Programme,
    *,
    by: Any,
    licence: str,
    titles: dict[str, str] | None = None,
    upload: UploadedFile | None = None,
    url: str = "",
    licence_note: str = "",
    language: str = "",
    session: Session | None = None,
) -> Material:
    """Add a file (checked by its content) or a link to a programme or a session's
    evaluation, with the licence it is shared under."""
    _require_record_sessions(by, programme)
    if session is not None and session.programme_id != programme.pk:
        raise ValidationError(
            {
                "session": _("Session %(id)s is not a session of this programme.")
                % {"id": session.pk}
            }
        )
    if (upload is None) == (not url):
        raise ValidationError({"file": _("Give a file or a link, not both and not neither.")})
    material = Material(
        programme=programme,
        session=session,
        titles={k: v.strip() for k, v in (titles or {}).items() if v and v.strip()},
        url=url.strip(),
        language=language,
        licence=licence,
        licence_note=licence_note.strip(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    if upload is not None:
        material.content_type = checked_type(upload)
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        material.original_name = upload.name[:300]
        material.size = upload.size
        material.sha256 = digest.hexdigest()
        stem, _dot, extension = upload.name.rpartition(".")
        material.file.name = f"{slugify(stem)[:80] or 'file'}.{extension.lower()}"
    try:
        material.full_clean(exclude=["file"])
        if language:
            from hrcities.core.validation import check_language

            check_language(language)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise
        raise ValidationError({"language": error.messages}) from None
    if upload is not None:
        material.file.save(material.file.name, upload, save=False)
    try:
        material.save()
    except Exception:
        if material.file:
            material.file.delete(save=False)
        raise
    audit(
        AuditEntry.Action.RECORD_UPDATED,
        by=by,
        target=session or programme,
        details={"material": material.title, "licence": material.licence},
    )
    return material


@transaction.atomic
def delete_material(material: Material, *, by: Any) -> None:
    """Delete a material and its file."""
    programme = material.programme
    _require_record_sessions(by, programme)
    title = material.title
    _delete_files_on_commit([material])
    material.delete()
    audit(
        AuditEntry.Action.RECORD_UPDATED,
        by=by,
        target=material.session or programme,
        details={"material deleted": title},
    )
