"""Declarations, clauses, commitments and actions in the search, with their accepted tags;
declarations, clauses and promises in every language they are translated into."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from hrcities.search.indexing import language_of, tag_labels
from hrcities.search.registry import DocumentData, Source, register

from .models import (
    Action,
    Clause,
    ClauseTranslation,
    Commitment,
    Declaration,
    DeclarationTranslation,
)
from .reading import derived_title


def _translations(declaration: Declaration) -> list[DeclarationTranslation]:
    return list(declaration.translations.all())


def _reading(language: str) -> str:
    """Return the key of a title in DocumentData.titles: the language a reader reads in."""
    return language.split("-")[0].lower()


def _languages(codes: Iterable[str]) -> list[str]:
    """Return the language facet labels of a record's translations: it is found in each."""
    return [f"lang:{code}" for code in codes]


def declaration_document(declaration: Declaration) -> DocumentData:
    translations = _translations(declaration)
    parts = ("subtitle", "intro", "promises_intro")
    return DocumentData(
        title=declaration.title,
        titles={_reading(t.language): t.title for t in translations},
        text="\n".join(
            getattr(record, name)
            for record in (declaration, *translations)
            for name in parts
            if getattr(record, name)
        ),
        language=declaration.language,
        url=declaration.get_absolute_url(),
        extra=" ".join([declaration.place, *(t.title for t in translations)]),
        city=declaration.host_city,
        date_start=declaration.start_date,
        date_end=declaration.end_date,
        labels=[*tag_labels(declaration), *_languages(t.language for t in translations)],
    )


def _clause_title(title: str, clause: Clause, language: str) -> str:
    with override(language.split("-")[0]):
        return f"{title} – {clause.get_kind_display()} {clause.number}"


def clause_document(clause: Clause) -> DocumentData:
    """A clause is found by its text in every language it has: a Korean query finds the
    English original through its Korean translation, and the reader sees the title in
    their language."""
    declaration = clause.declaration
    anchor = "promises" if clause.kind == Clause.Kind.PROMISE else "preamble-clauses"
    translated = [(t.translation, t.text) for t in clause.translations.all()]
    titles = {
        _reading(translation.language): _clause_title(
            translation.title, clause, translation.language
        )
        for translation, _text in translated
    }
    return DocumentData(
        title=f"{declaration.title} – {clause.get_kind_display()} {clause.number}",
        titles=titles,
        text="\n\n".join([clause.text, *(text for _translation, text in translated)]),
        language=declaration.language,
        url=f"{declaration.get_absolute_url()}#{anchor}",
        extra=" ".join(titles.values()),
        date_start=declaration.start_date,
        date_end=declaration.end_date,
        labels=[*tag_labels(clause), *_languages(titles)],
    )


def commitment_document(commitment: Commitment) -> DocumentData:
    declaration = commitment.declaration
    clause = commitment.clause
    translated = (
        [(t.translation.language, t.text) for t in clause.translations.all()] if clause else []
    )
    titles = {
        _reading(language): f"{commitment.number}. {title}"
        for language, text in translated
        if (title := derived_title(commitment, text))
    }
    return DocumentData(
        title=f"{commitment.number}. {commitment.title}",
        titles=titles,
        text="\n\n".join([commitment.text, *(text for _language, text in translated)]),
        language=declaration.language,
        url=commitment.get_absolute_url(),
        extra=" ".join([declaration.title, *(t.title for t in _translations(declaration))]),
        date_start=declaration.start_date,
        date_end=declaration.end_date,
        labels=[*tag_labels(commitment), *_languages(language for language, _ in translated)],
    )


def action_document(action: Action) -> DocumentData:
    return DocumentData(
        title=action.title,
        text=action.description,
        language=language_of(f"{action.title} {action.description}"),
        url=action.get_absolute_url(),
        city=action.city,
        organisation=action.organisation,
        date_start=action.start_date,
        date_end=action.due_date,
        labels=tag_labels(action),
    )


# What clause and commitment documents show of their declaration and its translations.
DECLARATION_FIELDS = ("title", "slug", "language", "start_date", "end_date")
TRANSLATION_FIELDS = ("title", "language")


def _clauses_of(translation: DeclarationTranslation) -> Any:
    return Clause.objects.filter(declaration_id=translation.declaration_id).values_list(
        "pk", flat=True
    )


def _commitments_of(translation: DeclarationTranslation) -> Any:
    return Commitment.objects.filter(declaration_id=translation.declaration_id).values_list(
        "pk", flat=True
    )


register(
    "declaration",
    Declaration,
    document=declaration_document,
    queryset=lambda: Declaration.objects.select_related("host_city").prefetch_related(
        "taggings", "translations"
    ),
    label=_("Declaration"),
    sources=[
        Source(
            DeclarationTranslation,
            lambda translation: [translation.declaration_id],
            fields=("title", "subtitle", "intro", "promises_intro", "language"),
        )
    ],
)
register(
    "clause",
    Clause,
    document=clause_document,
    queryset=lambda: Clause.objects.select_related("declaration").prefetch_related(
        "taggings", "translations__translation"
    ),
    label=_("Declaration clause"),
    sources=[
        Source(
            Declaration,
            lambda declaration: declaration.clauses.values_list("pk", flat=True),
            fields=DECLARATION_FIELDS,
        ),
        Source(DeclarationTranslation, _clauses_of, fields=TRANSLATION_FIELDS),
        Source(ClauseTranslation, lambda translated: [translated.clause_id], fields=("text",)),
    ],
)
register(
    "commitment",
    Commitment,
    document=commitment_document,
    queryset=lambda: Commitment.objects.select_related("declaration", "clause").prefetch_related(
        "taggings", "declaration__translations", "clause__translations__translation"
    ),
    label=_("Commitment"),
    sources=[
        Source(
            Declaration,
            lambda declaration: declaration.commitments.values_list("pk", flat=True),
            fields=DECLARATION_FIELDS,
        ),
        Source(DeclarationTranslation, _commitments_of, fields=TRANSLATION_FIELDS),
        Source(
            ClauseTranslation,
            lambda translated: Commitment.objects.filter(
                clause_id=translated.clause_id
            ).values_list("pk", flat=True),
            fields=("text",),
        ),
    ],
)
register(
    "action",
    Action,
    document=action_document,
    queryset=lambda: Action.objects.select_related("city", "organisation").prefetch_related(
        "taggings"
    ),
    label=_("Action"),
)
