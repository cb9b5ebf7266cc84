from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("open-data/", views.api_home, name="api-home"),
    path("about/data/", views.about_data, name="about-data"),
    path("audit/", views.audit_log, name="audit-log"),
    path(
        "records/<str:label>/<str:object_id>/history/", views.record_history, name="record-history"
    ),
    path(
        "records/revisions/<int:revision_id>/restore/",
        views.revision_restore,
        name="revision-restore",
    ),
    path("records/<str:label>/<str:object_id>/tags/", views.record_tags, name="record-tags"),
    path("healthz", views.healthz, name="healthz"),
]
