"""The one JSON API of the platform. Each app adds its Router here."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from hrcities.core.apidoc import OneNamePerSchema, add_problem_answers
from hrcities.core.problems import invalid_input, problem_response
from hrcities.core.services import EditConflict


class ProblemsListedAPI(NinjaAPI):
    """The API whose OpenAPI document lists each operation's problem answers and names
    each schema once (two classes of one name each get their own)."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        document = OneNamePerSchema(self, path_prefix)
        declared = {
            operation.operation_id or self.get_openapi_operation_id(operation): statuses
            for router in self._get_bound_routers()
            for path_view in router.path_operations.values()
            for operation in path_view.operations
            if (
                statuses := {
                    *getattr(operation.view_func, "problem_statuses", ()),
                    # A throttled operation answers 429 past its rate.
                    *([429] if operation.throttle_objects else []),
                }
            )
        }
        return add_problem_answers(document, declared)


api = ProblemsListedAPI(
    title="hrcities API",
    version="1",
    description=(
        "Open data and editing for the human rights cities network: reference vocabularies "
        "(SDGs, UHRI themes, affected groups, UPR recommendations), cities, organisations and "
        "more. Reads are public; writes need an API token (`Authorization: Bearer ...`) or a "
        "signed-in session, and are limited to the caller's city or organisation. Errors are "
        "RFC 9457 problem details."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        # A field is named as the client sent it: "titles.en", "transcript" (not "form.…").
        loc = [str(p) for p in error.get("loc", []) if p not in ("body", "payload", "form")]
        errors.append({"field": ".".join(loc), "detail": error.get("msg", "")})
    return invalid_input(request, errors)


@api.exception_handler(DjangoValidationError)
def on_model_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": field, "detail": str(message)}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": "", "detail": str(message)} for message in exc.messages]
    return problem_response(
        request,
        status=422,
        title=_("Invalid input"),
        detail="; ".join((f"{e['field']}: " if e["field"] else "") + e["detail"] for e in errors),
        errors=errors,
    )


@api.exception_handler(EditConflict)
def on_edit_conflict(request: HttpRequest, exc: EditConflict) -> HttpResponse:
    return problem_response(
        request,
        status=409,
        title=_("Edit conflict"),
        detail=str(exc),
        errors=[{"field": "version", "detail": str(exc)}],
        current_version=exc.current,
    )


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return problem_response(
        request, status=403, title=_("Forbidden"), detail=str(exc) or _("Not allowed.")
    )


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(
        request, status=404, title=_("Not found"), detail=str(exc) or _("No such record.")
    )


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = getattr(request, "auth_problem", None) or _(
        "Sign in, or send an API token as `Authorization: Bearer ...`."
    )
    response = problem_response(request, status=401, title=_("Not signed in"), detail=detail)
    response["WWW-Authenticate"] = 'Bearer realm="hrcities"'
    return response


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem_response(request, status=exc.status_code, title=str(exc), detail=str(exc))


def _register_routers(api: NinjaAPI) -> None:
    from hrcities.accounts.api import router as accounts_router
    from hrcities.accounts.api_networksettings import router as network_settings_router
    from hrcities.archive.api import router as archive_router
    from hrcities.classify.api import router as classify_router
    from hrcities.commitments.api import router as commitments_router
    from hrcities.education.api import router as education_router
    from hrcities.emergency.api import router as emergency_router
    from hrcities.indicators.api import router as indicators_router
    from hrcities.network.api import router as network_router
    from hrcities.reports.api import router as reports_router
    from hrcities.search.api import router as search_router
    from hrcities.site.api import router as core_router
    from hrcities.taxonomy.api import router as taxonomy_router

    api.add_router("/taxonomy/", taxonomy_router)
    api.add_router("/network/", network_router)
    api.add_router("/accounts/", accounts_router)
    api.add_router("/accounts/", network_settings_router)
    api.add_router("/commitments/", commitments_router)
    api.add_router("/archive/", archive_router)
    api.add_router("/indicators/", indicators_router)
    api.add_router("/education/", education_router)
    api.add_router("/emergency/", emergency_router)
    api.add_router("/reports/", reports_router)
    api.add_router("/records/", core_router)
    api.add_router("/search", search_router)
    api.add_router("/classify", classify_router)


_register_routers(api)


def openapi_document() -> dict[str, Any]:
    return api.get_openapi_schema(path_prefix="/api/")
