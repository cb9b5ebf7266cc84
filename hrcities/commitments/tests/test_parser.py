import json
import os
import re
import time
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrcities.commitments.demo import DECLARATION_FILE
from hrcities.commitments.parser import ParsedDeclaration, parse_declaration

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_DATA = Path(
    os.environ.get(
        "HRCITIES_SHARED_DATA", Path(__file__).resolve().parents[3].parent / "shared" / "data"
    )
)
# The platform ships the Declaration exactly as published (see data/LICENSES.md).
DECLARATION_2020 = DECLARATION_FILE


@pytest.mark.skipif(
    not (SHARED_DATA / "declarations").exists(), reason="the shared reference data is not beside"
)
def test_the_shipped_declaration_is_the_published_text_byte_for_byte():
    shared = SHARED_DATA / "declarations" / "2020-whrcf-final-declaration.txt"
    assert DECLARATION_FILE.read_bytes() == shared.read_bytes()


@pytest.fixture(scope="module")
def source_2020() -> str:
    if not DECLARATION_2020.exists():
        pytest.skip(f"{DECLARATION_2020} is not available (set HRCITIES_SHARED_DATA)")
    return DECLARATION_2020.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parsed_2020(source_2020: str) -> ParsedDeclaration:
    return parse_declaration(source_2020)


def numbered_items(source: str, after: str, before: str) -> list[str]:
    """Return the "  1. text" lines of `source` between two marker sentences, numbers removed."""
    section = source.split(after, 1)[1].split(before, 1)[0]
    return [re.sub(r"^\s*\d+\.\s+", "", line) for line in section.splitlines() if line.strip()]


# The 2020 World Human Rights Cities Forum declaration, exactly as published.


def test_the_2020_declaration_has_17_preamble_clauses_and_5_promises(parsed_2020):
    assert len(parsed_2020.preamble) == 17
    assert len(parsed_2020.promises) == 5
    assert parsed_2020.unplaced == []


def test_the_2020_clauses_keep_their_text_without_the_number(parsed_2020):
    assert parsed_2020.preamble[0].startswith("Hoping that the spirit")
    assert parsed_2020.preamble[16].endswith("instead of meeting online,")
    assert parsed_2020.preamble[2].endswith("active implementation of human rights education")
    assert parsed_2020.preamble_numbers == [f"{n}." for n in range(1, 18)]


def test_every_2020_clause_and_promise_is_exactly_its_original_text(source_2020, parsed_2020):
    clauses = numbered_items(source_2020, "May 1980:", "The participants of the 10th")
    promises = numbered_items(source_2020, "five promises:", "Leave a Comment")

    assert parsed_2020.preamble == clauses
    assert parsed_2020.promises == promises
    assert parsed_2020.promises[4] == (
        "We recognize that the history and memories of each human rights city are cultural and "
        "social assets to develop a human rights city, and we endeavor to share the history and "
        "memories among human rights cities."
    )


def test_the_2020_web_page_debris_is_discarded_and_nowhere_else(parsed_2020):
    debris = [
        "Leave a Comment",
        "Your email address will not be published. Required fields are marked *",
        "Scroll to Top",
    ]

    assert parsed_2020.discarded == debris
    placed = [*parsed_2020.preamble, *parsed_2020.promises, *parsed_2020.unplaced]
    assert not any(phrase in text for phrase in debris for text in placed)


def test_the_2020_front_matter_gives_title_edition_place_and_dates(parsed_2020):
    assert parsed_2020.title == "Final Declaration of the 2020 World Human Rights Cities Forum"
    assert parsed_2020.subtitle == (
        "The Future of Human Rights Cities: Local Memories and Global Sharing"
    )
    assert parsed_2020.forum_edition == 10
    assert parsed_2020.place == "Gwangju, Republic of Korea"
    assert parsed_2020.dates == "7 – 10 October 2020"
    assert parsed_2020.language == "en"


def test_the_2020_intro_sentences_are_kept_apart_from_the_lists(parsed_2020):
    assert parsed_2020.intro.startswith("We, the participants of the 10th")
    assert parsed_2020.intro.endswith("in May 1980:")
    assert parsed_2020.promises_intro.endswith("agree to practice the following five promises:")


def test_the_2020_declaration_parses_in_well_under_50_ms(source_2020):
    parse_declaration(source_2020)
    started = time.perf_counter()
    for _ in range(10):
        parse_declaration(source_2020)

    assert (time.perf_counter() - started) / 10 < 0.05


