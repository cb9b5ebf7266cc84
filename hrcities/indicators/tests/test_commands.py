"""`hrcities indicator_values import|export`."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from .factories import make_indicator, observe

pytestmark = pytest.mark.django_db


def test_export_then_import_a_city_file(tmp_path, gwangju, gwangju_editor, capsys):
    indicator = make_indicator(gwangju, code="1-1")
    observe(indicator, 2021, 40)
    observe(indicator, 2022, 41, disaggregation={"sex": "Male"})
    path = tmp_path / "gwangju.csv"
    call_command("indicator_values", "export", str(path), city="gwangju")
    assert path.read_text().splitlines()[0] == "Indicator,Year,Sex,Units,Value"
    call_command("indicator_values", "import", str(path), city="gwangju", username="gwangju-editor")
    assert "0 value(s) added, 0 changed, 2 unchanged" in capsys.readouterr().out


def test_a_refused_file_lists_its_problems(tmp_path, gwangju, gwangju_editor, capsys):
    make_indicator(gwangju, code="1-1")
    path = tmp_path / "bad.csv"
    path.write_text("Year,Value\n2021,lots\n")
    with pytest.raises(CommandError, match="1 problem"):
        call_command(
            "indicator_values",
            "import",
            str(path),
            city="gwangju",
            indicator="1-1",
            username="gwangju-editor",
        )
    assert "row 2, column “Value”" in capsys.readouterr().err


def test_importing_into_a_city_one_does_not_edit_is_refused(tmp_path, gwangju, busan_editor):
    make_indicator(gwangju, code="1-1")
    path = tmp_path / "values.csv"
    path.write_text("Year,Value\n2021,1\n")
    with pytest.raises(CommandError, match="not one of its editors"):
        call_command(
            "indicator_values",
            "import",
            str(path),
            city="gwangju",
            indicator="1-1",
            username="busan-editor",
        )
