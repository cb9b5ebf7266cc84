from django.urls import path

from .views import actions, cities, commitments, declarations, exchange, tags

app_name = "commitments"
urlpatterns = [
    path("", declarations.declaration_list, name="declaration-list"),
    path("new/", declarations.declaration_upload, name="declaration-upload"),
    path("actions/export.csv", exchange.actions_csv, name="actions-csv"),
    path("actions/import/", exchange.actions_import, name="actions-import"),
    path("actions/<int:pk>/", actions.action_detail, name="action-detail"),
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
