"""Declarations, clauses, commitments and actions in the search, with their accepted tags."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hrcities.search.indexing import language_of, tag_labels
from hrcities.search.registry import DocumentData, Source, register

from .models import Action, Clause, Commitment, Declaration


def declaration_document(declaration: Declaration) -> DocumentData:
    return DocumentData(
        title=declaration.title,
        text="\n".join(
            t for t in (declaration.subtitle, declaration.intro, declaration.promises_intro) if t
        ),
        language=declaration.language,
        url=declaration.get_absolute_url(),
        extra=declaration.place,
        city=declaration.host_city,
        date_start=declaration.start_date,
        date_end=declaration.end_date,
        labels=tag_labels(declaration),
    )


def clause_document(clause: Clause) -> DocumentData:
    declaration = clause.declaration
    anchor = "promises" if clause.kind == Clause.Kind.PROMISE else "preamble-clauses"
    return DocumentData(
        title=f"{declaration.title} – {clause.get_kind_display()} {clause.number}",
        text=clause.text,
        language=declaration.language,
        url=f"{declaration.get_absolute_url()}#{anchor}",
        date_start=declaration.start_date,
        date_end=declaration.end_date,
        labels=tag_labels(clause),
    )


def commitment_document(commitment: Commitment) -> DocumentData:
    declaration = commitment.declaration
    return DocumentData(
        title=f"{commitment.number}. {commitment.title}",
        text=commitment.text,
        language=declaration.language,
        url=commitment.get_absolute_url(),
        extra=declaration.title,
        date_start=declaration.start_date,
        date_end=declaration.end_date,
        labels=tag_labels(commitment),
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


# What clause and commitment documents show of their declaration.
DECLARATION_FIELDS = ("title", "slug", "language", "start_date", "end_date")

register(
    "declaration",
    Declaration,
    document=declaration_document,
    queryset=lambda: Declaration.objects.select_related("host_city").prefetch_related("taggings"),
    label=_("Declaration"),
)
register(
    "clause",
    Clause,
    document=clause_document,
    queryset=lambda: Clause.objects.select_related("declaration").prefetch_related("taggings"),
    label=_("Declaration clause"),
    sources=[
        Source(
            Declaration,
            lambda declaration: declaration.clauses.values_list("pk", flat=True),
            fields=DECLARATION_FIELDS,
        )
    ],
)
register(
    "commitment",
    Commitment,
    document=commitment_document,
    queryset=lambda: Commitment.objects.select_related("declaration").prefetch_related("taggings"),
    label=_("Commitment"),
    sources=[
        Source(
            Declaration,
            lambda declaration: declaration.commitments.values_list("pk", flat=True),
            fields=DECLARATION_FIELDS,
        )
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
