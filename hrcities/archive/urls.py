from django.urls import path

from . import views
from .browse import map as places_map
from .browse import printing, timeline
from .views import collections, people, places, redactions, relations

app_name = "archive"
urlpatterns = [
    # Records (views/, one module per resource)
    path("", views.item_list, name="item-list"),
    path("items/new/", views.item_create, name="item-create"),
    path("items/<int:pk>/", views.item_detail, name="item-detail"),
    path("items/<int:pk>/edit/", views.item_edit, name="item-edit"),
    path("items/<int:pk>/submit/", views.item_submit, name="item-submit"),
    path("items/<int:pk>/publish/", views.item_publish, name="item-publish"),
    path("items/<int:pk>/consent/", views.item_consents, name="item-consents"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent-withdraw"),
    path("items/<int:pk>/redactions/", views.item_redactions, name="item-redactions"),
    path("items/<int:pk>/media/", views.item_media_add, name="item-media-add"),
    path("items/<int:pk>/purge/", views.item_purge, name="item-purge"),
    path("media/<int:pk>/", views.media_file, name="media-file"),
    path("media/<int:pk>/thumbnail/", views.media_thumbnail, name="media-thumbnail"),
    path(
        "items/<int:pk>/relations/",
        relations.record_relations,
        {"kind": "item"},
        name="item-relations",
    ),
    path("redactions/<int:pk>/remove/", redactions.redaction_remove, name="redaction-remove"),
    path("collections/", views.collection_list, name="collection-list"),
    path("collections/new/", collections.collection_create, name="collection-create"),
    path("collections/<slug:slug>/", views.collection_detail, name="collection-detail"),
    path("collections/<slug:slug>/edit/", collections.collection_edit, name="collection-edit"),
    path(
        "collections/<slug:slug>/delete/", collections.collection_delete, name="collection-delete"
    ),
    path("events/", views.event_list, name="event-list"),
    path("events/new/", views.event_create, name="event-create"),
    path("events/<int:pk>/", views.event_detail, name="event-detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event-edit"),
    path(
        "events/<int:pk>/relations/",
        relations.record_relations,
        {"kind": "event"},
        name="event-relations",
    ),
    path("places/", places.place_list, name="place-list"),
    path("places/new/", places.place_create, name="place-create"),
    path("places/<int:pk>/", views.place_detail, name="place-detail"),
    path("places/<int:pk>/edit/", places.place_edit, name="place-edit"),
    path("places/<int:pk>/delete/", places.place_delete, name="place-delete"),
    path(
        "places/<int:pk>/relations/",
        relations.record_relations,
        {"kind": "place"},
        name="place-relations",
    ),
    path("relations/<int:pk>/remove/", relations.relation_remove, name="relation-remove"),
    path("people/", people.person_list, name="person-list"),
    path("people/new/", people.person_create, name="person-create"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("people/<int:pk>/edit/", people.person_edit, name="person-edit"),
    path("people/<int:pk>/delete/", people.person_delete, name="person-delete"),
    path("people/<int:pk>/roles/", people.person_roles, name="person-roles"),
    path("roles/<int:pk>/remove/", people.role_remove, name="role-remove"),
    # Browsing across cities, printing (browse/)
    path("timeline/", timeline.timeline, name="timeline"),
    path("map/", places_map.map_view, name="map"),
    path("map/places.geojson", places_map.map_data, name="map-data"),
    path("items/<int:pk>/print/", printing.item_print, name="item-print"),
    path("items/<int:pk>/record.pdf", printing.item_pdf, name="item-pdf"),
]
