"""Split a human rights declaration into its front matter, preamble clauses and promises.

The parser reads plain text (`extract.py` turns Word, PDF and Markdown files into it) and
never raises. What it cannot place goes to `unplaced`, recognised web-page debris goes to
`discarded`, so a reviewer sees every paragraph of the source somewhere and nothing is
silently lost.

A declaration is read as a sequence of blocks: a blank line ends a block, and so does a line
that starts with a list marker ("1.", "(1)", "①", "제1조", "Article 1", "I.", "a)", "-") or
a preamble lead word ("Whereas", "Now, therefore"). Wrapped lines are re-joined with one
space. The blocks are then read in order:

    front matter   short title-like lines: title, edition, dates, place, theme
    intro          "We, the participants ...:"
    preamble       the clauses up to the sentence that introduces the operative part
    promises_intro "... agree to practice the following five promises:"
    promises       the list after it

Without an operative introduction, the leading run of preamble-like clauses ("Recalling
...", "Whereas ...", Korean "...하며,") is the preamble and what follows are the promises.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

# Control characters become spaces so that they can neither glue nor split words.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

_MARKER = re.compile(
    r"""
    (?:
        (?:Article|ARTICLE|Art\.)\s*(?P<article>\d{1,3}|[IVX]{1,6})
            (?=$|\s*[.:)\-–—]|\s+[^\sa-z])[.:)]?
      | 제\s*(?P<jo>\d{1,3})\s*조(?:의\s*\d{1,2})?
      | \(\s*(?P<paren>\d{1,3}|[ivx]{2,6}|[IVX]{2,6}|[A-Za-z]|[가-하])\s*\)
      | (?P<num>\d{1,3}(?:\.\d{1,3})*)(?P<num_end>[.)])(?![\d])
      | (?P<circled>[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf\u2776-\u277f])
      | (?P<roman>[IVX]{1,6}|[ivx]{2,6})(?P<roman_end>[.)])(?=\s|$)
      | (?P<alpha>[A-Za-z])(?P<alpha_end>[.)])(?=\s|$)
      | (?P<hangul>[가-하])(?P<hangul_end>[.)])(?=\s|$)
      | (?P<bullet>[-*+•·●○◦▪■□‣⁃※▶►])(?=\s|$)
    )
    """,
    re.VERBOSE,
)

# Words that open a preamble clause in English declarations and UN resolutions.
_PREAMBLE_LEAD = re.compile(
    r"(?:Whereas|WHEREAS|Considering|Recalling|Recogni[sz]ing|Noting|Acknowledging|Affirming"
    r"|Reaffirming|Bearing in mind|Mindful|Aware|Conscious|Convinced|Concerned|Deeply|Gravely"
    r"|Guided|Inspired|Determined|Alarmed|Emphasi[sz]ing|Stressing|Welcoming|Expressing"
    r"|Taking|Having|Believing|Underlining|Commending|Appreciating|Hoping|Desiring|Further"
    r"|Also|Being)\b"
)
# Any capitalised participle ("Urging", "Rejecting") opens a clause too, except these.
_PARTICIPLE = re.compile(r"[A-Z][a-z]{2,}ing\b")
_NOT_PARTICIPLES = frozenset(
    {"During", "Nothing", "Something", "Everything", "Anything", "Morning", "Evening", "Beijing"}
)
# Korean preamble clauses end in a connective ("...기억하며,", "...확인하고,").
_KOREAN_CLAUSE_END = re.compile(
    r"(?:며|고|면서|므로|여|서|니|는데)\s*[,，]\s*$|(?:하며|으며|면서)\s*$"
)

# A line starting with these begins a new block when the previous line ended a clause.
_BLOCK_LEAD = re.compile(
    r"(?:Whereas|WHEREAS|Now,? therefore|NOW,? THEREFORE|Therefore|Hereby|이에)\b|"
    + _PREAMBLE_LEAD.pattern
)

_SENTENCE_SUBJECT = re.compile(r"(?:We|The participants|우리는|우리\s)\b")

_EN_OPERATIVE_VERB = re.compile(
    r"\b(?:agree[sd]?|declare[sd]?|proclaim(?:s|ed)?|resolve[sd]?|commit(?:s|ted)?"
    r"|pledge[sd]?|undertake[sn]?|adopt(?:s|ed)?|decide[sd]?|promise[sd]?|affirm(?:s|ed)?"
    r"|endorse[sd]?|recommend(?:s|ed)?|calls? (?:up)?on|urge[sd]?|will|shall)\b",
    re.IGNORECASE,
)
_EN_OPERATIVE_CUE = re.compile(
    r"\bas follows\b|\bthe following\b|\bhereby\b|\bnow,? therefore\b|[:：]\s*$", re.IGNORECASE
)
_NOW_THEREFORE = re.compile(r"\bnow,? therefore\b", re.IGNORECASE)
_KO_OPERATIVE_CUE = re.compile(r"다음과\s*같이|아래와\s*같이|다음\s*사항|다음을|^이에|[:：]\s*$")
_KO_OPERATIVE_VERB = re.compile(r"선언|다짐|약속|결의|합의|천명|채택|서약|실천")

_INTRO_SUBJECT = re.compile(
    r"(?:We\b|The (?:undersigned|participants|mayors|representatives|delegates|members)\b"
    r"|우리|.{0,60}(?:참가자|참석자|participants\b))"
)

_HEADING = re.compile(
    r"(?i:preamble|operative (?:part|paragraphs|provisions)|(?:the )?declaration|articles"
    r"|principles|(?:our )?(?:commitments|promises|pledges)|annex"
    r"|(?:chapter|part|section) (?:[ivx]+|\d+)\b.{0,60})[:.]?"
    r"|전\s*문|본\s*문|선\s*언|다\s*짐|약\s*속|실천\s*(?:과제|약속|다짐)|제\s*\d+\s*[장절편]\b.{0,40}"
)

# Whole blocks that come from the web page or PDF around the declaration, not from it.
_DEBRIS_PHRASE = (
    r"(?i:leave a (?:comment|reply)|post a comment|comments? (?:are|is) closed\.?"
    r"|your email address will not be published\.?(?:\s*required fields are marked \*)?"
    r"|required fields are marked \*|(?:scroll|back|go) to top|top|skip to (?:main )?content"
    r"|share(?: this)?(?: on)?:?(?:\s+\w+){0,4}|post navigation|related (?:posts|articles)"
    r"|(?:previous|next) (?:post|article)\b.{0,120}|posted (?:in|on|by)\b.{0,120}"
    r"|(?:print|download)(?: this)?(?: page| pdf| article)?|page \d{1,4}(?: of \d{1,4})?"
    r"|[-–—]?\s*\d{1,3}\s*[-–—]?|\d{1,3}\s*/\s*\d{1,3}|this (?:web)?site uses cookies.{0,200}"
    r"|(?:copyright\b|©).{0,160}|all rights reserved\.?|subscribe(?: to our newsletter)?"
    r"|home|menu|search|log ?in|sign (?:in|up)|facebook|twitter|instagram|youtube|linkedin"
    r"|kakao ?talk|e-?mail|copy link|url (?:copy|복사))"
    r"|댓글(?:\s*\d+)?|댓글\s*달기|목록(?:으로)?|맨\s*위로|공유하기|인쇄(?:하기)?|이전\s*글.{0,120}"
    r"|다음\s*글.{0,120}"
)
# A PDF or a pasted page may run several of them into one block.
_DEBRIS = re.compile(rf"(?>{_DEBRIS_PHRASE})(?:\s+(?>{_DEBRIS_PHRASE}))*")

# Closing lines of a declaration ("Adopted in Gwangju on ...", signatures) are not promises.
_CLOSING = re.compile(
    r"(?:Adopted|Done|Signed|Issued|Proclaimed|Approved)\b|.{0,80}(?:일동|채택)\s*$",
)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DASH = r"\s*[-–—~～]\s*"
_DATES = re.compile(
    rf"\b\d{{1,2}}(?:\s+{_MONTH})?(?:{_DASH}\d{{1,2}})?\s+{_MONTH},?\s+\d{{4}}\b"
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:{_DASH}(?:{_MONTH}\s+)?\d{{1,2}})?,?\s+\d{{4}}\b"
    rf"|\d{{4}}\s*년\s*\d{{1,2}}\s*월\s*\d{{1,2}}\s*일(?:{_DASH}(?:\d{{1,2}}\s*월\s*)?\d{{1,2}}\s*일)?"
    rf"|\b\d{{4}}\s*[./-]\s*\d{{1,2}}\s*[./-]\s*\d{{1,2}}\.?"
    rf"(?:{_DASH}(?:\d{{1,2}}\s*[./-]\s*)?\d{{1,2}}\.?)?"
)
_PLACE_WORD = r"[A-Z][\w.’'-]*"
_PLACE_PART = rf"{_PLACE_WORD}(?:\s+(?:{_PLACE_WORD}|of|de|del|la|the)){{0,4}}"
_PLACE = re.compile(
    rf"{_PLACE_PART}(?:\s*,\s*{_PLACE_PART}){{1,2}}"
    r"|(?:대한민국\s*)?[가-힣]{1,8}(?:특별시|광역시|특별자치시|특별자치도|시|도|군)(?:\s*,?\s*대한민국)?"
    r"|대한민국\s+[가-힣]{2,8}"
)

_ORDINAL_WORDS = {
    word: number
    for number, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
        " thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
        " twentieth".split(),
        start=1,
    )
}
_EDITION = re.compile(
    r"\b(?P<number>\d{1,2})(?:st|nd|rd|th)\b[^.\n]{0,60}?\b(?:Forum|Conference|Congress|Summit)\b"
    rf"|\b(?P<word>(?i:{'|'.join(_ORDINAL_WORDS)}))\b[^.\n]{{0,60}}?\b(?:Forum|Conference)\b"
    r"|제\s*(?P<ko>\d{1,2})\s*회[^.\n]{0,30}?(?:포럼|대회|회의)"
)

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")

_FRONT_MATTER_MAX_BLOCKS = 12
_TITLE_MAX_CHARS = 150
_OPERATIVE_INTRO_MAX_CHARS = 600


@dataclass
class ParsedDeclaration:
    title: str = ""
    subtitle: str = ""
    place: str = ""
    dates: str = ""
    forum_edition: int | None = None
    language: str = "und"
    preamble: list[str] = field(default_factory=list)
    promises: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    intro: str = ""
    promises_intro: str = ""
    # The original numbering of each clause and promise ("1.", "Article 2", "①"; "" if none).
    preamble_numbers: list[str] = field(default_factory=list)
    promise_numbers: list[str] = field(default_factory=list)
    # The blocks that title, subtitle, place and dates were read from, verbatim.
    front_matter: list[str] = field(default_factory=list)
    # Section headings such as "Preamble" or "전문".
    headings: list[str] = field(default_factory=list)
    # Recognised web-page debris ("Leave a Comment", "Scroll to Top"), dropped.
    discarded: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Block:
    lines: list[str]
    marker: str = ""
    kind: str = ""
    value: int | None = None
    text: str = ""

    @property
    def raw(self) -> str:
        return " ".join(self.lines)


@dataclass
class _Item:
    number: str
    text: str
    sub_kind: str = ""


def parse_declaration(text: str) -> ParsedDeclaration:
    """Return the declaration in `text` split into front matter, preamble and promises."""
    result = ParsedDeclaration()
    if not isinstance(text, str):
        return result
    blocks = _split_blocks(text)
    kept: list[_Block] = []
    for block in blocks:
        if len(block.raw) <= 200 and _DEBRIS.fullmatch(block.raw):
            result.discarded.append(block.raw)
        else:
            kept.append(block)

    front_end = 0
    while (
        front_end < min(len(kept), _FRONT_MATTER_MAX_BLOCKS)
        and _is_title_like(kept[front_end])
        and not _is_heading(kept[front_end])
    ):
        front_end += 1
    result.front_matter = [block.raw for block in kept[:front_end]]
    body = kept[front_end:]
    if body and _is_intro(body[0]):
        result.intro = body[0].raw
        body = body[1:]

    operative = _find_operative_intro(body)
    if operative is not None:
        result.promises_intro = body[operative].raw
        preamble_blocks, promise_blocks = body[:operative], body[operative + 1 :]
        accept_unnumbered_promises = True
    else:
        run_end = _preamble_run_end(body)
        preamble_blocks, promise_blocks = body[:run_end], body[run_end:]
        accept_unnumbered_promises = run_end > 0

    preamble = _read_section(preamble_blocks, result, is_preamble=True, accept_unnumbered=True)
    promises = _read_section(
        promise_blocks, result, is_preamble=False, accept_unnumbered=accept_unnumbered_promises
    )
    result.preamble = [item.text for item in preamble]
    result.preamble_numbers = [item.number for item in preamble]
    result.promises = [item.text for item in promises]
    result.promise_numbers = [item.number for item in promises]

    _read_front_matter(kept[:front_end], result)
    result.language = guess_language(text)
    return result


def guess_language(text: str) -> str:
    """Return "ko" or "en" from the share of Hangul among letters, or "und"."""
    hangul = len(_HANGUL.findall(text))
    latin = len(_LATIN.findall(text))
    if hangul + latin == 0:
        return "und"
    if hangul / (hangul + latin) >= 0.3:
        return "ko"
    return "en"


def is_list_item(line: str) -> bool:
    """Return whether `line` starts with a list marker the parser understands."""
    return _match_marker(line.strip()) is not None


_HANGUL_ORDER = "가나다라마바사아자차카타파하"


def marker_number(marker: str) -> int | None:
    """Return the position a list marker names ("3.", "Article 3", "제3조", "③", "(c)",
    "다." and "iii)" are all 3), or None for a bullet or no marker."""
    match = _match_marker((marker or "").strip())
    if match is None:
        return None
    kind, value = _marker_kind(match)
    if value is None:
        return None
    if kind in ("가.", "가)", "(가)"):
        return _HANGUL_ORDER.find(chr(value)) + 1 or None
    return value


def _split_blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    lines: list[str] = []
    for raw_line in text.replace("\ufeff", "").splitlines():
        line = _CONTROL.sub(" ", raw_line).strip()
        if not line:
            if lines:
                blocks.append(_make_block(lines))
                lines = []
            continue
        if lines and _starts_new_block(lines[-1], line):
            blocks.append(_make_block(lines))
            lines = []
        lines.append(line)
    if lines:
        blocks.append(_make_block(lines))
    return _merge_bare_markers(blocks)


def _starts_new_block(previous: str, line: str) -> bool:
    if _match_marker(line) is not None or previous.endswith((":", "：")):
        return True
    if not previous.endswith((".", ",", ";", "。")):
        return False
    # After a finished clause, a new sentence of its own ("We agree to the following:").
    return (
        _BLOCK_LEAD.match(line) is not None
        or _SENTENCE_SUBJECT.match(line) is not None
        or _is_operative_intro(_Block(lines=[line], text=line))
    )


def _make_block(lines: list[str]) -> _Block:
    block = _Block(lines=lines)
    match = _match_marker(lines[0])
    if match is None:
        block.text = " ".join(lines)
        return block
    block.marker = match.group(0)
    block.kind, block.value = _marker_kind(match)
    rest = lines[0][match.end() :].strip()
    block.text = " ".join([rest, *lines[1:]] if rest else lines[1:])
    return block


def _merge_bare_markers(blocks: list[_Block]) -> list[_Block]:
    """Join a marker alone on its line ("Article 1") with the unnumbered text after it."""
    merged: list[_Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.marker and not block.text and following is not None and not following.marker:
            block.lines = block.lines + following.lines
            block.text = following.raw
            index += 1
        merged.append(block)
        index += 1
    return merged


def _match_marker(line: str) -> re.Match[str] | None:
    return _MARKER.match(line)


def _marker_kind(match: re.Match[str]) -> tuple[str, int | None]:
    if match.group("article"):
        return "article", _number(match.group("article"))
    if match.group("jo"):
        return "article", int(match.group("jo"))
    if paren := match.group("paren"):
        if paren.isdigit():
            return "(1)", int(paren)
        if len(paren) > 1:
            return ("(i)" if paren.islower() else "(I)"), _roman(paren)
        if "가" <= paren <= "하":
            return "(가)", ord(paren)
        return ("(a)" if paren.islower() else "(A)"), ord(paren.lower()) - ord("a") + 1
    if num := match.group("num"):
        depth = num.count(".")
        return "1" + ".1" * depth + match.group("num_end"), int(num.split(".")[-1])
    if circled := match.group("circled"):
        return "①", int(unicodedata.numeric(circled))
    if roman := match.group("roman"):
        kind = "I" if roman.isupper() else "i"
        return kind + match.group("roman_end"), _roman(roman)
    if alpha := match.group("alpha"):
        kind = "a" if alpha.islower() else "A"
        return kind + match.group("alpha_end"), ord(alpha.lower()) - ord("a") + 1
    if hangul := match.group("hangul"):
        return "가" + match.group("hangul_end"), ord(hangul)
    return "bullet", None


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _roman(token)


def _roman(token: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    digits = [values.get(char, 0) for char in token.lower()]
    for position, digit in enumerate(digits):
        following = digits[position + 1] if position + 1 < len(digits) else 0
        total += -digit if digit < following else digit
    return total


def _is_preamble_like(block: _Block) -> bool:
    text = block.text
    if _PREAMBLE_LEAD.match(text) or _KOREAN_CLAUSE_END.search(text[-20:]):
        return True
    participle = _PARTICIPLE.match(text)
    return participle is not None and participle.group(0) not in _NOT_PARTICIPLES


def _is_operative_intro(block: _Block) -> bool:
    text = block.text
    if block.marker or len(text) > _OPERATIVE_INTRO_MAX_CHARS or _PREAMBLE_LEAD.match(text):
        return False
    if _NOW_THEREFORE.search(text):
        return True
    if _EN_OPERATIVE_CUE.search(text) and _EN_OPERATIVE_VERB.search(text):
        return True
    return bool(_KO_OPERATIVE_CUE.search(text) and _KO_OPERATIVE_VERB.search(text))


def _find_operative_intro(body: list[_Block]) -> int | None:
    """Return the index of the block that introduces the operative part.

    An opening sentence may itself say "declare the following:" when there is no preamble;
    a later candidate that follows some clauses is the better one.
    """
    candidates = [index for index, block in enumerate(body) if _is_operative_intro(block)]
    if not candidates:
        return None
    for index in candidates:
        if any(block.marker or _is_preamble_like(block) for block in body[:index]):
            return index
    return candidates[0]


def _is_title_like(block: _Block) -> bool:
    text = block.raw
    if block.marker or len(text) > _TITLE_MAX_CHARS or _INTRO_SUBJECT.match(text):
        return False
    if _is_operative_intro(block):
        return False
    return not text.endswith((".", ",", ";", "，", "。")) or _DATES.search(text) is not None


def _is_intro(block: _Block) -> bool:
    if block.marker or _is_operative_intro(block) or _is_preamble_like(block):
        return False
    text = block.text
    return bool(_INTRO_SUBJECT.match(text)) or text.endswith((":", "：", ","))


def _is_heading(block: _Block) -> bool:
    return not block.marker and len(block.text) <= 60 and _HEADING.fullmatch(block.text) is not None


def _is_continuation(block: _Block) -> bool:
    return not block.marker and block.text[:1].islower()


def _preamble_run_end(body: list[_Block]) -> int:
    """Return where the leading run of preamble-like clauses ends, without an operative intro."""
    main_kind = ""
    seen_values: set[int | None] = set()
    previous_text = ""
    for index, block in enumerate(body):
        if _is_heading(block) or (index and _is_continuation(block)):
            continue
        if block.marker and main_kind and block.kind != main_kind and previous_text.endswith(":"):
            continue  # a sub-item of the clause before it
        if not _is_preamble_like(block):
            return index
        if block.marker:
            main_kind = main_kind or block.kind
            if block.kind == main_kind and block.value == 1 and 1 in seen_values:
                return index  # the numbering starts again: a new list
            seen_values.add(block.value)
        previous_text = block.text
    return len(body)


def _read_section(
    blocks: list[_Block], result: ParsedDeclaration, *, is_preamble: bool, accept_unnumbered: bool
) -> list[_Item]:
    marked = [block.kind for block in blocks if block.marker]
    numbered = [kind for kind in marked if kind != "bullet"]
    main_kind = numbered[0] if numbered else (marked[0] if marked else "")
    items: list[_Item] = []
    for block in blocks:
        if _is_heading(block):
            result.headings.append(block.raw)
        elif block.marker and (block.kind == main_kind or not items):
            if block.text or block.kind == "article":
                # An article's heading alone ("Article 14") opens it; its paragraphs follow.
                items.append(_Item(block.marker, block.text))
            else:
                result.unplaced.append(block.raw)
        elif main_kind == "article" and items and (block.marker or not _is_closing(block)):
            # An article keeps all its text: numbered paragraphs ("1.", "①", "(a)", "가.")
            # and unnumbered ones alike, until the next article.
            _append_paragraph(items[-1], block.raw)
        elif block.marker and _is_sub_item(block, items[-1]):
            items[-1].text += "\n" + block.raw
            items[-1].sub_kind = block.kind
        elif items and _is_continuation(block):
            items[-1].text += " " + block.raw
        elif not main_kind and accept_unnumbered and (is_preamble or not _is_closing(block)):
            items.append(_Item("", block.text))
        elif main_kind and is_preamble and _is_preamble_like(block):
            items.append(_Item("", block.text))
        else:
            result.unplaced.append(block.raw)
    return items


def _append_paragraph(item: _Item, text: str) -> None:
    item.text = f"{item.text}\n{text}" if item.text else text


def _is_sub_item(block: _Block, item: _Item) -> bool:
    """Return whether a differently numbered block continues `item` ("... by: (a) ...")."""
    return item.text.endswith((":", "：")) or block.kind == item.sub_kind


def _is_closing(block: _Block) -> bool:
    text = block.text
    if _CLOSING.match(text) or _DATES.fullmatch(text):
        return True
    # Signatures and other short lines without a sentence end.
    return len(text) <= 60 and not text.endswith((".", "!", ";", ",", "다", "。"))


def _read_front_matter(blocks: list[_Block], result: ParsedDeclaration) -> None:
    lines = [line for block in blocks for line in block.lines]
    title_lines: list[str] = []
    subtitle_lines: list[str] = []
    first_block_size = len(blocks[0].lines) if blocks else 0
    for position, line in enumerate(lines):
        if position == 0:
            title_lines.append(line)
            result.dates = _first_dates(line)
            continue
        dates = _DATES.search(line)
        if dates and not result.dates:
            result.dates = dates.group(0).strip()
            rest = (line[: dates.start()] + line[dates.end() :]).strip(" ,;:–—-")
            if rest and not result.place and len(rest) <= 60 and not any(c.isdigit() for c in rest):
                result.place = rest
            continue
        if not any(char.isdigit() for char in line) and _PLACE.fullmatch(line):
            result.place = result.place or line
            continue
        edition = _edition(line)
        if edition is not None and len(line) <= 80:
            result.forum_edition = result.forum_edition or edition
            continue
        if position < first_block_size:
            title_lines.append(line)
        else:
            subtitle_lines.append(line)
    result.title = " ".join(title_lines)
    result.subtitle = " ".join(subtitle_lines)
    if result.forum_edition is None:
        result.forum_edition = _edition(result.title) or _edition(result.intro[:400])


def _first_dates(text: str) -> str:
    match = _DATES.search(text)
    return match.group(0).strip() if match else ""


def _edition(text: str) -> int | None:
    match = _EDITION.search(text)
    if match is None:
        return None
    if match.group("word"):
        return _ORDINAL_WORDS[match.group("word").lower()]
    return int(match.group("number") or match.group("ko"))
