import pytest

from hrcities.commitments.services import guess_addressees, short_title, unique_slug

from .builders import declaration_with

pytestmark = pytest.mark.django_db


def test_a_declaration_slug_never_takes_a_word_the_pages_use():
    assert unique_slug("New") == "declaration-new"
    assert unique_slug("Actions") == "declaration-actions"


def test_a_taken_slug_gets_a_number():
    declaration_with(1, slug="final-declaration")
    assert unique_slug("Final declaration") == "final-declaration-2"


def test_addressees_are_read_from_the_promise():
    assert guess_addressees("We ask the UN and civil society") == ["un", "civil-society"]
    assert guess_addressees("at the level of national and local governments") == [
        "central-governments",
        "local-governments",
    ]
    assert guess_addressees("우리는 시민사회와 함께") == ["civil-society"]
    assert guess_addressees("We will meet again") == ["participants"]


def test_a_short_title_is_the_opening_words_of_a_promise():
    assert short_title(
        "We begin specific and concrete discussion to realize collaboration for network activation."
    ) == ("We begin specific and concrete discussion to realize collaboration for …")
