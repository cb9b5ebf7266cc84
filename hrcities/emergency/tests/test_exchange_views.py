"""The CSV page: downloads of what the reader may see, and the import for those signed in,
in English and Korean."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hrcities.access.tiers import Publication
from hrcities.emergency.models import Measure

from .factories import make_measure, make_review

pytestmark = pytest.mark.django_db


def test_the_public_downloads_published_measures_and_reviews_only(client, gwangju, covid):
    shown = make_measure(gwangju, titles={"en": "Mask order"})
    make_review(shown, outcome="concerns")
    make_review(shown, outcome="incompatible", publication=Publication.DRAFT)
    make_measure(gwangju, titles={"en": "Draft curfew"}, publication=Publication.DRAFT)

    page = client.get("/emergency/csv/").content.decode()
    measures = b"".join(client.get("/emergency/csv/measures.csv").streaming_content).decode()
    reviews = b"".join(client.get("/emergency/csv/reviews.csv").streaming_content).decode()

    assert "Measures (CSV)" in page and 'type="file"' not in page
    assert "Mask order" in measures and "Draft curfew" not in measures
    assert "concerns" in reviews and "incompatible" not in reviews


def test_an_editor_imports_a_file_and_sees_each_bad_row_in_korean(
    client, gwangju, gwangju_editor, covid
):
    client.force_login(gwangju_editor)
    header = "city,title_en,kind,emergency,introduced_on,in_force_from,sunset_on\n"
    bad = header + "gwangju,Curfew,order,covid-19,2020-03-01,2020-03-02,2020-02-01\n"

    answer = client.post(
        "/emergency/csv/",
        {"kind": "measures", "file": SimpleUploadedFile("m.csv", bad.encode())},
        HTTP_ACCEPT_LANGUAGE="ko",
    )

    assert answer.status_code == 400
    page = answer.content.decode()
    assert "sunset_on" in page and "비상 조치와 검토 CSV" in page
    assert "일몰일이 조치 시행일보다 앞섭니다" in page
    assert not Measure.objects.exists()

    good = header + "gwangju,Curfew,order,covid-19,2020-03-01,2020-03-02,2020-04-01\n"
    done = client.post(
        "/emergency/csv/",
        {"kind": "measures", "file": SimpleUploadedFile("m.csv", good.encode())},
        follow=True,
    )
    assert "1 created" in done.content.decode()
    assert Measure.objects.get().publication == Publication.DRAFT
