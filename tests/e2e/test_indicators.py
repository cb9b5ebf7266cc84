"""A city's editor keeps its indicators: enters a value, sees the status change, uploads
a tidy CSV file and reads the review of its bad rows, and takes the city's Open SDG folder
out and back in."""

import re
import zipfile

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import axe_violations, sign_in

INDICATOR = reverse("indicators:indicator-detail", args=["gwangju", "GJ-2-1"])
CITY = reverse("indicators:city-indicators", args=["gwangju"])


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}: {violations}"


def status_of(page):
    return page.locator("#status .status")


def test_an_editor_enters_a_value_and_sees_the_status_change(page):
    page.goto(INDICATOR)
    expect(status_of(page)).to_have_text("Moderate progress")
    expect(page.get_by_role("heading", name="Enter a value")).to_have_count(0)

    sign_in(page, "gwangju-editor")
    page.goto(INDICATOR)
    form = page.get_by_role("form", name="Enter a value")
    form.get_by_label("Year").fill("2024")
    form.get_by_label("Value").fill("7.9")
    form.get_by_label("Source in English").fill("Labour survey 2024")
    form.get_by_label("Sex").select_option(label="— all (total) —")
    form.get_by_role("button", name="Record the value").click()

    expect(page.locator(".message-success")).to_contain_text("The value for 2024 was recorded.")
    expect(status_of(page)).to_have_text("Target achieved")
    expect(page.locator("#status")).to_contain_text("7.9% in 2024")
    expect(page.locator("table.values")).to_contain_text("Labour survey 2024")
    assert_accessible(page)

    page.goto(CITY)
    row = page.get_by_role("row", name=re.compile("GJ-2-1"))
    expect(row).to_contain_text("Target achieved")
    expect(row).to_contain_text("improved")

    # Correct the value, then take it back out: the status returns to where it was.
    page.goto(INDICATOR)
    page.get_by_role("link", name=re.compile(r"^Edit 2024")).first.click()
    assert_accessible(page)
    page.get_by_label("Value").fill("9.5")
    page.get_by_role("button", name="Save").click()
    expect(status_of(page)).to_have_text("Substantial progress")

    page.get_by_role("link", name=re.compile(r"^Delete 2024")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete the value for 2024?")
    assert_accessible(page)
    page.get_by_role("button", name="Delete the value").click()
    expect(status_of(page)).to_have_text("Moderate progress")


def test_an_uploaded_file_with_bad_rows_is_reviewed_and_changes_nothing(page, tmp_path):
    bad = tmp_path / "gwangju.csv"
    bad.write_text(
        "Indicator,Year,Sex,Units,Value\n"
        "GJ-2-1,2024,,%,10.2\n"
        "GJ-9-9,2024,,%,1\n"
        "GJ-2-1,2024,Woman,%,12\n"
        "GJ-2-1,2024,,%,abc\n",
        encoding="utf-8",
    )
    sign_in(page, "gwangju-editor")
    page.goto(CITY)
    page.get_by_role("link", name="Import values from CSV").click()
    assert_accessible(page)
    page.get_by_label("CSV or ZIP file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()

    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("Nothing was imported")
    expect(errors.locator("tbody tr")).to_have_count(3)
    expect(errors).to_contain_text("Unknown indicator “GJ-9-9”")
    expect(errors).to_contain_text("not a value of this dimension")
    expect(errors).to_contain_text("not a number")
    assert_accessible(page)

    page.goto(INDICATOR)
    expect(page.locator("table.values")).not_to_contain_text("10.2")


def test_an_editor_takes_the_open_sdg_folder_out_and_back_in(page, tmp_path):
    sign_in(page, "gwangju-editor")
    page.goto(CITY)
    with page.expect_download() as caught:
        page.get_by_role("link", name="Download the indicators of Gwangju for Open SDG").click()
    exported = tmp_path / caught.value.suggested_filename
    caught.value.save_as(exported)
    assert exported.name == "opensdg_gwangju.zip"

    # A copy with one bad value in one indicator's file is refused whole, naming the file.
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(exported) as source, zipfile.ZipFile(bad, "w") as copy:
        for name in source.namelist():
            data = source.read(name)
            if name == "data/indicator_GJ-2-1.csv":
                data = data.replace(b"\r\n2018,,%,", b"\r\n2018,,%,x", 1)
            copy.writestr(name, data)
    page.get_by_role("link", name="Import values from CSV or Open SDG").click()
    page.get_by_label("CSV or ZIP file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("Nothing was imported")
    expect(errors.get_by_role("columnheader", name="File")).to_be_visible()
    expect(errors.locator("tbody tr")).to_have_count(1)
    expect(errors.locator("tbody tr")).to_contain_text("data/indicator_GJ-2-1.csv")
    assert_accessible(page)

    # The folder as it was imports back unchanged.
    page.get_by_label("CSV or ZIP file").set_input_files(str(exported))
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".message-success")).to_contain_text("0 values added, 0 changed")


def test_an_editor_of_another_city_gets_no_entry_form(page):
    sign_in(page, "seoul-editor")
    page.goto(INDICATOR)
    expect(page.get_by_role("button", name="Record the value")).to_have_count(0)
    response = page.goto(reverse("indicators:city-import", args=["gwangju"]))
    assert response.status == 403
