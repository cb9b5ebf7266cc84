from django.urls import path

from .views import actions, cities, commitments, declarations, exchange, parts, statuses, tags

app_name = "commitments"
urlpatterns = [
    path("", declarations.declaration_list, name="declaration-list"),
    path("new/", declarations.declaration_upload, name="declaration-upload"),
    path("actions/export.csv", exchange.actions_csv, name="actions-csv"),
    path("actions/import/", exchange.actions_import, name="actions-import"),
    path("actions/statuses/", statuses.status_list, name="status-list"),
    path("actions/statuses/new/", statuses.status_create, name="status-create"),
    path("actions/statuses/<int:pk>/edit/", statuses.status_edit, name="status-edit"),
    path("actions/statuses/<int:pk>/move/", statuses.status_move, name="status-move"),
    path("actions/statuses/<int:pk>/delete/", statuses.status_delete, name="status-delete"),
    path("actions/milestones/<int:pk>/edit/", parts.milestone_edit, name="milestone-edit"),
    path("actions/milestones/<int:pk>/delete/", parts.milestone_delete, name="milestone-delete"),
    path("actions/evidence/<int:pk>/edit/", parts.evidence_edit, name="evidence-edit"),
    path("actions/evidence/<int:pk>/delete/", parts.evidence_delete, name="evidence-delete"),
    path("actions/endorsements/<int:pk>/edit/", parts.endorsement_edit, name="endorsement-edit"),
    path(
        "actions/endorsements/<int:pk>/delete/",
        parts.endorsement_delete,
        name="endorsement-delete",
    ),
    path("actions/<int:pk>/", actions.action_detail, name="action-detail"),
    path("actions/<int:pk>/delete/", actions.action_delete, name="action-delete"),
    path("actions/<int:pk>/edit/", actions.action_edit, name="action-edit"),
    path("actions/<int:pk>/milestones/", actions.milestone_add, name="milestone-add"),
    path("actions/<int:pk>/evidence/", actions.evidence_add, name="evidence-add"),
    path("tags/<int:tagging_id>/decide/", tags.tag_decide, name="tag-decide"),
    path("cities/<slug:slug>/", cities.city_actions, name="city-actions"),
    path("<slug:slug>/", declarations.declaration_detail, name="declaration-detail"),
    path("<slug:slug>/declaration.json", declarations.declaration_json, name="declaration-json"),
    path(
        "<slug:slug>/promises/<int:number>/",
        commitments.commitment_detail,
        name="commitment-detail",
    ),
    path(
        "<slug:slug>/promises/<int:number>/endorse/",
        commitments.commitment_endorse,
        name="commitment-endorse",
    ),
    path(
        "<slug:slug>/promises/<int:number>/actions/new/",
        actions.action_create,
        name="action-create",
    ),
]
