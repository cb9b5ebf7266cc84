"""People: the list, a person and the records that name them, adding, changing and
deleting them, and their roles in items and events."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.access.keepers import can_review, keeps, require_review
from hrcities.core.editing import confirm_page
from hrcities.core.forms import add_model_errors

from .. import curation, services
from ..curation_forms import PersonForm, RoleForm
from ..models import Event, Item, Person, PersonRole
from ..presenting import person_name, shown_title
from .common import ARCHIVE_PAGE, _item_rows, _page, contribute_owners, may_edit
from .editing import edit_page, record_create_page
from .picking import choices, picked

ROLE_RECORDS = ("item", "event")


def person_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    people = Person.objects.visible_to(user).select_related("city", "organisation")
    q = request.GET.get("q", "").strip()
    if q:
        # By pseudonym only: a search must not tell whose real name holds the words.
        people = people.filter(pseudonym__icontains=q)
    page = _page(request, people.order_by("pseudonym", "id"))
    cities, organisations = contribute_owners(user)
    context = {
        "page": page,
        "rows": [(person, person_name(person, user)) for person in page],
        "q": q,
        "may_add": cities.exists() or organisations.exists(),
    }
    return render(request, "archive/person_list.html", context)


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
        "may_edit": may_edit(user, person),
        "may_delete": can_review(user, person),
        "page": page,
        "rows": [(view, sorted(set(item_roles.get(view.pk, [])))) for view in rows],
        "events": [(event, event_roles.get(event.pk, [])) for event in events],
    }
    return render(request, "archive/person_detail.html", context)


def get_person_for_user(user: Any, pk: int) -> Person:
    return get_object_or_404(
        Person.objects.visible_to(user).select_related("city", "organisation"), pk=pk
    )


def _options(user: Any, person: Person | None = None) -> dict[str, Any]:
    cities, organisations = contribute_owners(user)
    return {"cities": cities, "organisations": organisations, "record": person}


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    return record_create_page(
        request,
        Person,
        form_class=PersonForm,
        options=_options(request.user),
        template="archive/person_form.html",
        refusal=_("You may add people only for a city or organisation you contribute to."),
        list_url="archive:person-list",
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_user(user, pk)
    return edit_page(
        request,
        person,
        form_class=PersonForm,
        options=_options(user, person),
        template="archive/person_form.html",
        context={"person": person},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_user(user, pk)
    require_review(user, person)
    return confirm_page(
        request,
        title=_("Delete “%(person)s”") % {"person": person},
        consequences=[
            _("The person is deleted; their last version stays in its history."),
            _(
                "A person who narrates an item, has a role in a record or gave a consent "
                "is not deleted."
            ),
        ],
        button=_("Delete the person"),
        action=lambda: curation.delete_person(person, by=user),
        done=_("“%(person)s” was deleted.") % {"person": person},
        back=person.get_absolute_url(),
        next_url=reverse("archive:person-list"),
        context=ARCHIVE_PAGE,
    )


def _roles_shown(person: Person, user: Any) -> list[tuple[PersonRole, Any, str, bool]]:
    """Return the person's roles in records this user may see, each with its record,
    the record's title as the user reads it, and whether the user may remove it."""
    items = Item.objects.visible_to(user).values("pk")
    events = Event.objects.visible_to(user).values("pk")
    links = person.roles.filter(Q(item__in=items) | Q(event__in=events)).select_related(
        "item", "event", "item__city", "item__organisation", "event__city", "event__organisation"
    )
    rows = []
    for link in links.order_by("id"):
        record = link.item or link.event
        rows.append((link, record, shown_title(record, user), can_review(user, record)))
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def person_roles(request: HttpRequest, pk: int) -> HttpResponse:
    """The person's roles in items and events: add one (finding the record by its title)."""
    user = request.user
    person = get_person_for_user(user, pk)
    if not keeps(user, person):
        raise PermissionDenied(
            _("Only the editors and reviewers of %(owner)s may do this.") % {"owner": person.owner}
        )
    data = request.POST if request.method == "POST" else None
    form = RoleForm(data, matches=choices(user, data, ROLE_RECORDS, kept_only=True))
    status = 200
    if data is not None and "find" not in data:
        status = 400
        if form.is_valid():
            record = picked(user, form.cleaned_data["target"], ROLE_RECORDS, kept_only=True)
            where = {"item" if isinstance(record, Item) else "event": record}
            try:
                services.link_person(person, form.cleaned_data["role"], by=user, **where)
            except (ValidationError, PermissionDenied) as error:
                if isinstance(error, ValidationError):
                    add_model_errors(form, error)
                else:
                    form.add_error("target", str(error))
            else:
                messages.success(
                    request,
                    _("“%(person)s” is linked to “%(record)s”.")
                    % {"person": person, "record": shown_title(record, user)},
                )
                return redirect("archive:person-roles", pk=person.pk)
    context = {
        "person": person,
        "name": person_name(person, user),
        "roles": _roles_shown(person, user),
        "form": form,
        "searched": bool(data and data.get("q")),
    }
    return render(request, "archive/person_roles.html", context, status=status)