def test_the_json_output_lists_clause_and_promise_texts(parsed_2020):
    data = json.loads(json.dumps(parsed_2020.to_json()))

    assert data["title"] == parsed_2020.title
    assert data["preamble"][0].startswith("Hoping that the spirit")
    assert len(data["promises"]) == 5
    assert data["unplaced"] == []
    assert data["discarded"][0] == "Leave a Comment"
    assert data["forum_edition"] == 10
    assert {"subtitle", "place", "dates", "language", "intro", "promises_intro"} <= set(data)


# Other shapes of declarations.


def parse_fixture(name: str) -> ParsedDeclaration:
    return parse_declaration((FIXTURES / name).read_text(encoding="utf-8"))


def test_whereas_clauses_and_articles_after_now_therefore_are_split():
    parsed = parse_fixture("whereas-declaration.txt")

    assert parsed.intro == "The City Council of Riverton,"
    assert len(parsed.preamble) == 3
    assert all(clause.startswith("Whereas") for clause in parsed.preamble)
    # A clause wrapped over two lines comes back as one line.
    assert parsed.preamble[2].endswith("the decisions that affect them,")
    assert parsed.promises_intro == "Now, therefore, the City Council hereby declares:"
    assert parsed.promise_numbers == ["Article 1", "Article 2", "Article 3"]
    assert parsed.promises[0].startswith("Every resident of Riverton")
    assert parsed.promises[0].endswith("set out in this Charter.")


def test_articles_numbered_with_the_word_article_are_promises_without_an_intro():
    parsed = parse_declaration(
        "Charter of Inclusive Cities\n\n"
        "Article 1. The city guarantees equal access to public services.\n"
        "Article 2. The city reports every year on the rights of its residents.\n"
    )

    assert parsed.title == "Charter of Inclusive Cities"
    assert parsed.preamble == []
    assert parsed.promises == [
        "The city guarantees equal access to public services.",
        "The city reports every year on the rights of its residents.",
    ]


def test_lines_between_the_operative_intro_and_the_first_article_are_kept_for_review():
    # The Universal Declaration's "Now, therefore," is followed by "The General Assembly"
    # and "Proclaims ..." before Article 1: nothing to append them to yet.
    parsed = parse_declaration(
        "Universal Declaration\n\n"
        "Whereas recognition of the inherent dignity of all is the foundation of freedom,\n\n"
        "Now, therefore,\n\n"
        "The General Assembly\n\n"
        "Proclaims this Declaration as a common standard of achievement.\n\n"
        "Article 1\nAll human beings are born free and equal in dignity and rights.\n\n"
        "Article 2\n1. Everyone has the right to seek asylum.\n2. This right may not be invoked.\n"
    )

    assert parsed.promise_numbers == ["Article 1", "Article 2"]
    assert parsed.promises[1] == (
        "1. Everyone has the right to seek asylum.\n2. This right may not be invoked."
    )
    assert "Proclaims this Declaration as a common standard of achievement." in parsed.unplaced


def test_bracketed_numbers_split_both_lists():
    parsed = parse_fixture("bracketed-numbers.txt")

    assert parsed.preamble_numbers == ["(1)", "(2)"]
    assert parsed.preamble[1] == (
        "Recognizing that cities are where human rights are lived every day,"
    )
    assert parsed.promises_intro == "commit to the following:"
    assert len(parsed.promises) == 3
    assert parsed.promises[2] == "We will report on these commitments every two years."


def test_unnumbered_articles_after_an_operative_intro_are_promises():
    parsed = parse_fixture("unnumbered-articles.txt")

    assert len(parsed.preamble) == 2
    assert parsed.promises_intro == "The city agrees to the following commitments:"
    assert parsed.promises == [
        "The city promotes the participation of citizens in the democratic life of the city.",
        "The city ensures that its services are accessible to persons with disabilities.",
        "The city fights poverty and social exclusion in all its neighbourhoods.",
    ]
    assert parsed.promise_numbers == ["", "", ""]


def test_numbered_items_after_recalling_paragraphs_are_promises_without_an_intro():
    parsed = parse_fixture("recalling-without-operative-intro.txt")

    assert [clause.split()[0] for clause in parsed.preamble] == ["Recalling", "Noting"]
    assert len(parsed.promises) == 2
    assert parsed.promises_intro == ""


