import html
import json
import re
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from hrcities.commitments.demo import DECLARATION_FILE
from hrcities.commitments.models import Action, Declaration, Endorsement, Milestone
from hrcities.taxonomy.models import SdgGoal, Tagging

from .factories import make_action, make_declaration

pytestmark = pytest.mark.django_db

DECLARATION_2020 = DECLARATION_FILE
UPLOAD = reverse("commitments:declaration-upload")


def upload_2020(client):
    data = DECLARATION_2020.read_bytes()
    upload = SimpleUploadedFile("declaration.txt", data, content_type="text/plain")
    return client.post(UPLOAD, {"file": upload, "text": ""})


def hidden(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert match, f"no hidden field {name}"
    return html.unescape(match.group(1))


def review_answers(page: str, **changes):
    answers = {
        "step": "confirm",
        "source": hidden(page, "source"),
        "title": "Final Declaration of the 2020 World Human Rights Cities Forum",
        "subtitle": "The Future of Human Rights Cities",
        "forum_edition": "10",
        "start_date": "2020-10-07",
        "end_date": "2020-10-10",
        "dates_text": "7 – 10 October 2020",
        "place": "Gwangju, Republic of Korea",
        "language": "en",
    }
    answers.update(changes)
    return answers


def list_items(page: str, list_id: str) -> list[str]:
    match = re.search(rf'<ol[^>]*id="{list_id}"[^>]*>(.*?)</ol>', page, re.S)
    assert match, f"no list {list_id}"
    return re.findall(r"<li[^>]*>(.*?)</li>", match.group(1), re.S)


@pytest.fixture
def sdg16(db):
    return SdgGoal.objects.update_or_create(
        number=16,
        defaults={
            "titles": {"en": "Promote peaceful and inclusive societies"},
            "short_titles": {"en": "Peace, justice and strong institutions"},
        },
    )[0]


@pytest.fixture
def declaration(db):
    return make_declaration(promises=3, slug="whrcf-2020", title="Gwangju Declaration 2020")


# --- declaration list -----------------------------------------------------------------


def test_the_declaration_list_says_when_there_are_none_and_offers_admins_to_add_one(
    client, signed_in, admin, reader
):
    anonymous = client.get(reverse("commitments:declaration-list")).content.decode()
    assert "No declarations are recorded yet." in anonymous
    assert "Add a declaration" not in anonymous

    as_admin = signed_in(admin).get(reverse("commitments:declaration-list")).content.decode()
    assert "Add a declaration" in as_admin


def test_the_declaration_list_shows_edition_dates_place_and_progress(client, declaration, gwangju):
    make_action(declaration.commitments.get(number=1), gwangju, progress=60)

    page = client.get(reverse("commitments:declaration-list")).content.decode()

    assert "Gwangju Declaration 2020" in page
    assert "7 – 10 October 2020" in page
    assert "Gwangju, Republic of Korea" in page
    assert "20 %" in page  # (60 + 0 + 0) / 3
    assert declaration.get_absolute_url() in page


# --- upload, review, confirm ----------------------------------------------------------


def test_uploading_a_text_file_shows_the_review_and_saves_nothing_yet(signed_in, admin):
    response = upload_2020(signed_in(admin))

    assert response.status_code == 200
    page = response.content.decode()
    assert len(list_items(page, "preamble-clauses")) == 17
    assert len(list_items(page, "promises")) == 5
    assert "Confirm and save" in page
    assert 'value="Final Declaration of the 2020 World Human Rights Cities Forum"' in page
    assert 'value="2020-10-07"' in page and 'value="2020-10-10"' in page
    assert "Scroll to Top" in page.split("<details>")[1]  # the web debris is tucked away
    assert Declaration.objects.count() == 0


def test_pasted_text_is_reviewed_like_a_file(signed_in, admin):
    text = DECLARATION_2020.read_text(encoding="utf-8")

    response = signed_in(admin).post(UPLOAD, {"text": text})

    assert response.status_code == 200
    assert len(list_items(response.content.decode(), "promises")) == 5


def test_confirming_the_review_saves_the_declaration_with_five_commitments(signed_in, admin):
    client = signed_in(admin)
    review = upload_2020(client).content.decode()

    response = client.post(UPLOAD, review_answers(review, subtitle="Local Memories"))

    declaration = Declaration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == declaration.get_absolute_url()
    assert declaration.commitments.count() == 5
    assert declaration.clauses.filter(kind="preamble").count() == 17
    assert declaration.subtitle == "Local Memories"
    assert (declaration.start_date, declaration.end_date) == (date(2020, 10, 7), date(2020, 10, 10))
    assert declaration.source_format == "text"
    landing = client.get(response["Location"]).content.decode()
    assert "17 preamble clauses and 5 promises" in landing


def test_the_clauses_are_read_again_from_the_signed_text_so_a_changed_page_saves_nothing(
    signed_in, admin
):
    client = signed_in(admin)
    review = upload_2020(client).content.decode()
    answers = review_answers(review)
    answers["source"] = answers["source"][:-3] + "abc"

    response = client.post(UPLOAD, answers, follow=True)

    assert Declaration.objects.count() == 0
    assert "Upload it again" in response.content.decode()


def test_a_review_with_a_bad_field_is_shown_again_with_the_clauses(signed_in, admin):
    client = signed_in(admin)
    review = upload_2020(client).content.decode()

    response = client.post(UPLOAD, review_answers(review, title="", end_date="2020-10-01"))

    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page
    assert "The last day is before the first day." in page
    assert len(list_items(page, "promises")) == 5
    assert Declaration.objects.count() == 0


def test_a_pdf_that_is_really_text_is_refused_next_to_the_file_field(signed_in, admin):
    fake = SimpleUploadedFile("declaration.pdf", DECLARATION_2020.read_bytes())

    response = signed_in(admin).post(UPLOAD, {"file": fake})

    assert response.status_code == 400
    page = response.content.decode()
    assert "declaration.pdf is not a PDF." in page
    assert page.index("declaration.pdf is not a PDF.") < page.index('name="file"')
    assert Declaration.objects.count() == 0


def test_a_file_of_another_kind_is_refused(signed_in, admin):
    odd = SimpleUploadedFile("declaration.html", b"<p>We promise</p>")

    response = signed_in(admin).post(UPLOAD, {"file": odd})

    assert response.status_code == 400
    assert "is not a .txt, .md, .docx or .pdf file" in response.content.decode()


@pytest.mark.parametrize("persona", ["reader", "gwangju_editor"])
def test_only_network_admins_reach_the_upload(signed_in, persona, request):
    client = signed_in(request.getfixturevalue(persona))

    assert client.get(UPLOAD).status_code == 403
    assert upload_2020(client).status_code == 403
    assert Declaration.objects.count() == 0


def test_signing_in_is_asked_before_the_upload(client):
    response = client.get(UPLOAD)

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# --- declaration and commitment pages -------------------------------------------------


def test_the_declaration_page_shows_progress_per_commitment_after_actions_are_added(
    client, declaration, gwangju, busan
):
    first, second = declaration.commitments.get(number=1), declaration.commitments.get(number=2)
    make_action(first, gwangju, status="completed")
    make_action(second, busan, progress=30)
    late = make_action(
        second, busan, title="Late report", due_date=timezone.localdate() - timedelta(days=3)
    )

    page = client.get(declaration.get_absolute_url()).content.decode()

    row = {n: page.split(f'id="promise-{n}"')[1].split("</tr>")[0] for n in (1, 2, 3)}
    assert "100 %" in row[1] and "Gwangju" in row[1]
    assert "40 %" in row[2]  # (30 + 50) / 2
    assert "Late report" in row[2] and "overdue" in row[2]
    assert "0 %" in row[3] and "none" in row[3]
    assert "47 %" in page  # (100 + 40 + 0) / 3
    assert reverse("commitments:city-actions", args=["busan"]) in row[2]
    assert late.get_absolute_url() in row[2]
    assert "How progress is counted" in page


def test_the_declaration_page_links_exports_import_and_history(client, declaration):
    page = client.get(declaration.get_absolute_url()).content.decode()

    assert reverse("commitments:declaration-json", args=[declaration.slug]) in page
    assert reverse("commitments:actions-csv") + "?declaration=whrcf-2020" in page
    assert reverse("core:record-history", args=["commitments.declaration", declaration.pk]) in page
    assert len(list_items(page, "preamble-clauses")) == 2


def test_the_commitment_page_shows_the_action_tree_with_children_indented(
    client, declaration, gwangju
):
    commitment = declaration.commitments.get(number=1)
    parent = make_action(commitment, gwangju, title="Human rights ordinance")
    make_action(commitment, gwangju, parent=parent, title="Public hearing", progress=80)
    make_action(commitment, gwangju, parent=parent, title="Draft", status="planned")

    page = client.get(commitment.get_absolute_url()).content.decode()

    assert page.index("Human rights ordinance") < page.index("Public hearing")
    assert 'class="depth-1"' in page
    assert "40 %" in page  # the parent: (80 + 0) / 2
    assert "Local governments" in page


def test_an_editor_endorses_a_commitment_for_their_city(signed_in, gwangju_editor, declaration):
    commitment = declaration.commitments.get(number=2)
    client = signed_in(gwangju_editor)
    assert "Endorse this commitment" in client.get(commitment.get_absolute_url()).content.decode()

    response = client.post(
        reverse("commitments:commitment-endorse", args=[declaration.slug, 2]),
        {"endorser": "city:gwangju", "note": "Adopted by the city council"},
        follow=True,
    )

    assert Endorsement.objects.get().city.slug == "gwangju"
    page = response.content.decode()
    assert "Gwangju now endorses this commitment." in page
    assert "Endorse this commitment" not in page  # nothing left to endorse as


def test_an_editor_cannot_endorse_for_another_city(signed_in, gwangju_editor, busan, declaration):
    response = signed_in(gwangju_editor).post(
        reverse("commitments:commitment-endorse", args=[declaration.slug, 1]),
        {"endorser": "city:busan"},
    )

    assert response.status_code == 400
    assert Endorsement.objects.count() == 0


def test_the_timeline_lists_events_in_date_order(client, declaration, gwangju, gwangju_editor):
    commitment = declaration.commitments.get(number=1)
    from hrcities.commitments import parts

    action = make_action(commitment, gwangju, title="Ordinance", start_date=date(2021, 3, 1))
    parts.add_milestone(action, by=gwangju_editor, date=date(2022, 5, 18), text="Ordinance adopted")
    parts.add_milestone(action, by=gwangju_editor, date=date(2021, 9, 1), text="First hearing")
    parts.endorse_commitment(commitment, by=gwangju_editor, city=gwangju)
    Endorsement.objects.update(endorsed_on=date(2020, 12, 1))

    page = client.get(commitment.get_absolute_url()).content.decode()
    timeline = page.split('class="timeline"')[1].split("</ol>")[0]

    order = ["Gwangju endorsed", "Gwangju started", "First hearing", "Ordinance adopted"]
    positions = [timeline.index(text) for text in order]
    assert positions == sorted(positions)


# --- adding and editing actions -------------------------------------------------------


def action_answers(**changes):
    answers = {
        "owner": "city:gwangju",
        "parent": "",
        "title": "Human rights education for officials",
        "description": "Every new official takes the course.",
        "start_date": "2021-01-01",
        "due_date": "2022-12-31",
        "status": "in-progress",
        "progress": "40",
        "weight": "1",
    }
    answers.update(changes)
    return answers


def test_a_gwangju_editor_adds_an_action_for_gwangju(signed_in, gwangju_editor, declaration, sdg16):
    client = signed_in(gwangju_editor)
    url = reverse("commitments:action-create", args=[declaration.slug, 1])
    form = client.get(url).content.decode()
    assert "Gwangju" in form and "Busan" not in form

    response = client.post(url, action_answers(tags=["sdg:16"]), follow=True)

    action = Action.objects.get()
    assert (action.city.slug, action.progress, action.status.slug) == ("gwangju", 40, "in-progress")
    page = response.content.decode()
    assert "The action was added." in page
    assert "Peace, justice and strong institutions" in page
    commitment_page = client.get(action.commitment.get_absolute_url()).content.decode()
    assert "40 %" in commitment_page


def test_a_gwangju_editor_cannot_add_an_action_for_busan(
    signed_in, gwangju_editor, busan, declaration
):
    url = reverse("commitments:action-create", args=[declaration.slug, 1])

    response = signed_in(gwangju_editor).post(url, action_answers(owner="city:busan"))

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert Action.objects.count() == 0


def test_a_reader_cannot_open_the_action_form(signed_in, reader, declaration):
    url = reverse("commitments:action-create", args=[declaration.slug, 1])

    assert signed_in(reader).get(url).status_code == 403


def test_a_gwangju_editor_cannot_edit_busans_action(signed_in, gwangju_editor, busan, declaration):
    action = make_action(declaration.commitments.get(number=1), busan, title="Busan's plan")
    client = signed_in(gwangju_editor)
    url = reverse("commitments:action-edit", args=[action.pk])

    assert client.get(url).status_code == 403
    response = client.post(url, action_answers(owner="city:busan", version=action.version))

    assert response.status_code == 403
    action.refresh_from_db()
    assert action.title == "Busan's plan"
    assert "Edit this action" not in client.get(action.get_absolute_url()).content.decode()


def test_an_action_is_edited_and_its_status_change_shows_on_the_timeline(
    signed_in, gwangju_editor, gwangju, declaration
):
    action = make_action(declaration.commitments.get(number=1), gwangju, title="Ordinance")
    client = signed_in(gwangju_editor)

    response = client.post(
        reverse("commitments:action-edit", args=[action.pk]),
        action_answers(title="Ordinance", status="completed", progress="", version=action.version),
    )

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status.slug == "completed"
    page = client.get(action.commitment.get_absolute_url()).content.decode()
    assert "In progress → Completed" in page


def test_a_stale_edit_is_refused_with_a_conflict_and_changes_nothing(
    signed_in, gwangju_editor, gwangju, declaration
):
    action = make_action(declaration.commitments.get(number=1), gwangju, title="Ordinance")
    stale = action.version
    client = signed_in(gwangju_editor)
    client.post(
        reverse("commitments:action-edit", args=[action.pk]),
        action_answers(title="Ordinance, first edit", version=stale),
    )

    response = client.post(
        reverse("commitments:action-edit", args=[action.pk]),
        action_answers(title="Ordinance, second edit", version=stale),
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "Edit conflict: nothing was saved" in page
    assert "Ordinance, first edit" in page and "Ordinance, second edit" in page
    action.refresh_from_db()
    assert action.title == "Ordinance, first edit"
    assert f'name="version" value="{action.version}"' in page


def test_an_editor_adds_a_milestone_and_evidence(signed_in, gwangju_editor, gwangju, declaration):
    action = make_action(declaration.commitments.get(number=1), gwangju)
    client = signed_in(gwangju_editor)

    client.post(
        reverse("commitments:milestone-add", args=[action.pk]),
        {"date": "2021-05-18", "text": "Exchange with partner cities"},
    )
    client.post(
        reverse("commitments:evidence-add", args=[action.pk]),
        {"title": "Report", "url": "https://example.org/report"},
    )
    empty = client.post(reverse("commitments:evidence-add", args=[action.pk]), {"title": "Nothing"})

    assert Milestone.objects.get().text == "Exchange with partner cities"
    assert empty.status_code == 400
    assert "Give a link or choose a file." in empty.content.decode()
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Exchange with partner cities" in page
    assert 'href="https://example.org/report"' in page


def test_another_citys_editor_cannot_add_a_milestone(signed_in, busan_editor, gwangju, declaration):
    action = make_action(declaration.commitments.get(number=1), gwangju)

    response = signed_in(busan_editor).post(
        reverse("commitments:milestone-add", args=[action.pk]),
        {"date": "2021-05-18", "text": "Not mine"},
    )

    assert response.status_code == 403
    assert Milestone.objects.count() == 0


# --- tags -----------------------------------------------------------------------------


def test_accepting_a_suggested_tag_moves_it_to_accepted(
    signed_in, gwangju_editor, gwangju, declaration, sdg16
):
    from hrcities.taxonomy.tags import record_suggestions, tags_for

    action = make_action(declaration.commitments.get(number=1), gwangju)
    record_suggestions(action, [("sdg:16", 0.9)])
    client = signed_in(gwangju_editor)
    before = client.get(action.get_absolute_url()).content.decode()
    assert "Suggested tags" in before and "Accept" in before
    tagging = Tagging.objects.get()

    response = client.post(
        reverse("commitments:tag-decide", args=[tagging.pk]),
        {"decision": "accept", "next": action.get_absolute_url()},
        follow=True,
    )

    assert [t.label for t in tags_for(action)["accepted"]] == ["sdg:16"]
    assert tags_for(action)["suggested"] == []
    page = response.content.decode()
    assert "was accepted" in page
    assert "Suggested tags" not in page


def test_htmx_gets_only_the_tag_block_back(signed_in, gwangju_editor, gwangju, declaration, sdg16):
    from hrcities.taxonomy.tags import record_suggestions

    action = make_action(declaration.commitments.get(number=1), gwangju)
    record_suggestions(action, [("sdg:16", 0.9)])

    response = signed_in(gwangju_editor).post(
        reverse("commitments:tag-decide", args=[Tagging.objects.get().pk]),
        {"decision": "reject"},
        HTTP_HX_REQUEST="true",
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<section id="tags"')
    assert "was rejected" in page
    assert Tagging.objects.get().status == "rejected"


def test_a_reader_cannot_decide_a_suggested_tag(signed_in, reader, gwangju, declaration, sdg16):
    from hrcities.taxonomy.tags import record_suggestions

    action = make_action(declaration.commitments.get(number=1), gwangju)
    record_suggestions(action, [("sdg:16", 0.9)])

    response = signed_in(reader).post(
        reverse("commitments:tag-decide", args=[Tagging.objects.get().pk]), {"decision": "accept"}
    )

    assert response.status_code == 403
    assert Tagging.objects.get().status == "suggested"
    assert "Accept" not in signed_in(reader).get(action.get_absolute_url()).content.decode()


# --- follow-up per city ---------------------------------------------------------------


def test_the_city_follow_up_lists_the_citys_actions_only(client, declaration, gwangju, busan):
    other = make_declaration(promises=1, slug="whrcf-2021", title="Declaration 2021")
    make_action(declaration.commitments.get(number=1), gwangju, title="Gwangju ordinance")
    make_action(other.commitments.get(number=1), gwangju, title="Gwangju archive")
    make_action(declaration.commitments.get(number=1), busan, title="Busan plan")

    page = client.get(reverse("commitments:city-actions", args=["gwangju"])).content.decode()

    assert "Gwangju ordinance" in page and "Gwangju archive" in page
    assert "Busan plan" not in page
    assert "Gwangju Declaration 2020" in page and "Declaration 2021" in page
    assert reverse("commitments:actions-csv") + "?city=gwangju" in page


# --- exchange -------------------------------------------------------------------------


def test_the_exported_csv_imports_back_unchanged(
    client, signed_in, gwangju_editor, gwangju, declaration
):
    for n in range(3):
        make_action(declaration.commitments.get(number=1), gwangju, title=f"Action {n}")
    export = client.get(reverse("commitments:actions-csv"), {"declaration": declaration.slug})
    assert export["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in export["Content-Disposition"]

    upload = SimpleUploadedFile("actions.csv", export.content, content_type="text/csv")
    response = signed_in(gwangju_editor).post(
        reverse("commitments:actions-import"), {"file": upload}, follow=True
    )

    assert "0 created, 0 updated, 3 unchanged" in response.content.decode()
    assert Action.objects.count() == 3


def test_an_import_with_a_bad_row_lists_every_error_and_changes_nothing(
    client, signed_in, gwangju_editor, gwangju, declaration
):
    make_action(declaration.commitments.get(number=1), gwangju, title="Ordinance")
    text = client.get(reverse("commitments:actions-csv")).content.decode()
    text = text.replace("Ordinance", "Ordinance, renamed")
    text += ",,whrcf-2020/1,,gwangju,,New action,,2021-13-01,,finished,,1,\r\n"
    upload = SimpleUploadedFile("actions.csv", text.encode(), content_type="text/csv")

    response = signed_in(gwangju_editor).post(
        reverse("commitments:actions-import"), {"file": upload}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "nothing was changed" in page
    errors = page.split('id="import-errors"')[1]
    assert re.search(r"<th scope=\"row\">3</th><td>start_date</td>", errors)
    assert re.search(r"<th scope=\"row\">3</th><td>status</td>", errors)
    assert Action.objects.get().title == "Ordinance"


def test_the_city_csv_holds_only_that_citys_actions(client, declaration, gwangju, busan):
    make_action(declaration.commitments.get(number=1), gwangju, title="Gwangju ordinance")
    make_action(declaration.commitments.get(number=1), busan, title="Busan plan")

    text = client.get(reverse("commitments:actions-csv"), {"city": "gwangju"}).content.decode()

    assert "Gwangju ordinance" in text and "Busan plan" not in text


def test_the_json_export_holds_clauses_and_commitments(client, declaration, gwangju):
    make_action(declaration.commitments.get(number=2), gwangju, title="Ordinance", progress=30)

    response = client.get(reverse("commitments:declaration-json", args=[declaration.slug]))

    assert 'attachment; filename="whrcf-2020.json"' == response["Content-Disposition"]
    document = json.loads(response.content)
    assert [c["text"] for c in document["preamble"]] == [
        "Recalling clause 1,",
        "Recalling clause 2,",
    ]
    assert [c["number"] for c in document["commitments"]] == [1, 2, 3]
    assert document["commitments"][1]["actions"][0]["title"] == "Ordinance"
    assert document["progress"] == 10.0


def test_the_action_page_links_up_to_its_commitment_and_declaration(client, declaration, gwangju):
    commitment = declaration.commitments.get(number=1)
    parent = make_action(commitment, gwangju, title="Ordinance")
    child = make_action(commitment, gwangju, parent=parent, title="Hearing", progress=70)

    page = client.get(parent.get_absolute_url()).content.decode()

    assert commitment.get_absolute_url() in page
    assert declaration.get_absolute_url() in page
    assert child.get_absolute_url() in page
    assert "70 %" in page
    assert reverse("core:record-history", args=["commitments.action", parent.pk]) in page


def test_adding_a_sub_action_starts_with_its_parent_and_owner_chosen(
    signed_in, gwangju_editor, gwangju, declaration
):
    parent = make_action(declaration.commitments.get(number=1), gwangju, title="Ordinance")
    url = reverse("commitments:action-create", args=[declaration.slug, 1])

    page = signed_in(gwangju_editor).get(url, {"parent": parent.pk}).content.decode()

    assert re.search(rf'<option value="{parent.pk}" selected>Ordinance', page)
    assert '<option value="city:gwangju" selected>' in page


def test_tags_are_ticked_in_groups_not_picked_from_a_ctrl_click_list(
    signed_in, gwangju_editor, gwangju, declaration
):
    from hrcities.taxonomy.models import SdgGoal
    from hrcities.taxonomy.tags import accepted_labels

    for n in (11, 16):
        SdgGoal.objects.create(number=n, titles={"en": f"Goal {n}"}, short_titles={"en": f"G{n}"})

    action = make_action(declaration.commitments.get(number=1), gwangju, title="Ordinance")
    client = signed_in(gwangju_editor)
    url = reverse("commitments:action-edit", args=[action.pk])

    page = client.get(url).content.decode()
    box = page.split('class="tag-choices"')[1].split("</div>")[0]
    assert 'data-filter-label="Find a tag by number or words"' in box
    assert "<legend>SDG goal</legend>" in box
    assert 'type="checkbox" name="tags" value="sdg:11"' in box
    assert "Hold Ctrl" not in page and "core/tag_filter.js" in page

    response = client.post(
        url,
        action_answers(title="Ordinance", version=action.version) | {"tags": ["sdg:11", "sdg:16"]},
    )
    assert response.status_code == 302
    assert sorted(accepted_labels(action)) == ["sdg:11", "sdg:16"]
    ticked = client.get(url).content.decode().split('class="tag-choices"')[1]
    assert 'value="sdg:11" id="id_tags_0_0" checked' in ticked
