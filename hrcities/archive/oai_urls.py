from django.urls import path

from . import oai

urlpatterns = [path("", oai.endpoint, name="oai")]
