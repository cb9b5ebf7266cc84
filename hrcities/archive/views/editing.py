"""Adding, changing and publishing items."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hrcities.access.keepers import can_review
from hrcities.access.tiers import Access, Publication
from hrcities.accounts.permissions import REVIEW_ROLES
from hrcities.commitments.forms import owner_value
from hrcities.core.conflicts import render_edit_conflict
from hrcities.core.forms import add_model_errors
from hrcities.core.services import EditConflict

from .. import services
from ..forms import ItemForm, RecordForm
from ..models import Collection, Event, Item, Person, Place
from ..presenting import person_name, shown_title
from .common import FIELD_FOR, _owners, contribute_owners, get_item_for_user, may_edit


def record_form_options(user: Any, record: Any = None) -> dict[str, Any]:
    """Return what a record form needs to know of the user: the owners they may add
    records for, and whether they decide who may see the record (its reviewers do)."""
    cities, organisations = contribute_owners(user)
    if record is not None:
        may_set_access = can_review(user, record)
    else:
        reviewed_cities, reviewed_organisations = _owners(user, REVIEW_ROLES)
        may_set_access = reviewed_cities.exists() or reviewed_organisations.exists()
    return {
        "cities": cities,
        "organisations": organisations,
        "record": record,
        "may_set_access": may_set_access,
    }


def _item_form_options(user: Any, item: Item | None = None) -> dict[str, Any]:
    cities, organisations = contribute_owners(user)
    kept = Q(city__in=cities) | Q(organisation__in=organisations)
    places = Place.objects.filter(kept)
    # Only people the user may see: a form must not list whom a restricted record names.
    narrators = Person.objects.visible_to(user).filter(kept)
    if item is not None:
        places = places | Place.objects.filter(pk=item.place_id)
        narrators = narrators | Person.objects.filter(pk=item.narrator_id)
    return {
        **record_form_options(user, item),
        "collections": Collection.objects.visible_to(user),
        "places": places.distinct().order_by("id"),
        "events": Event.objects.visible_to(user),
        "narrators": narrators.distinct().order_by("pseudonym"),
        "name_of": lambda person: person_name(person, user),
    }


def _refuse_access_from_contributor(form: RecordForm, user: Any, values: dict[str, Any]) -> bool:
    """Return True (with an error) when access was set for an owner the user only contributes to."""
    if not form.sets_access or can_review(user, _Scope(values)):
        return False
    chosen = (
        values["access"] != Access.PUBLIC
        or values["embargo_until"]
        or values["allowed_users"]
        or values["allowed_organisations"]
    )
    if chosen:
        form.add_error(
            "access",
            _("Only the editors and reviewers of %(owner)s decide who may see its records.")
            % {"owner": values["city"] or values["organisation"]},
        )
        return True
    for name in ("access", "embargo_until", "after_embargo", "allowed_users"):
        values.pop(name)
    values.pop("allowed_organisations")
    return False


class _Scope:
    """The owner a form chose, asked about like a record."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.city, self.organisation = values["city"], values["organisation"]

    def scope(self) -> tuple[Any, Any]:
        return (self.city, self.organisation)

    @property
    def owner(self) -> Any:
        return self.city or self.organisation


def create_page(
    request: HttpRequest,
    *,
    form_class: type[RecordForm],
    options: dict[str, Any],
    template: str,
    refusal: str,
    initial: dict[str, Any],
    create: Any,
) -> HttpResponse:
    """The page that adds an item or an event: the form, then one service call.

    `create(form, values)` returns the response after the record was kept, or raises
    ValidationError, whose messages go beside the fields they name.
    """
    if not options["cities"].exists() and not options["organisations"].exists():
        raise PermissionDenied(refusal)
    if request.method == "GET":
        initial = {"original_language": "ko", "access": Access.PUBLIC, **initial}
        return render(request, template, {"form": form_class(initial=initial, **options)})
    form = form_class(request.POST, **options)
    if "find" in request.POST:
        # A look-up (a GeoNames place) sends the form back with its matches, unsaved.
        form.is_valid()
        return render(request, template, {"form": form, "found": True})
    if form.is_valid():
        values = form.values()
        if not _refuse_access_from_contributor(form, request.user, values):
            try:
                return create(form, values)
            except ValidationError as error:
                add_model_errors(form, error, FIELD_FOR)
    return render(request, template, {"form": form}, status=400)


