import pytest
from django.urls import reverse

from hrcities.commitments.models import Clause
from hrcities.commitments.tests.builders import action, declaration_with
from hrcities.taxonomy.models import HumanRightsTheme, SdgGoal
from hrcities.taxonomy.tags import accepted_labels, record_suggestions, tags_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def vocabulary():
    # The taxonomy may already be loaded in this test database (taxonomy/tests/conftest.py).
    SdgGoal.objects.update_or_create(
        number=16,
        defaults={
            "titles": {"en": "Peace, justice and strong institutions", "ko": "평화, 정의, 제도"}
        },
    )
    HumanRightsTheme.objects.update_or_create(
        slug="right-to-education", defaults={"name": "Right to education"}
    )


def test_an_admin_tags_a_clause_and_the_declaration_page_shows_it(vocabulary, signed_in, admin):
    declaration = declaration_with(1, slug="d")
    clause = Clause.objects.create(
        declaration=declaration, kind="preamble", number=1, text="Welcoming the centre"
    )
    client = signed_in(admin)
    url = reverse("core:record-tags", args=["commitments.clause", clause.pk])

    assert client.get(url).status_code == 200
    response = client.post(url, {"tags": ["sdg:16", "theme:right-to-education"]})

    assert response.status_code == 302
    assert accepted_labels(clause) == ["sdg:16", "theme:right-to-education"]
    page = client.get(reverse("commitments:declaration-detail", args=["d"])).content.decode()
    assert "Right to education" in page


def test_unknown_tags_are_refused_by_name(vocabulary, signed_in, admin):
    declaration = declaration_with(1, slug="d")
    url = reverse("core:record-tags", args=["commitments.declaration", declaration.pk])

    response = signed_in(admin).post(url, {"tags": ["sdg:16", "sdg:99"]})

    assert response.status_code == 400
    assert "sdg:99" in response.content.decode()
    assert accepted_labels(declaration) == []


def test_only_the_records_editors_change_its_tags(
    vocabulary, signed_in, gwangju_editor, busan_editor, gwangju
):
    mine = action(declaration_with(1, slug="d").commitments.get(), gwangju)
    url = reverse("core:record-tags", args=["commitments.action", mine.pk])

    assert signed_in(busan_editor).post(url, {"tags": ["sdg:16"]}).status_code == 403
    assert signed_in(gwangju_editor).post(url, {"tags": ["sdg:16"]}).status_code == 302
    assert accepted_labels(mine) == ["sdg:16"]


def test_accepted_and_suggested_tags_stay_apart(
    vocabulary, gwangju, gwangju_editor, client, api_token
):
    mine = action(declaration_with(1, slug="d").commitments.get(), gwangju)
    record_suggestions(mine, [("sdg:16", 0.91), ("theme:right-to-education", 0.4)])
    key = api_token(gwangju_editor)

    tags = client.get(f"/api/records/commitments.action/{mine.pk}/tags").json()
    assert tags["accepted"] == []
    assert [t["label"] for t in tags["suggested"]] == ["sdg:16", "theme:right-to-education"]

    decided = client.post(
        f"/api/records/tags/{tags['suggested'][0]['tagging_id']}/decision",
        {"accept": True},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    ).json()
    assert [t["label"] for t in decided["accepted"]] == ["sdg:16"]
    assert [t["label"] for t in decided["suggested"]] == ["theme:right-to-education"]

    rejected_id = decided["suggested"][0]["tagging_id"]
    client.post(
        f"/api/records/tags/{rejected_id}/decision",
        {"accept": False},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    record_suggestions(mine, [("theme:right-to-education", 0.8)])
    assert tags_for(mine)["suggested"] == []  # a rejected suggestion is not offered again


def test_saving_tags_never_sends_the_editor_to_another_site(vocabulary, signed_in, admin):
    declaration = declaration_with(1, slug="d")
    url = reverse("core:record-tags", args=["commitments.declaration", declaration.pk])

    response = signed_in(admin).post(url, {"tags": ["sdg:16"], "next": "https://evil.example/"})

    assert response["Location"] == declaration.get_absolute_url()
