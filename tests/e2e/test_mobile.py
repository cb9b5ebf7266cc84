"""Every page fits a phone: at 390 px wide no page scrolls sideways, in English and in Korean.

A page that is wider than the screen makes the reader pan left and right to read each
line; wide content (data tables, charts) scrolls inside its own box instead. The tests visit
every page with one browser context per language and report each page that overflows, with
the widest element that sticks out of a container that fits.
"""

from __future__ import annotations

import pytest

from .conftest import path_for
from .pages import (
    ADMIN_PAGES,
    EDITOR_PAGES,
    MORE_ADMIN_PAGES,
    MORE_EDITOR_PAGES,
    MORE_PUBLIC_PAGES,
    PUBLIC_PAGES,
)

# Searches in both languages, so results, snippets and facets are on the page; and the API's
# own documentation page.
MORE_PATHS = ["/search/?q=human+rights", "/search/?q=%EC%9D%B8%EA%B6%8C", "/api/docs"]

# The page's width against the screen's, and when it is wider, the widest element that sticks
# out of a parent that fits (the one to fix), skipping anything inside a box that scrolls.
MEASURE = """() => {
  const screen = document.documentElement.clientWidth;
  const width = document.documentElement.scrollWidth;
  if (width <= screen) return {width, screen, culprit: null};
  const right = (el) => el.getBoundingClientRect().right + window.scrollX;
  // The box an element is laid out in: an absolutely placed one escapes its parent.
  const container = (el) =>
    getComputedStyle(el).position === 'absolute' ? el.offsetParent : el.parentElement;
  const scrolls = (el) => {
    for (let up = container(el); up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    }
    return false;
  };
  let culprit = null;
  let widest = -1;
  for (const el of document.body.querySelectorAll('*')) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || right(el) <= screen + 0.5) continue;
    if (getComputedStyle(el).position === 'fixed' || scrolls(el)) continue;
    const box = container(el);
    if (box && box !== document.body && right(box) > screen + 0.5) continue;
    if (rect.width > widest) { widest = rect.width; culprit = el; }
  }
  if (!culprit) return {width, screen, culprit: 'no single element (margins?)'};
  const name = culprit.tagName.toLowerCase()
    + (culprit.id ? '#' + culprit.id : '')
    + [...culprit.classList].map((c) => '.' + c).join('');
  const text = (culprit.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
  return {width, screen, culprit: `${name} (${Math.round(widest)} px wide) "${text}"`};
}"""


def overflow(page, path: str) -> str | None:
    """Visit the page and describe how it overflows the screen, or return None if it fits."""
    response = page.goto(path)
    assert response is not None and response.status < 400, f"{path} answered {response.status}"
    found = page.evaluate(MEASURE)
    if found["width"] <= found["screen"]:
        return None
    return (
        f"{path} is {found['width']} px wide on a {found['screen']} px screen: {found['culprit']}"
    )


def overflowing(page, paths: list[str]) -> list[str]:
    return [problem for path in paths if (problem := overflow(page, path))]


@pytest.mark.parametrize("language", ["en", "ko"])
def test_public_pages_fit_a_phone_screen(phone, ids, language):
    page = phone(language)
    pages = PUBLIC_PAGES + MORE_PUBLIC_PAGES
    paths = [path_for(name, args, ids) for name, args in pages] + MORE_PATHS
    problems = overflowing(page, paths)
    assert not problems, f"At 390 px in {language}:\n" + "\n".join(problems)


SIGNED_IN = [
    (("gwangju-editor", "hrcities-demo"), EDITOR_PAGES + MORE_EDITOR_PAGES),
    (("admin", "hrcities-admin"), ADMIN_PAGES + MORE_ADMIN_PAGES),
]


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize(("user", "pages"), SIGNED_IN, ids=["editor", "admin"])
def test_signed_in_pages_fit_a_phone_screen(phone, ids, language, user, pages):
    page = phone(language, user)
    problems = overflowing(page, [path_for(name, args, ids) for name, args in pages])
    # The consent page links each consent's withdrawal form: check that one too.
    page.goto(path_for("archive:item-consents", ["{archive_item}"], ids))
    withdraw = page.locator("a[href$='/withdraw/']").first.get_attribute("href")
    problems += overflowing(page, [withdraw])
    assert not problems, f"At 390 px in {language}, as {user[0]}:\n" + "\n".join(problems)


def test_the_measure_names_the_element_that_makes_a_page_too_wide(phone):
    page = phone("en")
    page.goto("/")
    assert page.evaluate(MEASURE)["culprit"] is None
    # A blank page, whose inline styles no content security policy blocks.
    page.goto("about:blank")
    page.set_content('<!DOCTYPE html><main><div style="width: 900px" class="too-wide">wide</div>')
    found = page.evaluate(MEASURE)
    assert found["width"] > found["screen"]
    assert found["culprit"] == 'div.too-wide (900 px wide) "wide"'


def test_the_measure_sees_a_label_escaping_a_scroll_box(phone):
    page = phone("en")
    page.goto("about:blank")
    page.set_content(
        """<!DOCTYPE html><div style="overflow-x: auto"><div style="width: 600px">scrolls
        <span class="escapes" style="position: absolute; left: 500px">away</span></div></div>"""
    )
    found = page.evaluate(MEASURE)
    assert found["width"] > found["screen"]
    assert found["culprit"].startswith("span.escapes")
