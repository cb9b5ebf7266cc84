from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "hrcities.indicators"
    label = "indicators"
