from django.urls import path

from . import views
from .editing import members, networks, organisations, partnerships

app_name = "network"
urlpatterns = [
    path("", views.city_list, name="city-list"),
    path("cities/new/", views.city_create, name="city-create"),
    path("cities/<slug:slug>/", views.city_detail, name="city-detail"),
    path("cities/<slug:slug>/edit/", views.city_edit, name="city-edit"),
    path(
        "cities/<slug:slug>/memberships/new/",
        members.city_membership_create,
        name="city-membership-create",
    ),
    path(
        "cities/<slug:slug>/partnerships/new/",
        partnerships.partnership_create,
        name="partnership-create",
    ),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/new/", organisations.organisation_create, name="organisation-create"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation-edit"),
    path(
        "organisations/<slug:slug>/delete/",
        organisations.organisation_delete,
        name="organisation-delete",
    ),
    path(
        "organisations/<slug:slug>/memberships/new/",
        members.organisation_membership_create,
        name="organisation-membership-create",
    ),
    path("networks/", views.network_list, name="network-list"),
    path("networks/new/", networks.network_create, name="network-create"),
    path("networks/<slug:slug>/", views.network_detail, name="network-detail"),
    path("networks/<slug:slug>/edit/", networks.network_edit, name="network-edit"),
    path("networks/<slug:slug>/delete/", networks.network_delete, name="network-delete"),
    path("memberships/<int:pk>/", members.membership_detail, name="membership-detail"),
    path("memberships/<int:pk>/edit/", members.membership_edit, name="membership-edit"),
    path("memberships/<int:pk>/delete/", members.membership_delete, name="membership-delete"),
    path(
        "memberships/<int:pk>/focal-points/new/",
        members.focal_point_create,
        name="focal-point-create",
    ),
    path("focal-points/<int:pk>/edit/", members.focal_point_edit, name="focal-point-edit"),
    path("focal-points/<int:pk>/delete/", members.focal_point_delete, name="focal-point-delete"),
    path("partnerships/<int:pk>/edit/", partnerships.partnership_edit, name="partnership-edit"),
    path(
        "partnerships/<int:pk>/delete/", partnerships.partnership_delete, name="partnership-delete"
    ),
    path("map/", views.map_view, name="map"),
    path("map/cities.geojson", views.map_data, name="map-data"),
]
