"""A city's domains and dimensions, and deleting an indicator, from pages and the API."""

import json

import pytest
from django.urls import reverse

from hrcities.core.models import Revision
from hrcities.core.services import revisions_for
from hrcities.indicators import groupings
from hrcities.indicators.models import Dimension, Domain, Indicator, Observation
from hrcities.indicators.tests.factories import make_domain, make_indicator, observe

pytestmark = pytest.mark.django_db


def send(client, method, url, body=None):
    return getattr(client, method)(url, json.dumps(body or {}), content_type="application/json")


def confirmed(client, url):
    return client.post(url, {"confirm": "on"})


def test_an_editor_adds_and_renames_a_domain_with_revisions(client, gwangju_editor, gwangju):
    client.force_login(gwangju_editor)

    client.post(
        reverse("indicators:domain-create", args=["gwangju"]),
        {"name_en": "Right to work", "name_ko": "노동권", "slug": "work", "position": 2},
    )
    domain = Domain.objects.get(city=gwangju, slug="work")
    response = client.post(
        reverse("indicators:domain-edit", args=["gwangju", "work"]),
        {"version": 1, "name_en": "Work and rest", "slug": "work", "position": 2},
    )

    assert response.url == reverse("indicators:city-groupings", args=["gwangju"])
    domain.refresh_from_db()
    assert domain.names == {"en": "Work and rest"}
    assert [r.action for r in revisions_for(domain)] == ["update", "create"]
    page = client.get(reverse("indicators:city-groupings", args=["gwangju"])).content.decode()
    assert "Work and rest" in page


def test_a_domain_with_indicators_is_not_deleted_and_says_how_many(client, gwangju_editor, gwangju):
    domain = make_domain(gwangju, slug="work")
    for _n in range(12):
        make_indicator(gwangju, domain=domain)
    client.force_login(gwangju_editor)

    page = client.get(reverse("indicators:domain-delete", args=["gwangju", "work"]))
    refused = confirmed(client, reverse("indicators:domain-delete", args=["gwangju", "work"]))
    api = client.delete("/api/indicators/cities/gwangju/domains/work")

    assert "12 indicators use this domain." in page.content.decode()
    assert refused.status_code == 409
    assert api.status_code == 422 and "12 indicators use this domain." in api.json()["detail"]
    assert Domain.objects.filter(pk=domain.pk).exists()


def test_an_empty_domain_is_deleted_and_kept_in_the_revisions(client, gwangju_editor, gwangju):
    domain = make_domain(gwangju, slug="work")
    client.force_login(gwangju_editor)

    confirmed(client, reverse("indicators:domain-delete", args=["gwangju", "work"]))

    assert not Domain.objects.exists()
    assert Revision.objects.filter(object_id=str(domain.pk), action="delete").exists()


@pytest.mark.parametrize("who", ["busan_editor", "reader"])
def test_others_cannot_keep_gwangjus_domains_and_dimensions(client, who, request, gwangju):
    domain = make_domain(gwangju, slug="work")
    groupings.add_dimension(gwangju, by=None, slug="ward", column="Ward", names={"en": "Ward"})
    client.force_login(request.getfixturevalue(who))

    answers = [
        client.get(reverse("indicators:city-groupings", args=["gwangju"])),
        client.post(
            reverse("indicators:domain-create", args=["gwangju"]),
            {"name_en": "Mine", "slug": "mine", "position": 1},
        ),
        confirmed(client, reverse("indicators:domain-delete", args=["gwangju", "work"])),
        confirmed(client, reverse("indicators:dimension-delete", args=["gwangju", "ward"])),
        send(
            client,
            "post",
            "/api/indicators/cities/gwangju/domains",
            {"slug": "x", "names": {"en": "X"}},
        ),
        client.delete("/api/indicators/cities/gwangju/dimensions/ward"),
    ]

    assert [a.status_code for a in answers] == [403] * 6
    assert list(Domain.objects.values_list("pk", flat=True)) == [domain.pk]
    assert Dimension.objects.filter(city=gwangju).count() == 1


def test_an_editor_adds_a_dimension_of_the_citys_own(client, gwangju_editor, gwangju):
    client.force_login(gwangju_editor)

    taken = client.post(
        reverse("indicators:dimension-create", args=["gwangju"]),
        {"name_en": "Sex again", "slug": "sex2", "column": "Sex"},
    )
    response = client.post(
        reverse("indicators:dimension-create", args=["gwangju"]),
        {
            "name_en": "Ward",
            "slug": "ward",
            "column": "Ward",
            "values": "Dong-gu\nSeo-gu\n",
        },
    )

    assert taken.status_code == 400 and "The column “Sex” is taken." in taken.content.decode()
    dimension = Dimension.objects.get(city=gwangju)
    assert response.status_code == 302
    assert dimension.values == ["Dong-gu", "Seo-gu"]


