"""Archive records in and out as files: a CSV export of what a reader may see, and an
import of new items from a CSV with a ZIP of their files.

The export goes through `visible_to` and `present_item` like every other channel. The
import is all-or-nothing: every row and file is checked first and every problem reported
with its row, column and reason; only a clean file is written, in one transaction, and
files already stored are deleted again if that transaction fails.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from hrcities.access.keepers import can_contribute
from hrcities.access.tiers import Access, AfterEmbargo
from hrcities.core.csvfiles import (
    CsvRows,
    ImportRefused,
    ImportReport,
    RowError,
    csv_chunks,
    read_csv_text,
)
from hrcities.core.dates import DateError, parse_fuzzy_date
from hrcities.core.services import batched_history
from hrcities.core.validation import check_language
from hrcities.network.services import owner_from_cells
from hrcities.search.indexing import deferred_indexing

from . import services
from .jsonld import absolute, accepted_tags, items_for_export
from .models import RESTRICTABLE_FIELDS, Collection, Item, ItemKind, Person
from .presenting import present_item

EXPORT_COLUMNS = [
    "id",
    "kind",
    "title_en",
    "title_ko",
    "original_language",
    "date",
    "city",
    "organisation",
    "collection",
    "place",
    "access",
    "narrator",
    "description_en",
    "description_ko",
    "tags",
    "url",
]
IMPORT_COLUMNS = [
    "kind",
    "title_en",
    "title_ko",
    "original_language",
    "date",
    "city",
    "organisation",
    "collection",
    "access",
    "embargo_until",
    "after_embargo",
    "description_en",
    "description_ko",
    "transcript",
    "narrator_pseudonym",
    "narrator_real_name",
    "real_name_may_be_shown",
    "exact_location",
    "hidden_fields",
    "files",
]
REQUIRED_COLUMNS = ["kind"]
MAX_ROWS = 10_000
MAX_ZIP_TOTAL = 2 * 1024**3
YES = {"yes", "y", "true", "1", "예"}
NO = {"no", "n", "false", "0", "", "아니오"}
NONE_HIDDEN = {"-", "none"}

Progress = Callable[[str, int, int], None]


# --- export ---------------------------------------------------------------------------


def export_rows(
    user: Any, request: HttpRequest | None = None, *, base: str = "", items: Any = None
) -> Iterator[list[str]]:
    """Yield the header and one row per item this user may see, as presented to them."""
    yield EXPORT_COLUMNS
    queryset = items if items is not None else items_for_export(user)
    for item in queryset.iterator(chunk_size=200):
        view = present_item(item, user)
        yield [
            str(item.pk),
            item.kind,
            view.titles.get("en", ""),
            view.titles.get("ko", ""),
            item.original_language,
            item.date_text,
            item.city.slug if item.city else "",
            item.organisation.slug if item.organisation else "",
            item.collection.slug if item.collection else "",
            item.place.title if item.place else "",
            item.access,
            view.narrator,
            view.descriptions.get("en", ""),
            view.descriptions.get("ko", ""),
            ";".join(accepted_tags(item)),
            absolute(request, item.get_absolute_url(), base),
        ]


def export_csv_chunks(
    user: Any, request: HttpRequest | None = None, *, base: str = "", items: Any = None
) -> Iterator[str]:
    """Yield the CSV export (UTF-8, RFC 4180) a few rows at a time."""
    return csv_chunks(export_rows(user, request, base=base, items=items))


def export_csv(user: Any, request: HttpRequest | None = None, *, base: str = "") -> str:
    return "".join(export_csv_chunks(user, request, base=base))


# --- import ---------------------------------------------------------------------------


@dataclass
class ArchiveImportReport(ImportReport):
    """An import of new items: besides the items created, it counts rows, people and files."""

    rows: int = 0
    people: int = 0
    files: int = 0
    item_ids: list[int] = field(default_factory=list)


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    narrator: dict[str, Any] | None
    files: list[str]


def import_archive(
    csv_bytes: bytes,
    zip_data: bytes | IO[bytes] | None,
    *,
    by: Any,
    progress: Progress | None = None,
) -> ArchiveImportReport:
    """Create draft items (with narrators and files) from a CSV and a ZIP: all or nothing.

    `zip_data` may be bytes or a seekable binary file, so a large ZIP need not be read
    into memory. Raise ImportRefused with every problem found; then nothing was created.
    """
    report = ArchiveImportReport()
    text = read_csv_text(csv_bytes, report.errors)
    archive = _open_zip(zip_data, report) if zip_data is not None else None
    if report.errors:
        raise ImportRefused(report)
    lookups = _Lookups()
    rows = _check_rows(text or "", archive, by, report, progress, lookups)
    if report.errors:
        raise ImportRefused(report)
    report.rows = len(rows)
    stored: list[str] = []
    try:
        # The revisions, audit lines and search documents are written together at the
        # end, in batches.
        with transaction.atomic(), deferred_indexing(), batched_history():
            for done, row in enumerate(rows, start=1):
                _create(row, archive, by, report, stored, lookups.granted)
                if progress:
                    progress(_("importing"), done, len(rows))
    except BaseException:
        # The database forgets the rows; the storage must forget their files too.
        _delete_files(stored, report.item_ids)
        report.created = report.people = report.files = 0
        report.item_ids = []
        raise
    return report


def _delete_files(names: list[str], item_ids: list[int]) -> None:
    folders = {f"archive/{pk}" for pk in item_ids}
    for folder in folders:
        try:
            names = [*names, *(f"{folder}/{n}" for n in default_storage.listdir(folder)[1])]
        except (OSError, NotImplementedError):
            pass
    for name in set(names):
        try:
            default_storage.delete(name)
        except OSError:
            pass


def is_unsafe_name(name: str) -> bool:
    """Return whether a ZIP member name could escape the folder it is unpacked into."""
    if not name or "\x00" in name:
        return True
    normalised = name.replace("\\", "/")
    if normalised.startswith("/") or re.match(r"^[A-Za-z]:", normalised):
        return True
    return ".." in PurePosixPath(normalised).parts


def _open_zip(data: bytes | IO[bytes], report: ArchiveImportReport) -> zipfile.ZipFile | None:
    source = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        report.errors.append(RowError(0, "files", _("The ZIP file cannot be read.")))
        return None
    limit = services.max_upload_bytes()
    total = 0
    for info in archive.infolist():
        if is_unsafe_name(info.filename):
            report.errors.append(
                RowError(
                    0,
                    "files",
                    _(
                        "The ZIP holds “%(name)s”, a name that points outside the archive. "
                        "Nothing was imported."
                    )
                    % {"name": info.filename[:200]},
                )
            )
            continue
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            report.errors.append(
                RowError(
                    0,
                    "files",
                    _("“%(name)s” is encrypted; give files without a password.")
                    % {"name": info.filename[:200]},
                )
            )
        if info.file_size > limit:
            report.errors.append(
                RowError(
                    0,
                    "files",
                    _("“%(name)s” unpacks to %(size)s MB; the limit is %(limit)s MB.")
                    % {
                        "name": info.filename[:200],
                        "size": round(info.file_size / 1048576, 1),
                        "limit": limit // 1048576,
                    },
                )
            )
        total += info.file_size
    if total > MAX_ZIP_TOTAL:
        report.errors.append(
            RowError(
                0,
                "files",
                _("The ZIP unpacks to %(size)s GB; at most 2 GB are taken at once.")
                % {"size": round(total / 1024**3, 1)},
            )
        )
    return archive


def _check_rows(
    text: str,
    archive: zipfile.ZipFile | None,
    by: Any,
    report: ArchiveImportReport,
    progress: Progress | None,
    lookups: _Lookups,
) -> list[_Row]:
    table = CsvRows(text, report.errors, max_rows=MAX_ROWS)
    if table.header is None:
        return []
    header = table.header
    table.check_columns(IMPORT_COLUMNS, required=REQUIRED_COLUMNS)
    if not ({"city", "organisation"} & set(header)):
        report.errors.append(RowError(1, "city", _("Give a city or an organisation column.")))
    if not ({"title_en", "title_ko"} & set(header)):
        report.errors.append(RowError(1, "title_en", _("Give a title_en or title_ko column.")))
    if report.errors:
        return []

    # Read whole first: the progress shows a share of all rows, and a file that is not
    # readable CSV throughout, or too long, is refused before any row is checked.
    lines = list(table)
    if report.errors:
        return []
    members = _members(archive)
    used: dict[str, int] = {}
    rows: list[_Row] = []
    for done, (line, cells) in enumerate(lines, start=1):
        cells_by_column = table.by_column(line, cells)
        if cells_by_column is not None:
            values = {column: "" for column in IMPORT_COLUMNS}
            values.update(cells_by_column)
            checked = _check_row(line, values, archive, members, used, lookups, by, report)
            if checked is not None:
                rows.append(checked)
        if progress:
            progress(_("checking"), done, len(lines))
    return rows


@dataclass
class _Lookups:
    """What the rows of one import share, looked up once: the owner each pair of city and
    organisation cells names, whether the importer may add records for it (checking), and
    the permissions `create_archive_record` has granted (creating)."""

    owners: dict[tuple[str, str], tuple[Any, Any]] = field(default_factory=dict)
    allowed: dict[tuple[Any, Any], bool] = field(default_factory=dict)
    granted: dict[tuple, None] = field(default_factory=dict)


def _members(archive: zipfile.ZipFile | None) -> dict[str, zipfile.ZipInfo]:
    if archive is None:
        return {}
    return {
        info.filename.replace("\\", "/"): info
        for info in archive.infolist()
        if not info.is_dir() and not is_unsafe_name(info.filename)
    }


def _check_row(
    line: int,
    row: dict[str, str],
    archive: zipfile.ZipFile | None,
    members: dict[str, zipfile.ZipInfo],
    used: dict[str, int],
    lookups: _Lookups,
    by: Any,
    report: ArchiveImportReport,
) -> _Row | None:
    errors_before = len(report.errors)

    def bad(column: str, message: str) -> None:
        report.errors.append(RowError(line, column, message))

    values: dict[str, Any] = {}
    if row["kind"] not in ItemKind.values:
        bad(
            "kind",
            _("Unknown kind “%(v)s”. Known: %(known)s.")
            % {"v": row["kind"][:40], "known": ", ".join(ItemKind.values)},
        )
    values["kind"] = row["kind"]

    cells = (row["city"], row["organisation"])
    if cells in lookups.owners:
        city, organisation = lookups.owners[cells]
    else:
        errors = len(report.errors)
        city, organisation = owner_from_cells(*cells, bad)
        if len(report.errors) == errors:
            lookups.owners[cells] = (city, organisation)
    if not row["city"] and not row["organisation"]:
        bad("city", _("Every item belongs to a city or an organisation."))
    owner = (city, organisation)
    if (city or organisation) and owner not in lookups.allowed:
        lookups.allowed[owner] = can_contribute(by, city=city, organisation=organisation)
    if (city or organisation) and not lookups.allowed[owner]:
        bad(
            "city" if city else "organisation",
            _("You may not add records for %(who)s.") % {"who": city or organisation},
        )
    values["city"], values["organisation"] = city, organisation

    titles = {
        language: row[f"title_{language}"] for language in ("en", "ko") if row[f"title_{language}"]
    }
    if not titles:
        bad("title_en", _("Give a title in English or Korean (title_en or title_ko)."))
    for language, title in titles.items():
        if len(title) > 300:
            bad(
                f"title_{language}",
                _("At most 300 characters (this one has %(n)s).") % {"n": len(title)},
            )
    values["titles"] = titles
    values["descriptions"] = {
        language: row[f"description_{language}"]
        for language in ("en", "ko")
        if row[f"description_{language}"]
    }
    language = row["original_language"] or next(iter(titles), "ko")
    try:
        check_language(language)
    except ValidationError as error:
        bad("original_language", " ".join(error.messages))
    values["original_language"] = language

    try:
        values["date_text"] = parse_fuzzy_date(row["date"]).text
    except DateError as error:
        bad("date", str(error))

    if row["collection"]:
        collection = Collection.objects.visible_to(by).filter(slug=row["collection"]).first()
        if collection is None:
            bad("collection", _("Unknown collection “%(v)s”.") % {"v": row["collection"][:80]})
        values["collection"] = collection

    access = row["access"] or Access.PUBLIC
    if access not in Access.values:
        bad(
            "access",
            _("Unknown access “%(v)s”. Known: %(known)s.")
            % {"v": access[:40], "known": ", ".join(Access.values)},
        )
    values["access"] = access
    if row["embargo_until"]:
        try:
            values["embargo_until"] = date.fromisoformat(row["embargo_until"])
        except ValueError:
            bad(
                "embargo_until",
                _("“%(v)s” is not a date like 2030-05-18.") % {"v": row["embargo_until"][:40]},
            )
    elif access == Access.EMBARGOED:
        bad("embargo_until", _("An embargo needs the date it ends (embargo_until)."))
    if row["after_embargo"]:
        if row["after_embargo"] not in AfterEmbargo.values:
            bad("after_embargo", _("Write public or network."))
        values["after_embargo"] = row["after_embargo"]

    values["transcript"] = row["transcript"]
    values["exact_location"] = row["exact_location"][:300]

    hidden = row["hidden_fields"].strip()
    if hidden.lower() in NONE_HIDDEN:
        values["restricted_fields"] = []
    elif hidden:
        names = [n.strip() for n in hidden.split(";") if n.strip()]
        unknown = [n for n in names if n not in RESTRICTABLE_FIELDS]
        if unknown:
            bad(
                "hidden_fields",
                _("Unknown fields: %(f)s. Known: %(known)s.")
                % {"f": ", ".join(unknown), "known": ", ".join(sorted(RESTRICTABLE_FIELDS))},
            )
        values["restricted_fields"] = sorted(set(names))
    # Blank: the safe default, names, contacts and exact places hidden.

    narrator = None
    may_be_shown = row["real_name_may_be_shown"].lower()
    if may_be_shown not in YES | NO:
        bad("real_name_may_be_shown", _("Write yes or no."))
    if row["narrator_pseudonym"]:
        narrator = {
            "pseudonym": row["narrator_pseudonym"][:200],
            "real_name": row["narrator_real_name"][:200],
            "real_name_may_be_shown": may_be_shown in YES,
        }
    elif row["narrator_real_name"]:
        bad(
            "narrator_pseudonym",
            _("A narrator needs a pseudonym; the real name is shown only where allowed."),
        )

    files = [name.strip() for name in row["files"].split(";") if name.strip()]
    for name in files:
        problem = _check_file(name, archive, members)
        if problem:
            bad("files", problem)
        elif name in used:
            bad(
                "files",
                _("“%(name)s” is already used in row %(row)s.") % {"name": name, "row": used[name]},
            )
        else:
            used[name] = line

    if len(report.errors) > errors_before:
        return None
    return _Row(line, values, narrator, files)


def _check_file(
    name: str, archive: zipfile.ZipFile | None, members: dict[str, zipfile.ZipInfo]
) -> str:
    """Return why a file named in the CSV cannot be taken, or an empty string."""
    if is_unsafe_name(name):
        return _("“%(name)s” points outside the ZIP file.") % {"name": name[:200]}
    if archive is None:
        return _("“%(name)s” is named but no ZIP file was given.") % {"name": name[:200]}
    info = members.get(name.replace("\\", "/"))
    if info is None:
        return _("“%(name)s” is not in the ZIP file.") % {"name": name[:200]}
    try:
        with archive.open(info) as member:
            head = member.read(4096)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError):
        return _("“%(name)s” is damaged in the ZIP file.") % {"name": name[:200]}
    content_type = services.sniff(head)
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if content_type is None:
        return _(
            "“%(name)s” is not an image, sound, video, PDF or text file this archive keeps."
        ) % {"name": name[:200]}
    if extension not in services.MEDIA_TYPES[content_type][1]:
        return _("“%(name)s” is named .%(ext)s but its content is %(type)s.") % {
            "name": name[:200],
            "ext": extension or "—",
            "type": content_type,
        }
    return ""


def _create(
    row: _Row,
    archive: zipfile.ZipFile | None,
    by: Any,
    report: ArchiveImportReport,
    stored: list[str],
    checked: dict[tuple, None],
) -> None:
    values = dict(row.values)
    try:
        if row.narrator is not None:
            values["narrator"] = services.create_archive_record(
                Person,
                by=by,
                checked=checked,
                city=values["city"],
                organisation=values["organisation"],
                **row.narrator,
            )
            report.people += 1
        item = services.create_archive_record(Item, by=by, checked=checked, **values)
        report.created += 1
        report.item_ids.append(item.pk)
        for name in row.files:
            assert archive is not None
            with _unpacked(archive, name) as upload:
                media = services.add_media(item, upload, by=by)
            stored.extend(n for n in (media.file.name, media.thumbnail.name) if n)
            report.files += 1
    except (ValidationError, PermissionDenied) as error:
        messages = getattr(error, "messages", None) or [str(error)]
        report.errors.append(RowError(row.number, "", " ".join(str(m) for m in messages)))
        raise ImportRefused(report) from None
    except (zipfile.BadZipFile, EOFError) as error:
        report.errors.append(
            RowError(row.number, "files", _("A file is damaged in the ZIP: %(e)s") % {"e": error})
        )
        raise ImportRefused(report) from None


class _unpacked:
    """A ZIP member copied to a temporary file (never more than the upload limit)."""

    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self.archive, self.name = archive, name
        self.temporary: Any = None

    def __enter__(self) -> UploadedFile:
        limit = services.max_upload_bytes()
        self.temporary = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
        with self.archive.open(self.name.replace("\\", "/")) as member:
            # zipfile stops at the size the directory declares (checked before); count anyway.
            copied = 0
            while chunk := member.read(1024 * 1024):
                copied += len(chunk)
                if copied > limit:
                    raise ValidationError(
                        {
                            "files": _("“%(name)s” unpacks to more than the upload limit.")
                            % {"name": self.name}
                        }
                    )
                self.temporary.write(chunk)
        self.temporary.seek(0)
        return UploadedFile(self.temporary, name=PurePosixPath(self.name).name, size=copied)

    def __exit__(self, *exc: object) -> None:
        if self.temporary is not None:
            self.temporary.close()
