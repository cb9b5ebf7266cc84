from django.urls import path

from . import views

app_name = "commitments"
urlpatterns = [
    path("", views.declaration_list, name="declaration-list"),
]
