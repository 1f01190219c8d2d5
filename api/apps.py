from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    label = "articles_api"
    verbose_name = "Article delivery API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from articles.bulk import during_bulk_operations

        from . import (
            checks,  # noqa: F401  (registers the system checks)
            signals,  # noqa: F401  (connects the read-model signals)
        )
        from .background import behind_other_work
        from .documents import deferred_document_builds
        from .periodic import register_periodic_jobs

        register_periodic_jobs()
        # Outermost first: the builds at the end queue their purges behind, too.
        during_bulk_operations(behind_other_work)
        during_bulk_operations(deferred_document_builds)
