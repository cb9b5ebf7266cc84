"""The archive as people expect an archive, in Chromium: an item's files shown on its
page (an image large, a PDF in a frame, sound with the browser's controls), thumbnails in
the list, markers of nearby places spread apart on the map, and a keeper withholding
words by selecting them. Each page passes axe-core and fits a phone."""

from __future__ import annotations

import io
import math
import re
import time
import wave

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import PHONE, axe_violations, sign_in
from .test_archive_records import add_testimony
from .test_mobile import overflow

# Images load lazily: one that has just come into view may still be on its way.
LOADED = "img => img.complete && img.naturalWidth > 0"


def png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 800), "#f7f3e8")
    ImageDraw.Draw(image).rectangle((100, 100, 1100, 700), outline="#083b6b", width=20)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string="<h1>Minutes of the citizens' committee</h1>").write_pdf()


def wav() -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\0\0" * 8000)
    return out.getvalue()


def upload(page, item_url: str, name: str, mime: str, data: bytes) -> None:
    page.goto(item_url)
    page.get_by_role("link", name="Add media").click()
    page.locator("input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}]
    )
    page.get_by_role("button", name="Add the file").click()
    page.wait_for_load_state()
    expect(page.get_by_text(f"“{name}” was added.")).to_be_visible()


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}: {violations}"


def add_document(page, title: str) -> str:
    """Add a document as the Gwangju editor; return the new item's address."""
    page.goto(reverse("archive:item-create"))
    page.get_by_label("City or organisation that keeps it").select_option("city:gwangju")
    page.get_by_label(re.compile(r"^Kind")).select_option("document")
    page.get_by_label("Title in English").fill(title)
    page.get_by_label("Description in English").fill("Papers of the citizens' committee.")
    page.get_by_label(re.compile(r"^Original language")).fill("en")
    # The first record a server saves loads the sentence encoder for its search document.
    page.get_by_role("button", name="Save as a draft").click(timeout=60_000)
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    return page.url


def pdf_is_drawn(page, path: str) -> bool:
    """Whether a frame on the page holds the PDF at `path` (not an error: a frame the
    file's headers forbid shows the browser's error page instead)."""
    for frame in page.frames:
        if frame.url.endswith(path):
            return frame.evaluate("document.contentType") == "application/pdf"
    return False


def test_an_items_files_are_shown_on_its_page_and_its_thumbnail_in_the_list(page, browser, server):
    title = f"Committee papers {int(time.time())}"
    sign_in(page, "gwangju-editor")
    url = add_document(page, title)
    upload(page, url, "square at dawn.png", "image/png", png())
    upload(page, url, "committee minutes.pdf", "application/pdf", pdf())
    upload(page, url, "voice.wav", "audio/wav", wav())
    page.goto(url)
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()

    # The image, large, with its caption.
    image = page.get_by_role("img", name="Image square at dawn.png")
    expect(image).to_be_visible()
    page.wait_for_function(LOADED, arg=image.element_handle())
    assert image.evaluate("img => img.naturalWidth") == 1200
    assert image.bounding_box()["width"] > 400
    expect(page.locator("figcaption", has_text="square at dawn.png")).to_be_visible()
    # The PDF in a frame the browser draws it in, with a way to download it.
    frame = page.locator("iframe.viewer-pdf")
    expect(frame).to_have_attribute("title", "PDF document committee minutes.pdf")
    frame.scroll_into_view_if_needed()
    path = frame.get_attribute("src")
    for _ in range(50):
        if pdf_is_drawn(page, path):
            break
        page.wait_for_timeout(200)
    assert pdf_is_drawn(page, path)
    expect(page.get_by_role("link", name="Download committee minutes.pdf")).to_be_visible()
    # Sound, with the browser's own controls.
    audio = page.locator("audio[controls]")
    expect(audio).to_have_attribute("aria-label", "voice.wav")
    assert_accessible(page)

    # Signed out: the list shows the image's thumbnail, with a text saying what it is.
    page.get_by_role("button", name="Sign out").click()
    page.goto(reverse("archive:item-list") + "?sort=newest")
    thumb = page.get_by_role("img", name="Image square at dawn.png")
    expect(thumb).to_be_visible()
    assert "/thumbnail/" in thumb.get_attribute("src")
    thumb.scroll_into_view_if_needed()
    page.wait_for_function(LOADED, arg=thumb.element_handle())
    assert thumb.evaluate("img => img.naturalWidth") == 480
    assert_accessible(page)

    # On a phone: the page and the list fit the screen, in English and Korean.
    context = browser.new_context(base_url=server, viewport=PHONE)
    phone = context.new_page()
    try:
        for language in ("en", "ko"):
            phone.goto("/")
            context.add_cookies(
                [{"name": "hrcities_language", "value": language, "url": phone.url}]
            )
            for path in (url, reverse("archive:item-list")):
                assert overflow(phone, path) is None
    finally:
        context.close()


