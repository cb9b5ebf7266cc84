"""The emergency leak matrix: a draft review of a published measure, and a draft measure
with a review that was published on its own, are read on every channel as the public, as
a member without a role, as another city's editor and as their keeper.

A review is seen only when it and its measure are (`Review.objects.visible_to`), so the
review of the draft measure, though published, is its keepers' alone. The channels are
the emergency pages (measure, review, list with its filters, watch dashboard, timeline),
the city page, the API (lists, details, changes, reviews, watch), the CSV files of the API
and of the pages, the search (page, API with its counts and facet counts, the path that
finds records by meaning), record history and the city's annual report (page and PDF)."""

import re
from datetime import date

import pytest
from django.urls import reverse

from hrcities.accounts.tests.factories import make_user
from hrcities.archive.tests.cases import leaked, pdf_text
from hrcities.emergency import services
from hrcities.reports.tests.factories import make_report_city

from .factories import all_answers, make_measure, make_review

pytestmark = pytest.mark.django_db

OPEN = "Open curfew order"
DRAFT = "Sentinel lockdown plan"
SECRETS = [
    DRAFT,
    "Sentinel review findings",
    "Sentinel advice",
    "Sentinel evidence",
    "Sentinel Reviewer",
    "Sentinel orphan review",
]


class Cases:
    pass


@pytest.fixture
def cases(gwangju, busan, gwangju_editor, covid):
    made = Cases()
    made.open = make_measure(
        gwangju,
        titles={"en": OPEN},
        summaries={"en": "Bars close at nine"},
        introduced_on=date(2023, 3, 1),
        in_force_from=date(2023, 3, 1),
        sunset_on=date(2023, 6, 1),
    )
    made.open_review = make_review(
        made.open,
        outcome="compatible",
        reviewed_on=date(2023, 4, 1),
        summaries={"en": "Open review words"},
    )
    answers = all_answers("no")
    answers["legality"]["evidence"] = {"en": "Sentinel evidence"}
    made.draft_review = services.create_review(
        made.open,
        by=gwangju_editor,
        city=gwangju,
        reviewed_on=date(2023, 9, 1),
        outcome="incompatible",
        reviewer_name="Sentinel Reviewer",
        summaries={"en": "Sentinel review findings"},
        recommendations={"en": "Sentinel advice"},
        answers=answers,
    )
    made.draft = services.create_measure(
        by=gwangju_editor,
        city=gwangju,
        applies_in=gwangju,
        titles={"en": DRAFT},
        summaries={"en": "Sentinel summary of the plan"},
        kind="order",
        emergency=covid,
        introduced_on=date(2023, 3, 1),
        in_force_from=date(2023, 3, 2),
        sunset_on=date(2023, 4, 1),
    )
    services.record_change(
        made.draft,
        by=gwangju_editor,
        kind="extended",
        on=date(2023, 3, 30),
        new_sunset=date(2023, 5, 1),
        note={"en": "Sentinel extension"},
    )
    # Published on its own (as an import or a restore could leave it): still hidden with
    # its measure.
    made.orphan = make_review(
        made.draft, outcome="concerns", summaries={"en": "Sentinel orphan review"}
    )
    return made


def _get(client, path, **params):
    response = client.get(path, params)
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def read_channel(client, channel, cases):
    """Return everything a channel gives this client about the test measures, as text."""
    measures = [cases.open, cases.draft]
    reviews = [cases.open_review, cases.draft_review, cases.orphan]
    if channel == "measure pages":
        return "".join(_get(client, m.get_absolute_url()) for m in measures) + "".join(
            _get(client, r.get_absolute_url()) for r in reviews
        )
    if channel == "measure list":
        return "".join(
            _get(client, reverse("emergency:measure-list"), **params)
            for params in ({}, {"outcome": "incompatible"}, {"outcome": "concerns"})
        )
    if channel == "watch dashboard":
        return _get(client, reverse("emergency:dashboard")) + _get(
            client, reverse("emergency:dashboard"), city="gwangju"
        )
    if channel == "timeline":
        return _get(client, reverse("emergency:city-timeline", args=["gwangju"]))
    if channel == "city page":
        return _get(client, reverse("network:city-detail", args=["gwangju"]))
    if channel == "API":
        text = _get(client, "/api/emergency/measures", limit=100)
        text += _get(client, "/api/emergency/measures", outcome="incompatible")
        text += _get(client, "/api/emergency/watch") + _get(
            client, "/api/emergency/watch", city="gwangju"
        )
        for m in measures:
            for tail in ("", "/changes", "/reviews"):
                text += _get(client, f"/api/emergency/measures/{m.pk}{tail}")
        for r in reviews:
            text += _get(client, f"/api/emergency/measures/{r.measure_id}/reviews/{r.pk}")
        return text
    if channel == "CSV":
        return "".join(
            _get(client, path)
            for path in (
                "/api/emergency/measures.csv",
                "/api/emergency/reviews.csv",
                reverse("emergency:measures-csv"),
                reverse("emergency:reviews-csv"),
            )
        )
    if channel == "search page":
        return _get(client, "/search/", q="Sentinel") + _get(client, "/search/", q="curfew")
    if channel in ("search API", "semantic search"):
        semantic = "true" if channel == "semantic search" else "false"
        return "".join(
            _get(client, "/api/search", q=q, semantic=semantic, limit=100)
            for q in ("Sentinel", "lockdown plan", "Open curfew order", "advice findings")
        )
    if channel == "record history":
        return "".join(
            _get(client, f"/api/records/{label}/{r.pk}/revisions")
            + _get(client, reverse("core:record-history", args=[label, r.pk]))
            for label, records in (("emergency.measure", measures), ("emergency.review", reviews))
            for r in records
        )
    if channel == "report":
        make_report_city(cases.open.city)
        page = _get(client, reverse("reports:report-detail", args=["gwangju", 2023]))
        pdf = client.get(reverse("reports:report-pdf", args=["gwangju", 2023])).content
        return page + pdf_text(pdf)
    raise AssertionError(channel)


