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


def test_the_programme_page_shows_its_topics_and_offers_its_keepers_the_suggestions(
    client, signed_in, gwangju, gwangju_editor, seoul_editor
):
    from hrcities.taxonomy.models import HumanRightsTheme, SdgTarget
    from hrcities.taxonomy.tags import set_accepted_tags
    from hrcities.taxonomy.tests.pages import read_tags_section

    goal, _ = SdgGoal.objects.get_or_create(number=4, defaults={"titles": {"en": "Education"}})
    SdgTarget.objects.update_or_create(
        code="4.7", defaults={"goal": goal, "titles": {"en": "Education for human rights"}}
    )
    HumanRightsTheme.objects.update_or_create(
        slug="right-to-truth", defaults={"name": "Right to truth"}
    )
    programme = make_programme(gwangju, titles={"en": "Memory walk"})
    set_accepted_tags(programme, ["sdg-target:4.7"], by=gwangju_editor)
    record_suggestions(programme, [("theme:right-to-truth", 0.8)])
    public = read_tags_section(client, signed_in, programme, gwangju_editor, seoul_editor)

    assert "Education for human rights" in public and "Right to truth" in public
    korean = client.get(programme.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ko")
    assert '<h2 id="tags-heading">태그</h2>' in korean.content.decode()
