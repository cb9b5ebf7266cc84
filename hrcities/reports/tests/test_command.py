"""`hrcities report`: the report as a file, and clear errors for what cannot be made."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.core.management import CommandError, call_command

from .factories import make_report_city


@pytest.fixture
def city(gwangju):
    return make_report_city(gwangju)


def report(*args: str) -> None:
    call_command("report", *args)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_the_command_writes_a_korean_pdf_for_the_public(city, tmp_path):
    output = tmp_path / "gwangju-2023.pdf"
    report(
        "--city",
        "gwangju",
        "--year",
        "2023",
        "--lang",
        "ko",
        "--format",
        "pdf",
        "--output",
        str(output),
    )
    assert output.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(output), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "위원회 여성 비율" in text
    assert "비공개 초안 지표" not in text, "the command writes what the public may read"


def test_the_command_writes_html_with_the_charts(city, tmp_path):
    output = tmp_path / "report.html"
    report(
        "--city",
        "gwangju",
        "--year",
        "2023",
        "--lang",
        "en",
        "--format",
        "html",
        "--output",
        str(output),
    )
    html = output.read_text(encoding="utf-8")
    assert '<html lang="en">' in html and 'role="img"' in html
    assert "Women on city committees" in html and "Secret draft indicator" not in html
    assert "<script" not in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--city", "atlantis", "--year", "2023"], "There is no city “atlantis”."),
        (["--city", "gwangju", "--year", "2019"], "Gwangju has no indicator values for 2019."),
        (
            ["--city", "gwangju", "--year", "2023", "--lang", "fr"],
            "--lang 'fr': the report is written in en or ko.",
        ),
        (["--city", "gwangju", "--year", "2023", "--format", "docx"], "choose pdf or html"),
    ],
)
def test_the_command_says_what_is_wrong(city, tmp_path, args, message):
    output = tmp_path / "nothing.pdf"
    with pytest.raises(CommandError, match=message.replace(".", r"\.").replace("(", r"\(")):
        report(*args, "--output", str(output))
    assert not output.exists(), "nothing is written"


def test_a_city_without_any_values_says_so(busan, tmp_path):
    with pytest.raises(CommandError, match="Busan has no indicator values yet."):
        report("--city", "busan", "--year", "2023", "--output", str(tmp_path / "x.pdf"))
