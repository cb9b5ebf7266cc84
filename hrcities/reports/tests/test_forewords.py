"""A city's foreword to its report: written by its editors on a page or through the API,
shown at the top of the report and the PDF, every version kept."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from django.urls import reverse

from hrcities.core.models import AuditEntry
from hrcities.core.services import revisions_for
from hrcities.reports.models import Foreword
from hrcities.reports.services import save_foreword

from .factories import make_report_city

EDIT = reverse("reports:foreword-edit", args=["gwangju", 2023])
REPORT = reverse("reports:report-detail", args=["gwangju", 2023])
API = "/api/reports/gwangju/2023/foreword"
FIRST = "In 2023 the city measured every domain of its charter.\n\nWe thank its residents."


@pytest.fixture
def city(gwangju):
    return make_report_city(gwangju)


def write(client, version=0, en=FIRST, ko=""):
    return client.post(EDIT, {"version": version, "text_en": en, "text_ko": ko})


def test_an_editor_writes_a_foreword_that_opens_the_report(client, city, gwangju_editor):
    client.force_login(gwangju_editor)
    page = client.get(REPORT + "?lang=en").content.decode()
    assert f'href="{EDIT}">Write a foreword</a>' in page
    assert "Write a foreword to the Gwangju report 2023" in client.get(EDIT).content.decode()

    response = write(client)

    assert response.status_code == 302 and response["Location"] == REPORT + "#foreword"
    page = client.get(REPORT + "?lang=en").content.decode()
    foreword = page.index('id="foreword"')
    assert foreword < page.index('id="summary"'), "the foreword comes first"
    assert "<p>In 2023 the city measured every domain of its charter.</p>" in page
    assert "<p>We thank its residents.</p>" in page
    assert "Edit the foreword" in page


def test_the_report_shows_the_foreword_in_its_language_or_else_the_other(client, city):
    save_foreword(
        city.city,
        2023,
        {"en": "English words.", "ko": "한국어 머리말."},
        by=None,
        based_on_version=None,
    )
    english = client.get(REPORT + "?lang=en").content.decode()
    korean = client.get(REPORT + "?lang=ko").content.decode()
    assert '<div lang="en"><p>English words.</p></div>' in english
    assert '<div lang="ko"><p>한국어 머리말.</p></div>' in korean and "English words." not in korean

    foreword = Foreword.objects.get()
    save_foreword(city.city, 2023, {"en": "Only English."}, by=None, based_on_version=1)
    korean = client.get(REPORT + "?lang=ko").content.decode()
    assert '<div lang="en"><p>Only English.</p></div>' in korean, "marked as English"
    assert foreword.pk == Foreword.objects.get().pk


def test_markup_in_a_foreword_is_shown_as_text(client, city, gwangju_editor):
    client.force_login(gwangju_editor)
    write(client, en='<script>alert("x")</script> & <b>bold</b>')
    page = client.get(REPORT + "?lang=en").content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert '<script>alert("x")' not in page


def test_every_version_is_kept_and_audited(client, city, gwangju_editor):
    client.force_login(gwangju_editor)
    write(client)
    write(client, version=1, en="A second draft.", ko="두 번째 초안.")
    foreword = Foreword.objects.get()
    assert foreword.version == 2
    assert foreword.texts == {"en": "A second draft.", "ko": "두 번째 초안."}
    revisions = list(revisions_for(foreword))
    assert [r.version for r in revisions] == [2, 1]
    assert revisions[1].data["texts"]["en"] == FIRST
    actions = AuditEntry.objects.filter(target_type="reports.foreword").values_list(
        "action", flat=True
    )
    assert set(actions) == {"record-created", "record-updated"}
    history = reverse("core:record-history", args=["reports.foreword", foreword.pk])
    assert f'href="{history}"' in client.get(REPORT).content.decode()
    assert client.get(history).status_code == 200


def test_an_edit_from_an_older_version_is_refused_beside_what_is_stored(
    client, city, gwangju_editor
):
    client.force_login(gwangju_editor)
    write(client)
    write(client, version=1, en="Another editor's words.")

    response = write(client, version=1, en="My late words.")

    assert response.status_code == 409
    assert "Another editor&#x27;s words." in response.content.decode()
    assert Foreword.objects.get().texts["en"] == "Another editor's words."


def test_two_editors_writing_the_first_foreword_do_not_overwrite_each_other(
    client, city, gwangju_editor
):
    client.force_login(gwangju_editor)
    write(client, en="First to save.")
    response = write(client, version=0, en="Started from an empty page.")
    assert response.status_code == 409
    assert Foreword.objects.get().texts["en"] == "First to save."


def test_only_the_citys_editors_may_write_its_foreword(client, city, busan_editor, reader, admin):
    assert client.get(EDIT).status_code == 302, "sign in first"
    client.force_login(busan_editor)
    assert client.get(EDIT).status_code == 403
    assert write(client).status_code == 403
    client.force_login(reader)
    assert write(client).status_code == 403
    page = client.get(REPORT).content.decode()
    assert "Write a foreword" not in page
    assert not Foreword.objects.exists()
    client.force_login(admin)
    assert write(client).status_code == 302


def test_a_foreword_longer_than_the_limit_is_refused_beside_its_field(client, city, gwangju_editor):
    client.force_login(gwangju_editor)
    response = write(client, en="word " * 4001)
    assert response.status_code == 400
    assert "Ensure this value has at most 20000 characters" in response.content.decode()
    assert not Foreword.objects.exists()


def test_a_year_outside_the_years_values_take_has_no_foreword_page(client, city, gwangju_editor):
    client.force_login(gwangju_editor)
    url = reverse("reports:foreword-edit", args=["gwangju", 1200])
    assert client.get(url).status_code == 404


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_the_pdf_opens_with_the_foreword_after_the_cover(client, city, tmp_path):
    save_foreword(
        city.city,
        2023,
        {"en": "Words of the mayor.", "ko": "시장의 말."},
        by=None,
        based_on_version=None,
    )
    path = tmp_path / "report.pdf"
    url = reverse("reports:report-pdf", args=["gwangju", 2023])
    path.write_bytes(client.get(url + "?lang=ko").content)
    pages = (
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
        )
        .stdout.decode()
        .split("\f")
    )
    assert "머리말" in pages[1] and "시장의 말." in pages[1]
    assert "목차" in pages[2], "the contents follow on their own page"


# --- the API ------------------------------------------------------------------------------


def send(client, body, key=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    return client.put(API, json.dumps(body), content_type="application/json", **headers)


def test_the_api_reads_and_writes_the_foreword(client, city, gwangju_editor, api_token):
    assert client.get(API).status_code == 404
    key = api_token(gwangju_editor)

    created = send(client, {"texts": {"en": "From the API.", "ko": "API에서."}}, key)

    assert created.status_code == 200, created.content
    assert created.json()["version"] == 1
    read = client.get(API).json()
    assert read["texts"] == {"en": "From the API.", "ko": "API에서."} and read["city"] == "gwangju"
    changed = send(client, {"texts": {"en": "Changed."}, "version": 1}, key)
    assert changed.json()["version"] == 2 and changed.json()["texts"] == {"en": "Changed."}


def test_the_api_refuses_a_stale_or_versionless_rewrite_and_strangers(
    client, city, gwangju_editor, busan_editor, api_token
):
    key = api_token(gwangju_editor)
    send(client, {"texts": {"en": "One."}}, key)
    send(client, {"texts": {"en": "Two."}, "version": 1}, key)

    stale = send(client, {"texts": {"en": "Late."}, "version": 1}, key)
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    versionless = send(client, {"texts": {"en": "Blind."}}, key)
    assert versionless.status_code == 422 and "version" in versionless.json()["detail"]
    unknown = send(client, {"texts": {"fr": "Non."}, "version": 2}, key)
    assert unknown.status_code == 422 and "“fr” is not a language" in unknown.json()["detail"]
    stranger = api_token(busan_editor)
    assert send(client, {"texts": {"en": "Other city."}, "version": 2}, stranger).status_code == 403
    assert send(client, {"texts": {"en": "Nobody."}, "version": 2}).status_code == 401
    assert Foreword.objects.get().texts == {"en": "Two."}
