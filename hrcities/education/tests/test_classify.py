"""Tag suggestions for programmes: the suggester reads a programme's titles, summaries
and learning outcomes, and a suggestion counts in search only once a person confirms it."""

import pytest

from hrcities.classify.registry import text_of
from hrcities.taxonomy.models import SdgGoal, Tagging
from hrcities.taxonomy.tags import record_suggestions

from .factories import make_programme

pytestmark = pytest.mark.django_db


def test_the_suggester_reads_titles_summaries_and_outcomes_in_every_language(gwangju):
    programme = make_programme(
        gwangju,
        titles={"en": "Memory walk", "ko": "기억 걷기"},
        summaries={"ko": "오월 광주의 장소를 걷습니다."},
        outcomes={"en": "Participants can explain the right to truth."},
        contact="office@example.org",
    )

    text = text_of(programme)

    assert text.splitlines() == [
        "Memory walk",
        "기억 걷기",
        "오월 광주의 장소를 걷습니다.",
        "Participants can explain the right to truth.",
    ]


def test_a_suggested_goal_counts_in_search_once_a_keeper_accepts_it(
    client, gwangju, gwangju_editor
):
    SdgGoal.objects.create(number=4, titles={"en": "Quality education"})
    programme = make_programme(gwangju, titles={"en": "Memory walk"})
    record_suggestions(programme, [("sdg:4", 0.93)])

    def goals(**params):
        body = client.get("/api/search", {"q": "memory", "semantic": "false", **params}).json()
        return {v["value"]: v["count"] for v in body["facets"]["sdg"]}

    assert goals() == {}
    assert goals(suggested="true") == {"4": 1}
    client.force_login(gwangju_editor)
    page = client.get(f"/records/education.programme/{programme.pk}/tags/").content.decode()
    assert "Quality education" in page
    suggestion = Tagging.objects.get(object_id=programme.pk, label="sdg:4")
    decided = client.post(
        f"/api/records/tags/{suggestion.pk}/decision",
        {"accept": True},
        content_type="application/json",
    )
    assert decided.status_code == 200
    assert goals() == {"4": 1}
