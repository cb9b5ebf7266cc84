from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "hrcities.commitments"
    label = "commitments"
