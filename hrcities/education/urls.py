from django.urls import path

from . import methods, views

app_name = "education"
urlpatterns = [
    path("cities/<slug:city>/methods/", methods.views["list"], name="method-list"),
    path("cities/<slug:city>/methods/new/", methods.views["create"], name="method-create"),
    path("cities/<slug:city>/methods/<int:pk>/edit/", methods.views["edit"], name="method-edit"),
    path(
        "cities/<slug:city>/methods/<int:pk>/delete/", methods.views["delete"], name="method-delete"
    ),
    path("", views.programme_list, name="programme-list"),
    path("totals/", views.totals, name="totals"),
    path("for/", views.for_city_choose, name="for-city-choose"),
    path("for/<slug:city>/", views.for_city, name="for-city"),
    path("programmes.csv", views.programmes_csv, name="programmes-csv"),
    path("sessions.csv", views.sessions_csv, name="sessions-csv"),
    path("import/", views.import_csv, name="import"),
    path("programmes/new/", views.programme_create, name="programme-create"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme-detail"),
    path("programmes/<slug:slug>/edit/", views.programme_edit, name="programme-edit"),
    path("programmes/<slug:slug>/adapt/", views.programme_adapt, name="programme-adapt"),
    path("programmes/<slug:slug>/submit/", views.programme_submit, name="programme-submit"),
    path("programmes/<slug:slug>/publish/", views.programme_publish, name="programme-publish"),
    path("programmes/<slug:slug>/return/", views.programme_return, name="programme-return"),
    path("programmes/<slug:slug>/archive/", views.programme_archive, name="programme-archive"),
    path(
        "programmes/<slug:slug>/unarchive/", views.programme_unarchive, name="programme-unarchive"
    ),
    path("programmes/<slug:slug>/delete/", views.programme_delete, name="programme-delete"),
    path("programmes/<slug:slug>/travels/", views.travels, name="programme-travels"),
    path(
        "programmes/<slug:slug>/travels.geojson", views.travels_data, name="programme-travels-data"
    ),
    path("programmes/<slug:slug>/sessions/new/", views.session_add, name="session-add"),
    path("programmes/<slug:slug>/sessions/<int:pk>/", views.session_detail, name="session-detail"),
    path("programmes/<slug:slug>/sessions/<int:pk>/edit/", views.session_edit, name="session-edit"),
    path(
        "programmes/<slug:slug>/sessions/<int:pk>/delete/",
        views.session_delete,
        name="session-delete",
    ),
    path("programmes/<slug:slug>/materials/new/", views.material_add, name="material-add"),
    path("materials/<int:pk>/", views.material_file, name="material-file"),
    path("materials/<int:pk>/delete/", views.material_delete, name="material-delete"),
]