def edit_page(
    request: HttpRequest,
    record: Any,
    *,
    form_class: Any,
    options: dict[str, Any],
    template: str,
    context: dict[str, Any],
    update: Any = None,
) -> HttpResponse:
    """The page that changes a record: its form, then one service call.

    A save made from an older version shows the conflict instead of overwriting it.
    `update(values, version)` defaults to `services.update_archive_record`.
    """
    user = request.user
    if not may_edit(user, record):
        raise PermissionDenied(
            _("You may not change “%(record)s”.") % {"record": shown_title(record, user)}
        )
    if request.method == "GET":
        form = form_class(initial=form_class.initial_for(record), **options)
        return render(request, template, {**context, "form": form})
    form = form_class(request.POST, **options)
    if form.is_valid() and "find" not in request.POST:
        version = form.cleaned_data["version"]
        try:
            if update is not None:
                update(form.values(), version)
            else:
                services.update_archive_record(
                    record, form.values(), by=user, based_on_version=version
                )
        except EditConflict as conflict:
            return render_edit_conflict(
                request, template, form, conflict, context, options=options, record_option="record"
            )
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(request, _("“%(record)s” was saved.") % {"record": record})
            return redirect(record)
    status = 200 if "find" in request.POST and not form.errors else 400
    return render(request, template, {**context, "form": form}, status=status)


def record_create_page(
    request: HttpRequest,
    model: Any,
    *,
    form_class: type[RecordForm],
    options: dict[str, Any],
    template: str,
    refusal: str,
    list_url: str,
) -> HttpResponse:
    """The page that adds an event, a collection, a place or a person, and then shows it
    (or the list, to a contributor who does not see what they added until it is kept)."""
    user = request.user

    def create(form: Any, values: dict[str, Any]) -> HttpResponse:
        record = services.create_archive_record(model, by=user, **values)
        if getattr(record, "publication", None) == Publication.DRAFT:
            messages.success(request, _("“%(record)s” was saved as a draft.") % {"record": record})
        else:
            messages.success(request, _("“%(record)s” was saved.") % {"record": record})
        if model.objects.visible_to(user).filter(pk=record.pk).exists():
            return redirect(record)
        return redirect(list_url)

    return create_page(
        request,
        form_class=form_class,
        options=options,
        template=template,
        refusal=refusal,
        initial={},
        create=create,
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    options = _item_form_options(user)
    owners = [*options["cities"][:2], *options["organisations"][:2]]

    def create(form: ItemForm, values: dict[str, Any]) -> HttpResponse:
        item = services.create_item(
            values,
            by=user,
            new_narrator=form.new_narrator(),
            submit="submit_for_review" in request.POST,
        )
        return _after_create(request, item)

    return create_page(
        request,
        form_class=ItemForm,
        options=options,
        template="archive/item_form.html",
        refusal=_("You may add items only for a city or organisation you contribute to."),
        initial={"owner": owner_value(owners[0])} if len(owners) == 1 else {},
        create=create,
    )


def _after_create(request: HttpRequest, item: Item) -> HttpResponse:
    if item.publication == Publication.SUBMITTED:
        messages.success(
            request,
            _("“%(item)s” was sent to the reviewers of %(owner)s.")
            % {"item": item, "owner": item.owner},
        )
    else:
        messages.success(request, _("“%(item)s” was saved as a draft.") % {"item": item})
    if Item.objects.visible_to(request.user).filter(pk=item.pk).exists():
        return redirect(item)
    # Contributors do not see drafts: only the editors and reviewers who keep them do.
    messages.info(
        request,
        _("Only the editors and reviewers of %(owner)s see it until they publish it.")
        % {"owner": item.owner},
    )
    return redirect("archive:item-list")


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = get_item_for_user(user, pk)
    if not may_edit(user, item):
        raise PermissionDenied(
            _("You may not change “%(record)s”.") % {"record": shown_title(item, user)}
        )
    options = _item_form_options(user, item)
    template = "archive/item_form.html"
    context: dict[str, Any] = {"item": item}
    if request.method == "GET":
        form = ItemForm(initial=ItemForm.initial_for(item), **options)
        return render(request, template, {**context, "form": form})

    form = ItemForm(request.POST, **options)
    if form.is_valid():
        values = form.values()
        try:
            services.update_item(
                item,
                values,
                by=user,
                based_on_version=form.cleaned_data["version"],
                new_narrator=form.new_narrator(),
            )
        except EditConflict as conflict:
            return render_edit_conflict(
                request,
                template,
                form,
                conflict,
                context,
                options=options,
                record_option="record",
                left_out=("new_narrator",),
            )
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(request, _("The item was saved."))
            return redirect(item)
    return render(request, template, {**context, "form": form}, status=400)


def _change_state(request: HttpRequest, pk: int, change: Any, done: str) -> HttpResponse:
    """Submit or publish an item from its page; say what happened, or why not."""
    item = get_item_for_user(request.user, pk)
    try:
        change(item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % {"item": shown_title(item, request.user)})
    return redirect(item)


@login_required
@require_POST
def item_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _change_state(
        request, pk, services.submit_for_review, _("“%(item)s” was sent to the reviewers.")
    )


@login_required
@require_POST
def item_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _change_state(
        request,
        pk,
        services.publish,
        _("“%(item)s” is published. Its access setting still decides who sees it."),
    )
