from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sujarit.api"
    label = "api"
