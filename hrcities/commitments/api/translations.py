"""A declaration's translations: reading one in from its text, reading it, correcting it."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from hrcities.core.apiutils import api_user, read_auth, write_auth

from .. import translating
from ..models import ClauseTranslation, Declaration, DeclarationTranslation
from .schemas import ClausePatch, TranslationIn, TranslationOut, TranslationPatch

router = Router()


def _declaration(slug: str) -> Declaration:
    return get_object_or_404(Declaration, slug=slug)


def _translation(slug: str, language: str) -> DeclarationTranslation:
    return get_object_or_404(
        DeclarationTranslation, declaration__slug=slug, language__iexact=language
    )


@router.get(
    "/declarations/{slug}/translations",
    response=list[TranslationOut],
    auth=read_auth,
    summary="A declaration's translations, clause by clause",
)
def list_translations(request: HttpRequest, slug: str) -> Any:
    translations = _declaration(slug).translations.all()
    return [translating.translation_document(t) for t in translations]


@router.post(
    "/declarations/{slug}/translations",
    response={200: TranslationOut, 201: TranslationOut},
    auth=write_auth,
    summary="Read in a translation of a declaration from its text (network admins)",
    description="201 when the declaration had no translation in that language, 200 when one "
    "was replaced (each text keeps its earlier wording in its revisions). A text whose "
    "structure differs from the original's is refused with 422, and nothing is saved.",
)
def add_translation(request: HttpRequest, slug: str, payload: TranslationIn) -> Any:
    translation, is_new = translating.ingest_translation(
        _declaration(slug), by=api_user(request), **payload.dict()
    )
    return Status(201 if is_new else 200, translating.translation_document(translation))


@router.get(
    "/declarations/{slug}/translations/{language}",
    response=TranslationOut,
    auth=read_auth,
    summary="One translation of a declaration, clause by clause",
)
def get_translation(request: HttpRequest, slug: str, language: str) -> Any:
    return translating.translation_document(_translation(slug, language))


@router.patch(
    "/declarations/{slug}/translations/{language}",
    response=TranslationOut,
    auth=write_auth,
    summary="Change a translation's title, theme, kind, translator or link (network admins)",
)
def update_translation(
    request: HttpRequest, slug: str, language: str, payload: TranslationPatch
) -> Any:
    translation = translating.update_translation(
        _translation(slug, language),
        payload.dict(exclude_unset=True, exclude={"version"}),
        by=api_user(request),
        based_on_version=payload.version,
    )
    return translating.translation_document(translation)


@router.delete(
    "/declarations/{slug}/translations/{language}",
    response={204: None},
    auth=write_auth,
    summary="Delete a translation (network admins)",
    description="Its texts stay in the revisions and can be restored.",
)
def delete_translation(request: HttpRequest, slug: str, language: str) -> Any:
    translating.delete_translation(_translation(slug, language), by=api_user(request))
    return Status(204, None)


@router.patch(
    "/declarations/{slug}/translations/{language}/clauses/{clause_id}",
    response=TranslationOut,
    auth=write_auth,
    summary="Correct one clause of a translation (network admins)",
    description="`clause_id` is the original clause's id, as the declaration lists it.",
)
def correct_translated_clause(
    request: HttpRequest, slug: str, language: str, clause_id: int, payload: ClausePatch
) -> Any:
    translation = _translation(slug, language)
    # By the clause's pk: an id past any integer the database holds finds none.
    clause = get_object_or_404(ClauseTranslation, translation=translation, clause__pk=clause_id)
    translating.correct_translated_clause(
        clause, payload.text, by=api_user(request), based_on_version=payload.version
    )
    return translating.translation_document(translation)
