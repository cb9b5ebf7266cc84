"""Tag suggestions for measures: the suggester reads a measure's titles, summaries and
legal basis, and a suggested theme counts in search only once a keeper accepts it."""

import pytest

from hrcities.classify.registry import text_of
from hrcities.taxonomy.models import Tagging
from hrcities.taxonomy.tags import record_suggestions

from .factories import make_measure

pytestmark = pytest.mark.django_db


def test_the_suggester_reads_titles_summaries_and_legal_basis_in_every_language(gwangju, covid):
    measure = make_measure(
        gwangju,
        titles={"en": "Rally ban", "ko": "집회 금지"},
        summaries={"ko": "도심 집회를 금지합니다."},
        legal_basis={"en": "Infectious Disease Control Act, art. 49"},
        authority={"en": "Mayor of Gwangju"},
    )

    assert text_of(measure).splitlines() == [
        "Rally ban",
        "집회 금지",
        "도심 집회를 금지합니다.",
        "Infectious Disease Control Act, art. 49",
    ]


def test_a_suggested_group_counts_in_search_once_a_keeper_accepts_it(
    client, gwangju, gwangju_editor, covid
):
    measure = make_measure(gwangju, titles={"en": "Rally ban"})
    record_suggestions(measure, [("group:migrants", 0.9)])

    def groups(**params):
        body = client.get("/api/search", {"q": "rally", "semantic": "false", **params}).json()
        return {v["value"]: v["count"] for v in body["facets"]["group"]}

    assert groups() == {}
    assert groups(suggested="true") == {"migrants": 1}
    client.force_login(gwangju_editor)
    suggestion = Tagging.objects.get(object_id=measure.pk, label="group:migrants")
    decided = client.post(
        f"/api/records/tags/{suggestion.pk}/decision",
        {"accept": True},
        content_type="application/json",
    )
    assert decided.status_code == 200
    assert groups() == {"migrants": 1}


def test_the_measure_page_shows_its_tags_and_offers_its_keepers_the_suggestions(
    client, signed_in, gwangju, gwangju_editor, busan_editor, covid
):
    from hrcities.taxonomy.models import SdgGoal
    from hrcities.taxonomy.tags import set_accepted_tags
    from hrcities.taxonomy.tests.pages import read_tags_section

    SdgGoal.objects.update_or_create(number=16, defaults={"titles": {"en": "Peace and justice"}})
    SdgGoal.objects.update_or_create(number=3, defaults={"titles": {"en": "Good health"}})
    measure = make_measure(gwangju, titles={"en": "Rallies banned downtown"})
    set_accepted_tags(measure, ["sdg:16"], by=gwangju_editor)
    record_suggestions(measure, [("sdg:3", 0.7)])
    public = read_tags_section(client, signed_in, measure, gwangju_editor, busan_editor)

    assert "Peace and justice" in public and "Good health" in public
