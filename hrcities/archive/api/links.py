"""People's roles in records, and typed relations between records."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status

from hrcities.core.apiutils import api_user, write_auth

from .. import curation, services
from ..models import Event, Item, Person, PersonRole, Relation
from .common import _found, _relatable
from .schemas import PersonRoleOut, RealNameIn, RelationIn, RelationOut, RoleIn

router = Router()


@router.post(
    "/roles",
    response={201: PersonRoleOut},
    auth=write_auth,
    summary="Link a person to an item or event with a role (reviewers)",
    description="The person must be kept by the record's city or organisation, or be "
    "shown to the public with everything there is to their name. The link shows the "
    "pseudonym unless the public already reads the real name.",
)
def add_role(request: HttpRequest, payload: RoleIn) -> Any:
    user = api_user(request)
    person = _found(Person.objects.visible_to(user), "person", pk=payload.person)
    item = _relatable("item", payload.item, user, "item") if payload.item else None
    event = _relatable("event", payload.event, user, "event") if payload.event else None
    return Status(
        201, services.link_person(person, str(payload.role), by=user, item=item, event=event)
    )


@router.put(
    "/roles/{role_id}/real-name",
    response=PersonRoleOut,
    auth=write_auth,
    summary="Allow or stop a person's real name on one link (the person's keepers)",
    description="A new link shows the pseudonym unless the public already reads the real "
    "name. Only the editors and reviewers who keep the person may allow it; the linked "
    "record's reviewers may also stop it. Every change is written to the audit log.",
)
def set_role_real_name(request: HttpRequest, role_id: int, payload: RealNameIn) -> Any:
    user = api_user(request)
    items = Item.objects.visible_to(user).values("pk")
    events = Event.objects.visible_to(user).values("pk")
    link = get_object_or_404(
        PersonRole.objects.select_related("person", "item", "event").filter(
            Q(item__in=items) | Q(event__in=events)
        ),
        pk=role_id,
    )
    return services.show_real_name(link, payload.shown, by=user)


@router.post(
    "/relations",
    response={201: RelationOut},
    auth=write_auth,
    summary="Relate two archive records, also across cities (reviewers of the source)",
)
def add_relation(request: HttpRequest, payload: RelationIn) -> Any:
    user = api_user(request)
    source = _relatable(payload.source_kind, payload.source_id, user, "source_id")
    target = _relatable(payload.target_kind, payload.target_id, user, "target_id")
    relation = services.relate(source, str(payload.kind), target, by=user, note=payload.note)
    return Status(201, relation)


@router.delete(
    "/roles/{role_id}",
    response={204: None},
    auth=write_auth,
    summary="Take back a person's role in an item or event (the record's reviewers)",
)
def remove_role(request: HttpRequest, role_id: int) -> Any:
    user = api_user(request)
    items = Item.objects.visible_to(user).values("pk")
    events = Event.objects.visible_to(user).values("pk")
    link = get_object_or_404(
        PersonRole.objects.select_related("item", "event").filter(
            Q(item__in=items) | Q(event__in=events)
        ),
        pk=role_id,
    )
    curation.unlink_person(link, by=user)
    return Status(204, None)


@router.delete(
    "/relations/{relation_id}",
    response={204: None},
    auth=write_auth,
    summary="Remove a relation between two records (reviewers of the source)",
    description="404 unless you may see both records it links.",
)
def remove_relation(request: HttpRequest, relation_id: int) -> Any:
    user = api_user(request)
    relation = get_object_or_404(
        Relation.objects.select_related("source_type", "target_type"), pk=relation_id
    )
    for kind, pk in (
        (relation.source_type.model, relation.source_id),
        (relation.target_type.model, relation.target_id),
    ):
        try:
            _relatable(kind, pk, user, "relation")
        except ValidationError:
            raise Http404(_("No such relation.")) from None
    curation.unrelate(relation, by=user)
    return Status(204, None)
