"""Writes in the memory archive: records, publication, consent, redaction, media, purge."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hrcities.access.keepers import (
    can_change,
    can_contribute,
    can_review,
    require_review,
)
from hrcities.access.tiers import Publication
from hrcities.accounts.permissions import (
    REVIEW_ROLES,
    has_scoped_role,
    is_network_admin,
    require_network_admin,
)
from hrcities.core.models import AuditEntry
from hrcities.core.protection import loosened
from hrcities.core.services import (
    audit,
    create_record,
    lock_if_current,
    refuse_edit,
    revisions_for,
    save_fields,
    update_record,
)

from .models import CONSENT_FIELDS, Consent, Item, MediaFile, Person, Redaction
from .presenting import shown_title
from .protection import AUDIENCE_FIELDS
from .thumbnails import keep_thumbnail

# --- who may do what ----------------------------------------------------------------


def require_change(user: Any, record: Any) -> None:
    if not can_change(user, record):
        raise PermissionDenied(
            _("You may not change “%(record)s”.") % {"record": shown_title(record, user)}
        )


# --- records --------------------------------------------------------------------------


@transaction.atomic
def create_archive_record(
    model: type, *, by: Any, checked: dict[tuple, None] | None = None, **values: Any
) -> Any:
    """Create an item, event, collection, place or person as a draft of its owner.

    Contributors create drafts only, with the access the reviewers will decide. A bulk
    caller passes the same `checked` dict for all its records: a permission already
    granted to `by` for the same owner and the same decided fields is not asked again.
    """
    city, organisation = values.get("city"), values.get("organisation")
    decided = tuple(name for name in REVIEWER_FIELDS if _decides(name, values.get(name)))
    key = (getattr(city, "pk", None), getattr(organisation, "pk", None), decided)
    if checked is None or key not in checked:
        _require_may_create(by, city, organisation, decided)
        if checked is not None:
            checked[key] = None
    if values.get("narrator") is not None:
        require_may_name(by, values["narrator"], city=city, organisation=organisation)
    return create_record(model, by=by, **values)


def create_item(
    values: dict[str, Any],
    *,
    by: Any,
    new_narrator: dict[str, Any] | None = None,
    submit: bool = False,
) -> Item:
    """Create an item, the narrator it names for the first time, and its submission for
    review, as one change: if any part is refused, nothing is kept.

    `new_narrator` holds the new person's pseudonym, real name and whether it may be
    shown; the item's owner keeps them.
    """
    owner = {"city": values.get("city"), "organisation": values.get("organisation")}
    with transaction.atomic():
        if new_narrator is not None:
            _one_narrator(values)
            narrator = create_archive_record(Person, by=by, **{**new_narrator, **owner})
            values = {**values, "narrator": narrator}
        item = create_archive_record(Item, by=by, **values)
        if submit:
            submit_for_review(item, by=by)
    return item


def update_item(
    item: Item,
    values: dict[str, Any],
    *,
    by: Any,
    based_on_version: int | None,
    new_narrator: dict[str, Any] | None = None,
) -> Item:
    """Change an item, naming a new narrator in the same change.

    The version is checked, under a lock, before anything is written: an edit made from
    an older version creates no narrator, and its refusal is logged once.
    """
    with transaction.atomic():
        if lock_if_current(item, based_on_version) is not None:
            if new_narrator is not None:
                _one_narrator(values)
                city, organisation = item.scope()
                narrator = create_archive_record(
                    Person, by=by, **{**new_narrator, "city": city, "organisation": organisation}
                )
                values = {**values, "narrator": narrator}
            return update_archive_record(item, values, by=by, based_on_version=based_on_version)
    refuse_edit(item, based_on_version, by=by)


def _one_narrator(values: dict[str, Any]) -> None:
    if values.get("narrator") is not None:
        raise ValidationError({"new_narrator": _("Choose a narrator or add a new one, not both.")})


def _decides(name: str, value: Any) -> bool:
    """Whether a value of a reviewer field is a decision (not the default a draft gets)."""
    if value in (None, "", []):
        return False
    return not (
        (name == "publication" and value == Publication.DRAFT)
        or (name == "access" and value == "public")
        or (name == "after_embargo" and value == "public")
    )


def _require_may_create(by: Any, city: Any, organisation: Any, decided: tuple[str, ...]) -> None:
    if by is not None and not can_contribute(by, city=city, organisation=organisation):
        raise PermissionDenied(
            _("You may not add records for %(owner)s.") % {"owner": city or organisation or "—"}
        )
    if by is not None and decided and not _reviews_for(by, city, organisation):
        raise PermissionDenied(
            _("Only reviewers decide %(fields)s.") % {"fields": ", ".join(sorted(decided))}
        )


# What only the record's editors and reviewers decide.
REVIEWER_FIELDS = (*AUDIENCE_FIELDS, "is_withdrawn")


def _reviews_for(user: Any, city: Any, organisation: Any) -> bool:
    return is_network_admin(user) or has_scoped_role(
        user, REVIEW_ROLES, city=city, organisation=organisation
    )


@transaction.atomic
def update_archive_record(
    record: Any, changes: dict[str, Any], *, by: Any, based_on_version: int | None
) -> Any:
    """Change a record; contributors may change only drafts, and never open what is hidden.

    What protects people (withdrawal, publication, access, hidden fields, a name that
    may not be shown) is never opened by an edit's body unless by a reviewer, logged.
    """
    require_change(by, record)
    if not can_review(by, record):
        decided = [name for name in REVIEWER_FIELDS if name in changes]
        if decided:
            raise PermissionDenied(
                _("Only reviewers decide %(fields)s.") % {"fields": ", ".join(sorted(decided))}
            )
        if "restricted_fields" in changes and not set(record.restricted_fields or []) <= set(
            changes["restricted_fields"] or []
        ):
            raise PermissionDenied(_("Only reviewers may show a hidden field."))
    narrator = changes.get("narrator")
    if narrator is not None and narrator.pk != getattr(record, "narrator_id", None):
        city, organisation = record.scope()
        require_may_name(by, narrator, city=city, organisation=organisation)

    def keep_protection(before: dict[str, Any], after: dict[str, Any]) -> None:
        _may_open(record, before, after, by)

    return update_record(
        record, changes, by=by, based_on_version=based_on_version, guard=keep_protection
    )


def _may_open(record: Any, before: dict[str, Any], after: dict[str, Any], by: Any) -> None:
    """Refuse an edit that opens a record's protective state unless `by` may open it.

    An edit never undoes a withdrawal nor changes publication (submit and publish do);
    only the record's reviewers open an access tier, a hidden field or a name, and each
    opening is logged as its own action (hrcities.core.services.update_record).
    """
    opened = loosened(type(record), before, after)
    if "is_withdrawn" in opened:
        raise PermissionDenied(_("A withdrawal of consent is not undone by an edit."))
    if "publication" in opened:
        raise PermissionDenied(_("Submit or publish the record to change its publication."))
    if opened and not can_review(by, record):
        raise PermissionDenied(
            _("Only the editors and reviewers of %(owner)s may open what protects this record.")
            % {"owner": record.owner}
        )


@transaction.atomic
def submit_for_review(record: Any, *, by: Any) -> Any:
    """A contributor hands a draft to the reviewers.

    Only those who may change the draft submit it, and only a draft: sending a published
    record back to review would take it off public view, and would show a restricted one
    to every contributor of its owner.
    """
    city, organisation = record.scope()
    if not can_contribute(by, city=city, organisation=organisation):
        raise PermissionDenied(
            _("You may not submit records for %(owner)s.") % {"owner": record.owner}
        )
    if record.publication != Publication.DRAFT:
        raise ValidationError(
            {
                "publication": _(
                    "Only a draft is sent to the reviewers; “%(record)s” is %(state)s."
                )
                % {"record": record, "state": record.get_publication_display().lower()}
            }
        )
    return update_record(
        record, {"publication": Publication.SUBMITTED}, by=by, based_on_version=None
    )


@transaction.atomic
def publish(record: Any, *, by: Any) -> Any:
    """A reviewer publishes a record; its access tier still decides who sees it."""
    require_review(by, record)
    if (
        isinstance(record, Item)
        and record.kind == "testimony"
        and not has_consent_to_publish(record)
    ):
        raise ValidationError(
            _("A testimony is published only with a consent to publish. Record the consent first.")
        )
    record = update_record(
        record, {"publication": Publication.PUBLISHED}, by=by, based_on_version=None
    )
    audit(AuditEntry.Action.RECORD_PUBLISHED, by=by, target=record)
    return record


@transaction.atomic
def return_to_draft(record: Any, *, by: Any, note: str = "") -> Any:
    """A reviewer hands a submitted record back to its submitter, with an optional note.

    The note is kept with the audit line of the return, and shown to the submitter on
    their page of work (never in an email, since a note may quote the record).
    """
    require_review(by, record)
    if record.publication != Publication.SUBMITTED:
        raise ValidationError(
            {
                "publication": _(
                    "Only a submitted record goes back to draft; “%(record)s” is %(state)s."
                )
                % {"record": record, "state": record.get_publication_display().lower()}
            }
        )
    record = update_record(record, {"publication": Publication.DRAFT}, by=by, based_on_version=None)
    revision = revisions_for(record).first()
    audit(
        AuditEntry.Action.RECORD_RETURNED,
        by=by,
        target=record,
        details={"revision": revision.pk if revision else None, "note": note.strip()},
    )
    return record


# --- consent --------------------------------------------------------------------------


def has_consent_to_publish(item: Item) -> bool:
    """Return whether the item's current consents all agree to its publication."""
    return Consent.Scope.PUBLISH in (item.consented_scopes() or set())


