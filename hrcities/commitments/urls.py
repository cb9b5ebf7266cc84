from django.urls import path

from . import views

app_name = "commitments"
urlpatterns = [
    path("", views.declaration_list, name="declaration-list"),
    path("new/", views.declaration_upload, name="declaration-upload"),
    path("actions/export.csv", views.actions_csv, name="actions-csv"),
    path("actions/import/", views.actions_import, name="actions-import"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action-edit"),
    path("actions/<int:pk>/milestones/", views.milestone_add, name="milestone-add"),
    path("actions/<int:pk>/evidence/", views.evidence_add, name="evidence-add"),
    path("tags/<int:tagging_id>/decide/", views.tag_decide, name="tag-decide"),
    path("cities/<slug:slug>/", views.city_actions, name="city-actions"),
    path("<slug:slug>/", views.declaration_detail, name="declaration-detail"),
    path("<slug:slug>/declaration.json", views.declaration_json, name="declaration-json"),
    path(
        "<slug:slug>/promises/<int:number>/",
        views.commitment_detail,
        name="commitment-detail",
    ),
    path(
        "<slug:slug>/promises/<int:number>/endorse/",
        views.commitment_endorse,
        name="commitment-endorse",
    ),
    path(
        "<slug:slug>/promises/<int:number>/actions/new/",
        views.action_create,
        name="action-create",
    ),
]