def test_a_korean_declaration_is_split_and_recognised_as_korean():
    parsed = parse_fixture("gwangju-human-rights-city-declaration-ko.txt")

    assert parsed.language == "ko"
    assert parsed.title == "2020 광주 인권도시 선언"
    assert parsed.forum_edition == 10
    assert parsed.dates == "2020년 10월 7일 ~ 10일"
    assert parsed.place == "대한민국 광주"
    assert parsed.headings == ["전문"]
    assert len(parsed.preamble) == 4
    assert parsed.preamble[0].endswith("연대의 정신을 기억하며,")
    assert parsed.promises_intro == "이에 우리는 다음과 같이 다짐한다."
    assert len(parsed.promises) == 3
    assert parsed.promises[1].startswith("우리는 인권교육을 통해")
    # The date and signature of the closing are shown to the reviewer, not made promises.
    assert parsed.unplaced == ["2020년 10월 10일", "제10회 세계인권도시포럼 참가자 일동"]


def test_circled_and_korean_article_numbers_are_understood():
    parsed = parse_declaration(
        "우리는 인권의 가치를 확인하며,\n\n다음과 같이 선언한다.\n\n"
        "① 우리는 차별에 반대한다.\n② 우리는 연대한다.\n\n"
        "제1조 시민은 존엄하다.\n"
    )

    assert parsed.promises == ["우리는 차별에 반대한다.", "우리는 연대한다."]
    assert parsed.unplaced == ["제1조 시민은 존엄하다."]


def test_sub_items_stay_inside_their_promise():
    parsed = parse_declaration(
        "We, the mayors, hereby declare:\n\n"
        "1. We will protect residents by:\n(a) publishing data;\n(b) listening to them.\n"
        "2. We will report every year.\n"
    )

    assert parsed.promises == [
        "We will protect residents by:\n(a) publishing data;\n(b) listening to them.",
        "We will report every year.",
    ]


def test_an_article_keeps_every_numbered_and_unnumbered_paragraph():
    parsed = parse_declaration(
        "Convention on Cities\n\nThe States Parties to the present Convention,\n\n"
        "Considering that cities are where rights are lived,\n\nHave agreed as follows:\n\n"
        "Article 1\nDefinitions\n"
        "1. For the purposes of this Convention, a city means a local government.\n"
        "2. Nothing in this article shall prejudice any national law.\n"
        "3. The term asylum covers every form of protection.\n\n"
        "Article 2\nEveryone has the right to seek refuge.\n\n"
        "This right may not be invoked against prosecutions.\n\n"
        "Article 3\n(a) publishing data;\n(b) listening.\n\n"
        "Done at Gwangju, 10 October 2020\n"
    )

    assert parsed.promise_numbers == ["Article 1", "Article 2", "Article 3"]
    assert parsed.promises[0].endswith("3. The term asylum covers every form of protection.")
    assert "2. Nothing in this article" in parsed.promises[0]
    assert parsed.promises[1] == (
        "Everyone has the right to seek refuge.\n"
        "This right may not be invoked against prosecutions."
    )
    assert parsed.promises[2] == "(a) publishing data;\n(b) listening."
    assert parsed.unplaced == ["Done at Gwangju, 10 October 2020"]


def test_a_korean_article_keeps_its_circled_paragraphs_and_hangul_items():
    parsed = parse_declaration(
        "도시협약\n\n도시가 인권이 실현되는 곳임을 고려하며,\n\n다음과 같이 합의하였다.\n\n"
        "제1조(정의)\n① 이 협약에서 도시란 지방정부를 말한다.\n"
        "② 이 조의 어떠한 규정도 국내법을 해하지 아니한다.\n"
        "③ 비호는 모든 형태의 보호를 포함한다.\n\n"
        "제2조 모든 사람은 피난처를 구할 권리를 가진다.\n"
        "가. 박해를 피할 권리\n나. 돌아가지 않을 권리\n"
    )

    assert parsed.promise_numbers == ["제1조", "제2조"]
    assert parsed.promises[0].endswith("③ 비호는 모든 형태의 보호를 포함한다.")
    assert parsed.promises[1] == (
        "모든 사람은 피난처를 구할 권리를 가진다.\n가. 박해를 피할 권리\n나. 돌아가지 않을 권리"
    )
    assert parsed.unplaced == []


def test_an_unknown_trailing_paragraph_is_unplaced_not_lost():
    source = (FIXTURES / "bracketed-numbers.txt").read_text(encoding="utf-8")
    parsed = parse_declaration(source + "\nThe secretariat will circulate the minutes.\n")

    assert len(parsed.promises) == 3
    assert parsed.unplaced == ["The secretariat will circulate the minutes."]


