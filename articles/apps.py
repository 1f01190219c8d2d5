from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Medical articles")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
        from .translation import sync_signals

        # Importing registers the receivers and admin hooks; the installs wrap two
        # wagtail-localize methods (see their docstrings).
        sync_signals.install_bulk_segment_refresh()
        sync_signals.install_batched_indexing_of_translations()
