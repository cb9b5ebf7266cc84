"""Actions: statuses, the filtered list, CSV out and in, changes, milestones and evidence."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from hrcities.core.apiutils import LimitOffset, api_user, read_auth, write_auth
from hrcities.core.csvfiles import csv_download
from hrcities.core.problems import rows_refused
from hrcities.network.services import owner_by_slugs

from .. import parts, services
from ..exchange import ImportRefused, export_actions_csv, import_actions_csv
from ..models import Action, ActionStatus
from .common import commitment_by_key
from .schemas import (
    ActionIn,
    ActionOut,
    ActionPatch,
    EvidenceOut,
    ImportReportOut,
    MilestoneIn,
    MilestoneOut,
)

router = Router()


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
    description="Its milestones and evidence go with it (each kept as a revision); refused "
    "(422, saying how many) while it has sub-actions.",
)
def remove_action(request: HttpRequest, action_id: int) -> Any:
    action = get_object_or_404(Action, pk=action_id)
    services.delete_action(action, by=api_user(request))
    return Status(204, None)


@router.post(
    "/actions/{action_id}/milestones",
    response={201: MilestoneOut},
    auth=write_auth,
    summary="Add a milestone to an action",
)
def add_milestone(request: HttpRequest, action_id: int, payload: MilestoneIn) -> Any:
    action = get_object_or_404(Action, pk=action_id)
    milestone = parts.add_milestone(
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
    evidence = parts.add_evidence(action, by=api_user(request), title=title, url=url, upload=file)
    return Status(201, evidence)