@transaction.atomic
def record_consent(
    item: Item,
    *,
    by: Any,
    scopes: list[str],
    given_on: date,
    person: Any = None,
    reconsent_due: date | None = None,
    note: str = "",
) -> Consent:
    """Record what a narrator agreed to."""
    require_review(by, item)
    consent = Consent(
        item=item,
        person=person or item.narrator,
        scopes=sorted(set(scopes)),
        given_on=given_on,
        reconsent_due=reconsent_due,
        note=note,
        recorded_by=by,
    )
    consent.full_clean()
    consent.save()  # the item follows what its current consents decide, at once
    item.refresh_from_db(fields=list(CONSENT_FIELDS))
    audit(
        AuditEntry.Action.CONSENT_RECORDED, by=by, target=item, details={"scopes": consent.scopes}
    )
    return consent


@transaction.atomic
def withdraw_consent(consent: Consent, *, by: Any, on: date | None = None, note: str = "") -> Item:
    """Take a consent back: the item disappears from every channel at once.

    The archival copy stays, seen only by those who keep it, until an admin purges it.
    """
    require_review(by, consent.item)
    if consent.withdrawn_on is None:
        consent.withdrawn_on = on or timezone.localdate()
        if note:
            consent.note = (consent.note + "\n" + note).strip()
        consent.save(update_fields=["withdrawn_on", "note"])
    # Kept as a revision too, so that the history (and every restore) knows of it.
    item = save_fields(consent.item, {"is_withdrawn": True}, by=by)
    audit(
        AuditEntry.Action.CONSENT_WITHDRAWN,
        by=by,
        target=item,
        details={
            "consent": consent.pk,
            "scopes": consent.scopes,
            "withdrawn_on": str(consent.withdrawn_on),
        },
    )
    return item


