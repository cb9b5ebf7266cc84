"""A declaration's translation is read from its text, aligned with the original clause by
clause, refused whole when its structure differs, and kept in revisions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation as django_translation

from hrcities.commitments.models import (
    Clause,
    ClauseTranslation,
    DeclarationTranslation,
)
from hrcities.commitments.reading import read_declaration
from hrcities.commitments.tests.factories import make_declaration
from hrcities.commitments.translating import (
    correct_translated_clause,
    delete_translation,
    ingest_translation,
)
from hrcities.core.models import AuditEntry
from hrcities.core.services import revisions_for

from .translations import RIVER_KO, ingest_text, river_declaration, udhr_articles, udhr_text

pytestmark = pytest.mark.django_db


def translate(declaration, text, by, language="ko", **values):
    values.setdefault("kind", "network")
    return ingest_translation(declaration, by=by, text=text, language=language, **values)


def refusal(declaration, text, by, **values) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        translate(declaration, text, by, **values)
    return refused.value.messages


def test_a_korean_text_is_aligned_with_the_english_clause_by_clause(admin):
    declaration = river_declaration()

    translation, is_new = translate(
        declaration, RIVER_KO, admin, kind="city", translator="Riverside City Hall"
    )

    assert is_new
    assert translation.title == "깨끗한 물에 관한 리버사이드 선언"
    assert translation.promises_intro == "이에 우리는 다음과 같이 다짐한다."
    aligned = {
        (t.clause.kind, t.clause.number): t.text
        for t in ClauseTranslation.objects.filter(translation=translation)
    }
    assert aligned == {
        ("preamble", 1): "모든 사람에게 안전한 먹는 물이 필요함을 기억하며,",
        ("promise", 1): "도시는 매달 먹는 물의 수질을 공개한다.",
    }
    assert (
        AuditEntry.objects.filter(
            action=AuditEntry.Action.RECORD_CREATED, target_type="commitments.clausetranslation"
        ).count()
        == 2
    )


def test_the_korean_udhr_aligns_with_the_english_one_article_by_article(admin):
    english = ingest_text(udhr_text("en"), slug="udhr", language="en")

    translation, _ = translate(english, udhr_text("ko"), admin, kind="official", translator="OHCHR")

    texts = dict(
        ClauseTranslation.objects.filter(
            translation=translation, clause__kind=Clause.Kind.PROMISE
        ).values_list("clause__number", "text")
    )
    assert english.clauses.filter(kind=Clause.Kind.PROMISE).count() == len(texts) == 30
    assert texts[1].startswith("모든 인간은 태어날 때부터 자유로우며")
    first, second = udhr_articles("ko")[14]
    assert texts[14] == f"1. {first}\n2. {second}"
    assert translation.clauses.filter(clause__kind=Clause.Kind.PREAMBLE).count() == 7
    assert translation.title == "세계인권선언"


def test_a_missing_preamble_clause_is_refused_naming_both_counts_and_nothing_is_saved(admin):
    english = ingest_text(udhr_text("en"), slug="udhr", language="en")
    korean = udhr_text("ko")
    first_clause = korean.split("\n\n")[1]
    shortened = korean.replace(first_clause + "\n\n", "", 1)

    messages = refusal(english, shortened, admin)

    assert messages[0] == "The Korean text has 6 preamble clauses; the declaration has 7."
    assert not DeclarationTranslation.objects.exists()
    assert not ClauseTranslation.objects.exists()


def test_a_missing_promise_number_is_named_and_nothing_is_saved(admin):
    declaration = make_declaration(promises=3, preamble=1)
    text = (
        "세 약속의 선언\n\n우리는 인권을 기억하며,\n\n이에 우리는 다음과 같이 다짐한다.\n\n"
        "1. 우리는 첫째 약속을 지킨다.\n3. 우리는 셋째 약속을 지킨다.\n"
    )

    messages = refusal(declaration, text, admin)

    assert messages == [
        "The Korean text has 2 promises; the declaration has 3.",
        "Promise 2 is missing from the Korean text.",
    ]
    assert not DeclarationTranslation.objects.exists()


def test_a_promise_the_declaration_lacks_is_named_with_the_unplaced_paragraphs(admin):
    declaration = river_declaration()
    text = RIVER_KO + "2. 도시는 수도 요금을 공개한다.\n\n2020년 10월 10일\n"

    messages = refusal(declaration, text, admin)

    assert "The Korean text has 2 promises; the declaration has 1." in messages
    assert "The Korean text has promise 2, which the declaration does not have." in messages
    assert messages[-1] == "These paragraphs were not read as clauses: “2020년 10월 10일”."


def test_the_refusal_speaks_the_editors_language(admin):
    declaration = river_declaration()

    with django_translation.override("ko"):
        messages = refusal(declaration, RIVER_KO + "2. 도시는 수도 요금을 공개한다.\n", admin)

    assert messages[0] == "한국어 본문에는 약속이 2개 있고, 선언에는 1개 있습니다."


def test_a_text_in_the_declarations_own_language_or_another_script_is_refused(admin):
    declaration = river_declaration()

    assert refusal(declaration, RIVER_KO, admin, language="en") == [
        "The declaration itself is in English: give the language of the translation."
    ]
    english_as_korean = refusal(declaration, declaration.source_text, admin, language="ko")
    assert english_as_korean == ["The text reads as English, not Korean."]
    assert refusal(declaration, RIVER_KO, admin, language="korean!") == [
        "“korean!” is not a BCP 47 language code. Write for example ko, en or zh-Hant."
    ]
    assert not DeclarationTranslation.objects.exists()


def test_reading_a_translation_in_again_replaces_it_as_a_new_revision(admin):
    declaration = river_declaration()
    first, _ = translate(declaration, RIVER_KO, admin)
    promise = first.clauses.get(clause__kind=Clause.Kind.PROMISE)
    corrected = RIVER_KO.replace("매달", "매주")

    again, is_new = translate(declaration, corrected, admin, kind="official")

    promise.refresh_from_db()
    assert not is_new and again.pk == first.pk
    assert (again.version, again.kind) == (2, "official")
    assert promise.text == "도시는 매주 먹는 물의 수질을 공개한다."
    assert promise.version == 2
    assert revisions_for(promise).first().changes["text"] == [
        "도시는 매달 먹는 물의 수질을 공개한다.",
        "도시는 매주 먹는 물의 수질을 공개한다.",
    ]
    assert DeclarationTranslation.objects.count() == 1


def test_only_network_admins_add_or_correct_a_translation(admin, gwangju_editor, reader):
    declaration = river_declaration()
    for person in (gwangju_editor, reader):
        with pytest.raises(PermissionDenied):
            translate(declaration, RIVER_KO, person)
    translation, _ = translate(declaration, RIVER_KO, admin)
    clause = translation.clauses.first()

    with pytest.raises(PermissionDenied):
        correct_translated_clause(clause, "바뀐 문장", by=gwangju_editor, based_on_version=1)
    with pytest.raises(PermissionDenied):
        delete_translation(translation, by=gwangju_editor)
    assert ClauseTranslation.objects.get(pk=clause.pk).text == clause.text


def test_a_translated_clause_is_corrected_alone_and_keeps_its_earlier_wording(admin):
    declaration = river_declaration()
    translation, _ = translate(declaration, RIVER_KO, admin)
    clause = translation.clauses.get(clause__kind=Clause.Kind.PREAMBLE)

    correct_translated_clause(
        clause, "모든 사람에게 깨끗한 물이 필요함을 기억하며,", by=admin, based_on_version=1
    )

    assert declaration.clauses.get(kind="preamble").text.startswith("Recalling")
    assert revisions_for(clause).count() == 2
    with pytest.raises(ValidationError):
        correct_translated_clause(clause, "  ", by=admin, based_on_version=2)


def test_the_reader_sees_the_translation_in_their_language_and_the_original_otherwise(admin):
    declaration = river_declaration()
    translate(declaration, RIVER_KO, admin)
    promise = declaration.commitments.get(number=1)

    with django_translation.override("ko"):
        korean = read_declaration(declaration)
        original = read_declaration(declaration, "original")
        in_english = read_declaration(declaration, "en")
    english = read_declaration(declaration)
    chosen = read_declaration(declaration, "ko")

    assert korean.title.text == "깨끗한 물에 관한 리버사이드 선언"
    assert korean.commitment_text(promise).text == "도시는 매달 먹는 물의 수질을 공개한다."
    assert korean.commitment_title(promise).text == "도시는 매달 먹는 물의 수질을 공개한다."
    assert korean.commitment_text(promise).language == "ko"
    assert original.title.text == english.title.text == "Riverside Declaration on Clean Water"
    assert in_english.title.text == original.title.text and in_english.query == "?text=original"
    assert chosen.title.text == korean.title.text and chosen.query == "?text=ko"


def test_a_short_title_an_admin_wrote_is_not_replaced_by_the_translations_words(admin):
    declaration = river_declaration()
    translate(declaration, RIVER_KO, admin)
    promise = declaration.commitments.get(number=1)
    promise.title = "Monthly water reports"

    with django_translation.override("ko"):
        shown = read_declaration(declaration).commitment_title(promise)

    assert (shown.text, shown.language) == ("Monthly water reports", "en")


def test_deleting_a_declaration_deletes_its_translations_with_revisions(admin):
    from hrcities.commitments.declaring import delete_declaration

    declaration = river_declaration()
    translation, _ = translate(declaration, RIVER_KO, admin)

    delete_declaration(declaration, by=admin)

    assert not DeclarationTranslation.objects.exists()
    assert revisions_for(translation).first().action == "delete"
