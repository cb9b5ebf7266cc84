"""A person and the records that name them."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from hrcities.access.keepers import keeps

from ..models import Event, Item, Person
from ..presenting import person_name
from .common import _item_rows


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_object_or_404(Person.objects.select_related("city", "organisation"), pk=pk)
    items = (
        Item.objects.visible_to(user)
        .filter(Q(narrator=person) | Q(person_roles__person=person))
        .distinct()
    )
    events = Event.objects.visible_to(user).filter(person_roles__person=person).distinct()
    is_manager = keeps(user, person)
    if not is_manager and not items.exists() and not events.exists():
        raise Http404(_("No such person."))
    page, rows = _item_rows(request, Item.objects.filter(pk__in=items.values("pk")))
    item_roles: dict[int, list[str]] = {}
    event_roles: dict[int, list[str]] = {}
    for role in person.roles.filter(
        Q(item__in=items.values("pk")) | Q(event__in=events.values("pk"))
    ):
        if role.item_id:
            item_roles.setdefault(role.item_id, []).append(role.get_role_display())
        else:
            event_roles.setdefault(role.event_id, []).append(role.get_role_display())
    narrated = set(items.filter(narrator=person).values_list("pk", flat=True))
    for pk in narrated:
        item_roles.setdefault(pk, []).insert(0, _("Narrator"))
    context = {
        "person": person,
        "name": person_name(person, user),
        "is_manager": is_manager,
        # Keepers read the real name; they are told what everyone else reads (a consent
        # without the name, or a hidden field on any record, leaves the pseudonym).
        "public_name": person_name(person, AnonymousUser()) if is_manager else "",
        "page": page,
        "rows": [(view, sorted(set(item_roles.get(view.pk, [])))) for view in rows],
        "events": [(event, event_roles.get(event.pk, [])) for event in events],
    }
    return render(request, "archive/person_detail.html", context)
