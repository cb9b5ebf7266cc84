from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("", views.city_list, name="city-list"),
    path("cities/new/", views.city_create, name="city-create"),
    path("cities/<slug:slug>/", views.city_detail, name="city-detail"),
    path("cities/<slug:slug>/edit/", views.city_edit, name="city-edit"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation-edit"),
    path("networks/", views.network_list, name="network-list"),
    path("networks/<slug:slug>/", views.network_detail, name="network-detail"),
    path("map/", views.map_view, name="map"),
    path("map/cities.geojson", views.map_data, name="map-data"),
]
