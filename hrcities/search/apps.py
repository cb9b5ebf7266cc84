from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "hrcities.search"
    label = "search"
