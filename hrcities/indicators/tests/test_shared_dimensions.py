"""Network admins change the dimensions every city shares, on a page; city editors
cannot, and a shared column may not take a city's own column name."""

import pytest
from django.urls import reverse

from hrcities.indicators import groupings
from hrcities.indicators.models import Dimension

pytestmark = pytest.mark.django_db


def form(dimension, **changes):
    answers = {
        "name_en": dimension.names.get("en", ""),
        "name_ko": dimension.names.get("ko", ""),
        "column": dimension.column,
        "values": "\n".join(dimension.values or []),
    }
    answers.update(changes)
    return answers


def test_an_admin_renames_a_shared_dimension_on_its_page(client, admin):
    sex = Dimension.objects.get(city=None, slug="sex")
    client.force_login(admin)
    page = client.get(reverse("indicators:shared-dimensions")).content.decode()
    url = reverse("indicators:shared-dimension-edit", args=["sex"])
    assert url in page

    saved = client.post(url, form(sex, name_en="Sex (as recorded)", name_ko="성별(기록 기준)"))

    sex.refresh_from_db()
    assert saved.status_code == 302
    assert sex.names == {"en": "Sex (as recorded)", "ko": "성별(기록 기준)"}


def test_a_shared_column_may_not_take_a_citys_own_column(client, admin, gwangju, gwangju_editor):
    groupings.add_dimension(
        gwangju, by=gwangju_editor, slug="ward", column="Ward", names={"en": "Ward"}
    )
    sex = Dimension.objects.get(city=None, slug="sex")
    client.force_login(admin)

    response = client.post(
        reverse("indicators:shared-dimension-edit", args=["sex"]), form(sex, column="Ward")
    )

    assert response.status_code == 400 and "is taken" in response.content.decode()
    assert Dimension.objects.get(pk=sex.pk).column == sex.column


@pytest.mark.parametrize("who", ["gwangju_editor", "reader"])
def test_city_editors_cannot_change_shared_dimensions(client, who, request):
    sex = Dimension.objects.get(city=None, slug="sex")
    client.force_login(request.getfixturevalue(who))

    listed = client.get(reverse("indicators:shared-dimensions"))
    changed = client.post(
        reverse("indicators:shared-dimension-edit", args=["sex"]), form(sex, name_en="Hijacked")
    )

    assert (listed.status_code, changed.status_code) == (403, 403)
    assert Dimension.objects.get(pk=sex.pk).names.get("en") != "Hijacked"
