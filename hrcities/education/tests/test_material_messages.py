"""A material that cannot be kept says which field to correct, on the page, in the API
and from the services, in words a person can act on."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hrcities.education import services
from hrcities.education.models import Licence, Material

from .factories import make_programme

pytestmark = pytest.mark.django_db

NO_TITLE = "Give the material a title, in English or in Korean."


@pytest.fixture
def published(gwangju):
    return make_programme(gwangju, titles={"en": "Memory walk"})


def errors_of(response, field):
    return [str(e) for e in response.context["form"].errors.get(field, [])]


def test_a_link_without_a_title_is_refused_at_the_title_field(signed_in, published, gwangju_editor):
    page = signed_in(gwangju_editor).post(
        reverse("education:material-add", args=[published.slug]),
        {"url": "https://example.org/guide", "licence": "CC-BY-4.0"},
    )

    assert page.status_code == 400
    assert errors_of(page, "title_en") == [NO_TITLE]
    assert "cannot be blank" not in page.content.decode()
    assert not Material.objects.exists()


@pytest.mark.parametrize(
    "posted, field, message",
    [
        ({"title_en": "Guide", "url": "https://example.org/g"}, "licence", "Choose the licence"),
        (
            {"title_en": "Guide", "url": "https://example.org/g", "licence": "other"},
            "licence_note",
            "Say which licence applies.",
        ),
        ({"title_en": "Guide", "licence": "CC0-1.0"}, "file", "Give a file or a link."),
        (
            {"title_en": "Guide", "url": "not a link", "licence": "CC0-1.0"},
            "url",
            "valid URL",
        ),
        (
            {
                "title_en": "Guide",
                "url": "https://example.org/g",
                "licence": "CC0-1.0",
                "language": "not a language",
            },
            "language",
            "",
        ),
    ],
)
def test_each_bad_field_of_a_material_is_named(
    signed_in, published, gwangju_editor, posted, field, message
):
    page = signed_in(gwangju_editor).post(
        reverse("education:material-add", args=[published.slug]), posted
    )

    assert page.status_code == 400
    assert any(message in e for e in errors_of(page, field)), page.context["form"].errors
    assert not Material.objects.exists()


def test_the_api_names_the_title_of_an_untitled_link(client, published, gwangju_editor, api_token):
    answer = client.post(
        f"/api/education/programmes/{published.pk}/materials",
        {"url": "https://example.org/guide", "licence": "CC0-1.0"},
        HTTP_AUTHORIZATION=f"Bearer {api_token(gwangju_editor)}",
    )

    assert answer.status_code == 422
    assert {"field": "titles", "detail": NO_TITLE}.items() <= answer.json()["errors"][0].items()


def test_the_services_name_the_title_and_the_licence(published, gwangju_editor):
    with pytest.raises(ValidationError) as error:
        services.add_material(
            published, by=gwangju_editor, url="https://example.org/g", licence="public domain-ish"
        )

    assert error.value.message_dict["titles"] == [NO_TITLE]
    assert error.value.message_dict["licence"][0].startswith("Choose the licence it is shared")


def test_a_title_cannot_be_emptied_afterwards(published, gwangju_editor):
    material = services.add_material(
        published,
        by=gwangju_editor,
        titles={"en": "Guide"},
        url="https://example.org/g",
        licence=Licence.CC0,
    )

    with pytest.raises(ValidationError) as error:
        services.update_material(material, {"titles": {"en": " "}}, by=gwangju_editor)

    assert error.value.message_dict == {"titles": [NO_TITLE]}
    material.refresh_from_db()
    assert material.titles == {"en": "Guide"}
