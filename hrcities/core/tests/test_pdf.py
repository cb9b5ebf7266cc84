"""The shared PDF renderer: loads nothing from outside, draws chart labels whole."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from hrcities.core.pdf import html_to_pdf

needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils is not installed"
)


def test_a_pdf_never_fetches_an_outside_or_local_file(monkeypatch):
    import urllib.request

    reached: list[str] = []

    def record(self, request, *args, **kwargs):
        reached.append(request.full_url)
        raise OSError("offline")

    monkeypatch.setattr(urllib.request.OpenerDirector, "_open", record)
    html = (
        '<img src="http://127.0.0.1:9/x.png"><img src="file:///etc/passwd">'
        '<link rel="stylesheet" href="https://example.org/x.css"><p>Text</p>'
    )
    assert html_to_pdf(html).startswith(b"%PDF")
    assert reached == []


@needs_poppler
def test_anchored_svg_labels_keep_their_place(tmp_path):
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="60">'
        '<text x="390" y="20" text-anchor="end" font-family="NanumGothic">오른쪽 끝</text>'
        '<text x="10" y="50" font-family="NanumGothic">left</text></svg>'
    )
    path = tmp_path / "labels.pdf"
    path.write_bytes(html_to_pdf(f"<html><body>{svg}</body></html>"))
    layout = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    import re

    words = {w: float(x) for x, w in re.findall(r'xMax="([\d.]+)"[^>]*>([^<]+)<', layout)}
    assert words["끝"] > words["left"] + 200, "the end-anchored label ends at the right"
    assert "오른쪽" in words
