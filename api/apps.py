from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    label = "articles_api"
    verbose_name = "Article delivery API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import (
            checks,  # noqa: F401  (registers the system checks)
            signals,  # noqa: F401  (connects the read-model signals)
        )
        from .periodic import register_periodic_jobs

        register_periodic_jobs()
