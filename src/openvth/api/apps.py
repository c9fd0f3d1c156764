from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "openvth.api"
    verbose_name = "API"
