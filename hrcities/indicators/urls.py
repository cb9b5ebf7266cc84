from django.urls import path

from . import views
from .editing import groupings, indicators, shared

app_name = "indicators"
urlpatterns = [
    path("", views.city_list, name="city-list"),
    # Before the cities' pages, so that these names are never read as a city.
    path("shared-dimensions/", shared.shared_dimensions, name="shared-dimensions"),
    path(
        "shared-dimensions/<slug:dimension>/edit/",
        shared.shared_dimension_edit,
        name="shared-dimension-edit",
    ),
    path("<slug:city>/", views.city_indicators, name="city-indicators"),
    path("<slug:city>/new/", views.indicator_create, name="indicator-create"),
    path("<slug:city>/import/", views.city_import, name="city-import"),
    path("<slug:city>/export.csv", views.city_csv, name="city-csv"),
    path("<slug:city>/opensdg.zip", views.city_opensdg, name="city-opensdg"),
    path("<slug:city>/domains/", groupings.city_groupings, name="city-groupings"),
    path("<slug:city>/domains/new/", groupings.domain_create, name="domain-create"),
    path("<slug:city>/domains/<slug:domain>/edit/", groupings.domain_edit, name="domain-edit"),
    path(
        "<slug:city>/domains/<slug:domain>/delete/", groupings.domain_delete, name="domain-delete"
    ),
    path("<slug:city>/dimensions/new/", groupings.dimension_create, name="dimension-create"),
    path(
        "<slug:city>/dimensions/<slug:dimension>/edit/",
        groupings.dimension_edit,
        name="dimension-edit",
    ),
    path(
        "<slug:city>/dimensions/<slug:dimension>/delete/",
        groupings.dimension_delete,
        name="dimension-delete",
    ),
    path("<slug:city>/<str:code>/", views.indicator_detail, name="indicator-detail"),
    path("<slug:city>/<str:code>/edit/", views.indicator_edit, name="indicator-edit"),
    path("<slug:city>/<str:code>/delete/", indicators.indicator_delete, name="indicator-delete"),
    path("<slug:city>/<str:code>/data.csv", views.indicator_csv, name="indicator-csv"),
    path("<slug:city>/<str:code>/meta.yml", views.indicator_meta, name="indicator-meta"),
    path(
        "<slug:city>/<str:code>/values/new/",
        views.observation_create,
        name="observation-create",
    ),
    path(
        "<slug:city>/<str:code>/values/<int:pk>/edit/",
        views.observation_edit,
        name="observation-edit",
    ),
    path(
        "<slug:city>/<str:code>/values/<int:pk>/delete/",
        views.observation_delete,
        name="observation-delete",
    ),
]
