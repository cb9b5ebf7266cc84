from django.urls import path

from . import kinds, views

app_name = "emergency"
urlpatterns = [
    path("cities/<slug:city>/emergencies/", kinds.views["list"], name="emergency-list"),
    path("cities/<slug:city>/emergencies/new/", kinds.views["create"], name="emergency-create"),
    path(
        "cities/<slug:city>/emergencies/<int:pk>/edit/", kinds.views["edit"], name="emergency-edit"
    ),
    path(
        "cities/<slug:city>/emergencies/<int:pk>/delete/",
        kinds.views["delete"],
        name="emergency-delete",
    ),
    path("", views.measure_list, name="measure-list"),
    path("watch/", views.dashboard, name="dashboard"),
    path("csv/", views.import_csv, name="import"),
    path("csv/measures.csv", views.measures_csv, name="measures-csv"),
    path("csv/reviews.csv", views.reviews_csv, name="reviews-csv"),
    path("cities/<slug:slug>/timeline/", views.city_timeline, name="city-timeline"),
    path("measures/new/", views.measure_create, name="measure-create"),
    path("measures/<int:pk>/", views.measure_detail, name="measure-detail"),
    path("measures/<int:pk>/edit/", views.measure_edit, name="measure-edit"),
    path("measures/<int:pk>/submit/", views.measure_submit, name="measure-submit"),
    path("measures/<int:pk>/publish/", views.measure_publish, name="measure-publish"),
    path("measures/<int:pk>/delete/", views.measure_delete, name="measure-delete"),
    path("measures/<int:pk>/changes/new/", views.change_add, name="change-add"),
    path("measures/<int:pk>/sources/new/", views.source_add, name="source-add"),
    path("sources/<int:pk>/", views.source_file, name="source-file"),
    path("sources/<int:pk>/delete/", views.source_delete, name="source-delete"),
    path("measures/<int:measure_pk>/reviews/new/", views.review_create, name="review-create"),
    path("measures/<int:measure_pk>/reviews/<int:pk>/", views.review_detail, name="review-detail"),
    path("measures/<int:measure_pk>/reviews/<int:pk>/edit/", views.review_edit, name="review-edit"),
    path(
        "measures/<int:measure_pk>/reviews/<int:pk>/submit/",
        views.review_submit,
        name="review-submit",
    ),
    path(
        "measures/<int:measure_pk>/reviews/<int:pk>/publish/",
        views.review_publish,
        name="review-publish",
    ),
    path(
        "measures/<int:measure_pk>/reviews/<int:pk>/return/",
        views.review_return,
        name="review-return",
    ),
    path(
        "measures/<int:measure_pk>/reviews/<int:pk>/delete/",
        views.review_delete,
        name="review-delete",
    ),
]
