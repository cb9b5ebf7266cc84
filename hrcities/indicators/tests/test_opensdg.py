"""A city's indicators as an Open SDG data folder, checked by Open SDG's own CSV checker
(sdg-build's `check_csv`, vendored in `sdg_build/`), and such a folder read back."""

from __future__ import annotations

import contextlib
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError
from django.utils import translation

from hrcities.indicators import opensdg
from hrcities.indicators.demo import load_demo_indicators
from hrcities.indicators.exchange import ImportRefused
from hrcities.indicators.models import Indicator, Observation
from hrcities.network.tests.factories import make_city
from hrcities.taxonomy.models import SdgGoal, SdgIndicator, SdgTarget

from .factories import make_domain, make_indicator, observe
from .sdg_build.check_csv import check_csv

pytestmark = pytest.mark.django_db


def open_sdg_check(path: Path) -> tuple[bool, str]:
    """Run sdg-build's check on one data file: whether it passes, and what it printed."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        passed = check_csv(str(path))
    return passed, printed.getvalue()


@pytest.fixture
def turnout(gwangju):
    domain = make_domain(gwangju, names={"en": "Democracy", "ko": "민주"})
    indicator = make_indicator(
        gwangju,
        code="GJ-1-1",
        domain=domain,
        names={"en": "Turnout in local elections", "ko": "지방선거 투표율"},
        unit="%",
        data_owner="Election division",
        data_owner_ko="선거과",
        baseline_year=2018,
        baseline_value=Decimal("59.2"),
        target_year=2026,
        target_value=Decimal("70"),
    )
    observe(indicator, 2018, "59.2", source="Election commission", source_ko="선거관리위원회")
    observe(indicator, 2022, "60.5", source="Election commission", note="By-election")
    observe(indicator, 2022, 62, disaggregation={"sex": "Female"}, source="Survey")
    return indicator


def test_every_demo_indicator_passes_open_sdgs_csv_check(gwangju, tmp_path):
    cities = [gwangju, make_city(slug="seoul"), make_city(slug="graz")]
    load_demo_indicators()
    checked = 0
    for city in cities:
        folder = tmp_path / city.slug
        opensdg.write_folder(opensdg.city_files(city, AnonymousUser()), folder)
        for path in sorted((folder / "data").glob("indicator_*.csv")):
            passed, printed = open_sdg_check(path)
            assert passed, printed
            assert printed == ""
            checked += 1
    assert checked == Indicator.objects.count() >= 15


def test_the_checker_refuses_what_the_per_indicator_file_used_to_be(tmp_path):
    old = tmp_path / "indicator_GJ-1-1.csv"
    old.write_text("Year,Units,Value,Source\n2022,%,60.5,Election commission\n")
    passed, printed = open_sdg_check(old)
    assert not passed
    assert 'Last column not called "Value", instead got  Source' in printed
    # Its other checks run too with the pandas in the lock: text cells are still read as text.
    spaced = tmp_path / "indicator_GJ-1-2.csv"
    spaced.write_text("Year,Sex,Value\n2022,Female ,3\n2022,,many\n")
    passed, printed = open_sdg_check(spaced)
    assert not passed
    assert "Trailing whitespace in column:  Sex" in printed
    assert "Value column must be a numeric data type" in printed


def test_the_data_file_is_open_sdgs_format(client, turnout):
    data = opensdg.data_csv(turnout).splitlines()
    assert data == ["Year,Sex,Units,Value", "2018,,%,59.2", "2022,,%,60.5", "2022,Female,%,62"]
    page = client.get("/indicators/gwangju/GJ-1-1/data.csv")
    assert page.content.decode().splitlines() == data


def test_the_metadata_uses_open_sdgs_field_names(turnout):
    goal = SdgGoal.objects.create(number=16, titles={"en": "Peace"})
    target = SdgTarget.objects.create(
        code="16.7", goal=goal, titles={"en": "Ensure responsive decision-making"}
    )
    turnout.sdg_indicators.add(SdgIndicator.objects.create(code="16.7.2", target=target, goal=goal))
    meta, korean = opensdg.metadata(turnout, site="https://hrcities.example.org")
    assert meta["indicator_number"] == "GJ.1.1"
    assert meta["indicator_name"] == meta["graph_title"] == "Turnout in local elections"
    assert (meta["goal_number"], meta["target_number"]) == ("16", "16.7")
    assert meta["target_name"] == "Ensure responsive decision-making"
    assert meta["reporting_status"] == "complete"
    assert meta["data_non_statistical"] is False
    assert meta["computation_units"] == "%"
    assert meta["national_geographical_coverage"] == "Gwangju"
    assert meta["expected_disaggregations"] == ["Sex"]
    assert meta["tags"] == ["Democracy"]
    assert meta["CONTACT_ORGANISATION"] == "Election division"
    # Every source its values name, newest first, then the page the values are published on.
    assert [meta[f"source_organisation_{n}"] for n in (1, 2, 3)] == [
        "Election commission",
        "Survey",
        "Gwangju",
    ]
    assert meta["source_url_3"] == "https://hrcities.example.org/indicators/gwangju/GJ-1-1/"
    assert meta["graph_annotations"][0]["preset"] == "target_line"
    assert meta["graph_annotations"][0]["value"] == 70.0
    assert korean["indicator_name"] == "지방선거 투표율"
    assert korean["CONTACT_ORGANISATION"] == "선거과"
    assert korean["national_geographical_coverage"] == "광주"
    assert korean["source_organisation_1"] == "선거관리위원회"
    with translation.override("ko"):
        assert opensdg.metadata(turnout, site="https://hrcities.example.org") == (meta, korean)


def test_an_indicator_without_values_is_not_started(gwangju):
    meta, _korean = opensdg.metadata(make_indicator(gwangju, code="GJ-9-9"))
    assert meta["reporting_status"] == "notstarted"
    assert "goal_number" not in meta


def test_the_city_zip_is_an_open_sdg_data_folder(client, turnout, gwangju):
    make_indicator(gwangju, code="GJ-draft", is_published=False)
    answer = client.get("/indicators/gwangju/opensdg.zip")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/zip"
    names = set(zipfile.ZipFile(io.BytesIO(answer.content)).namelist())
    assert names == {
        "config_data.yml",
        "metadata_schema.yml",
        "translations/en/data.yml",
        "translations/ko/data.yml",
        "data/indicator_GJ-1-1.csv",
        "meta/GJ-1-1.yml",
        "meta/ko/GJ-1-1.yml",
    }
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    meta = yaml.safe_load(archive.read("meta/GJ-1-1.yml"))
    assert meta["source_url_3"] == "http://testserver/indicators/gwangju/GJ-1-1/"
    assert yaml.safe_load(archive.read("translations/ko/data.yml"))["Female"] == "여성"
    config = yaml.safe_load(archive.read("config_data.yml"))
    assert config["inputs"][0] == {
        "class": "InputCsvData",
        "path_pattern": "data/indicator_*.csv",
    }


def test_the_zip_follows_the_indicators_visibility(client, signed_in, gwangju, gwangju_editor):
    draft = make_indicator(gwangju, code="GJ-draft", is_published=False)
    observe(draft, 2022, 1)

    def names(answer) -> set[str]:
        return set(zipfile.ZipFile(io.BytesIO(answer.content)).namelist())

    urls = ("/indicators/gwangju/opensdg.zip", "/api/indicators/cities/gwangju/opensdg.zip")
    for url in urls:
        assert "data/indicator_GJ-draft.csv" not in names(client.get(url))
    assert client.get("/indicators/gwangju/GJ-draft/meta.yml").status_code == 404
    assert client.get("/indicators/gwangju/GJ-draft/data.csv").status_code == 404
    editor = signed_in(gwangju_editor)
    for url in urls:
        assert "data/indicator_GJ-draft.csv" in names(editor.get(url))


def test_the_metadata_file_downloads_beside_the_data(client, turnout):
    answer = client.get("/indicators/gwangju/GJ-1-1/meta.yml")
    assert answer.status_code == 200
    assert yaml.safe_load(answer.content)["indicator_number"] == "GJ.1.1"


# --- import ---------------------------------------------------------------------------


def zip_of(files: dict[str, str]) -> bytes:
    return opensdg.zip_bytes({name: text.encode() for name, text in files.items()})


def refused(files: dict[str, bytes], city, by) -> list[tuple[str, int, str, str]]:
    with pytest.raises(ImportRefused) as caught:
        opensdg.import_folder(files, city=city, by=by)
    return [(e.file, e.row, e.column, e.message) for e in caught.value.report.errors]


def test_an_exported_folder_reimports_unchanged(turnout, gwangju, gwangju_editor):
    files = opensdg.city_files(gwangju, gwangju_editor)
    report = opensdg.import_folder(files, city=gwangju, by=gwangju_editor)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    # The sources, Korean texts and notes the data file does not hold are kept.
    value = turnout.observations.totals().get(year=2022)
    assert (value.source, value.note) == ("Election commission", "By-election")
    assert turnout.observations.totals().get(year=2018).source_ko == "선거관리위원회"


def test_a_data_repository_zip_imports_new_values_with_the_metadatas_source(
    turnout, gwangju, gwangju_editor
):
    data = zip_of(
        {
            "sdg-data-main/data/indicator_GJ-1-1.csv": "Year,Sex,Units,Value\n"
            "2024,,%,63.1\n2024,Male,%,61\n2022,,%,60.5\n",
            "sdg-data-main/meta/GJ-1-1.yml": "indicator_name: Turnout\n"
            "source_organisation_1: Gwangju election office\n",
        }
    )
    files = opensdg.unpack_zip(data, opensdg.ImportReport())
    report = opensdg.import_folder(files, city=gwangju, by=gwangju_editor)
    assert (report.created, report.updated, report.unchanged) == (2, 0, 1)
    new = turnout.observations.get(year=2024, disaggregation_key="")
    assert (new.value, new.source) == (Decimal("63.1"), "Gwangju election office")
    assert turnout.observations.totals().get(year=2022).source == "Election commission"


def test_every_bad_file_row_and_column_is_named_and_nothing_changes(
    turnout, gwangju, gwangju_editor
):
    other = make_indicator(gwangju, code="GJ-2-1")
    files = {
        "data/indicator_GJ-1-1.csv": b"Year,Units,Value\n2025,%,70\n",  # good
        "data/indicator_GJ-2-1.csv": b"Year,Religion,Value\n2025,,3\n",
        "data/indicator_GJ-3-3.csv": b"Year,Value\n2025,3\n",
        "data/indicator_GJ-4-1.csv": b"Year,Value\n2025,3\n",
        "meta/GJ-2-1.yml": b"indicator_name: [unclosed\n",
    }
    make_indicator(gwangju, code="GJ-4-1")
    files["data/indicator_GJ-4-1.csv"] = b"Year,Value\n2025,lots\n1800,3\n"
    errors = refused(files, gwangju, gwangju_editor)
    where = {(file, row, column) for file, row, column, _message in errors}
    assert where == {
        ("meta/GJ-2-1.yml", 2, ""),
        ("data/indicator_GJ-2-1.csv", 1, "Religion"),
        ("data/indicator_GJ-3-3.csv", 0, ""),
        ("data/indicator_GJ-4-1.csv", 2, "Value"),
        ("data/indicator_GJ-4-1.csv", 3, "Year"),
    }
    messages = {(file, column): message for file, _row, column, message in errors}
    assert (
        "Gwangju has no indicator with the code “GJ-3-3”"
        in messages[("data/indicator_GJ-3-3.csv", "")]
    )
    assert "not valid YAML" in messages[("meta/GJ-2-1.yml", "")]
    assert not turnout.observations.filter(year=2025).exists()
    assert not other.observations.exists()


def test_a_zip_without_data_files_is_refused(gwangju, gwangju_editor):
    report = opensdg.ImportReport()
    files = opensdg.unpack_zip(zip_of({"README.md": "hello"}), report)
    errors = refused(files, gwangju, gwangju_editor)
    assert "data/indicator_<code>.csv" in errors[0][3]
    assert opensdg.unpack_zip(b"PK\x03\x04 not a zip", report) is None
    assert "cannot be read" in report.errors[0].message


def test_an_editor_of_another_city_cannot_import(turnout, gwangju, busan_editor):
    with pytest.raises(PermissionDenied):
        opensdg.import_folder(
            {"data/indicator_GJ-1-1.csv": b"Year,Value\n2025,1\n"}, city=gwangju, by=busan_editor
        )
    assert not Observation.objects.filter(year=2025).exists()


# --- through the page, the API and the commands ---------------------------------------


def upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, "application/zip")


def test_the_upload_page_imports_a_folder_and_names_the_bad_file(
    signed_in, gwangju_editor, turnout
):
    editor = signed_in(gwangju_editor)
    url = "/indicators/gwangju/import/"
    bad = zip_of({"data/indicator_GJ-1-1.csv": "Year,Units,Value\n2025,%,70\n2026,%,x\n"})
    page = editor.post(url, {"file": upload("gwangju.zip", bad)})
    assert page.status_code == 400
    text = page.content.decode()
    assert '<th scope="col">File</th>' in text
    assert '<td>data/indicator_GJ-1-1.csv</td><th scope="row">3</th><td>Value</td>' in text
    assert not turnout.observations.filter(year=2025).exists()

    good = zip_of({"data/indicator_GJ-1-1.csv": "Year,Units,Value\n2025,%,70\n"})
    page = editor.post(url, {"file": upload("gwangju.zip", good)}, follow=True)
    assert "1 values added, 0 changed, 0 unchanged" in page.content.decode()
    assert turnout.observations.get(year=2025).value == 70


def test_the_api_imports_a_folder_and_names_the_bad_file(
    client, gwangju_editor, api_token, turnout
):
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {api_token(gwangju_editor)}"}
    url = "/api/indicators/cities/gwangju/import"
    bad = zip_of({"data/indicator_GJ-1-1.csv": "Year,Units,Value\n2025,%,x\n"})
    answer = client.post(url, {"file": upload("gwangju.zip", bad)}, **bearer)
    assert answer.status_code == 422
    assert answer.json()["errors"][0] | {"detail": ""} == {
        "file": "data/indicator_GJ-1-1.csv",
        "row": 2,
        "field": "Value",
        "detail": "",
    }
    exported = client.get("/api/indicators/cities/gwangju/opensdg.zip")
    answer = client.post(url, {"file": upload("gwangju.zip", exported.content)}, **bearer)
    assert answer.status_code == 200
    assert (answer.json()["created"], answer.json()["unchanged"]) == (0, 3)


def test_the_commands_export_a_folder_and_import_it_back(
    tmp_path, turnout, gwangju, gwangju_editor, capsys
):
    from django.core.management import call_command

    folder = tmp_path / "gwangju"
    call_command("export_opensdg", city="gwangju", output=str(folder))
    assert "Wrote 1 indicator(s) of Gwangju" in capsys.readouterr().out
    assert (folder / "data" / "indicator_GJ-1-1.csv").read_text().startswith("Year,Sex,Units")
    assert (folder / "meta" / "GJ-1-1.yml").exists()
    call_command(
        "indicator_values", "import", str(folder), city="gwangju", username="gwangju-editor"
    )
    assert "0 value(s) added, 0 changed, 3 unchanged" in capsys.readouterr().out

    call_command("export_opensdg", city="gwangju", output=str(tmp_path / "gwangju.zip"))
    (folder / "data" / "indicator_GJ-1-1.csv").write_text("Year,Value\n2025,x\n")
    with pytest.raises(CommandError, match="1 problem"):
        call_command(
            "indicator_values", "import", str(folder), city="gwangju", username="gwangju-editor"
        )
    assert "data/indicator_GJ-1-1.csv, row 2, column “Value”" in capsys.readouterr().err
    call_command(
        "indicator_values",
        "import",
        str(tmp_path / "gwangju.zip"),
        city="gwangju",
        username="gwangju-editor",
    )
    assert "3 unchanged" in capsys.readouterr().out