@transaction.atomic
def purge_item(item: Item, *, by: Any, confirmation: str) -> None:
    """Delete an item and its files for good (network admins, typing its id to confirm)."""
    require_network_admin(by)
    if confirmation.strip() != f"purge {item.pk}":
        raise ValidationError(
            {
                "confirmation": _("Type “purge %(id)s” to confirm. This cannot be undone.")
                % {"id": item.pk}
            }
        )
    title, pk = str(item), item.pk
    for media in item.media.all():
        media.file.delete(save=False)
        if media.thumbnail:
            media.thumbnail.delete(save=False)
    audit(
        AuditEntry.Action.RECORD_PURGED, by=by, target=item, target_repr=title, details={"id": pk}
    )
    item.delete()


# --- redaction ------------------------------------------------------------------------


@transaction.atomic
def redact_phrase(
    item: Item, *, by: Any, phrase: str, reason: str = "", field: str = "", language: str = ""
) -> Redaction:
    """Withhold words from everyone who does not keep the item, wherever they stand in it.

    They stay withheld in every text of the item and its files, through every later edit
    and restore. `field` (description or transcript) and `language` say where the keeper
    found them and are checked to hold them; without them, the item must hold them.
    """
    from .presenting import item_texts, withheld_spans

    require_review(by, item)
    words = " ".join((phrase or "").split())
    if not words:
        raise ValidationError({"phrase": _("Give the words to withhold.")})
    if field == "description" and language not in (item.descriptions or {}):
        raise ValidationError(
            {"language": _("The item has no description in “%(l)s”.") % {"l": language}}
        )
    if field == "description":
        texts = [(item.descriptions or {})[language]]
    elif field == "transcript":
        texts = [item.transcript]
    else:
        texts = item_texts(item)
    if not any(withheld_spans(text, [words]) for text in texts):
        raise ValidationError({"phrase": _("These words do not occur in the text.")})
    redaction = Redaction.objects.filter(item=item, phrase=words).first()
    if redaction is None:
        created_by = by if getattr(by, "is_authenticated", False) else None
        redaction = create_record(
            Redaction, by=by, item=item, phrase=words, reason=reason, created_by=created_by
        )
    audit(
        AuditEntry.Action.RECORD_UPDATED,
        by=by,
        target=item,
        details={"redaction": redaction.pk},
    )
    return redaction


