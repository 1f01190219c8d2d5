from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    label = "articles_api"
    verbose_name = "Article delivery API"
