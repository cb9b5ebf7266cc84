"""Declarations: the list, one with its clauses and progress, ingesting and changing one."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from hrcities.accounts.permissions import require_network_admin
from hrcities.core.apiutils import LimitOffset, api_user, read_auth, write_auth

from .. import declaring, services
from ..exchange import declaration_document
from ..models import Clause, Declaration
from ..progress import declaration_progress
from .schemas import ClausePatch, DeclarationIn, DeclarationPatch, DeclarationSummary, ParsedOut

router = Router()


def _declaration(slug: str) -> Declaration:
    return get_object_or_404(Declaration, slug=slug)


@router.get(
    "/declarations", response=list[DeclarationSummary], auth=read_auth, summary="Declarations"
)
@paginate(LimitOffset)
def list_declarations(request: HttpRequest) -> Any:
    rows = []
    for declaration in Declaration.objects.all():
        progress = declaration_progress(declaration)
        rows.append(
            {
                **{
                    f: getattr(declaration, f)
                    for f in DeclarationSummary.model_fields
                    if hasattr(declaration, f)
                },
                "progress": round(progress.progress, 1),
                "commitments": len(progress.commitments),
            }
        )
    return rows


@router.get(
    "/declarations/{slug}",
    response=dict[str, Any],
    auth=read_auth,
    summary="A declaration with its clauses, commitments, actions and progress",
)
def get_declaration(request: HttpRequest, slug: str) -> Any:
    return declaration_document(_declaration(slug))


@router.post(
    "/declarations",
    response={200: ParsedOut, 201: dict[str, Any]},
    auth=write_auth,
    summary="Ingest a declaration from its text (network admins)",
    description="With `dry_run` the parsed structure is returned and nothing is saved. "
    "Otherwise the declaration is stored with its preamble clauses and promises, and each "
    "promise becomes a commitment. Metadata fields override what the parser found.",
)
def ingest(request: HttpRequest, payload: DeclarationIn) -> Any:
    from ..parser import parse_declaration

    user = api_user(request)
    require_network_admin(user)
    parsed = parse_declaration(payload.text)
    if payload.dry_run:
        return Status(200, parsed.to_json())
    metadata = {
        "subtitle": payload.subtitle if payload.subtitle is not None else parsed.subtitle,
        "forum_edition": payload.forum_edition or parsed.forum_edition,
        "start_date": payload.start_date,
        "end_date": payload.end_date,
        "dates_text": parsed.dates,
        "place": payload.place if payload.place is not None else parsed.place,
        "language": payload.language or (parsed.language if parsed.language != "und" else "en"),
        "intro": parsed.intro,
        "promises_intro": parsed.promises_intro,
        "is_demo": payload.is_demo,
    }
    declaration = services.ingest_declaration(
        by=user,
        title=payload.title or parsed.title,
        preamble=parsed.preamble,
        promises=parsed.promises,
        source_text=payload.text,
        source_format="text",
        **metadata,
    )
    return Status(201, declaration_document(declaration))


@router.patch(
    "/declarations/{slug}",
    response=dict[str, Any],
    auth=write_auth,
    summary="Change a declaration's details (network admins)",
)
def update_declaration(request: HttpRequest, slug: str, payload: DeclarationPatch) -> Any:
    user = api_user(request)
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    declaring.update_declaration(
        _declaration(slug), changes, by=user, based_on_version=payload.version
    )
    return declaration_document(_declaration(slug))


@router.delete(
    "/declarations/{slug}",
    response={204: None},
    auth=write_auth,
    summary="Delete a declaration no action answers (network admins)",
    description="Refused (422, saying how many actions answer its promises) while any does. "
    "Its clauses, promises and endorsements are deleted with it, each kept as a revision.",
)
def delete_declaration(request: HttpRequest, slug: str) -> Any:
    declaring.delete_declaration(_declaration(slug), by=api_user(request))
    return Status(204, None)


@router.patch(
    "/declarations/{slug}/clauses/{clause_id}",
    response=dict[str, Any],
    auth=write_auth,
    summary="Correct a clause's text (network admins)",
    description="A promise read from the clause takes the corrected wording too; both keep "
    "a revision.",
)
def correct_clause(request: HttpRequest, slug: str, clause_id: int, payload: ClausePatch) -> Any:
    clause = get_object_or_404(Clause, declaration__slug=slug, pk=clause_id)
    declaring.correct_clause(
        clause, payload.text, by=api_user(request), based_on_version=payload.version
    )
    return declaration_document(_declaration(slug))
