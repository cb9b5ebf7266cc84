from hrcities.education.loaders import load_wphre
from hrcities.education.models import Audience, Method, Phase


def test_the_world_programme_loads_once_with_korean_names(wphre):
    assert wphre["HRE phases"]["created"] == 5
    assert Phase.objects.get(number=2).audiences.count() == 3
    assert Audience.objects.get(slug="youth").names["ko"] == "청년"
    assert Method.objects.filter(city=None).count() == 8
    again = load_wphre()
    assert all(figures["created"] == figures["updated"] == 0 for figures in again.values())


def test_the_fifth_phase_reads_as_the_un_published_it_in_both_languages(wphre):
    fifth = Phase.objects.get(number=5)

    assert fifth.names["en"] == (
        "Children and youth, with a focus on human rights education in three thematic areas: "
        "digital technologies and human rights, gender equality, and environment and climate "
        "change"
    )
    assert fifth.names["ko"].startswith("아동·청년: ")
    assert "Human Rights Council resolution 57/10" in fifth.source


def test_a_database_with_the_old_fifth_phase_name_takes_the_published_one_on_the_next_load(wphre):
    Phase.objects.filter(number=5).update(
        names={"en": "Children and youth", "ko": "아동·청년"},
        source="Human Rights Council resolution 54/7",
    )

    counts = load_wphre()

    fifth = Phase.objects.get(number=5)
    assert counts["HRE phases"] == {"created": 0, "updated": 1, "unchanged": 4}
    assert "digital technologies and human rights" in fifth.names["en"]
    assert "57/10" in fifth.source
