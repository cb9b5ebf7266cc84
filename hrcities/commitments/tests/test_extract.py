import io
import re
import zipfile

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from hrcities.commitments.extract import ExtractionError, extract_text, markdown_to_text
from hrcities.commitments.parser import parse_declaration

from .test_parser import DECLARATION_2020, FIXTURES

NUMBERED = re.compile(r"^\s*\d+\.\s+")


@pytest.fixture(scope="module")
def source_2020() -> str:
    if not DECLARATION_2020.exists():
        pytest.skip(f"{DECLARATION_2020} is not available (set HRCITIES_SHARED_DATA)")
    return DECLARATION_2020.read_text(encoding="utf-8")


def make_docx(source: str) -> bytes:
    """Return a Word document of `source` whose numbered items use automatic numbering."""
    document = docx.Document()
    for line in source.splitlines():
        if not line.strip():
            continue
        numbered = NUMBERED.match(line)
        if numbered:
            document.add_paragraph(line[numbered.end() :].strip(), style="List Number")
        else:
            document.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pdf(source: str, pages: int = 0) -> bytes:
    """Return a PDF of `source` wrapped at 450 points, as a word processor would print it."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    y, page = 800, 1
    for line in source.splitlines():
        if not line.strip():
            y -= 8
            continue
        for part in simpleSplit(line.strip(), "Helvetica", 10, 450):
            if y < 60:
                pdf.setFont("Helvetica", 9)
                pdf.drawString(290, 30, str(page))
                pdf.showPage()
                y, page = 800, page + 1
            pdf.setFont("Helvetica", 10)
            pdf.drawString(60, y, part)
            y -= 13
    pdf.save()
    return buffer.getvalue()


def test_a_word_document_with_automatic_numbering_gives_17_clauses_and_5_promises(source_2020):
    extracted = extract_text(make_docx(source_2020), "declaration.docx")
    parsed = parse_declaration(extracted.text)

    assert extracted.format == "docx"
    assert len(parsed.preamble) == 17
    assert len(parsed.promises) == 5
    assert parsed.preamble[0].startswith("Hoping that the spirit")
    assert parsed.promises[4].endswith("memories among human rights cities.")
    assert parsed.unplaced == []


def test_word_numbering_that_python_docx_leaves_out_is_written_as_markers(source_2020):
    text = extract_text(make_docx(source_2020), "declaration.docx").text

    assert "\n\n1. Hoping that the spirit" in text
    assert "\n\n17. Hoping that the 11th" in text


def test_a_wrapped_pdf_gives_17_clauses_and_5_promises_with_their_full_text(source_2020):
    extracted = extract_text(make_pdf(source_2020), "declaration.pdf")
    parsed = parse_declaration(extracted.text)

    assert extracted.format == "pdf"
    assert len(parsed.preamble) == 17
    assert len(parsed.promises) == 5
    assert parsed.title == "Final Declaration of the 2020 World Human Rights Cities Forum"
    assert parsed.dates == "7 – 10 October 2020"
    assert parsed.preamble[16].endswith("instead of meeting online,")
    original = NUMBERED.sub("", source_2020.split("five promises:")[1].splitlines()[6])
    assert parsed.promises[4] == original
    assert "Scroll to Top" in " ".join(parsed.discarded)
    assert parsed.unplaced == []


def test_pdf_page_numbers_do_not_end_up_in_the_text(source_2020):
    text = extract_text(make_pdf(source_2020 + "\n" + source_2020), "twice.pdf").text

    assert not re.search(r"^\d+$", text, re.MULTILINE)


def test_a_markdown_declaration_keeps_text_and_lists_but_not_syntax():
    markdown = (
        "# Declaration of **Test** City\n\n"
        "We, the participants of the [forum](https://example.org/forum):\n\n"
        "1. *Recalling* the Universal Declaration,\n"
        "2. Recognizing the role of cities,\n\n"
        "We agree to the following _promises_:\n\n"
        "- We will protect the rights of all residents.\n"
        "* We will report every year.\n"
    )

    extracted = extract_text(markdown.encode(), "declaration.md")
    parsed = parse_declaration(extracted.text)

    assert extracted.format == "markdown"
    assert parsed.title == "Declaration of Test City"
    assert parsed.intro == "We, the participants of the forum:"
    assert parsed.preamble == [
        "Recalling the Universal Declaration,",
        "Recognizing the role of cities,",
    ]
    assert parsed.promises == [
        "We will protect the rights of all residents.",
        "We will report every year.",
    ]


def test_markdown_images_code_and_escapes_become_plain_text():
    text = markdown_to_text("See ![the map](map.png), `code` and 5 \\* 3 <br> > quoted\n")

    assert text == "See the map, code and 5 * 3  > quoted\n"


def test_utf16_text_with_a_byte_order_mark_is_decoded():
    source = (FIXTURES / "gwangju-human-rights-city-declaration-ko.txt").read_text(encoding="utf-8")

    extracted = extract_text(source.encode("utf-16"), "선언문.txt")

    assert extracted.format == "text"
    assert parse_declaration(extracted.text).language == "ko"
    assert len(parse_declaration(extracted.text).promises) == 3


def test_utf8_with_a_byte_order_mark_loses_the_mark():
    extracted = extract_text(b"\xef\xbb\xbfTitle\r\n\r\nText\r\n", "a.txt")

    assert extracted.text == "Title\n\nText\n"


def test_text_that_is_not_utf8_is_refused_naming_the_file():
    with pytest.raises(ExtractionError, match="old.txt is not UTF-8"):
        extract_text("Déclaration".encode("latin-1"), "old.txt")


def test_a_pdf_name_on_a_text_file_is_refused():
    with pytest.raises(ExtractionError, match=r"^notes\.pdf is not a PDF"):
        extract_text(b"We, the participants:\n1. Hoping,\n", "notes.pdf")


def test_a_truncated_word_document_is_refused(source_2020):
    data = make_docx(source_2020)

    with pytest.raises(ExtractionError, match="broken.docx"):
        extract_text(data[: len(data) // 2], "broken.docx")


def test_a_zip_that_is_not_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")

    with pytest.raises(ExtractionError, match="archive.docx is a ZIP archive, not a Word"):
        extract_text(buffer.getvalue(), "archive.docx")


def test_a_damaged_pdf_is_refused():
    with pytest.raises(ExtractionError, match="bad.pdf"):
        extract_text(b"%PDF-1.7\n" + bytes(range(256)) * 10, "bad.pdf")


def test_a_pdf_without_text_is_refused_with_a_reason():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(10, 10, 100, 100)
    pdf.save()

    with pytest.raises(ExtractionError, match="scan.pdf has no text layer"):
        extract_text(buffer.getvalue(), "scan.pdf")


def test_an_empty_file_is_refused():
    with pytest.raises(ExtractionError, match="empty.txt is empty"):
        extract_text(b"", "empty.txt")


def test_a_file_of_only_whitespace_is_refused():
    with pytest.raises(ExtractionError, match="blank.txt contains no text"):
        extract_text(b" \n\n\t", "blank.txt")


def test_an_oversized_file_is_refused_mentioning_the_limit():
    with pytest.raises(ExtractionError, match="the limit is 10 MB"):
        extract_text(b"a" * (10 * 1024 * 1024 + 1), "huge.txt")
    with pytest.raises(ExtractionError, match="the limit is 1 KB"):
        extract_text(b"a" * 2000, "small.txt", max_bytes=1024)


def test_an_old_word_document_is_refused_with_advice():
    with pytest.raises(ExtractionError, match="save it as .docx"):
        extract_text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.doc")


def test_binary_garbage_is_refused_not_crashed_on():
    with pytest.raises(ExtractionError, match="image.png"):
        extract_text(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "image.png")
