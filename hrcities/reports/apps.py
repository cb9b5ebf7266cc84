from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "hrcities.reports"
    label = "reports"
