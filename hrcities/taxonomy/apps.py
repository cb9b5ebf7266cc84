from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "hrcities.taxonomy"
    label = "taxonomy"
