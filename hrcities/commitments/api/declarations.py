"""Declarations: the list, one with its clauses and progress, ingesting and changing one."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from hrcities.accounts.permissions import require_network_admin
from hrcities.core.apiutils import LimitOffset, api_user, read_auth, write_auth
from hrcities.core.services import update_record

from .. import services
from ..exchange import declaration_document
from ..models import Declaration
from ..progress import declaration_progress
from .schemas import DeclarationIn, DeclarationPatch, DeclarationSummary, ParsedOut

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
    require_network_admin(user)
    declaration = _declaration(slug)
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    update_record(declaration, changes, by=user, based_on_version=payload.version)
    return declaration_document(_declaration(slug))
