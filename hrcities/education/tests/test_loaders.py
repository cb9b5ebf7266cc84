from hrcities.education.loaders import load_wphre
from hrcities.education.models import Audience, Method, Phase


def test_the_world_programme_loads_once_with_korean_names(wphre):
    assert wphre["HRE phases"]["created"] == 5
    assert Phase.objects.get(number=2).audiences.count() == 3
    assert Audience.objects.get(slug="youth").names["ko"] == "청년"
    assert Method.objects.filter(city=None).count() == 8
    again = load_wphre()
    assert all(figures["created"] == figures["updated"] == 0 for figures in again.values())
