"""A declaration's translations: adding one from its text, correcting it, deleting it,
and reading it beside the original."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from hrcities.accounts.permissions import is_network_admin, require_network_admin
from hrcities.core.editing import confirm_page
from hrcities.core.forms import add_model_errors
from hrcities.core.languages import language_name

from .. import translating
from ..declaration_forms import ClauseEditForm, TranslationEditForm, TranslationForm
from ..extract import ExtractionError
from ..models import Clause, ClauseTranslation, Declaration, DeclarationTranslation
from ..reading import reader_language, translation_in
from .declaring import HEAD, edit_versioned


def get_translation(slug: str, language: str) -> DeclarationTranslation:
    return get_object_or_404(
        DeclarationTranslation.objects.select_related("declaration"),
        declaration__slug=slug,
        language__iexact=language,
    )


def reading_url(declaration: Declaration, language: str) -> str:
    return f"{declaration.get_absolute_url()}?{urlencode({'text': language})}"


@login_required
@require_http_methods(["GET", "POST"])
def translation_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Read a translation from a file or pasted text; save it only if it matches the
    declaration clause by clause."""
    require_network_admin(request.user)
    declaration = get_object_or_404(Declaration, slug=slug)
    initial = {"language": request.GET.get("language", "")}
    form = TranslationForm(request.POST or None, request.FILES or None, initial=initial)
    context = {
        "declaration": declaration,
        "form": form,
        "translations": list(declaration.translations.all()),
    }
    if request.method == "GET":
        return render(request, "commitments/translation_form.html", context)
    if form.is_valid():
        try:
            text, source_format = form.source()
            translation, is_new = translating.ingest_translation(
                declaration,
                by=request.user,
                text=text,
                source_format=source_format,
                **{
                    name: form.cleaned_data[name]
                    for name in ("language", "kind", "translator", "url", "title")
                },
            )
        except ExtractionError as error:
            form.add_error("file", str(error))
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            counts = {
                kind: translation.clauses.filter(clause__kind=kind).count()
                for kind in Clause.Kind.values
            }
            names = {
                "language": language_name(translation.language),
                "clauses": ngettext(
                    "%(n)s preamble clause", "%(n)s preamble clauses", counts["preamble"]
                )
                % {"n": counts["preamble"]},
                "promises": ngettext("%(n)s promise", "%(n)s promises", counts["promise"])
                % {"n": counts["promise"]},
            }
            done = (
                _("The %(language)s translation was saved: %(clauses)s and %(promises)s aligned.")
                if is_new
                else _(
                    "The %(language)s translation was replaced: %(clauses)s and %(promises)s "
                    "aligned; the earlier text stays in the history."
                )
            )
            messages.success(request, done % names)
            return redirect(reading_url(declaration, translation.language))
    return render(request, "commitments/translation_form.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def translation_edit(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    require_network_admin(request.user)
    translation = get_translation(slug, language)
    names = {
        "language": language_name(translation.language),
        "declaration": translation.declaration.title,
    }
    return edit_versioned(
        request,
        translation,
        TranslationEditForm,
        title=_("Edit the %(language)s translation of “%(declaration)s”") % names,
        save=lambda changes, version: translating.update_translation(
            translation, changes, by=request.user, based_on_version=version
        ),
        back=reading_url(translation.declaration, translation.language),
        done=_("The translation was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def translated_clause_edit(request: HttpRequest, slug: str, language: str, pk: int) -> HttpResponse:
    require_network_admin(request.user)
    translation = get_translation(slug, language)
    clause = get_object_or_404(
        ClauseTranslation.objects.select_related("clause"), translation=translation, clause_id=pk
    )
    names = {
        "n": clause.clause.number,
        "language": language_name(translation.language),
        "declaration": translation.declaration.title,
    }
    title = (
        _("Correct the %(language)s text of promise %(n)s of “%(declaration)s”")
        if clause.clause.kind == Clause.Kind.PROMISE
        else _("Correct the %(language)s text of clause %(n)s of “%(declaration)s”")
    )
    return edit_versioned(
        request,
        clause,
        ClauseEditForm,
        title=title % names,
        save=lambda changes, version: translating.correct_translated_clause(
            clause, changes["text"], by=request.user, based_on_version=version
        ),
        back=reading_url(translation.declaration, translation.language),
        done=_("The translated clause was corrected; its earlier wording stays in its history."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def translation_delete(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    require_network_admin(request.user)
    translation = get_translation(slug, language)
    declaration = translation.declaration
    names = {"language": language_name(translation.language), "declaration": declaration.title}
    return confirm_page(
        request,
        title=_("Delete the %(language)s translation of “%(declaration)s”?") % names,
        consequences=[
            _("The declaration and its other translations stay as they are."),
            _("The translation keeps its last state in the history of changes."),
        ],
        button=_("Delete the translation"),
        action=lambda: translating.delete_translation(translation, by=request.user),
        done=_("The %(language)s translation was deleted.") % names,
        back=reading_url(declaration, translation.language),
        next_url=declaration.get_absolute_url(),
        extra_head=HEAD,
    )


@dataclass
class Pair:
    label: str
    anchor: str
    original: str
    translated: str
    edit_url: str = ""
    edit_label: str = ""


def _clause_pairs(
    declaration: Declaration, translation: DeclarationTranslation, kind: str
) -> list[Pair]:
    texts = dict(translation.clauses.values_list("clause_id", "text"))
    language = language_name(translation.language)
    pairs = []
    for clause in declaration.clauses.filter(kind=kind).order_by("number"):
        names = {"n": clause.number, "language": language}
        is_promise = kind == Clause.Kind.PROMISE
        pairs.append(
            Pair(
                label=(_("Promise %(n)s") if is_promise else _("Clause %(n)s")) % names,
                anchor=f"{kind}-{clause.number}",
                original=clause.text,
                translated=texts.get(clause.pk, ""),
                edit_url=reverse(
                    "commitments:translated-clause-edit",
                    args=[declaration.slug, translation.language, clause.pk],
                ),
                edit_label=(
                    _("Correct the %(language)s text of promise %(n)s")
                    if is_promise
                    else _("Correct the %(language)s text of clause %(n)s")
                )
                % names,
            )
        )
    return pairs


def _sections(declaration: Declaration, translation: DeclarationTranslation) -> list[Any]:
    """Return the declaration's parts in pairs, section by section, as the page shows them."""
    opening = [Pair(_("Title"), "title", declaration.title, translation.title)]
    for name, label in (("subtitle", _("Theme")), ("intro", _("Opening"))):
        if getattr(declaration, name) or getattr(translation, name):
            opening.append(
                Pair(label, name, getattr(declaration, name), getattr(translation, name))
            )
    promises = _clause_pairs(declaration, translation, Clause.Kind.PROMISE)
    if declaration.promises_intro or translation.promises_intro:
        promises.insert(
            0,
            Pair(
                _("Introduction to the promises"),
                "promises-intro",
                declaration.promises_intro,
                translation.promises_intro,
            ),
        )
    return [
        {"anchor": "opening", "heading": _("Title and opening"), "rows": opening},
        {
            "anchor": "preamble",
            "heading": _("Preamble"),
            "rows": _clause_pairs(declaration, translation, Clause.Kind.PREAMBLE),
        },
        {"anchor": "promises", "heading": _("The promises"), "rows": promises},
    ]


def declaration_side_by_side(request: HttpRequest, slug: str) -> HttpResponse:
    """The original and one translation, clause beside clause (one under the other on a phone)."""
    declaration = get_object_or_404(Declaration, slug=slug)
    translations = list(declaration.translations.all())
    wanted = (request.GET.get("language") or "").lower()
    translation = (
        next((t for t in translations if t.language.lower() == wanted), None)
        or translation_in(declaration, reader_language())
        or next(iter(translations), None)
    )
    context = {
        "declaration": declaration,
        "translation": translation,
        "translations": translations,
        "sections": _sections(declaration, translation) if translation else [],
        "may_keep": is_network_admin(request.user),
    }
    return render(request, "commitments/declaration_side_by_side.html", context)