def _visible_link(user: Any, pk: int) -> PersonRole:
    """A person's role in an item or event the user may see; 404 otherwise."""
    items = Item.objects.visible_to(user).values("pk")
    events = Event.objects.visible_to(user).values("pk")
    return get_object_or_404(
        PersonRole.objects.select_related("person", "item", "event").filter(
            Q(item__in=items) | Q(event__in=events)
        ),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def role_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    link = _visible_link(user, pk)
    record = link.item or link.event
    require_review(user, record)
    title = shown_title(record, user)
    name = person_name(link.person, user)
    return confirm_page(
        request,
        title=_("Remove the role of %(person)s in “%(record)s”")
        % {"person": name, "record": title},
        consequences=[
            _("%(person)s is no longer shown as %(role)s of this record.")
            % {"person": name, "role": link.get_role_display()},
            _("The person and the record themselves stay."),
        ],
        button=_("Remove the role"),
        action=lambda: curation.unlink_person(link, by=user),
        done=_("The role was removed."),
        back=reverse("archive:person-roles", args=[link.person_id])
        if keeps(user, link.person)
        else record.get_absolute_url(),
        next_url=record.get_absolute_url(),
        context=ARCHIVE_PAGE,
    )


@login_required
@require_http_methods(["GET", "POST"])
def role_real_name(request: HttpRequest, pk: int) -> HttpResponse:
    """Allow a person's real name where one link names them, or show the pseudonym again.

    Allowing it loosens a protection, so the page says what it opens before anything does.
    """
    user = request.user
    link = _visible_link(user, pk)
    record = link.item or link.event
    keeper = keeps(user, link.person)
    if not keeper and (not link.real_name_shown or not can_review(user, record)):
        raise PermissionDenied(
            _("Only the editors and reviewers of %(owner)s may show this person's real name.")
            % {"owner": link.person.owner}
        )
    names = {
        "person": person_name(link.person, user),
        "record": shown_title(record, user),
        "role": link.get_role_display(),
    }
    back = (
        reverse("archive:person-roles", args=[link.person_id])
        if keeper
        else record.get_absolute_url()
    )
    page: dict[str, Any] = {"back": back, "next_url": back, "context": ARCHIVE_PAGE}
    if link.real_name_shown:
        return confirm_page(
            request,
            title=_("Show only the pseudonym of %(person)s in “%(record)s”?") % names,
            consequences=[
                _("Readers of “%(record)s” see the pseudonym again, not the real name.") % names,
            ],
            button=_("Show the pseudonym"),
            action=lambda: services.show_real_name(link, False, by=user),
            done=_("“%(record)s” shows the pseudonym again.") % names,
            **page,
        )
    return confirm_page(
        request,
        title=_("Allow the real name of %(person)s in “%(record)s”?") % names,
        consequences=[
            _(
                "Everyone who may read “%(record)s” will read the real name of %(person)s "
                "(%(role)s) there, instead of the pseudonym."
            )
            % names,
            _(
                "Do it only if the person agreed that their name be used here; the consent "
                "record should say so."
            ),
            _("Other records that name the person keep the pseudonym."),
            _("The change is recorded in the audit log, and can be taken back here."),
        ],
        button=_("Allow the real name"),
        action=lambda: services.show_real_name(link, True, by=user),
        done=_("“%(record)s” now shows the real name.") % names,
        **page,
    )
