"""How shared parts of the site sit on a phone and a wide screen: the breadcrumb trail, the
search filters beside their labels, and the open data page with commands that work."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import axe_violations, path_for, sign_in

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}

# For each checkbox of the search filters: how far its middle is from the middle of the
# first line of its label, and whether it stands to the left of the label.
FACETS = """() => [...document.querySelectorAll('.search-facets input[type=checkbox]')]
.map((box) => {
  const label = document.querySelector(`label[for="${box.id}"]`);
  const b = box.getBoundingClientRect();
  const line = label.getClientRects()[0];
  const lineHeight = parseFloat(getComputedStyle(label).lineHeight);
  const lineMiddle = line.top + Math.min(line.height, lineHeight) / 2;
  return {id: box.id, off: Math.abs((b.top + b.bottom) / 2 - lineMiddle),
          beside: b.right <= line.left, lineHeight};
})"""


def set_language(page, language: str) -> None:
    page.goto("/")
    page.context.add_cookies([{"name": "hrcities_language", "value": language, "url": page.url}])


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("screen", [PHONE, WIDE], ids=["phone", "wide"])
def test_each_search_filter_checkbox_sits_on_the_first_line_of_its_label(page, language, screen):
    page.set_viewport_size(screen)
    set_language(page, language)
    # The first search of a server loads the sentence encoder: it may take a while.
    page.goto("/search/?q=human+rights", timeout=60_000)
    boxes = page.evaluate(FACETS)
    assert len(boxes) > 10
    misplaced = [box for box in boxes if box["off"] > 2 or not box["beside"]]
    assert misplaced == [], misplaced
    assert page.evaluate("document.documentElement.scrollWidth") <= screen["width"]
    assert not axe_violations(page)


def test_a_upr_recommendation_result_reads_by_its_own_words(page):
    page.set_viewport_size(PHONE)
    page.goto("/search/?q=sexual+consent+curricula&kind=upr-recommendation")
    result = page.locator(".result").first
    expect(result.get_by_role("heading")).to_have_text(
        re.compile(r"^Incorporate education on sexual consent in official school curricula")
    )
    expect(result.locator(".result-subtitle")).to_have_text(
        "Slovenia, UPR cycle 4, paragraph 140.130"
    )


TRAILS = [
    ("reports:report-detail", ["gwangju", 2023], ["Human rights reports", "Gwangju", "2023"]),
    ("indicators:indicator-detail", ["gwangju", "GJ-2-1"], ["Indicators", "Gwangju"]),
    ("commitments:commitment-detail", ["2020-whrcf-final-declaration", 5], ["Declarations"]),
    ("education:programme-detail", ["{programme}"], ["Programmes"]),
]


@pytest.mark.parametrize(("name", "args", "starts"), TRAILS, ids=[n for n, _a, _s in TRAILS])
def test_the_breadcrumb_is_an_inline_trail_ending_with_the_page(page, ids, name, args, starts):
    page.set_viewport_size(PHONE)
    page.goto(path_for(name, args, ids))
    trail = page.get_by_role("navigation", name="Breadcrumb")
    items = trail.locator("li")
    texts = [text.strip() for text in items.all_inner_texts()]
    assert texts[: len(starts)] == starts
    expect(items.last).to_have_attribute("aria-current", "page")
    layout = trail.evaluate(
        """(nav) => {
          const list = nav.querySelector('ol');
          const [first, second] = nav.querySelectorAll('li');
          return {marker: getComputedStyle(list).listStyleType,
                  sameLine: Math.abs(first.getBoundingClientRect().top
                                     - second.getBoundingClientRect().top) < 2,
                  separator: getComputedStyle(second, '::before').content};
        }"""
    )
    assert layout["marker"] == "none", "no numbers before the steps"
    assert layout["sameLine"], "the trail runs on as one line of text, wrapping where it ends"
    assert "›" in layout["separator"]


def test_an_editors_form_page_has_the_same_trail(page):
    sign_in(page, "gwangju-editor")
    page.goto(reverse("indicators:indicator-edit", args=["gwangju", "GJ-2-1"]))
    trail = page.get_by_role("navigation", name="Breadcrumb")
    expect(trail.locator("[aria-current=page]")).to_have_text("Edit indicator GJ-2-1")


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_open_data_page_fits_a_phone_and_every_command_on_it_works(page, language):
    page.set_viewport_size(PHONE)
    set_language(page, language)
    page.goto(reverse("core:api-home"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not axe_violations(page)
    commands = [html.unescape(c) for c in page.locator("pre code").all_inner_texts()]
    # The curl lines are fetched here; the standards' own clients are run by
    # tests/test_open_data_clients.py.
    curls = [command for command in commands if command.lstrip().startswith("curl ")]
    assert len(curls) >= 20
    paths = [re.search(r'"https?://[^/"]+(/[^"]*)"', command).group(1) for command in curls]
    assert "/api/openapi.json" in paths and "/oai?verb=Identify" in paths
    for path in paths:
        response = page.request.get(path)
        assert response.status == 200, path
