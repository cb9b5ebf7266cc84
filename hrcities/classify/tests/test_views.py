"""Editors see suggested tags with scores beside accepted ones, and decide each."""

import pytest
from django.urls import reverse

from hrcities.commitments.models import Clause
from hrcities.commitments.tests.factories import make_declaration
from hrcities.taxonomy.models import Tagging, TagStatus
from hrcities.taxonomy.tags import record_suggestions

pytestmark = pytest.mark.django_db


@pytest.fixture
def clause(sdg_goals):
    declaration = make_declaration(promises=0, preamble=1)
    clause = Clause.objects.get(declaration=declaration)
    record_suggestions(clause, [("sdg:11", 0.83), ("sdg:16", 0.61)])
    return clause


def test_the_tag_page_shows_suggestions_with_scores_and_named_buttons(clause, signed_in, admin):
    url = reverse("core:record-tags", args=["commitments.clause", clause.pk])
    page = signed_in(admin).get(url).content.decode()
    assert "Suggested tags" in page
    assert "score 0.83" in page and "score 0.61" in page
    assert page.index("G11") < page.index("G16")  # best first
    assert 'Accept<span class="visually-hidden"> 11. G11</span>' in page
    assert 'Reject<span class="visually-hidden"> 16. G16</span>' in page
    # Decisions reload the page, so its form shows them: no partial swap here.
    assert "hx-post" not in page.split('id="tags"')[1].split("</section>")[0]


def test_accepting_on_the_tag_page_returns_there_with_the_tag_chosen(clause, signed_in, admin):
    client = signed_in(admin)
    url = reverse("core:record-tags", args=["commitments.clause", clause.pk])
    tagging = Tagging.objects.for_record(clause).get(label="sdg:11")
    response = client.post(
        reverse("commitments:tag-decide", args=[tagging.pk]), {"decision": "accept", "next": url}
    )
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url).content.decode()
    assert 'name="tags" value="sdg:11" checked' in page
    assert "score 0.83" not in page and "score 0.61" in page
    tagging.refresh_from_db()
    assert tagging.status == TagStatus.ACCEPTED


def test_a_reader_sees_no_decision_buttons_on_a_record_page(sdg_goals, client, gwangju):
    from hrcities.commitments.tests.factories import make_action

    declaration = make_declaration(promises=1)
    action = make_action(declaration.commitments.get(), gwangju)
    record_suggestions(action, [("sdg:6", 0.9)])
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Suggested tags" in page and "score 0.90" in page
    assert "Accept<span" not in page