CHANNELS = [
    "measure pages",
    "measure list",
    "watch dashboard",
    "timeline",
    "city page",
    "API",
    "CSV",
    "search page",
    "search API",
    "semantic search",
    "record history",
    "report",
]
# A record's history holds every field as stored: only its keepers read it.
KEEPERS_ONLY = ("record history",)
READERS = ["public", "member", "other city's editor", "keeper"]


@pytest.fixture
def sign_in_as(client, busan_editor, gwangju_editor):
    def sign_in(who):
        if who == "member":
            client.force_login(make_user("outsider"))
        elif who == "other city's editor":
            client.force_login(busan_editor)
        elif who == "keeper":
            client.force_login(gwangju_editor)
        return client

    return sign_in


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("who", READERS[:3])
def test_no_one_but_the_keepers_reads_the_drafts_on_any_channel(sign_in_as, cases, who, channel):
    client = sign_in_as(who)

    text = read_channel(client, channel, cases)

    assert leaked(text, SECRETS) == []
    if channel in KEEPERS_ONLY:
        assert OPEN not in text
    else:
        assert OPEN in text


@pytest.mark.parametrize("channel", CHANNELS)
def test_the_keepers_read_the_drafts_where_they_work_on_them(sign_in_as, cases, channel):
    client = sign_in_as("keeper")

    text = read_channel(client, channel, cases)

    # The factory-made records have no revisions: the history shows the services' work.
    assert DRAFT in text and (OPEN in text or channel in KEEPERS_ONLY)
    if channel in ("measure pages", "API", "CSV", "record history"):
        assert "Sentinel review findings" in text
    if channel in ("measure pages", "API", "CSV"):
        assert "Sentinel orphan review" in text


@pytest.mark.parametrize("who", READERS)
def test_counts_and_outcomes_tell_nothing_of_a_draft_review(sign_in_as, cases, who):
    client = sign_in_as(who)
    keeper = who == "keeper"

    body = client.get("/api/search", {"q": "", "kind": "measure", "semantic": "false"}).json()
    outcomes = {v["value"]: v["count"] for v in body["facets"]["outcome"]}
    watch = client.get("/api/emergency/watch", {"city": "gwangju"}).json()
    listed = client.get("/api/emergency/measures", {"outcome": "incompatible"}).json()
    open_row = next(
        m for m in client.get("/api/emergency/measures").json()["items"] if m["title"] == OPEN
    )

    # The draft review (incompatible, later) never becomes the open measure's outcome.
    assert open_row["latest_review"]["outcome"] == "compatible"
    assert listed["count"] == 0 and "incompatible" not in outcomes
    # Worrying: in force with concerns; the draft measure's published review says so.
    assert [m["title"] for m in watch["worrying"]] == ([DRAFT] if keeper else [])
    if keeper:
        assert outcomes == {"compatible": 1, "concerns": 1}
        assert body["count"] == 2 and watch["total"] == 2
    else:
        assert outcomes == {"compatible": 1}
        assert body["count"] == 1 and watch["total"] == 1
        assert {v["value"]: v["count"] for v in body["facets"]["in_force"]} == {"yes": 1}


def test_an_import_by_another_city_learns_nothing_of_a_draft(client, cases, busan_editor):
    from hrcities.emergency.exchange import REVIEW_COLUMNS, import_reviews_csv

    client.force_login(busan_editor)
    row = {column: "" for column in REVIEW_COLUMNS}
    header = ",".join(REVIEW_COLUMNS)
    hidden = ",".join(str(cases.draft_review.pk) if c == "id" else "" for c in REVIEW_COLUMNS)
    missing = ",".join("999999" if c == "id" else row[c] for c in REVIEW_COLUMNS)

    from hrcities.core.csvfiles import ImportRefused

    messages = []
    for line in (hidden, missing):
        with pytest.raises(ImportRefused) as refused:
            import_reviews_csv(f"{header}\n{line}\n".encode(), by=busan_editor)
        messages.append(re.sub(r"record \d+", "record N", str(refused.value.report.errors[0])))

    # A hidden review and one that does not exist are refused in the same words.
    assert messages[0] == messages[1]


def test_no_email_names_a_draft_measure_or_review(
    cases, gwangju, contributor, django_capture_on_commit_callbacks
):
    """The email channel: the draft measure and its draft review wait for review (told
    at once and in the digest); no email to anyone says what they are."""
    from hrcities.work.tests.factories import person
    from hrcities.work.tests.leaks import every_email

    person("gwangju-reviewer", "reviewer", city=gwangju)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_measure(cases.draft, by=contributor)
        services.submit_review(cases.draft_review, by=contributor)

    text = every_email()

    assert leaked(text, [*SECRETS, OPEN, "Sentinel", "curfew"]) == []
    assert "[hrcities] Waiting for your review: 1 new" in text
    assert "Waiting for your review: 2" in text  # the editor's digest
