from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Medical articles")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
        from .models.review import APPROVAL_HOLDS
        from .releases import holding_release

        if holding_release not in APPROVAL_HOLDS:
            APPROVAL_HOLDS.append(holding_release)
