"""Which text of a declaration a reader sees: the original, or its translation in the
reader's language when there is one (or the one the reader chose)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.http import urlencode
from django.utils.translation import get_language

from .models import ClauseTranslation, Commitment, Declaration, DeclarationTranslation
from .services import short_title

ORIGINAL = "original"


def _primary(code: str) -> str:
    return (code or "").split("-")[0].lower()


def same_language(first: str, second: str) -> bool:
    """Return whether two BCP 47 tags name one language ("ko" and "ko-KR" do)."""
    return _primary(first) == _primary(second)


def reader_language() -> str:
    return _primary(get_language() or "en")


def translation_in(declaration: Declaration, language: str) -> DeclarationTranslation | None:
    """Return the declaration's translation in `language` (an exact tag first, then one of
    the same language), or None when the declaration is written in it or has none."""
    return _pick(declaration, list(declaration.translations.all()), language)  # lists prefetch


def _pick(
    declaration: Declaration, translations: list[DeclarationTranslation], language: str
) -> DeclarationTranslation | None:
    if same_language(declaration.language, language):
        return None
    for matches in (
        lambda t: t.language.lower() == language.lower(),
        lambda t: same_language(t.language, language),
    ):
        found = next((t for t in translations if matches(t)), None)
        if found is not None:
            return found
    return None


def derived_title(commitment: Commitment | None, translated_text: str) -> str:
    """Return a promise's short title in a translation, or "" when it cannot be made.

    A promise's short title is the opening words of its text unless an admin wrote another
    one; the opening words of the translated text are then its title in that language. A
    title an admin wrote has no translation.
    """
    if commitment is not None and commitment.title != short_title(commitment.text):
        return ""
    return short_title(translated_text) if translated_text else ""


@dataclass
class Shown:
    """A text as shown, with its language for the page's `lang` attribute."""

    text: str
    language: str


@dataclass
class Reading:
    declaration: Declaration
    translation: DeclarationTranslation | None = None
    translations: list[DeclarationTranslation] = field(default_factory=list)
    # The translated text of each clause, by the clause's id.
    texts: dict[int, str] = field(default_factory=dict)
    # The reader's own pick ("original" or a language), carried to the pages it links to.
    choice: str = ""

    @property
    def query(self) -> str:
        return f"?{urlencode({'text': self.choice})}" if self.choice else ""

    @property
    def language(self) -> str:
        return self.translation.language if self.translation else self.declaration.language

    @property
    def is_translated(self) -> bool:
        return self.translation is not None

    def _part(self, name: str) -> Shown:
        translated = getattr(self.translation, name, "") if self.translation else ""
        if translated:
            return Shown(translated, self.language)
        return Shown(getattr(self.declaration, name), self.declaration.language)

    @property
    def title(self) -> Shown:
        return self._part("title")

    @property
    def subtitle(self) -> Shown:
        return self._part("subtitle")

    @property
    def intro(self) -> Shown:
        return self._part("intro")

    @property
    def promises_intro(self) -> Shown:
        return self._part("promises_intro")

    def clause_text(self, clause_id: int | None, original: str) -> Shown:
        translated = self.texts.get(clause_id) if clause_id is not None else None
        if translated:
            return Shown(translated, self.language)
        return Shown(original, self.declaration.language)

    def commitment_text(self, commitment: Commitment) -> Shown:
        return self.clause_text(commitment.clause_id, commitment.text)

    def commitment_title(self, commitment: Commitment) -> Shown:
        translated = self.texts.get(commitment.clause_id) if commitment.clause_id else None
        title = derived_title(commitment, translated or "")
        if title:
            return Shown(title, self.language)
        return Shown(commitment.title, self.declaration.language)

    @property
    def side_language(self) -> str:
        """The translation the side-by-side view shows: this one, else the first."""
        shown = self.translation or next(iter(self.translations), None)
        return shown.language if shown else ""

    def other_translations(self) -> list[DeclarationTranslation]:
        return [t for t in self.translations if t != self.translation]


def read_declaration(declaration: Declaration, choice: str | None = None) -> Reading:
    """Return what the reader sees of a declaration.

    `choice` is the reader's own pick ("original", or a translation's language); without
    one the translation in the reader's language is shown when there is one.
    """
    translations = list(declaration.translations.all())
    chosen = _pick(declaration, translations, reader_language())
    if choice and same_language(choice, declaration.language):
        choice = ORIGINAL
    if choice == ORIGINAL:
        chosen = None
    elif choice:
        picked = next((t for t in translations if t.language.lower() == choice.lower()), None)
        chosen, choice = (picked, picked.language) if picked else (chosen, "")
    texts: dict[int, str] = {}
    if chosen is not None:
        texts = dict(
            ClauseTranslation.objects.filter(translation=chosen).values_list("clause_id", "text")
        )
    return Reading(declaration, chosen, translations, texts, choice or "")


def commitment_title_for_reader(commitment: Commitment) -> str:
    """Return a promise's short title in the reader's language when it can be had."""
    translation = translation_in(commitment.declaration, reader_language())
    if translation is None or commitment.clause_id is None:
        return commitment.title
    translated = (
        ClauseTranslation.objects.filter(translation=translation, clause_id=commitment.clause_id)
        .values_list("text", flat=True)
        .first()
    )
    return derived_title(commitment, translated or "") or commitment.title


def declaration_part_for_reader(declaration: Declaration, name: str = "title") -> str:
    """Return a declaration's title or theme in the reader's language when it can be had."""
    translation = translation_in(declaration, reader_language())
    translated = getattr(translation, name, "") if translation is not None else ""
    return translated or getattr(declaration, name)


def for_reader(record: Any) -> str:
    """Return a declaration's or a promise's title in the reader's language when it can be had."""
    if isinstance(record, Declaration):
        return declaration_part_for_reader(record)
    if isinstance(record, Commitment):
        return commitment_title_for_reader(record)
    return str(record)