def test_a_clause_split_by_a_page_number_is_joined_again():
    parsed = parse_declaration(
        "We declare the following:\n\n1. We protect the rights of all residents,\n\n12\n\n"
        "including migrants and refugees.\n2. We report every year.\n"
    )

    assert parsed.promises[0] == (
        "We protect the rights of all residents, including migrants and refugees."
    )
    assert parsed.discarded == ["12"]


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t\n ", "\x00\x01\x02", "1.\n2.\n3.", '(((("“‘', "1 2 3 4 5", "\ufeff"],
)
def test_odd_inputs_give_a_result_and_never_raise(text):
    parsed = parse_declaration(text)

    assert isinstance(parsed.to_json(), dict)
    assert parsed.promises == [] or all(parsed.promises)


def test_empty_input_gives_empty_lists():
    parsed = parse_declaration("")

    assert (parsed.preamble, parsed.promises, parsed.unplaced) == ([], [], [])
    assert parsed.language == "und"


def test_a_megabyte_of_text_parses_in_reasonable_time(source_2020):
    big = source_2020 * 120
    garbage = bytes(range(256)).decode("latin-1") * 4000

    started = time.perf_counter()
    parsed = parse_declaration(big)
    parse_declaration(garbage)
    parse_declaration("x" * 1_000_000)

    assert time.perf_counter() - started < 10
    assert len(parsed.promises) > 5


# Properties over arbitrary text.


def visible_characters(text: str) -> Counter[str]:
    """Count the characters a reader sees: not whitespace, control characters or BOMs."""
    return Counter(
        char
        for char in text
        if not char.isspace() and char != "\ufeff" and unicodedata.category(char) != "Cc"
    )


def output_texts(parsed: ParsedDeclaration) -> list[str]:
    return [
        *parsed.front_matter,
        *parsed.headings,
        parsed.intro,
        *parsed.preamble,
        *parsed.preamble_numbers,
        parsed.promises_intro,
        *parsed.promises,
        *parsed.promise_numbers,
        *parsed.unplaced,
        *parsed.discarded,
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=5000))
def test_parsing_arbitrary_text_never_raises_and_loses_no_character(text):
    parsed = parse_declaration(text)

    # Every visible character of the input is in exactly one place of the output: nothing
    # is dropped, nothing is counted twice (title etc. are read from front_matter).
    assert visible_characters("".join(output_texts(parsed))) == visible_characters(text)
    assert parsed.language in ("en", "ko", "und")
    assert all(parsed.preamble) and all(parsed.promises)


paragraph_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=80
)


@settings(max_examples=200, deadline=None)
@given(st.lists(paragraph_text, max_size=12), st.sampled_from(["\n\n", "\n"]))
def test_every_paragraph_of_the_input_shows_up_in_the_output(paragraphs, separator):
    parsed = parse_declaration(separator.join(paragraphs))
    squeezed = ["".join(text.split()) for text in output_texts(parsed)]
    squeezed += [
        "".join((number + text).split())
        for number, text in [
            *zip(parsed.preamble_numbers, parsed.preamble, strict=True),
            *zip(parsed.promise_numbers, parsed.promises, strict=True),
        ]
    ]

    for paragraph in paragraphs:
        # A byte-order mark is invisible and dropped wherever it stands, like whitespace.
        wanted = "".join(paragraph.replace("\ufeff", "").split())
        if wanted:
            assert any(wanted in text for text in squeezed), paragraph


words = st.lists(st.sampled_from("city rights all residents protect shall the and of".split()))
clause_text = words.map(lambda ws: " ".join(["Recalling", *ws]) + ",")
promise_text = words.map(lambda ws: " ".join(["We", "will", *ws]) + ".")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(clause_text, min_size=1, max_size=8),
    st.lists(promise_text, min_size=1, max_size=8),
    st.integers(min_value=20, max_value=60),
)
def test_a_generated_declaration_comes_back_clause_by_clause(clauses, promises, width):
    def wrap(number: int, text: str) -> str:
        # Wrap the item as a PDF would, at spaces, at most `width` characters a line.
        lines, line = [], f"{number}."
        for word in text.split():
            if len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line += " " + word
        return "\n".join([*lines, line])

    source = "\n".join(
        [
            "Declaration of Test City",
            "",
            "We, the participants of the forum:",
            *[wrap(n, text) for n, text in enumerate(clauses, start=1)],
            "We agree to the following promises:",
            *[wrap(n, text) for n, text in enumerate(promises, start=1)],
        ]
    )

    parsed = parse_declaration(source)

    assert parsed.preamble == clauses
    assert parsed.promises == promises
    assert parsed.unplaced == []
