from django.urls import path

from . import views
from .browse import map as places_map
from .browse import printing, timeline

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
    path("collections/", views.collection_list, name="collection-list"),
    path("collections/<slug:slug>/", views.collection_detail, name="collection-detail"),
    path("events/", views.event_list, name="event-list"),
    path("events/new/", views.event_create, name="event-create"),
    path("events/<int:pk>/", views.event_detail, name="event-detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event-edit"),
    path("places/<int:pk>/", views.place_detail, name="place-detail"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    # Browsing across cities, printing (browse/)
    path("timeline/", timeline.timeline, name="timeline"),
    path("map/", places_map.map_view, name="map"),
    path("map/places.geojson", places_map.map_data, name="map-data"),
    path("items/<int:pk>/print/", printing.item_print, name="item-print"),
    path("items/<int:pk>/record.pdf", printing.item_pdf, name="item-pdf"),
]
