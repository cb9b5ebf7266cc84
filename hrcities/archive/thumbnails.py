"""Small pictures of an item's files, for lists and the item's page.

Made on the server: from an image with Pillow, from a PDF's first page with poppler's
`pdftoppm` when the system has it (Debian's poppler-utils). Each is kept in the media
storage beside its file, made once when the file is stored, or on the first request for
a file stored before it could be made. A thumbnail shows what its file shows, so it is
served through the file's own access check (`views.media.media_thumbnail`), never by
its storage address.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import IO

from django.core.files.base import ContentFile

from .models import MediaFile

SIZE = 480  # pixels on the longer side: sharp in a list on a high-density screen
PDF = "application/pdf"
# A PDF whose first page takes longer than this to draw gets no thumbnail (an icon).
PDF_SECONDS = 30


def image_thumbnail(source: IO[bytes], size: int = SIZE) -> bytes | None:
    """Return a JPEG of the image at most `size` pixels wide and high, or None if unreadable."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(source) as image:
            image.thumbnail((size, size))
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=82)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def pdf_tool() -> str | None:
    """Return the path of `pdftoppm`, or None when the system lacks it."""
    return shutil.which("pdftoppm")


def pdf_thumbnail(source: IO[bytes], size: int = SIZE) -> bytes | None:
    """Return a JPEG of the PDF's first page, or None (no `pdftoppm`, or it cannot draw it)."""
    tool = pdf_tool()
    if tool is None:
        return None
    with tempfile.TemporaryDirectory(prefix="hrcities-thumb-") as folder:
        document, page = Path(folder) / "document.pdf", Path(folder) / "page"
        with document.open("wb") as out:
            shutil.copyfileobj(source, out)
        command = [tool, "-f", "1", "-l", "1", "-singlefile", "-scale-to", str(size), "-jpeg"]
        try:
            done = subprocess.run(
                [*command, str(document), str(page)], capture_output=True, timeout=PDF_SECONDS
            )
        except (subprocess.TimeoutExpired, OSError):
            return None
        drawn = page.with_suffix(".jpg")
        if done.returncode or not drawn.exists():
            return None
        return drawn.read_bytes()


def thumbnail_of(content_type: str, source: IO[bytes]) -> bytes | None:
    """Return a thumbnail of a file's content, or None for a kind that has none."""
    source.seek(0)
    try:
        if content_type.startswith("image/"):
            return image_thumbnail(source)
        if content_type == PDF:
            return pdf_thumbnail(source)
        return None
    finally:
        source.seek(0)


def may_have_thumbnail(media: MediaFile) -> bool:
    """Whether a thumbnail is stored for the file or can be made on request.

    Images are tried when they are stored, so one without a thumbnail cannot be read;
    a PDF stored before `pdftoppm` was there gets one on first request.
    """
    return bool(media.thumbnail) or (media.content_type == PDF and pdf_tool() is not None)


def keep_thumbnail(media: MediaFile, source: IO[bytes]) -> None:
    """Make the file's thumbnail from its content and keep it (the caller saves `media`)."""
    picture = thumbnail_of(media.content_type, source)
    if picture is not None:
        stem = Path(media.file.name).stem or "file"
        media.thumbnail.save(f"{stem}-thumb.jpg", ContentFile(picture), save=False)


def ensure_thumbnail(media: MediaFile) -> bool:
    """Return whether the file has a thumbnail, making and keeping one if it can."""
    if media.thumbnail:
        return True
    if not may_have_thumbnail(media):
        return False
    try:
        handle = media.file.open("rb")
    except (FileNotFoundError, ValueError):
        return False
    with handle:
        keep_thumbnail(media, handle)
    if not media.thumbnail:
        return False
    # Two first requests at once each make one: the first kept wins, the other is removed.
    kept = MediaFile.objects.filter(pk=media.pk, thumbnail="").update(
        thumbnail=media.thumbnail.name
    )
    if not kept:
        media.thumbnail.delete(save=False)
        media.refresh_from_db(fields=["thumbnail"])
    return bool(media.thumbnail)
