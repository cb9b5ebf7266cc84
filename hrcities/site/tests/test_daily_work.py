"""No daily task needs the Django admin: every model of the platform is either kept on a page
of its own (and through the API), or is reference data a command loads, or is written by the
platform itself. A new model fails here until it is given a page or a reason, and the README's
"Daily work without the Django admin" names each one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import get_resolver
from django.urls.resolvers import URLResolver

from config.api import openapi_document

README = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")

# Each model people keep by hand: the page that adds or changes it, and the API path that
# does the same (None where no API is offered).
KEPT_ON_PAGES: dict[str, tuple[str, str | None]] = {
    "accounts.User": ("accounts:invitation-create", "/api/accounts/invitations"),
    "accounts.Invitation": ("accounts:invitation-create", "/api/accounts/invitations"),
    "accounts.RoleAssignment": ("accounts:person-role-grant", "/api/accounts/roles"),
    "accounts.ApiToken": ("accounts:profile", "/api/accounts/tokens"),
    "archive.Item": ("archive:item-create", "/api/archive/items"),
    "archive.Event": ("archive:event-create", "/api/archive/events"),
    "archive.Collection": ("archive:collection-create", "/api/archive/collections"),
    "archive.Place": ("archive:place-create", "/api/archive/places"),
    "archive.Person": ("archive:person-create", "/api/archive/people"),
    "archive.PersonRole": ("archive:person-roles", "/api/archive/roles"),
    "archive.Relation": ("archive:item-relations", "/api/archive/relations"),
    "archive.Redaction": ("archive:item-redactions", "/api/archive/items/{item_id}/redactions"),
    "archive.MediaFile": ("archive:item-media-add", "/api/archive/items/{item_id}/media"),
    "archive.Consent": ("archive:item-consents", "/api/archive/items/{item_id}/consents"),
    "commitments.Declaration": (
        "commitments:declaration-upload",
        "/api/commitments/declarations",
    ),
    "commitments.Clause": (
        "commitments:clause-edit",
        "/api/commitments/declarations/{slug}/clauses/{clause_id}",
    ),
    "commitments.DeclarationTranslation": (
        "commitments:translation-add",
        "/api/commitments/declarations/{slug}/translations",
    ),
    "commitments.ClauseTranslation": (
        "commitments:translated-clause-edit",
        "/api/commitments/declarations/{slug}/translations/{language}/clauses/{clause_id}",
    ),
    "commitments.Commitment": (
        "commitments:commitment-edit",
        "/api/commitments/declarations/{slug}/commitments/{number}",
    ),
    "commitments.Action": ("commitments:action-create", "/api/commitments/actions"),
    "commitments.ActionStatus": ("commitments:status-create", "/api/commitments/statuses"),
    "commitments.Milestone": (
        "commitments:milestone-add",
        "/api/commitments/actions/{action_id}/milestones",
    ),
    "commitments.Evidence": (
        "commitments:evidence-add",
        "/api/commitments/actions/{action_id}/evidence",
    ),
    "commitments.Endorsement": (
        "commitments:commitment-endorse",
        "/api/commitments/declarations/{slug}/commitments/{number}/endorsements",
    ),
    "core.NetworkSettings": ("accounts:network-settings", "/api/accounts/network-settings"),
    "education.Programme": ("education:programme-create", "/api/education/programmes"),
    "education.Session": (
        "education:session-add",
        "/api/education/programmes/{programme_id}/sessions",
    ),
    "education.ParticipantCount": (
        "education:session-add",
        "/api/education/programmes/{programme_id}/sessions",
    ),
    "education.Material": (
        "education:material-add",
        "/api/education/programmes/{programme_id}/materials",
    ),
    "education.Method": ("education:method-create", "/api/education/cities/{city}/methods"),
    "emergency.Emergency": (
        "emergency:emergency-create",
        "/api/emergency/cities/{city}/emergencies",
    ),
    "emergency.Measure": ("emergency:measure-create", "/api/emergency/measures"),
    "emergency.MeasureChange": (
        "emergency:change-add",
        "/api/emergency/measures/{measure_id}/changes",
    ),
    "emergency.Source": ("emergency:source-add", "/api/emergency/measures/{measure_id}/sources"),
    "emergency.Review": (
        "emergency:review-create",
        "/api/emergency/measures/{measure_id}/reviews",
    ),
    "emergency.ReviewAnswer": (
        "emergency:review-create",
        "/api/emergency/measures/{measure_id}/reviews",
    ),
    "indicators.Domain": ("indicators:domain-create", "/api/indicators/cities/{city}/domains"),
    "indicators.Dimension": (
        "indicators:dimension-create",
        "/api/indicators/cities/{city}/dimensions",
    ),
    "indicators.Indicator": ("indicators:indicator-create", "/api/indicators/"),
    "indicators.IndicatorDefinition": (
        "indicators:indicator-edit",
        "/api/indicators/cities/{city}/{code}",
    ),
    "indicators.Observation": (
        "indicators:observation-create",
        "/api/indicators/cities/{city}/{code}/observations",
    ),
    "network.City": ("network:city-create", "/api/network/cities"),
    "network.Organisation": ("network:organisation-create", "/api/network/organisations"),
    "network.Network": ("network:network-create", "/api/network/networks"),
    "network.Membership": ("network:city-membership-create", "/api/network/memberships"),
    "network.FocalPoint": (
        "network:focal-point-create",
        "/api/network/memberships/{membership_id}/focal-points",
    ),
    "network.Partnership": ("network:partnership-create", "/api/network/partnerships"),
    "reports.Foreword": ("reports:foreword-edit", "/api/reports/{city}/{year}/foreword"),
    "taxonomy.Tagging": ("core:record-tags", "/api/records/{label}/{object_id}/tags"),
    "work.Preference": ("work:preferences", None),
}

# Models no one keeps by hand, each with the command that loads it or what writes it.
NOT_KEPT_BY_HAND: dict[str, str] = {
    "network.Country": "load_reference",
    "network.GeoNamesPlace": "load_reference",
    "taxonomy.SdgGoal": "load_reference",
    "taxonomy.SdgTarget": "load_reference",
    "taxonomy.SdgIndicator": "load_reference",
    "taxonomy.HumanRightsTheme": "load_reference",
    "taxonomy.AffectedGroup": "load_reference",
    "taxonomy.UprRecommendation": "load_reference",
    "education.Phase": "load_reference",
    "education.Audience": "load_reference",
    "emergency.Issue": "load_reference",
    "emergency.PolicyCode": "load_reference",
    "core.AuditEntry": "written by the platform",
    "core.Revision": "written by the platform",
    "core.ContentVersion": "written by the platform",
    "commitments.StatusChange": "written by the platform",
    "search.SearchDocument": "written by the platform",
    "search.SearchPassage": "written by the platform",
    "search.SearchLabel": "written by the platform",
    "search.FacetLabel": "written by the platform",
    "work.SentReminder": "written by the platform",
}


def platform_models() -> set[str]:
    return {
        model._meta.label for model in apps.get_models() if model.__module__.startswith("hrcities.")
    }


def url_names(patterns, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern.url_patterns, inner)
        elif pattern.name:
            names.add(namespace + pattern.name)
    return names


def readme_section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.MULTILINE | re.DOTALL)
    assert match, f"the README has no section '{title}'"
    return match.group(1)


def test_every_model_has_a_page_or_a_reason_to_need_none():
    accounted = set(KEPT_ON_PAGES) | set(NOT_KEPT_BY_HAND)
    unaccounted = sorted(platform_models() - accounted)
    assert not unaccounted, (
        f"{unaccounted}: give each a page to keep it (and an API path), then add it to "
        "KEPT_ON_PAGES, or add it to NOT_KEPT_BY_HAND with what loads or writes it; "
        "and name it in the README's 'Daily work without the Django admin'"
    )
    assert not set(KEPT_ON_PAGES) & set(NOT_KEPT_BY_HAND)
    assert not accounted - platform_models(), "a model listed here no longer exists"


def test_each_page_and_api_path_named_exists():
    names = url_names(get_resolver().url_patterns)
    paths = set(openapi_document()["paths"])
    missing_pages = {m: page for m, (page, _) in KEPT_ON_PAGES.items() if page not in names}
    missing_api = {m: path for m, (_, path) in KEPT_ON_PAGES.items() if path and path not in paths}
    assert not missing_pages, missing_pages
    assert not missing_api, missing_api


@pytest.mark.parametrize("label", sorted(set(KEPT_ON_PAGES) | set(NOT_KEPT_BY_HAND)))
def test_the_readme_names_each_model_and_how_it_is_kept(label):
    section = readme_section("Daily work without the Django admin")
    line = next((row for row in section.splitlines() if f"`{label}`" in row), None)
    assert line, f"the README's 'Daily work without the Django admin' does not name {label}"
    if label in NOT_KEPT_BY_HAND:
        assert NOT_KEPT_BY_HAND[label] in line
    else:
        page, api_path = KEPT_ON_PAGES[label]
        assert api_path is None or f"`{api_path}`" in line, (label, api_path)
