"""Pages where network admins keep a declaration: its details, a promise, a clause's
wording, and deleting a declaration nothing acts on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.accounts.permissions import require_network_admin
from hrcities.core.editing import confirm_page, form_page

from .. import declaring
from ..declaration_forms import (
    ClauseEditForm,
    CommitmentEditForm,
    DeclarationEditForm,
    VersionedForm,
)
from ..models import Clause, Declaration
from .common import get_commitment

HEAD = "commitments/_extra_head.html"


def edit_versioned(
    request: HttpRequest,
    record: Any,
    form_class: type[VersionedForm],
    *,
    title: str,
    save: Callable[[dict[str, Any], int], Any],
    back: str,
    done: str,
) -> HttpResponse:
    form = form_class(request.POST or None, initial=form_class.initial_for(record))
    return form_page(
        request,
        form,
        title=title,
        button=_("Save"),
        back=back,
        save=lambda form: save(form.changes(), form.cleaned_data["version"]),
        done=done,
        next_url=lambda _record: back,
        extra_head=HEAD,
    )


@login_required
@require_http_methods(["GET", "POST"])
def declaration_edit(request: HttpRequest, slug: str) -> HttpResponse:
    require_network_admin(request.user)
    declaration = get_object_or_404(Declaration, slug=slug)
    return edit_versioned(
        request,
        declaration,
        DeclarationEditForm,
        title=_("Edit the details of “%(declaration)s”") % {"declaration": declaration.title},
        save=lambda changes, version: declaring.update_declaration(
            declaration, changes, by=request.user, based_on_version=version
        ),
        back=declaration.get_absolute_url(),
        done=_("The declaration was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_edit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    require_network_admin(request.user)
    commitment = get_commitment(slug, number)
    return edit_versioned(
        request,
        commitment,
        CommitmentEditForm,
        title=_("Edit promise %(n)s of “%(declaration)s”")
        % {"n": commitment.number, "declaration": commitment.declaration.title},
        save=lambda changes, version: declaring.update_commitment(
            commitment, changes, by=request.user, based_on_version=version
        ),
        back=commitment.get_absolute_url(),
        done=_("The promise was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def clause_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    require_network_admin(request.user)
    clause = get_object_or_404(
        Clause.objects.select_related("declaration"), declaration__slug=slug, pk=pk
    )
    return edit_versioned(
        request,
        clause,
        ClauseEditForm,
        title=_("Correct clause %(n)s of “%(declaration)s”")
        % {"n": clause.number, "declaration": clause.declaration.title},
        save=lambda changes, version: declaring.correct_clause(
            clause, changes["text"], by=request.user, based_on_version=version
        ),
        back=clause.declaration.get_absolute_url(),
        done=_("The clause was corrected; its earlier wording stays in its history."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def declaration_delete(request: HttpRequest, slug: str) -> HttpResponse:
    require_network_admin(request.user)
    declaration = get_object_or_404(Declaration, slug=slug)
    names = {"declaration": declaration.title}
    return confirm_page(
        request,
        title=_("Delete “%(declaration)s”?") % names,
        consequences=[
            _("Its clauses, promises and endorsements are deleted with it."),
            _("Each keeps its last state in the history of changes and can be restored."),
        ],
        refusal=declaring.declaration_dependants(declaration),
        button=_("Delete the declaration"),
        action=lambda: declaring.delete_declaration(declaration, by=request.user),
        done=_("“%(declaration)s” was deleted.") % names,
        back=declaration.get_absolute_url(),
        next_url=reverse("commitments:declaration-list"),
        extra_head=HEAD,
    )