# --- media ----------------------------------------------------------------------------

MEDIA_TYPES = {
    # content type: (kind, extensions it may carry)
    "image/jpeg": ("image", {"jpg", "jpeg"}),
    "image/png": ("image", {"png"}),
    "image/gif": ("image", {"gif"}),
    "image/webp": ("image", {"webp"}),
    "application/pdf": ("document", {"pdf"}),
    "audio/mpeg": ("audio", {"mp3"}),
    "audio/ogg": ("audio", {"ogg", "oga"}),
    "audio/wav": ("audio", {"wav"}),
    "audio/flac": ("audio", {"flac"}),
    "audio/mp4": ("audio", {"m4a"}),
    "video/mp4": ("video", {"mp4", "m4v"}),
    "video/webm": ("video", {"webm"}),
    "text/plain": ("document", {"txt", "md", "srt", "vtt"}),
}


def sniff(head: bytes) -> str | None:
    """Return the content type the first bytes show, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "audio/mpeg"
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if head.startswith(b"fLaC"):
        return "audio/flac"
    if head[4:8] == b"ftyp":
        return "audio/mp4" if head[8:11] == b"M4A" else "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text.lstrip().lower().startswith(("<", "<!doctype", "<svg", "<?xml")):
        return None
    return "text/plain"


def max_upload_bytes() -> int:
    return int(getattr(settings, "ARCHIVE_MAX_UPLOAD_MB", 200)) * 1024 * 1024


def require_size(upload: UploadedFile) -> None:
    """Refuse an upload over the size limit, naming it."""
    limit = max_upload_bytes()
    if upload.size > limit:
        raise ValidationError(
            {
                "file": _(
                    "“%(name)s” is %(size)s MB; the limit is %(limit)s MB. Nothing was stored."
                )
                % {
                    "name": upload.name,
                    "size": round(upload.size / 1048576, 1),
                    "limit": limit // 1048576,
                }
            }
        )


def require_extension(upload: UploadedFile, content_type: str, extensions: set[str]) -> str:
    """Return the upload's extension, refusing one its content (`content_type`) denies."""
    extension = upload.name.rpartition(".")[2].lower() if "." in upload.name else ""
    if extension not in extensions:
        raise ValidationError(
            {
                "file": _(
                    "“%(name)s” is named .%(ext)s but its content is %(type)s. "
                    "Rename it or choose the right file."
                )
                % {"name": upload.name, "ext": extension or "—", "type": content_type}
            }
        )
    return extension


@transaction.atomic
def add_media(item: Item, upload: UploadedFile, *, by: Any, transcript: str = "") -> MediaFile:
    """Store a file with an item, after checking its size and what it really is.

    A file is part of the item: like any other change, contributors add files to drafts,
    and the reviewers see them before the item is published. Once it is submitted or
    published, only its reviewers add files.
    """
    if not can_change(by, item):
        raise PermissionDenied(
            _(
                "You may not add files to “%(item)s”: contributors add files to drafts; "
                "once an item is submitted or published, its reviewers do."
            )
            % {"item": shown_title(item, by)}
        )
    require_size(upload)
    head = upload.read(4096)
    upload.seek(0)
    content_type = sniff(head)
    if content_type is None:
        raise ValidationError(
            {
                "file": _(
                    "“%(name)s” is not an image, sound, video, PDF or text file this archive keeps."
                )
                % {"name": upload.name}
            }
        )
    _kind, extensions = MEDIA_TYPES[content_type]
    extension = require_extension(upload, content_type, extensions)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    stem = slugify(upload.name.rpartition(".")[0])[:80] or "file"
    media = MediaFile(
        item=item,
        original_name=upload.name[:300],
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        transcript=transcript,
    )
    media.file.save(f"{stem}.{extension}", upload, save=False)
    keep_thumbnail(media, upload)
    media.save()
    audit(
        AuditEntry.Action.RECORD_UPDATED, by=by, target=item, details={"media": media.original_name}
    )
    return media


