"""Writes for the parts of commitments and actions: endorsements, milestones and evidence.

Each is a versioned record of its own (kept in revisions, audited, refusing stale edits),
changed by the editors of the city or organisation it belongs to.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hrcities.accounts.permissions import require_create_in, require_edit
from hrcities.core.services import create_record, delete_record, update_record

from .models import Action, Commitment, Endorsement, Evidence, Milestone


def _author(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _only(changes: dict[str, Any], allowed: set[str], message: str) -> None:
    fixed = sorted(set(changes) - allowed)
    if fixed:
        raise ValidationError({name: message for name in fixed})


# --- endorsements ----------------------------------------------------------------------


@transaction.atomic
def endorse_commitment(
    commitment: Commitment,
    *,
    by: Any,
    city: Any = None,
    organisation: Any = None,
    note: str = "",
    endorsed_on: date | None = None,
) -> Endorsement:
    """Record that a city or organisation takes a commitment on."""
    require_create_in(by, city=city, organisation=organisation)
    if Endorsement.objects.filter(
        commitment=commitment, city=city, organisation=organisation
    ).exists():
        raise ValidationError(
            _("%(who)s already endorses this commitment.") % {"who": city or organisation}
        )
    return create_record(
        Endorsement,
        by=by,
        commitment=commitment,
        city=city,
        organisation=organisation,
        note=note,
        endorsed_on=endorsed_on or timezone.localdate(),
        created_by=_author(by),
    )


def update_endorsement(
    endorsement: Endorsement, changes: dict[str, Any], *, by: Any, based_on_version: int | None
) -> Endorsement:
    """Change when an endorsement was made, or its note."""
    require_edit(by, endorsement)
    _only(
        changes,
        {"endorsed_on", "note"},
        _("An endorsement stays with its commitment and endorser."),
    )
    return update_record(endorsement, changes, by=by, based_on_version=based_on_version)


@transaction.atomic
def withdraw_endorsement(endorsement: Endorsement, *, by: Any) -> None:
    """Delete an endorsement (its last state stays in the revisions)."""
    require_edit(by, endorsement)
    delete_record(endorsement, by=by)


# --- milestones --------------------------------------------------------------------------


@transaction.atomic
def add_milestone(action: Action, *, by: Any, date: date, text: str) -> Milestone:
    """Add a step to an action the user edits."""
    require_edit(by, action)
    return create_record(
        Milestone, by=by, action=action, date=date, text=text.strip(), created_by=_author(by)
    )


def update_milestone(
    milestone: Milestone, changes: dict[str, Any], *, by: Any, based_on_version: int | None
) -> Milestone:
    """Change a milestone's date or text."""
    require_edit(by, milestone)
    _only(changes, {"date", "text"}, _("A milestone stays with its action."))
    if "text" in changes:
        changes = {**changes, "text": (changes["text"] or "").strip()}
    return update_record(milestone, changes, by=by, based_on_version=based_on_version)


@transaction.atomic
def delete_milestone(milestone: Milestone, *, by: Any) -> None:
    """Delete a milestone (its last state stays in the revisions)."""
    require_edit(by, milestone)
    delete_record(milestone, by=by)


# --- evidence ----------------------------------------------------------------------------

# Evidence files: what the bytes are, not what the name or browser claims.
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
]


def sniff_content_type(head: bytes) -> str | None:
    """Return the type the file's first bytes show, or None if it is not one we accept."""
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lowered = text.lstrip().lower()
    if lowered.startswith(("<", "<!doctype", "<html", "<svg", "<?xml")):
        return None  # markup could run scripts when opened from the site
    return "text/plain"


def _checked_upload(upload: UploadedFile) -> str:
    """Return the content type of an evidence file, refusing one we cannot vouch for."""
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            {
                "file": _("The file is %(size)s MB; the limit is %(limit)s MB.")
                % {
                    "size": round(upload.size / 1024 / 1024, 1),
                    "limit": EVIDENCE_MAX_BYTES // 1024 // 1024,
                }
            }
        )
    head = upload.read(2048)
    upload.seek(0)
    kind = sniff_content_type(head)
    if kind is None:
        raise ValidationError(
            {
                "file": _("“%(name)s” is not a PDF, image, office document or plain text file.")
                % {"name": upload.name}
            }
        )
    return kind


@transaction.atomic
def add_evidence(
    action: Action, *, by: Any, title: str, url: str = "", upload: UploadedFile | None = None
) -> Evidence:
    """Attach a link or a file to an action, refusing files we cannot vouch for."""
    require_edit(by, action)
    if not url and upload is None:
        raise ValidationError(_("Give a link or choose a file."))
    values: dict[str, Any] = {
        "action": action,
        "title": title.strip() or (upload.name if upload else url),
        "url": url,
        "created_by": _author(by),
    }
    if upload is not None:
        kind = _checked_upload(upload)
        stored = Evidence(action=action)
        stored.file.save(_safe_name(upload.name), upload, save=False)
        values.update(content_type=kind, size=upload.size, file=stored.file.name)
    return create_record(Evidence, by=by, **values)


def update_evidence(
    evidence: Evidence, changes: dict[str, Any], *, by: Any, based_on_version: int | None
) -> Evidence:
    """Change the title or link of a piece of evidence (a file is replaced by adding anew)."""
    require_edit(by, evidence)
    _only(changes, {"title", "url"}, _("Only the title and the link can be changed."))
    changes = {key: (value or "").strip() for key, value in changes.items()}
    if "title" in changes and not changes["title"]:
        raise ValidationError({"title": _("Give the evidence a title.")})
    if "url" in changes and not changes["url"] and not evidence.file:
        raise ValidationError({"url": _("Evidence without a file needs a link.")})
    return update_record(evidence, changes, by=by, based_on_version=based_on_version)


@transaction.atomic
def delete_evidence(evidence: Evidence, *, by: Any) -> None:
    """Delete a piece of evidence from its action.

    Its file stays in storage, so that restoring the revision brings it back whole.
    """
    require_edit(by, evidence)
    delete_record(evidence, by=by)


def _safe_name(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    stem = slugify(stem if dot else name)[:80] or "evidence"
    extension = slugify(extension)[:10] if dot else ""
    return f"{stem}.{extension}" if extension else stem
