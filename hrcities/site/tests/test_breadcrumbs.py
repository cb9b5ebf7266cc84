"""One breadcrumb trail for the whole site: every page that has one draws it with
templates/_breadcrumbs.html, a named navigation ending with the page itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse

from hrcities.commitments.tests.factories import make_action, make_declaration
from hrcities.education.tests.factories import make_programme, make_session
from hrcities.indicators.tests.factories import make_indicator, observe

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / "templates" / "_breadcrumbs.html"
TRAIL = re.compile(
    r'<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>(.*?)</ol></nav>', re.DOTALL
)


def test_no_template_draws_a_breadcrumb_trail_of_its_own():
    own = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.html")
        if path != SHARED and 'class="breadcrumbs"' in path.read_text(encoding="utf-8")
    ]
    assert own == []


def test_the_trail_tag_pairs_labels_with_addresses_and_skips_empty_steps():
    template = Template(
        '{% load core_tags %}{% trail "Reports" "/reports/" missing "/nowhere/" city "/c/" '
        'as crumbs %}{% include "_breadcrumbs.html" with trail=crumbs current="2023" %}'
    )
    html = template.render(Context({"city": "Gwangju"}))
    assert html == (
        '<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>'
        '<li><a href="/reports/">Reports</a></li><li><a href="/c/">Gwangju</a></li>'
        '<li aria-current="page">2023</li></ol></nav>\n'
    )
    with pytest.raises(TemplateSyntaxError, match="a label and an address for each step"):
        Template('{% load core_tags %}{% trail "Reports" as crumbs %}').render(Context())


def trail_of(client, url: str) -> list[tuple[str, str]]:
    """Return the page's one trail as (address or "current", label)."""
    page = client.get(url)
    assert page.status_code == 200, url
    (trail,) = TRAIL.findall(page.content.decode())
    steps = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', trail)
    current = re.findall(r'<li aria-current="page">([^<]+)</li>', trail)
    assert len(current) == 1, f"{url}: the trail ends with the page itself"
    return [*steps, ("current", current[0])]


@pytest.mark.django_db
def test_pages_of_every_app_end_their_trail_with_themselves(client, gwangju, gwangju_editor):
    indicator = make_indicator(gwangju, code="W-1", names={"en": "Women on committees"})
    observe(indicator, 2023, 40)
    declaration = make_declaration(promises=1, slug="forum-2020", title="Forum 2020")
    commitment = declaration.commitments.get()
    action = make_action(commitment, gwangju, title="Open the office")
    programme = make_programme(gwangju, titles={"en": "Rights at work"})
    session = make_session(programme)

    assert trail_of(client, indicator.get_absolute_url()) == [
        ("/indicators/", "Indicators"),
        ("/indicators/gwangju/", "Gwangju"),
        ("current", "W-1 Women on committees"),
    ]
    assert trail_of(client, action.get_absolute_url()) == [
        ("/declarations/", "Declarations"),
        (declaration.get_absolute_url(), "Forum 2020"),
        (commitment.get_absolute_url(), "Promise 1"),
        ("current", "Open the office"),
    ]
    assert trail_of(client, session.get_absolute_url()) == [
        ("/education/", "Programmes"),
        (programme.get_absolute_url(), "Rights at work"),
        ("current", "Session of 18 May 2024"),
    ]
    assert trail_of(client, reverse("reports:report-detail", args=["gwangju", 2023])) == [
        ("/reports/", "Human rights reports"),
        ("/network/cities/gwangju/", "Gwangju"),
        ("current", "2023"),
    ]
    client.force_login(gwangju_editor)
    assert trail_of(client, reverse("work:preferences"))[-1] == ("current", "Email")
    edit = reverse("indicators:indicator-edit", args=["gwangju", "W-1"])
    assert trail_of(client, edit)[-2:] == [
        (indicator.get_absolute_url(), "W-1 Women on committees"),
        ("current", "Edit indicator W-1"),
    ]
