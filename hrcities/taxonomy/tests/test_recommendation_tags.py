"""The network's tags on a UPR recommendation: suggested by the machine, decided by network
admins, always apart from the tags OHCHR published."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from hrcities.search.services import Filters, search
from hrcities.taxonomy.models import Tagging, TagStatus, UprRecommendation
from hrcities.taxonomy.tags import record_suggestions, tags_for

pytestmark = pytest.mark.django_db

CONSENT = "Incorporate education on sexual consent in official school curricula"


@pytest.fixture
def recommendation():
    """Slovenia's from Costa Rica (cycle 4): OHCHR gave SDGs 3 and 5 and the rights to
    education, health and sexual and reproductive health."""
    return UprRecommendation.objects.prefetch_related("themes", "sdg_goals", "groups").get(
        text__startswith=CONSENT
    )


@pytest.fixture
def suggested(recommendation):
    record_suggestions(
        recommendation,
        [
            ("sdg:5", 0.97),  # OHCHR's already
            ("theme:right-to-education", 0.91),  # OHCHR's already
            ("sdg:4", 0.99),
            ("sdg-target:5.6", 0.42),
            ("theme:human-rights-education-trainings-awareness-raising", 0.59),
        ],
    )
    return recommendation


def section(html: str, element_id: str) -> str:
    """Return the HTML of the <section> with this id."""
    match = re.search(rf'<section id="{element_id}".*?</section>', html, re.S)
    assert match, f"no section #{element_id}"
    return match.group(0)


def suggestion_names(html: str) -> list[str]:
    tags = section(html, "tags")
    listed = re.search(r'aria-label="Suggested tags">(.*?)</ul>', tags, re.S)
    return re.findall(
        r'class="badge badge-suggested"[^>]*>([^<]+)<', listed.group(1) if listed else ""
    )


def decide(client, recommendation, label: str, decision: str):
    tagging = Tagging.objects.for_record(recommendation).get(label=label)
    return client.post(
        reverse("commitments:tag-decide", args=[tagging.pk]),
        {"decision": decision, "next": recommendation.get_absolute_url() + "#tags"},
    )


def test_the_page_shows_ohchrs_tags_and_apart_the_suggestions_best_first(client, suggested):
    html = client.get(suggested.get_absolute_url()).content.decode()

    ohchr = section(html, "ohchr-tags")
    assert "Tags published by OHCHR" in ohchr
    assert "5. Gender equality" in ohchr and "Right to education" in ohchr
    assert "Quality education" not in ohchr
    names = suggestion_names(html)
    assert [name.split(" ")[0] for name in names] == ["4.", "Human", "5.6"]
    assert names[1] == "Human rights education, trainings &amp; awareness raising"
    assert "score 0.99" in section(html, "tags")
    assert '<h2 id="tags-heading">The network’s tags</h2>' in section(html, "tags")


def test_the_network_tags_heading_reads_in_korean(client, suggested):
    html = client.get(suggested.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ko").content.decode()

    assert "OHCHR이 게시한 태그" in section(html, "ohchr-tags")
    assert '<h2 id="tags-heading">네트워크의 태그</h2>' in section(html, "tags")


def test_a_suggestion_repeating_an_ohchr_tag_is_neither_stored_nor_shown(client, suggested):
    assert not Tagging.objects.for_record(suggested).filter(label__in=["sdg:5"]).exists()
    # Suggested before OHCHR's tag was loaded: kept in the table, but not offered.
    Tagging.objects.filter(label="sdg:4").update(label="sdg:3")

    html = client.get(suggested.get_absolute_url()).content.decode()

    names = suggestion_names(html)
    assert not any(name.startswith(("3. ", "5. ")) for name in names)
    assert "Right to education" not in " ".join(names)
    assert "Good health" in section(html, "ohchr-tags")


def test_a_network_admin_accepts_and_rejects_suggestions_with_one_button_each(
    signed_in, admin, suggested
):
    client = signed_in(admin)
    page = client.get(suggested.get_absolute_url()).content.decode()
    assert '<button type="submit">Accept<span class="visually-hidden"> 4. Quality education' in (
        page
    )

    accepted = decide(client, suggested, "sdg:4", "accept")
    rejected = decide(client, suggested, "sdg-target:5.6", "reject")

    assert accepted.status_code == rejected.status_code == 302
    assert accepted["Location"] == suggested.get_absolute_url() + "#tags"
    html = client.get(suggested.get_absolute_url()).content.decode()
    assert "was rejected" in html
    network = section(html, "tags")
    assert re.search(
        r'aria-label="Accepted tags">\s*<li><a class="badge"[^>]*>4\. Quality', network
    )
    assert "5.6 " not in network
    assert "Quality education" not in section(html, "ohchr-tags")
    # OHCHR's tags are not the network's: deciding changed none of them.
    assert sorted(g.number for g in suggested.sdg_goals.all()) == [3, 5]


def test_a_rejected_suggestion_is_not_offered_again(signed_in, admin, suggested):
    decide(signed_in(admin), suggested, "sdg:4", "reject")

    record_suggestions(suggested, [("sdg:4", 0.99)])

    assert tags_for(suggested)["suggested"] == []


@pytest.mark.parametrize("persona", ["reader", "gwangju_editor"])
def test_only_network_admins_may_decide(request, signed_in, suggested, persona):
    client = signed_in(request.getfixturevalue(persona))

    page = client.get(suggested.get_absolute_url()).content.decode()
    response = decide(client, suggested, "sdg:4", "accept")

    assert "4. Quality education" in suggestion_names(page)  # read-only, as on other records
    assert "<button" not in section(page, "tags")
    assert response.status_code == 403
    assert Tagging.objects.for_record(suggested).get(label="sdg:4").status == TagStatus.SUGGESTED


def test_the_public_sees_suggestions_and_must_sign_in_to_decide(client, suggested):
    response = decide(client, suggested, "sdg:4", "accept")

    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
    assert Tagging.objects.for_record(suggested).get(label="sdg:4").status == TagStatus.SUGGESTED


def test_the_page_offers_no_tag_editing_page_it_does_not_have(signed_in, admin, suggested):
    html = signed_in(admin).get(suggested.get_absolute_url()).content.decode()
    assert "Edit tags" not in html
    assert "hx-post" not in html  # each decision reloads the page, back at #tags


def test_search_counts_suggested_tags_of_a_recommendation_only_when_asked(
    signed_in, admin, suggested
):
    def found(**asked):
        filters = Filters(kind=["upr-recommendation"], **asked)
        results = search(AnonymousUser(), "sexual consent", filters=filters, use_semantic=False)
        return results.count, {v.value: v.count for v in results.facets["sdg"]}

    assert found() == (1, {"3": 1, "5": 1})
    # Target 5.6 brings goal 5 along, which OHCHR gave already: counted once.
    assert found(include_suggested=True) == (1, {"3": 1, "4": 1, "5": 1})
    assert found(sdg=["4"])[0] == 0
    assert found(sdg=["4"], include_suggested=True)[0] == 1

    decide(signed_in(admin), suggested, "sdg:4", "accept")

    assert found() == (1, {"3": 1, "4": 1, "5": 1})


def test_saving_a_recommendation_stores_suggestions_none_of_them_ohchrs(
    settings, recommendation, django_capture_on_commit_callbacks
):
    settings.SUGGEST_ON_SAVE, settings.SUGGEST_IN_BACKGROUND = True, False

    with django_capture_on_commit_callbacks(execute=True):
        recommendation.save()

    labels = set(Tagging.objects.for_record(recommendation).values_list("label", flat=True))
    assert "sdg:4" in labels
    assert not labels & recommendation.published_labels()


def test_the_loader_queues_suggestions_for_the_recommendations_it_changed_only(
    settings, recommendation, django_capture_on_commit_callbacks
):
    from hrcities.taxonomy.loaders import load_taxonomy

    settings.SUGGEST_ON_SAVE, settings.SUGGEST_IN_BACKGROUND = True, False
    UprRecommendation.objects.filter(pk=recommendation.pk).update(text="Edited locally")

    with django_capture_on_commit_callbacks(execute=True):
        counts = load_taxonomy()

    assert counts["recommendations"]["updated"] == 1
    suggested_for = set(
        Tagging.objects.filter(content_type__model="uprrecommendation").values_list(
            "object_id", flat=True
        )
    )
    assert suggested_for == {recommendation.pk}