def marker_centres(page) -> list[tuple[float, float]]:
    return page.locator("#archive-map .leaflet-marker-icon").evaluate_all(
        """icons => icons.map(icon => {
            const box = icon.getBoundingClientRect();
            return [box.left + box.width / 2, box.top + box.height / 2];
        })"""
    )


def closest(centres) -> float:
    return min(math.dist(a, b) for i, a in enumerate(centres) for b in centres[i + 1 :])


def test_markers_of_places_close_together_are_spread_apart_at_every_zoom(page):
    page.goto(reverse("archive:map"))
    page.wait_for_selector("#archive-map .leaflet-marker-icon")
    page.wait_for_load_state("networkidle")

    centres = marker_centres(page)
    # Three sites in Gwangju and one in Seoul are a few pixels apart seen from afar: each
    # marker stands apart all the same, joined by a line to where its place is.
    assert len(centres) == page.locator("#map-places tbody tr").count() >= 6
    assert closest(centres) >= 14
    assert page.locator("#archive-map path.marker-leg").count() >= 3

    page.get_by_role("button", name="Zoom in").click()
    page.wait_for_timeout(600)
    assert closest(marker_centres(page)) >= 14
    assert not axe_violations(page)


def test_a_keeper_withholds_words_by_selecting_them(page):
    title = f"Testimony to redact {int(time.time())}"
    sign_in(page, "gwangju-editor")
    url = add_testimony(page, title)
    page.goto(url)

    # Select "the Provincial Office" in the description, as a keeper would with the mouse.
    page.evaluate(
        """() => {
            const text = document.querySelector('[data-redact-field="description"] p').firstChild;
            const start = text.data.indexOf('the Provincial Office');
            const range = document.createRange();
            range.setStart(text, start);
            range.setEnd(text, start + 'the Provincial Office'.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }"""
    )
    button = page.get_by_role("button", name="Redact selection")
    expect(button).to_be_visible()
    button.click()

    form = page.locator("#redact-form")
    expect(form).to_be_visible()
    expect(form.get_by_label("Words to withhold")).to_have_value("the Provincial Office")
    expect(form.locator("input[name=field]")).to_have_value("description")
    expect(form.get_by_label("Reason (for the record)")).to_be_focused()
    form.get_by_label("Reason (for the record)").fill("Names a place that identifies her")
    form.get_by_role("button", name="Withhold these words").click()
    page.wait_for_load_state()

    assert page.url == url  # back on the item's page
    marked = page.locator('[data-redact-field="description"] mark.redacted')
    expect(marked).to_have_text("hidden from the public: the Provincial Office")
    expect(page.get_by_text("1 passage(s) are now withheld from readers.")).to_be_visible()
    assert_accessible(page)


def test_typing_the_words_still_withholds_them_without_the_script(page, browser, server):
    sign_in(page, "gwangju-editor")
    url = add_testimony(page, f"Testimony typed {int(time.time())}")
    context = browser.new_context(base_url=server, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, "gwangju-editor")
        page.goto(url)
        page.get_by_text("Withhold words from the public").click()
        page.get_by_label("Words to withhold").fill("26 May")
        page.get_by_role("button", name="Withhold these words").click()
        page.wait_for_load_state()
        expect(page.locator("mark.redacted", has_text="26 May").first).to_be_visible()
    finally:
        context.close()
