"""Read the platform's JSON-LD as a JSON-LD processor does (pyld), without the network.

`https://schema.org` is read from the copy of its context in `data/schemaorg/` (see its
README for the licence); any other remote document is refused, so a test fails rather than
download. `expand` also checks that every type and property is one schema.org defines.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pyld import jsonld

CONTEXT_FILE = Path(__file__).parent / "data" / "schemaorg" / "schemaorgcontext.jsonld"
SCHEMA_ORG_URLS = {"https://schema.org", "http://schema.org"}
VOCABULARY = "http://schema.org/"


@cache
def schema_org_context() -> dict[str, Any]:
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))


def offline_loader(url: str, options: Any = None) -> dict[str, Any]:
    if url.rstrip("/") in SCHEMA_ORG_URLS:
        return {"contextUrl": None, "documentUrl": url, "document": schema_org_context()}
    raise jsonld.JsonLdError(
        f"Not loaded: {url} (the tests read only schema.org's context, from a local copy)",
        "jsonld.LoadDocumentError",
        code="loading document failed",
    )


OPTIONS = {"documentLoader": offline_loader}


def schema_org_terms() -> set[str]:
    return {term for term in schema_org_context()["@context"] if not term.startswith("@")}


def foreign_terms(expanded: Any) -> list[str]:
    """The types and properties of an expanded document that schema.org does not define,
    and the node references that are not absolute IRIs (a bare word where a URL belongs)."""
    terms = schema_org_terms()
    found: list[str] = []

    def check(iri: str) -> None:
        if not iri.startswith(VOCABULARY) or iri.removeprefix(VOCABULARY) not in terms:
            found.append(iri)

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "@type" and "@value" not in node:
                    for iri in value:
                        check(iri)
                elif key == "@id" and ":" not in value:
                    found.append(f"@id {value!r}")
                elif not key.startswith("@"):
                    check(key)
                walk(value)

    walk(expanded)
    return found


def expand(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Expand a document; fail if it names a type or property schema.org lacks, or
    refers to a node by anything but an absolute IRI."""
    expanded = jsonld.expand(document, OPTIONS)
    unknown = foreign_terms(expanded)
    assert not unknown, f"not schema.org terms or IRIs: {sorted(set(unknown))}"
    return expanded


def compact(expanded: Any) -> dict[str, Any]:
    """Compact an expanded document back with schema.org's context."""
    return jsonld.compact(expanded, "https://schema.org", OPTIONS)


def nodes_of_type(expanded: Any, type_name: str) -> list[dict[str, Any]]:
    """Every node of the expanded document of a schema.org type, at any depth."""
    iri = VOCABULARY + type_name
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, dict):
            if iri in node.get("@type", []) and "@value" not in node:
                found.append(node)
            for value in node.values():
                walk(value)

    walk(expanded)
    return found


def values(node: dict[str, Any], prop: str) -> list[Any]:
    """The values of a property of an expanded node (literals as values, nodes by @id)."""
    return [
        value.get("@value", value.get("@id", value)) for value in node.get(VOCABULARY + prop, [])
    ]
