"""Turn an uploaded declaration (text, Markdown, Word or PDF) into plain text for the parser.

The real type is read from the bytes, not the name: a PDF starts with "%PDF-", a Word
document is a ZIP archive holding word/document.xml. The text keeps one paragraph per block,
blocks separated by a blank line, and list items start with a marker ("1.", "-") so that
`parser.parse_declaration` sees the structure that Word numbering or PDF layout carried.

Every bad input raises `ExtractionError` with a message that names the file.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .parser import is_list_item

MAX_BYTES = 10 * 1024 * 1024

MARKDOWN_SUFFIXES = (".md", ".markdown")


class ExtractionError(ValueError):
    """The file cannot be read as a declaration; the message says why, naming the file."""


@dataclass(frozen=True)
class ExtractedText:
    text: str
    format: str  # "text", "markdown", "docx" or "pdf"


def extract_text(
    data: bytes, filename: str, content_type: str | None = None, *, max_bytes: int = MAX_BYTES
) -> ExtractedText:
    """Return the plain text of an uploaded declaration file."""
    if not data:
        raise ExtractionError(_("%(file)s is empty.") % {"file": filename})
    if len(data) > max_bytes:
        raise ExtractionError(
            _("%(file)s is %(size)s; the limit is %(limit)s.")
            % {"file": filename, "size": _size(len(data)), "limit": _size(max_bytes)}
        )
    name = filename.lower()
    kind = _sniff(data)
    if name.endswith(".pdf") and kind != "pdf":
        raise ExtractionError(_("%(file)s is not a PDF.") % {"file": filename})
    if name.endswith(".docx") and kind != "zip":
        raise ExtractionError(_("%(file)s is not a Word (.docx) document.") % {"file": filename})
    if kind == "ole":
        raise ExtractionError(
            _("%(file)s is an old Word (.doc) document; save it as .docx or PDF and try again.")
            % {"file": filename}
        )
    try:
        if kind == "pdf":
            return ExtractedText(_pdf_text(data, filename), "pdf")
        if kind == "zip":
            return ExtractedText(_docx_text(data, filename), "docx")
        text = _decode(data, filename)
        if name.endswith(MARKDOWN_SUFFIXES) or (content_type or "").startswith("text/markdown"):
            return ExtractedText(markdown_to_text(text), "markdown")
        return ExtractedText(text, "text")
    except ExtractionError:
        raise
    except Exception as error:
        # pypdf, python-docx and lxml raise many kinds of errors on damaged files; the
        # uploader needs one clear message, not a server error.
        raise ExtractionError(
            _("%(file)s could not be read: the file is damaged.") % {"file": filename}
        ) from error


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    return f"{count / 1024:.0f} KB" if count >= 1024 else f"{count} bytes"


def _sniff(data: bytes) -> str:
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    return "text"


# Checked longest first: a UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _decode(data: bytes, filename: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise ExtractionError(
                    _("%(file)s is not valid %(encoding)s text (byte %(byte)s).")
                    % {"file": filename, "encoding": encoding.upper(), "byte": error.start}
                ) from error
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ExtractionError(
                _(
                    "%(file)s is not UTF-8 text (undecodable byte at position %(byte)s); "
                    "save it as UTF-8 and try again."
                )
                % {"file": filename, "byte": error.start}
            ) from error
    if "\x00" in text:
        raise ExtractionError(_("%(file)s contains binary data, not text.") % {"file": filename})
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ExtractionError(_("%(file)s contains no text.") % {"file": filename})
    return text


# Markdown ---------------------------------------------------------------------------------

_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_MD_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$|^\s{0,3}=+\s*$")
_MD_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_MD_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_MD_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_MD_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_MD_CODE = re.compile(r"`+([^`]*)`+")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"
)
_MD_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")


def markdown_to_text(markdown: str) -> str:
    """Return the text of a Markdown document: headings, emphasis and links as plain text.

    Bullets become "- " and ordered items keep their "1." so the parser still sees lists.
    """
    lines: list[str] = []
    in_fence = False
    for line in markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if _MD_FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            lines.append(line)
            continue
        if _MD_RULE.match(line) or _MD_LINK_DEFINITION.match(line):
            lines.append("")
            continue
        line = _MD_QUOTE.sub("", line)
        heading = _MD_HEADING.match(line)
        if heading:
            # A heading is its own block even when the author wrote no blank line around it.
            lines.extend(["", _markdown_inline(heading.group(1)), ""])
            continue
        line = _MD_BULLET.sub(r"\1- ", line)
        lines.append(_markdown_inline(line).rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _markdown_inline(line: str) -> str:
    line = _MD_IMAGE.sub(r"\1", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_AUTOLINK.sub(r"\1", line)
    line = _MD_HTML_TAG.sub("", line)
    line = _MD_CODE.sub(r"\1", line)
    line = _MD_STRONG.sub(r"\2", line)
    line = _MD_EMPHASIS.sub(lambda match: match.group(1) or match.group(2), line)
    line = _MD_STRIKE.sub(r"\1", line)
    return _MD_ESCAPE.sub(r"\1", line)


# Word ---------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_text(data: bytes, filename: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise ExtractionError(
                    _("%(file)s is a ZIP archive, not a Word document.") % {"file": filename}
                )
    except zipfile.BadZipFile as error:
        raise ExtractionError(
            _("%(file)s is not a readable Word document: the file is damaged or incomplete.")
            % {"file": filename}
        ) from error

    import docx  # python-docx; imported here so the parser alone needs no third-party code
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    numbering = _Numbering(document)
    paragraphs: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            paragraphs.append(numbering.render(Paragraph(element, document)))
        elif element.tag == f"{_W}tbl":
            for row in Table(element, document).rows:
                for cell in row.cells:
                    paragraphs.extend(numbering.render(p) for p in cell.paragraphs)
    text = "\n\n".join(p for p in paragraphs if p.strip())
    if not text.strip():
        raise ExtractionError(_("%(file)s contains no text.") % {"file": filename})
    return text + "\n"


class _Numbering:
    """Render Word's automatic list numbering, which python-docx leaves out of the text."""

    def __init__(self, document) -> None:  # noqa: ANN001 - python-docx has no type stubs
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[tuple[str, int], int] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract_levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        for abstract in root.findall(f"{_W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for level in abstract.findall(f"{_W}lvl"):
                levels[int(level.get(f"{_W}ilvl", "0"))] = (
                    _attribute(level, "numFmt") or "decimal",
                    _attribute(level, "lvlText") or "%1.",
                    int(_attribute(level, "start") or 1),
                )
            abstract_levels[abstract.get(f"{_W}abstractNumId", "")] = levels
        for num in root.findall(f"{_W}num"):
            abstract_id = _attribute(num, "abstractNumId")
            num_id = num.get(f"{_W}numId", "")
            for ilvl, level_format in abstract_levels.get(abstract_id, {}).items():
                self.formats[(num_id, ilvl)] = level_format
            # A list that Word restarts at 1 is a new w:num with a start override.
            for override in num.findall(f"{_W}lvlOverride"):
                ilvl = int(override.get(f"{_W}ilvl", "0"))
                start = _attribute(override, "startOverride")
                if start is not None and (num_id, ilvl) in self.formats:
                    number_format, level_text, _ = self.formats[(num_id, ilvl)]
                    self.formats[(num_id, ilvl)] = (number_format, level_text, int(start))

    def render(self, paragraph) -> str:  # noqa: ANN001
        text = paragraph.text.strip()
        if not text:
            return ""
        num_id, ilvl = _list_properties(paragraph)
        if num_id is None or num_id == "0":
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            if style.startswith("List Number"):
                return self._marker(("style", 0), ("decimal", "%1.", 1)) + " " + text
            if style.startswith("List Bullet"):
                return "- " + text
            return text
        level_format = self.formats.get((num_id, ilvl), ("decimal", "%1.", 1))
        return self._marker((num_id, ilvl), level_format) + " " + text

    def _marker(self, key: tuple[str, int], level_format: tuple[str, str, int]) -> str:
        number_format, level_text, start = level_format
        count = self.counters.get(key, start - 1) + 1
        self.counters[key] = count
        # A new item at this level restarts the numbering of the levels below it.
        for other in list(self.counters):
            if other[0] == key[0] and other[1] > key[1]:
                del self.counters[other]
        if number_format in ("bullet", "none"):
            return "-"
        marker = re.sub(r"%\d", _format_number(count, number_format), level_text).strip()
        return marker if is_list_item(marker + " x") else f"{marker}."


def _attribute(element, child: str) -> str | None:  # noqa: ANN001
    found = element.find(f"{_W}{child}")
    return None if found is None else found.get(f"{_W}val")


def _list_properties(paragraph) -> tuple[str | None, int]:  # noqa: ANN001
    """Return the numbering id and level of a paragraph, following its style chain."""
    candidates = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        candidates.append(style.element.pPr)
        style = style.base_style
    for properties in candidates:
        num_pr = None if properties is None else properties.numPr
        if num_pr is not None and num_pr.numId is not None:
            ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
            return str(num_pr.numId.val), int(ilvl)
    return None, 0


def _format_number(count: int, number_format: str) -> str:
    if number_format in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (count - 1) % 26)
        return letter.upper() if number_format == "upperLetter" else letter
    if number_format in ("lowerRoman", "upperRoman"):
        roman = _to_roman(count)
        return roman if number_format == "upperRoman" else roman.lower()
    if number_format == "decimalEnclosedCircle" and 1 <= count <= 20:
        return chr(0x2460 + count - 1)
    if number_format in ("ganada", "chosung") and 1 <= count <= 14:
        return "가나다라마바사아자차카타파하"[count - 1]
    return str(count)


