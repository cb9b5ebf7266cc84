import pytest
from django.core.exceptions import ImproperlyConfigured

from hrcities.core.datafiles import read_toml


def test_a_data_file_is_read_as_written(tmp_path):
    path = tmp_path / "demo.toml"
    path.write_text('[[items]]\ntitle = "5·18 민주화운동"\nyears = { 2018 = 59.2 }\n', "utf-8")

    assert read_toml(path) == {"items": [{"title": "5·18 민주화운동", "years": {"2018": 59.2}}]}


def test_a_broken_data_file_is_refused_naming_the_file_and_the_line(tmp_path):
    path = tmp_path / "demo.toml"
    path.write_text('[note]\nen = "fine"\nko = "no closing quote\n', "utf-8")

    with pytest.raises(ImproperlyConfigured, match=r"demo\.toml: .*line 3"):
        read_toml(path)
