"""Materials of a programme and evaluation files of its sessions: files checked by their
content, links, each with the licence it is shared under."""

from __future__ import annotations

import hashlib
import io
import zipfile
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hrcities.archive.services import MEDIA_TYPES, require_extension, require_size, sniff
from hrcities.core.models import AuditEntry
from hrcities.core.services import audit
from hrcities.core.validation import check_language

from ..models import Material, Programme, Session
from .common import _delete_files_on_commit, _require_record_sessions

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


# Checked by Material.clean with messages that name what to do, rather than the
# generic "cannot be blank" and "not a valid choice".
MODEL_CHECKED = ("titles", "licence")


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
        material.full_clean(exclude=["file", *MODEL_CHECKED])
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


# What a material says of itself may change; its file is never replaced (a new file is
# a new material, checked by its content as every upload is).
CHANGEABLE = ("titles", "language", "licence", "licence_note", "url")


@transaction.atomic
def update_material(material: Material, changes: dict[str, Any], *, by: Any) -> Material:
    """Change a material's description or licence (and the address of a link)."""
    programme = material.programme
    _require_record_sessions(by, programme)
    unknown = sorted(set(changes) - set(CHANGEABLE))
    if unknown:
        raise ValidationError({unknown[0]: _("This field is not changed here.")})
    if changes.get("url") is not None and material.file:
        raise ValidationError(
            {"url": _("A file stays a file: add a link as a material of its own.")}
        )
    before = {name: getattr(material, name) for name in changes}
    for name, value in changes.items():
        if name == "titles":
            value = {k: v.strip() for k, v in (value or {}).items() if v and v.strip()}
        setattr(material, name, value if value is not None else "")
    if material.language:
        try:
            check_language(material.language)
        except ValidationError as error:
            raise ValidationError({"language": error.messages}) from None
    material.full_clean(exclude=["file", *MODEL_CHECKED])
    material.save(update_fields=list(changes))
    changed = {
        n: [before[n], getattr(material, n)] for n in changes if before[n] != getattr(material, n)
    }
    if changed:
        audit(
            AuditEntry.Action.RECORD_UPDATED,
            by=by,
            target=material.session or programme,
            details={"material": material.title, "changed": changed},
        )
    return material