def _to_roman(count: int) -> str:
    numerals = ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"))
    result = ""
    for value, numeral in (*numerals, (4, "IV"), (1, "I")):
        while count >= value:
            result += numeral
            count -= value
    return result


# PDF ----------------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"(?i)\s*(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?\s*(?:(?:of|/)\s*\d{1,4})?\s*"
)


def _pdf_text(data: bytes, filename: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError(
                _("%(file)s is password-protected; upload an unlocked copy.") % {"file": filename}
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except ExtractionError:
        raise
    except PdfReadError as error:
        raise ExtractionError(
            _("%(file)s is not a readable PDF: %(reason)s.") % {"file": filename, "reason": error}
        ) from error
    except Exception as error:
        if "crypt" in f"{type(error).__name__} {error}".lower():
            raise ExtractionError(
                _("%(file)s is encrypted and cannot be read; upload an unlocked copy.")
                % {"file": filename}
            ) from error
        raise
    lines: list[str] = []
    for page in pages:
        page_lines = page.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
        # Running page numbers at the top or bottom of a page would split a clause in two.
        while page_lines and _PAGE_NUMBER.fullmatch(page_lines[-1]):
            page_lines.pop()
        while page_lines and _PAGE_NUMBER.fullmatch(page_lines[0]):
            page_lines.pop(0)
        lines.extend(page_lines)
    text = reflow(lines)
    if not text.strip():
        raise ExtractionError(
            _("%(file)s has no text layer (a scanned image?); text recognition is not supported.")
            % {"file": filename}
        )
    return text


def reflow(lines: list[str]) -> str:
    """Return PDF text lines re-joined into paragraphs, one blank line between paragraphs.

    A paragraph ends at a blank line, before a list item, after a colon, and after a line
    that is clearly shorter than the text width (the last line of a paragraph or a title).
    """
    stripped = [line.replace("\u00ad", "").strip() for line in lines]
    lengths = sorted(len(line) for line in stripped if line)
    if not lengths:
        return ""
    width = lengths[int(len(lengths) * 0.8)] if len(lengths) >= 5 else lengths[-1]
    paragraphs: list[str] = []
    current = ""
    for index, line in enumerate(stripped):
        if not line:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        if current and _ends_paragraph(stripped[index - 1], line, width):
            paragraphs.append(current)
            current = ""
        if not current:
            current = line
        elif re.search(r"[^\W\d_]-$", current) and line[:1].islower():
            current = current[:-1] + line  # a word hyphenated at the line break
        else:
            current += " " + line
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs) + "\n"


def _ends_paragraph(previous: str, line: str, width: int) -> bool:
    if is_list_item(line) or previous.endswith((":", "：")):
        return True
    if line[:1].islower():
        return False
    if previous.endswith((".", "!", "?", "。")) and len(previous) < 0.85 * width:
        return True
    return len(previous) < 0.7 * width
