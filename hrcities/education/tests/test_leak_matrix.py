"""The education leak matrix: a draft programme, its session and its material are read
on every channel as the public, as a member without a role, as another city's editor and
as the programme's keeper.

The channels are the education pages (programme, session, list, totals, where it
travelled, programmes for a city), the city page, the API, JSON-LD, the CSV files of the
API and of the pages, the search (page, API with its counts and facet counts, and the
path that finds records by meaning), tags and tag suggestions, record history and the
city's annual report (page and PDF)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hrcities.accounts.tests.factories import make_user
from hrcities.archive.tests.cases import leaked, pdf_text
from hrcities.education import services
from hrcities.education.loaders import load_wphre
from hrcities.education.models import Audience
from hrcities.reports.tests.factories import make_report_city
from hrcities.taxonomy.models import SdgGoal
from hrcities.taxonomy.tags import record_suggestions, set_accepted_tags

from .factories import make_programme, make_session

pytestmark = pytest.mark.django_db

OPEN = "Open memory walk"
DRAFT = "Sentinel lantern plan"
SECRETS = [DRAFT, "Sentinel Facilitator", "Sentinel handbook", "Sentinel findings"]
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


class Cases:
    pass


@pytest.fixture
def cases(gwangju, busan, gwangju_editor):
    load_wphre()
    youth = Audience.objects.get(slug="youth")
    SdgGoal.objects.update_or_create(number=4, defaults={"titles": {"en": "Quality education"}})
    SdgGoal.objects.update_or_create(number=5, defaults={"titles": {"en": "Gender equality"}})
    made = Cases()
    made.open = make_programme(
        gwangju, titles={"en": OPEN}, languages=["ko"], audiences=[youth], format="online"
    )
    made.draft = services.create_programme(
        by=gwangju_editor,
        city=gwangju,
        titles={"en": DRAFT},
        summaries={"en": "Sentinel plan for the night."},
        languages=["ko"],
        audiences=[youth],
        format="blended",
    )
    for programme, word in ((made.open, "Open"), (made.draft, "Sentinel")):
        session = make_session(
            programme, starts_on=date(2023, 5, 18), facilitator=f"{word} Facilitator"
        )
        services.update_session(
            session,
            {"findings": {"en": f"{word} findings"}},
            by=gwangju_editor,
            based_on_version=None,
        )
        services.add_material(
            programme,
            by=gwangju_editor,
            url=f"https://example.org/{word.lower()}",
            licence="CC-BY-4.0",
            titles={"en": f"{word} handbook"},
        )
        set_accepted_tags(programme, ["sdg:4"], by=gwangju_editor)
        record_suggestions(programme, [("sdg:5", 0.9)])
    made.draft_session = made.draft.sessions.get()
    made.open_session = made.open.sessions.get()
    made.file = services.add_material(
        made.draft,
        by=gwangju_editor,
        upload=SimpleUploadedFile("plan.pdf", PDF),
        licence="all-rights-reserved",
        titles={"en": "Sentinel handbook"},
    )
    return made


def _get(client, path, **params):
    response = client.get(path, params)
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def read_channel(client, channel, cases):
    """Return everything a channel gives this client about the test programmes, as text."""
    programmes = [cases.open, cases.draft]
    sessions = [cases.open_session, cases.draft_session]
    if channel == "programme pages":
        return "".join(
            _get(client, reverse(name, args=[p.slug]))
            for p in programmes
            for name in ("education:programme-detail", "education:programme-travels")
        ) + "".join(_get(client, s.get_absolute_url()) for s in sessions)
    if channel == "programme list":
        return _get(client, reverse("education:programme-list")) + _get(
            client, reverse("education:programme-list"), audience="youth", language="ko"
        )
    if channel == "totals":
        return _get(client, reverse("education:totals"))
    if channel == "city page":
        return _get(client, reverse("network:city-detail", args=["gwangju"]))
    if channel == "programmes for a city":
        return _get(client, "/education/for/busan/") + _get(client, "/api/education/for/busan")
    if channel == "API":
        text = _get(client, "/api/education/programmes", limit=100)
        for p in programmes:
            for tail in ("", "/sessions", "/materials", "/lineage"):
                text += _get(client, f"/api/education/programmes/{p.pk}{tail}")
        return text
    if channel == "JSON-LD":
        return _get(client, "/api/education/dump.jsonld") + "".join(
            _get(client, f"/api/education/programmes/{p.pk}/jsonld") for p in programmes
        )
    if channel == "CSV":
        return "".join(
            _get(client, path)
            for path in (
                "/api/education/programmes.csv",
                "/api/education/sessions.csv",
                "/education/programmes.csv",
                "/education/sessions.csv",
            )
        )
    if channel == "search page":
        return _get(client, "/search/", q="Sentinel") + _get(client, "/search/", q="memory walk")
    if channel in ("search API", "semantic search"):
        semantic = "true" if channel == "semantic search" else "false"
        return "".join(
            _get(client, "/api/search", q=q, semantic=semantic, limit=100)
            for q in ("Sentinel", "lantern plan night", "Open memory walk", "Facilitator")
        )
    if channel == "tag suggestions":
        return "".join(
            _get(client, f"/api/records/education.programme/{p.pk}/tags")
            + _get(client, reverse("core:record-tags", args=["education.programme", p.pk]))
            for p in programmes
        )
    if channel == "record history":
        return "".join(
            _get(client, f"/api/records/{label}/{r.pk}/revisions")
            + _get(client, reverse("core:record-history", args=[label, r.pk]))
            for label, records in (
                ("education.programme", programmes),
                ("education.session", sessions),
            )
            for r in records
        )
    if channel == "report":
        make_report_city(cases.open.city)
        page = _get(client, reverse("reports:report-detail", args=["gwangju", 2023]))
        pdf = client.get(reverse("reports:report-pdf", args=["gwangju", 2023])).content
        return page + pdf_text(pdf)
    raise AssertionError(channel)


CHANNELS = [
    "programme pages",
    "programme list",
    "totals",
    "city page",
    "programmes for a city",
    "API",
    "JSON-LD",
    "CSV",
    "search page",
    "search API",
    "semantic search",
    "tag suggestions",
    "record history",
    "report",
]
# A record's history holds every field as stored: only its keepers read it. The tag
# answers name labels, not titles.
KEEPERS_ONLY = ("record history",)
NO_TITLES = ("tag suggestions",)
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
def test_no_one_but_the_keepers_reads_the_draft_on_any_channel(sign_in_as, cases, who, channel):
    client = sign_in_as(who)

    text = read_channel(client, channel, cases)

    assert leaked(text, SECRETS) == []
    if channel in NO_TITLES:
        assert text.count('"label": "sdg:4"') == 1  # the open programme's tag only
    elif channel in KEEPERS_ONLY and who != "other city's editor":
        assert OPEN not in text
    elif channel not in KEEPERS_ONLY:
        assert OPEN in text


@pytest.mark.parametrize("channel", CHANNELS)
def test_the_keepers_read_the_draft_on_every_channel(sign_in_as, cases, channel):
    client = sign_in_as("keeper")

    text = read_channel(client, channel, cases)

    if channel in NO_TITLES:
        assert text.count('"label": "sdg:4"') == 2
    else:
        assert DRAFT in text and OPEN in text


@pytest.mark.parametrize("who", READERS)
def test_search_counts_and_facet_counts_count_only_what_the_reader_may_see(sign_in_as, cases, who):
    client = sign_in_as(who)
    sees_draft = who == "keeper"

    body = client.get(
        "/api/search", {"q": "Facilitator OR walk OR Sentinel", "semantic": "false", "limit": 100}
    ).json()
    page = client.get("/search/", {"q": "Facilitator OR walk OR Sentinel"}).content.decode()

    kinds = {v["value"]: v["count"] for v in body["facets"]["kind"]}
    formats = {v["value"]: v["count"] for v in body["facets"]["format"]}
    audiences = {v["value"]: v["count"] for v in body["facets"]["audience"]}
    if sees_draft:
        assert kinds == {"programme": 2, "session": 2}
        assert formats == {"online": 1, "blended": 1, "in-person": 2}
        assert audiences == {"youth": 4}
    else:
        assert kinds == {"programme": 1, "session": 1}
        assert formats == {"online": 1, "in-person": 1}
        assert audiences == {"youth": 2}
        assert leaked(page, SECRETS) == [] and "2 results" in page
    assert body["count"] == sum(kinds.values())


def test_the_drafts_file_is_served_only_to_its_keepers(client, cases, busan_editor, gwangju_editor):
    path = reverse("education:material-file", args=[cases.file.pk])

    assert client.get(path).status_code == 404
    client.force_login(busan_editor)
    assert client.get(path).status_code == 404
    client.force_login(gwangju_editor)
    assert client.get(path).status_code == 200


def test_no_email_names_a_draft_programme(
    cases, gwangju, contributor, django_capture_on_commit_callbacks
):
    """The email channel: the draft is submitted (its reviewers are told at once) and
    waits with its tag suggestions; no email to anyone says what it is."""
    from hrcities.work.tests.factories import person
    from hrcities.work.tests.leaks import every_email

    person("gwangju-reviewer", "reviewer", city=gwangju)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_programme(cases.draft, by=contributor)

    text = every_email()

    assert leaked(text, [*SECRETS, OPEN, "Sentinel", "Facilitator"]) == []
    assert "[hrcities] Waiting for your review: 1 new" in text
    assert "Tag suggestions to decide: 2" in text  # the editor's digest
