"""An item's page marks, for its keepers only, what the public does not see (hidden
fields, withheld words, real names), shows them the consent, and lets them withhold the
words they select there."""

from datetime import date

import pytest
from django.urls import reverse

from hrcities.accounts.tests.factories import make_user
from hrcities.archive.marking import marked_html
from hrcities.archive.models import Redaction

from .cases import EXACT_PLACE, PSEUDONYM, REAL_NAME, REDACTED_WORDS, make_cases
from .factories import give_consent, make_item, make_person

pytestmark = pytest.mark.django_db

HIDDEN_BADGE = '<span class="badge badge-private">hidden from the public</span>'
MARKED = (
    '<mark class="redacted"><span class="visually-hidden">hidden from the public: </span>'
    f"{REDACTED_WORDS}</mark>"
)


@pytest.fixture
def cases(gwangju, gwangju_editor):
    return make_cases(gwangju, gwangju_editor)


def page(client, item) -> str:
    return client.get(reverse("archive:item-detail", args=[item.pk])).content.decode()


def test_keepers_see_every_hidden_detail_marked_as_hidden_from_the_public(
    client, cases, gwangju_editor
):
    client.force_login(gwangju_editor)

    text = page(client, cases.public)

    # The withheld words in the description and the transcript, each marked.
    assert text.count(MARKED) == 2
    # The narrator's real name, the exact place: shown, each with the badge.
    assert f"{REAL_NAME}</a> {HIDDEN_BADGE}" in text
    assert f"(the public reads “{PSEUDONYM}”)" in text
    assert f"{EXACT_PLACE} {HIDDEN_BADGE}" in text
    assert "What the public does not see is marked" in text


def test_keepers_are_told_of_nothing_hidden_when_nothing_is(client, gwangju, gwangju_editor):
    # Every field is hidden by default, but this item has nothing in them to hide.
    item = make_item(gwangju, descriptions={"en": "A square at dawn."})
    client.force_login(gwangju_editor)

    text = page(client, item)

    assert "What the public does not see is marked" not in text and "badge-private" not in text


@pytest.mark.parametrize("who", ["public", "member", "named"])
def test_no_one_else_sees_a_mark_or_what_it_marks(client, cases, who):
    if who == "member":
        client.force_login(make_user("member"))
    elif who == "named":
        client.force_login(cases.named)

    text = page(client, cases.public)

    assert "hidden from the public" not in text and "badge-private" not in text
    assert REDACTED_WORDS not in text and REAL_NAME not in text and EXACT_PLACE not in text
    assert "[…]" in text
    assert "Consent" not in text and 'id="redact-form"' not in text


def test_keepers_see_the_consent_scopes_and_when_to_ask_again(client, gwangju, gwangju_editor):
    narrator = make_person(gwangju, pseudonym="Aster", real_name="Aster Kim")
    item = make_item(gwangju, kind="testimony", narrator=narrator)
    give_consent(item, "archive", "publish", "quote", reconsent_due=date(2031, 5, 18))
    client.force_login(gwangju_editor)

    text = page(client, item)

    assert "<dt>Agreed to</dt><dd>keep in the archive, publish, quote</dd>" in text
    assert "<dt>Not agreed to</dt><dd>use the real name</dd>" in text
    assert '<time datetime="2031-05-18">' in text
    assert "Aster Kim: keep in the archive, publish, quote" in text


def test_keepers_are_told_when_no_consent_is_on_record(client, gwangju, gwangju_editor):
    client.force_login(gwangju_editor)

    assert "No consent on record" in page(client, make_item(gwangju))


def test_marks_keep_the_texts_lines_and_escape_everything_else():
    html = marked_html("<b>Kim</b> was\nthere.\n\nThen Kim left.", ["Kim"])

    assert html.count('<mark class="redacted">') == 2
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert html.startswith("<p>") and "</p>\n\n<p>" in html and "was<br>there." in html


def test_a_mark_across_a_paragraph_break_is_cut_into_one_mark_per_paragraph():
    html = marked_html("the old\n\nbridge fell", ["old bridge"])

    assert html == (
        '<p>the <mark class="redacted"><span class="visually-hidden">hidden from the public: '
        '</span>old</mark></p>\n\n<p><mark class="redacted"><span class="visually-hidden">'
        "hidden from the public: </span>bridge</mark> fell</p>"
    )


# --- redacting from the item's page ---------------------------------------------------


def test_words_selected_in_the_transcript_are_withheld_and_the_keeper_returns_to_the_item(
    client, gwangju, gwangju_editor
):
    item = make_item(gwangju, transcript="We hid at Mr Lee's shop.", original_language="en")
    client.force_login(gwangju_editor)
    url = reverse("archive:item-redactions", args=[item.pk])

    answer = client.post(
        url, {"phrase": "Mr Lee's shop", "field": "transcript", "language": "", "next": "item"}
    )

    assert answer.status_code == 302 and answer["Location"] == item.get_absolute_url()
    assert Redaction.objects.get(item=item).phrase == "Mr Lee's shop"
    assert "[…]" in page(client.__class__(), item)


def test_words_said_to_be_in_the_description_must_stand_there(client, gwangju, gwangju_editor):
    item = make_item(
        gwangju, descriptions={"en": "A quiet street."}, transcript="Mr Lee", original_language="en"
    )
    client.force_login(gwangju_editor)
    url = reverse("archive:item-redactions", args=[item.pk])

    answer = client.post(
        url, {"phrase": "Mr Lee", "field": "description", "language": "en", "next": "item"}
    )

    assert answer.status_code == 400
    assert "These words do not occur in the text." in answer.content.decode()
    assert not Redaction.objects.exists()


def test_the_item_page_offers_keepers_the_redaction_form_and_its_script(
    client, cases, gwangju_editor
):
    client.force_login(gwangju_editor)

    text = page(client, cases.public)

    assert 'id="redact-form"' in text and 'name="phrase"' in text
    assert 'data-redact-field="transcript"' in text
    assert 'data-redact-field="description" data-redact-language="en"' in text
    assert "archive/redact_selection" in text
