from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "hrcities.network"
    label = "network"