def test_a_dimension_value_or_dimension_in_use_is_not_removed(client, gwangju_editor, gwangju):
    groupings.add_dimension(
        gwangju,
        by=None,
        slug="ward",
        column="Ward",
        names={"en": "Ward"},
        values=["Dong-gu", "Seo-gu"],
    )
    indicator = make_indicator(gwangju)
    observe(indicator, 2022, 5, disaggregation={"ward": "Dong-gu"})
    client.force_login(gwangju_editor)

    dropped = client.post(
        reverse("indicators:dimension-edit", args=["gwangju", "ward"]),
        {"name_en": "Ward", "column": "Ward", "values": "Seo-gu"},
    )
    page = client.get(reverse("indicators:dimension-delete", args=["gwangju", "ward"]))
    api = client.delete("/api/indicators/cities/gwangju/dimensions/ward")

    assert dropped.status_code == 400
    assert "Values still in use cannot be removed: Dong-gu." in dropped.content.decode()
    assert "1 value is broken down by this dimension." in page.content.decode()
    assert api.status_code == 422
    assert Dimension.objects.get(city=gwangju).values == ["Dong-gu", "Seo-gu"]


def test_the_api_lists_and_keeps_domains_and_dimensions(client, gwangju_editor, gwangju):
    client.force_login(gwangju_editor)

    added = send(
        client,
        "post",
        "/api/indicators/cities/gwangju/domains",
        {"slug": "work", "names": {"en": "Work"}},
    )
    changed = send(
        client,
        "patch",
        "/api/indicators/cities/gwangju/domains/work",
        {"version": 1, "position": 4},
    )
    stale = send(
        client,
        "patch",
        "/api/indicators/cities/gwangju/domains/work",
        {"version": 1, "position": 5},
    )
    dimension = send(
        client,
        "post",
        "/api/indicators/cities/gwangju/dimensions",
        {"slug": "ward", "column": "Ward", "names": {"en": "Ward"}},
    )
    listed = client.get("/api/indicators/cities/gwangju/dimensions").json()

    assert added.status_code == 201 and changed.json()["position"] == 4
    assert stale.status_code == 409
    assert dimension.status_code == 201 and dimension.json()["is_shared"] is False
    assert {"sex", "ward"} <= {d["slug"] for d in listed}


# --- deleting an indicator ----------------------------------------------------------------


def test_the_delete_page_says_what_goes_with_the_indicator(client, gwangju_editor, gwangju):
    indicator = make_indicator(gwangju, code="GJ-1")
    observe(indicator, 2021, 5)
    observe(indicator, 2022, 6)
    client.force_login(gwangju_editor)

    page = client.get(reverse("indicators:indicator-delete", args=["gwangju", "GJ-1"]))
    unconfirmed = client.post(reverse("indicators:indicator-delete", args=["gwangju", "GJ-1"]))
    kept = Indicator.objects.exists()
    response = confirmed(client, reverse("indicators:indicator-delete", args=["gwangju", "GJ-1"]))

    assert "Its 2 values are deleted with it." in page.content.decode()
    assert unconfirmed.status_code == 400 and kept
    assert response.url == reverse("indicators:city-indicators", args=["gwangju"])
    assert not Indicator.objects.exists() and not Observation.objects.exists()
    assert Revision.objects.filter(action="delete", content_type__model="observation").count() == 2


def test_another_citys_editor_gets_no_indicator_deleted(client, busan_editor, gwangju):
    make_indicator(gwangju, code="GJ-1")
    client.force_login(busan_editor)

    page = confirmed(client, reverse("indicators:indicator-delete", args=["gwangju", "GJ-1"]))
    api = client.delete("/api/indicators/cities/gwangju/GJ-1")

    assert (page.status_code, api.status_code) == (403, 403)
    assert Indicator.objects.exists()


def test_an_unpublished_indicator_is_a_404_to_a_reader(client, reader, gwangju):
    make_indicator(gwangju, code="GJ-1", is_published=False)
    client.force_login(reader)

    assert (
        client.get(reverse("indicators:indicator-delete", args=["gwangju", "GJ-1"])).status_code
        == 404
    )
    assert client.delete("/api/indicators/cities/gwangju/GJ-1").status_code == 404


def test_the_api_deletes_an_indicator_for_its_editor(client, gwangju_editor, gwangju):
    make_indicator(gwangju, code="GJ-1")
    client.force_login(gwangju_editor)

    assert client.delete("/api/indicators/cities/gwangju/GJ-1").status_code == 204
    assert not Indicator.objects.exists()


def test_a_citys_indicators_come_a_page_at_a_time(client, gwangju):
    for n in range(55):
        make_indicator(gwangju, code=f"GJ-{n:02}", position=n)

    first = client.get(reverse("indicators:city-indicators", args=["gwangju"])).content.decode()
    second = client.get(
        reverse("indicators:city-indicators", args=["gwangju"]), {"page": 2}
    ).content.decode()

    assert "GJ-00 " in first and "GJ-54 " not in first and 'rel="next"' in first
    assert "GJ-54 " in second
