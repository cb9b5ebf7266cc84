"""Declarations, commitments and actions over the API.

Reads are public. Declarations and commitments are written by network admins (the Forum
secretariat); actions by the editors of the owning city or organisation. Every change
names the `version` it was based on; a stale one is refused with 409.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from hrcities.accounts.permissions import require_edit, require_network_admin
from hrcities.core.apiutils import InputSchema, LimitOffset, api_user, read_auth, write_auth
from hrcities.core.csvfiles import csv_download
from hrcities.core.problems import rows_refused
from hrcities.core.services import delete_record, update_record
from hrcities.network.services import owner_by_slugs

from . import services
from .exchange import ImportRefused, declaration_document, export_actions_csv, import_actions_csv
from .models import Action, ActionStatus, Addressee, Commitment, Declaration
from .progress import declaration_progress, progress_of

router = Router(tags=["commitments"])


# --- schemas --------------------------------------------------------------------------


class DeclarationSummary(Schema):
    id: int
    slug: str
    title: str
    subtitle: str
    forum_edition: int | None
    start_date: date | None
    end_date: date | None
    place: str
    language: str
    version: int
    is_demo: bool
    progress: float = Field(description="Weighted progress of all its commitments, 0 to 100.")
    commitments: int


class DeclarationIn(InputSchema):
    text: str = Field(
        ...,
        max_length=1_000_000,
        description="The declaration as plain text or Markdown; it is split into preamble "
        "clauses and promises, and each promise becomes a commitment.",
    )
    dry_run: bool = Field(False, description="Only parse and return the structure; save nothing.")
    title: str | None = Field(None, max_length=300)
    subtitle: str | None = Field(None, max_length=300)
    forum_edition: int | None = Field(None, ge=1, le=1000)
    start_date: date | None = None
    end_date: date | None = None
    place: str | None = Field(None, max_length=200)
    language: str | None = Field(None, max_length=20)
    is_demo: bool = False


class ParsedOut(Schema):
    title: str
    preamble: list[str]
    promises: list[str]
    unplaced: list[str]
    discarded: list[str] = []


class DeclarationPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    title: str | None = Field(None, min_length=1, max_length=300)
    subtitle: str | None = Field(None, max_length=300)
    forum_edition: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    place: str | None = Field(None, max_length=200)
    language: str | None = Field(None, max_length=20)


class ActionOut(Schema):
    id: int
    version: int
    commitment: str = Field(description="declaration-slug/number")
    parent_id: int | None
    city: str | None
    organisation: str | None
    title: str
    description: str
    start_date: date | None
    due_date: date | None
    status: str
    progress: int | None = Field(description="As entered; null means the status's default.")
    own_progress: int = Field(description="The progress this action counts by itself.")
    weight: Decimal
    is_overdue: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_commitment(obj: Action) -> str:
        return obj.commitment.key

    @staticmethod
    def resolve_city(obj: Action) -> str | None:
        return obj.city.slug if obj.city else None

    @staticmethod
    def resolve_organisation(obj: Action) -> str | None:
        return obj.organisation.slug if obj.organisation else None

    @staticmethod
    def resolve_status(obj: Action) -> str:
        return obj.status.slug

    @staticmethod
    def resolve_is_overdue(obj: Action) -> bool:
        return obj.is_overdue()


class ActionIn(InputSchema):
    commitment: str = Field(..., description="declaration-slug/number, e.g. 2020-whrcf/5")
    parent_id: int | None = None
    city: str | None = Field(None, description="Slug of the owning city.")
    organisation: str | None = Field(None, description="Slug of the owning organisation.")
    title: str = Field(..., min_length=1, max_length=300)
    description: str = ""
    start_date: date | None = None
    due_date: date | None = None
    status: str = Field("planned", description="Slug of a status (see /statuses).")
    progress: int | None = Field(None, ge=0, le=100)
    weight: Decimal = Field(Decimal("1"), ge=0, le=9999, decimal_places=2)
    tags: list[str] = Field(
        default_factory=list, description="sdg:N, sdg-target:N.N, theme:SLUG, group:SLUG"
    )


class ActionPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    parent_id: int | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    description: str | None = None
    start_date: date | None = None
    due_date: date | None = None
    status: str | None = None
    progress: int | None = Field(None, ge=0, le=100)
    weight: Decimal | None = Field(None, ge=0, le=9999, decimal_places=2)
    tags: list[str] | None = None


class CommitmentOut(Schema):
    declaration: str
    number: int
    title: str
    text: str
    addressees: list[str]
    weight: Decimal
    version: int
    progress: float
    endorsed_by: list[str]
    cities_acting: list[str]
    overdue_actions: list[int]


class CommitmentPatch(InputSchema):
    version: int
    title: str | None = Field(None, min_length=1, max_length=200)
    addressees: list[Addressee] | None = None
    weight: Decimal | None = Field(None, ge=0, le=9999, decimal_places=2)


class EndorsementIn(InputSchema):
    city: str | None = None
    organisation: str | None = None
    note: str = Field("", max_length=2000)


class EndorsementOut(Schema):
    id: int
    endorser: str
    endorsed_on: date
    note: str

    @staticmethod
    def resolve_endorser(obj: Any) -> str:
        return str(obj.endorser)


class MilestoneIn(InputSchema):
    date: date
    text: str = Field(..., min_length=1, max_length=500)


class MilestoneOut(Schema):
    id: int
    date: date
    text: str


class EvidenceOut(Schema):
    id: int
    title: str
    url: str
    file: str | None
    content_type: str
    size: int

    @staticmethod
    def resolve_file(obj: Any) -> str | None:
        return obj.file.url if obj.file else None


class StatusOut(Schema):
    slug: str
    name: str
    default_progress: int
    is_closed: bool
    counts_in_progress: bool


class ImportReportOut(Schema):
    created: int
    updated: int
    unchanged: int


# --- helpers --------------------------------------------------------------------------


def _declaration(slug: str) -> Declaration:
    return get_object_or_404(Declaration, slug=slug)


def _commitment(slug: str, number: int) -> Commitment:
    return get_object_or_404(
        Commitment.objects.select_related("declaration"), declaration__slug=slug, number=number
    )


def commitment_by_key(key: str) -> Commitment:
    """Return the commitment a key like `2020-final-declaration/5` names, or refuse the input."""
    slug, _sep, number = key.rpartition("/")
    if not slug or not number.isdigit():
        raise ValidationError({"commitment": _("Write the commitment as declaration-slug/number.")})
    commitment = Commitment.objects.filter(declaration__slug=slug, number=int(number)).first()
    if commitment is None:
        raise ValidationError({"commitment": _("Unknown commitment “%(key)s”.") % {"key": key}})
    return commitment


def _status(slug: str) -> ActionStatus:
    status = ActionStatus.objects.filter(slug=slug).first()
    if status is None:
        known = ", ".join(ActionStatus.objects.values_list("slug", flat=True))
        raise ValidationError(
            {
                "status": _("Unknown status “%(slug)s”. Known: %(known)s.")
                % {"slug": slug, "known": known}
            }
        )
    return status


def _parent(parent_id: int | None) -> Action | None:
    if parent_id is None:
        return None
    parent = Action.objects.filter(pk=parent_id).first()
    if parent is None:
        raise ValidationError({"parent_id": _("There is no action %(id)s.") % {"id": parent_id}})
    return parent


def _actions() -> Any:
    return Action.objects.select_related(
        "commitment__declaration", "city", "organisation", "status"
    )


def _commitment_out(commitment: Commitment) -> dict[str, Any]:
    part = progress_of(commitment)
    return {
        "declaration": commitment.declaration.slug,
        "number": commitment.number,
        "title": commitment.title,
        "text": commitment.text,
        "addressees": commitment.addressees,
        "weight": commitment.weight,
        "version": commitment.version,
        "progress": round(part.progress, 1),
        "endorsed_by": [
            str(e.endorser) for e in commitment.endorsements.select_related("city", "organisation")
        ],
        "cities_acting": [str(owner) for owner in part.owners],
        "overdue_actions": [a.pk for a in part.overdue],
    }


# --- declarations ---------------------------------------------------------------------


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
    from .parser import parse_declaration

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


@router.get(
    "/declarations/{slug}/commitments/{number}",
    response=CommitmentOut,
    auth=read_auth,
    summary="A commitment with its progress, endorsements and the cities acting on it",
)
def get_commitment(request: HttpRequest, slug: str, number: int) -> Any:
    return _commitment_out(_commitment(slug, number))


@router.patch(
    "/declarations/{slug}/commitments/{number}",
    response=CommitmentOut,
    auth=write_auth,
    summary="Change a commitment's title, addressees or weight (network admins)",
)
def update_commitment(
    request: HttpRequest, slug: str, number: int, payload: CommitmentPatch
) -> Any:
    user = api_user(request)
    require_network_admin(user)
    commitment = _commitment(slug, number)
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    if "addressees" in changes:
        changes["addressees"] = [str(a) for a in changes["addressees"]]
    update_record(commitment, changes, by=user, based_on_version=payload.version)
    return _commitment_out(_commitment(slug, number))


@router.post(
    "/declarations/{slug}/commitments/{number}/endorsements",
    response={201: EndorsementOut},
    auth=write_auth,
    summary="Endorse a commitment for a city or organisation you edit",
)
def endorse(request: HttpRequest, slug: str, number: int, payload: EndorsementIn) -> Any:
    owner = owner_by_slugs(payload.city, payload.organisation)
    endorsement = services.endorse_commitment(
        _commitment(slug, number), by=api_user(request), note=payload.note, **owner
    )
    return Status(201, endorsement)


@router.get(
    "/declarations/{slug}/commitments/{number}/timeline",
    response=list[dict[str, Any]],
    auth=read_auth,
    summary="Endorsements, actions, status changes and milestones in date order",
)
def timeline(request: HttpRequest, slug: str, number: int) -> Any:
    return [
        {
            "when": event.when.isoformat(),
            "kind": event.kind,
            "text": event.text,
            "action": event.action.pk if event.action else None,
        }
        for event in services.commitment_timeline(_commitment(slug, number))
    ]


# --- actions --------------------------------------------------------------------------


@router.get("/statuses", response=list[StatusOut], auth=read_auth, summary="Action statuses")
def list_statuses(request: HttpRequest) -> Any:
    return ActionStatus.objects.all()


@router.get("/actions", response=list[ActionOut], auth=read_auth, summary="Actions, filtered")
@paginate(LimitOffset)
def list_actions(
    request: HttpRequest,
    declaration: str | None = None,
    commitment: str | None = None,
    city: str | None = None,
    organisation: str | None = None,
    status: str | None = None,
    overdue: bool | None = None,
) -> Any:
    actions = _actions()
    if declaration:
        actions = actions.filter(commitment__declaration__slug=declaration)
    if commitment:
        actions = actions.filter(pk__in=commitment_by_key(commitment).actions.values("pk"))
    if city:
        actions = actions.filter(city__slug=city)
    if organisation:
        actions = actions.filter(organisation__slug=organisation)
    if status:
        actions = actions.filter(status__slug=status)
    if overdue is not None:
        overdue_ids = Action.objects.overdue().values("pk")
        actions = (
            actions.filter(pk__in=overdue_ids) if overdue else actions.exclude(pk__in=overdue_ids)
        )
    return actions.order_by("commitment__declaration__slug", "commitment__number", "id")


@router.get(
    "/actions.csv",
    auth=read_auth,
    summary="Actions as CSV (the same format the import takes)",
    response={200: str},
    openapi_extra={"responses": {200: {"content": {"text/csv": {}}}}},
)
def actions_csv(
    request: HttpRequest, declaration: str | None = None, city: str | None = None
) -> Any:
    actions = Action.objects.all()
    if declaration:
        actions = actions.filter(commitment__declaration__slug=declaration)
    if city:
        actions = actions.filter(city__slug=city)
    return csv_download(export_actions_csv(actions), "actions.csv")


@router.post(
    "/actions/import",
    response={200: ImportReportOut},
    auth=write_auth,
    summary="Import actions from CSV: all rows or none",
    description="Rows with an id update that action (the `version` must still match); rows "
    "without one create an action. If any row is bad nothing changes, and the answer is 422 "
    "listing every bad row and column.",
)
def import_csv(request: HttpRequest, file: File[UploadedFile]) -> Any:
    try:
        report = import_actions_csv(file.read(), by=api_user(request))
    except ImportRefused as refused:
        return rows_refused(request, refused.report.errors)
    return report


@router.get("/actions/{action_id}", response=ActionOut, auth=read_auth, summary="One action")
def get_action(request: HttpRequest, action_id: int) -> Any:
    return get_object_or_404(_actions(), pk=action_id)


@router.post(
    "/actions",
    response={201: ActionOut},
    auth=write_auth,
    summary="Add an action for a city or organisation you edit",
)
def add_action(request: HttpRequest, payload: ActionIn) -> Any:
    action = services.create_action(
        by=api_user(request),
        commitment=commitment_by_key(payload.commitment),
        parent=_parent(payload.parent_id),
        title=payload.title,
        description=payload.description,
        start_date=payload.start_date,
        due_date=payload.due_date,
        status=_status(payload.status),
        progress=payload.progress,
        weight=payload.weight,
        tags=payload.tags,
        **owner_by_slugs(payload.city, payload.organisation),
    )
    return Status(201, _actions().get(pk=action.pk))


@router.patch(
    "/actions/{action_id}",
    response=ActionOut,
    auth=write_auth,
    summary="Change an action (editors of its city or organisation)",
    description="Send the fields to change and the `version` you read; 409 if it changed since.",
)
def change_action(request: HttpRequest, action_id: int, payload: ActionPatch) -> Any:
    action = get_object_or_404(Action, pk=action_id)
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    if "status" in changes:
        changes["status"] = _status(changes["status"])
    if "parent_id" in changes:
        changes["parent"] = _parent(changes.pop("parent_id"))
    services.update_action(action, changes, by=api_user(request), based_on_version=payload.version)
    return _actions().get(pk=action.pk)


@router.delete(
    "/actions/{action_id}",
    response={204: None},
    auth=write_auth,
    summary="Remove an action (kept as a revision that can be restored)",
)
def remove_action(request: HttpRequest, action_id: int) -> Any:
    user = api_user(request)
    action = get_object_or_404(Action, pk=action_id)
    require_edit(user, action)
    delete_record(action, by=user)
    return Status(204, None)


@router.post(
    "/actions/{action_id}/milestones",
    response={201: MilestoneOut},
    auth=write_auth,
    summary="Add a milestone to an action",
)
def add_milestone(request: HttpRequest, action_id: int, payload: MilestoneIn) -> Any:
    action = get_object_or_404(Action, pk=action_id)
    milestone = services.add_milestone(
        action, by=api_user(request), date=payload.date, text=payload.text
    )
    return Status(201, milestone)


@router.post(
    "/actions/{action_id}/evidence",
    response={201: EvidenceOut},
    auth=write_auth,
    summary="Attach evidence (a link or a file) to an action",
    description="Multipart form: `title`, and `url` or `file` (PDF, image, office document "
    "or plain text; at most 20 MB; the file's content decides its type, not its name).",
)
def add_evidence(
    request: HttpRequest,
    action_id: int,
    title: Form[str] = "",
    url: Form[str] = "",
    file: File[UploadedFile] = None,  # type: ignore[assignment]
) -> Any:
    action = get_object_or_404(Action, pk=action_id)
    evidence = services.add_evidence(
        action, by=api_user(request), title=title, url=url, upload=file
    )
    return Status(201, evidence)
