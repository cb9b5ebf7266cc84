from django.urls import path

from . import views

app_name = "work"
urlpatterns = [
    path("", views.work, name="work"),
    path("email/", views.preferences, name="preferences"),
    path("suggestions/queue/", views.suggestion_queue, name="suggestion-queue"),
    path("<slug:kind>/", views.kind_detail, name="kind"),
]
