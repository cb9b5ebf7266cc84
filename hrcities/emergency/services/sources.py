"""Where a measure can be read: links, and files checked by their content."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hrcities.archive.services import MEDIA_TYPES, require_extension, require_size, sniff
from hrcities.core.models import AuditEntry
from hrcities.core.services import audit

from ..models import Measure, Source
from .common import _delete_files_on_commit, require_change

# Source files a reader can open in a browser: documents and pictures of them.
SOURCE_TYPES = {t: exts for t, (kind, exts) in MEDIA_TYPES.items() if kind in ("document", "image")}

# --- sources --------------------------------------------------------------------------


def checked_type(upload: UploadedFile) -> str:
    """Return a source file's content type read from its bytes; refuse one too large, of a
    kind sources are not kept as, or whose name says something else."""
    require_size(upload)
    head = upload.read(4096)
    upload.seek(0)
    content_type = sniff(head)
    if content_type not in SOURCE_TYPES:
        raise ValidationError(
            {
                "file": _("“%(name)s” is not a PDF, text or image file that sources are kept as.")
                % {"name": upload.name}
            }
        )
    require_extension(upload, content_type, SOURCE_TYPES[content_type])
    return content_type


@transaction.atomic
def add_source(
    measure: Measure,
    *,
    by: Any,
    titles: dict[str, str] | None = None,
    upload: UploadedFile | None = None,
    url: str = "",
) -> Source:
    """Add where a measure can be read: a link, or a file checked by its content."""
    require_change(by, measure)
    url = (url or "").strip()
    if (upload is None) == (not url):
        raise ValidationError({"file": _("Give a file or a link, not both and not neither.")})
    source = Source(
        measure=measure,
        titles={k: v.strip() for k, v in (titles or {}).items() if v and v.strip()},
        url=url,
    )
    if upload is not None:
        source.content_type = checked_type(upload)
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        source.original_name = upload.name[:300]
        source.size = upload.size
        source.sha256 = digest.hexdigest()
    # A source without a title is named by its file or link.
    source.full_clean(exclude=["file", "titles"], validate_constraints=False)
    if upload is not None:
        stem, _dot, extension = upload.name.rpartition(".")
        name = f"{slugify(stem)[:80] or 'source'}.{extension.lower()}"
        source.file.save(name, upload, save=False)
    try:
        source.save()
    except Exception:
        if source.file:
            source.file.delete(save=False)
        raise
    audit(
        AuditEntry.Action.RECORD_UPDATED,
        by=by,
        target=measure,
        details={"source added": str(source)},
    )
    return source


@transaction.atomic
def delete_source(source: Source, *, by: Any) -> None:
    """Delete a source and its file."""
    measure = source.measure
    require_change(by, measure)
    title = str(source)
    _delete_files_on_commit([source])
    source.delete()
    audit(
        AuditEntry.Action.RECORD_UPDATED, by=by, target=measure, details={"source deleted": title}
    )