# --- people's roles and relations between records -------------------------------------


def may_name(user: Any, person: Any, *, city: Any = None, organisation: Any = None) -> bool:
    """Return whether the user may name this person in a record of this city or organisation.

    A person is named in the records of the city or organisation that keeps them, by those
    who may see them there. Another owner's records may name them only if the public
    already sees the person with everything there is to their name: no record may carry
    a protected real name out of the records its keepers chose.
    """

    same_owner = (person.city_id, person.organisation_id) == (
        getattr(city, "pk", None),
        getattr(organisation, "pk", None),
    )
    if same_owner and Person.objects.visible_to(user).filter(pk=person.pk).exists():
        return True
    if person.real_name:
        return real_name_is_public(person)
    return Person.objects.visible_to(AnonymousUser()).filter(pk=person.pk).exists()


def require_may_name(user: Any, person: Any, *, city: Any = None, organisation: Any = None) -> None:
    if not may_name(user, person, city=city, organisation=organisation):
        raise PermissionDenied(
            _(
                "You may not name this person in records of %(owner)s: they are kept by "
                "another city or organisation, or not shown to you."
            )
            % {"owner": city or organisation or "—"}
        )


def real_name_is_public(person: Any) -> bool:
    """Return whether the public already reads this person's real name."""
    from .presenting import person_name

    public = AnonymousUser()
    return (
        bool(person.real_name)
        and Person.objects.visible_to(public).filter(pk=person.pk).exists()
        and person_name(person, public) == person.real_name
    )


@transaction.atomic
def link_person(person: Any, role: str, *, by: Any, item: Any = None, event: Any = None) -> Any:
    """Say how a person is linked to an item or an event (survivor, witness, ...).

    The link shows the person's real name only if the public reads it already; otherwise
    the pseudonym stands until a keeper of the person allows the name (`show_real_name`).
    """
    from .models import PersonRole

    record = item if item is not None else event
    if record is None or (item is not None and event is not None):
        raise ValidationError(_("Link the person to one item or one event."))
    require_review(by, record)
    city, organisation = record.scope()
    require_may_name(by, person, city=city, organisation=organisation)
    link = PersonRole(
        person=person,
        role=role,
        item=item,
        event=event,
        real_name_shown=real_name_is_public(person),
    )
    link.full_clean()
    link.save()
    audit(
        AuditEntry.Action.RECORD_UPDATED,
        by=by,
        target=record,
        details={"role": [person.pk, role], "real_name_shown": link.real_name_shown},
    )
    return link


@transaction.atomic
def show_real_name(link: Any, shown: bool, *, by: Any) -> Any:
    """Allow (or stop) a person's real name where this link names them.

    Showing a real name is for the person's keepers alone; the reviewers of the linked
    record may also hide it again.
    """
    from hrcities.access.keepers import keeps

    record = link.item or link.event
    if shown and not keeps(by, link.person):
        raise PermissionDenied(
            _("Only the editors and reviewers of %(owner)s may show this person's real name.")
            % {"owner": link.person.owner}
        )
    if not shown and not keeps(by, link.person):
        require_review(by, record)
    if link.real_name_shown != shown:
        link.real_name_shown = shown
        link.save(update_fields=["real_name_shown"])
        audit(
            AuditEntry.Action.RECORD_UPDATED,
            by=by,
            target=link.person,
            details={"real_name_shown": [link.pk, record._meta.model_name, record.pk, shown]},
        )
    return link


@transaction.atomic
def relate(source: Any, kind: str, target: Any, *, by: Any, note: str = "") -> Any:
    """Link two archive records, also across cities ("shares experience with")."""
    from django.contrib.contenttypes.models import ContentType

    from .models import Relation

    require_review(by, source)
    if source == target:
        raise ValidationError(_("A record cannot be related to itself."))
    relation = Relation(
        source_type=ContentType.objects.get_for_model(source),
        source_id=source.pk,
        kind=kind,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        note=note,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    relation.full_clean()
    relation.save()
    audit(
        AuditEntry.Action.RECORD_UPDATED,
        by=by,
        target=source,
        details={"relation": [kind, relation.target_type.model, target.pk]},
    )
    return relation
