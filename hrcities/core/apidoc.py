"""The problem answers of every API operation, listed in the OpenAPI document.

Each operation lists the RFC 9457 problem details it can answer besides its success, so a
client generated from the document knows them. Most follow from how the operation is
declared; a view adds the others it raises with `@answers(...)`:

- 401 when it reads credentials: a write without a token or session, or any call with an
  unknown, expired or revoked token;
- 403 when it needs them (writes: the caller's role and scope are checked);
- 404 when its path names a record (unknown, or not visible to the caller);
- 400 when it reads a JSON body (one that is not JSON);
- 422 when it reads parameters or a body (a value that does not fit, or a record refused
  by the same checks as the forms), and for every delete (refused while other records
  depend on the record);
- 409 when it is sent the `version` of the record it changes (the record moved on);
- 429 when it is throttled (config.api adds it).

`tests` of the API record every status each operation answers and fail on one the
document does not list (hrcities/core/tests/test_openapi_answers.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from http.client import responses
from typing import Any, TypeVar

from ninja.openapi.schema import REF_TEMPLATE, OpenAPISchema
from ninja.schema import NinjaGenerateJsonSchema

F = TypeVar("F", bound=Callable[..., Any])

PROBLEM_MEDIA_TYPE = "application/problem+json"

# The statuses the API answers as problem details (hrcities.core.problems).
DESCRIPTIONS = {
    400: "The request body is not JSON (problem details).",
    401: "Not signed in, or the API token is unknown, expired or revoked (problem details).",
    403: "The caller's role or scope does not allow this (problem details).",
    404: "No such record, or none the caller may see (problem details).",
    409: "The record changed since the `version` sent; `current_version` says which it is "
    "now (problem details).",
    413: "The upload is too large (problem details).",
    429: "Too many requests from this address or person; try again later (problem details).",
    422: "A parameter or field is refused; `errors` names each field or row at fault "
    "(problem details).",
}

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details.",
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string"},
                    "detail": {"type": "string"},
                    "row": {"type": "integer"},
                },
            },
        },
        "current_version": {"type": "integer"},
    },
    "required": ["type", "title", "status", "detail"],
}

WRITE_METHODS = {"post", "put", "patch", "delete"}


def answers(*statuses: int) -> Callable[[F], F]:
    """Declare problem statuses a view answers that its declaration does not show.

    Put it right under the router's decorator (above `@paginate`).
    """

    def mark(view: F) -> F:
        view.problem_statuses = frozenset(statuses)  # type: ignore[attr-defined]
        return view

    return mark


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        return document["components"]["schemas"][ref.rsplit("/", 1)[1]]
    return schema


def _body_fields(document: dict[str, Any], body: dict[str, Any]) -> set[str]:
    fields: set[str] = set()
    for content in body.get("content", {}).values():
        schema = _resolve(document, content.get("schema", {}))
        for value in schema.get("properties", {}).values():
            # A body of one model is declared as that model, or as an object holding it.
            fields.update(_resolve(document, value).get("properties", {}))
        fields.update(schema.get("properties", {}))
    return fields


def inferred_statuses(document: dict[str, Any], method: str, operation: dict[str, Any]) -> set[int]:
    """The problem statuses an operation can answer, from how it is declared."""
    statuses: set[int] = set()
    schemes = {name for entry in operation.get("security", []) for name in entry}
    parameters = operation.get("parameters", [])
    body = operation.get("requestBody")
    if schemes:
        statuses.add(401)
    if "TokenAuth" in schemes and "OptionalAuth" not in schemes:
        statuses.add(403)
    if any(p["in"] == "path" for p in parameters):
        statuses.add(404)
    if any(p["in"] == "path" and p.get("schema", {}).get("type") != "string" for p in parameters):
        statuses.add(422)
    if any(p["in"] != "path" for p in parameters) or body or method == "delete":
        # A delete is refused while other records depend on the record (core.dependants).
        statuses.add(422)
    if body and "application/json" in body.get("content", {}):
        statuses.add(400)
    if method in WRITE_METHODS and (
        "version" in _body_fields(document, body or {})
        or any(p["name"] == "version" and p["in"] == "query" for p in parameters)
    ):
        statuses.add(409)
    return statuses


def add_problem_answers(
    document: dict[str, Any], declared: dict[str, Iterable[int]]
) -> dict[str, Any]:
    """List in `document` every problem answer of each operation.

    `declared` holds, by operation id, the statuses views declare with `@answers`.
    """
    document.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    reference = {"$ref": "#/components/schemas/Problem"}
    for operations in document["paths"].values():
        for method, operation in operations.items():
            statuses = inferred_statuses(document, method, operation)
            statuses |= set(declared.get(operation["operationId"], ()))
            answers_ = {str(status): answer for status, answer in operation["responses"].items()}
            for status in sorted(statuses):
                answers_.setdefault(
                    str(status),
                    {
                        "description": DESCRIPTIONS.get(status, responses.get(status, "")),
                        "content": {PROBLEM_MEDIA_TYPE: {"schema": reference}},
                    },
                )
            operation["responses"] = dict(sorted(answers_.items()))
    return document


class OneNamePerSchema(OpenAPISchema):
    """An OpenAPI document in which two classes of one name (`Partnership.Kind` and
    `Relation.Kind`) get two schemas.

    Django Ninja makes each operation's schemas apart and files them by class name, so
    the last class of a name would stand for all of them. Here a name belongs to the
    first class that takes it; another class of that name is filed under its qualified
    name (`RelationKind`), or its module's too. Two classes that still share a name
    (Django Ninja's `Paged...` of two item classes of one name) are refused: such item
    classes are named apart (`ArchivePersonOut` beside the accounts' `PersonOut`).
    """

    def __init__(self, api: Any, path_prefix: str) -> None:
        owners: dict[str, str] = {}

        class Generator(NinjaGenerateJsonSchema):
            def get_defs_ref(self, core_mode_ref: Any) -> Any:
                defs_ref = super().get_defs_ref(core_mode_ref)
                parts = re.split(r"([\][,])", core_mode_ref[0])
                source = "".join(part.rsplit(":", 1)[0] for part in parts)
                choices = self._prioritized_defsref_choices[defs_ref]
                # A nested class (`Partnership.Kind`) is named with its outer class.
                qualified = "".join(p for p in source.split(".") if p[:1].isupper())
                candidates = [choices[0], qualified, source.replace(".", "")]
                for candidate in candidates:
                    if owners.setdefault(candidate, source) == source:
                        choices.insert(0, candidate)
                        break
                return defs_ref

        self.generator = Generator
        super().__init__(api, path_prefix)

    def _create_schema_from_model(
        self, model: Any, by_alias: bool = True, remove_level: bool = True, mode: Any = "validation"
    ) -> Any:
        if hasattr(model, "__ninja_flatten_map__"):
            return super()._create_schema_from_model(model, by_alias, remove_level, mode)
        schema = model.model_json_schema(
            ref_template=REF_TEMPLATE, by_alias=by_alias, schema_generator=self.generator, mode=mode
        ).copy()
        if schema.get("$defs"):
            self.add_schema_definitions(schema.pop("$defs"))
        if remove_level and len(schema["properties"]) == 1:
            name, details = next(iter(schema["properties"].items()))
            return details, name in schema.get("required", {})
        return schema, True

    def add_schema_definitions(self, definitions: dict) -> None:
        for name, definition in definitions.items():
            if definition.get("title", name) != name:
                # A renamed class is titled by its new name: generators name classes by titles.
                definition = {**definition, "title": name}
            if self.schemas.setdefault(name, definition) != definition:
                raise ValueError(f"OpenAPI: two different schemas are named {name}")
