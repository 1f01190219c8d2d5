from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    """The translation workflow around wagtail-localize. Needs `articles` (its models)
    and `wagtail_localize` installed."""

    name = "articles.translation"
    label = "articles_translation"
    verbose_name = _("Translation workflow")

    def ready(self) -> None:
        from ..bulk import during_each_bulk_item
        from ..models.review import APPROVAL_ACKNOWLEDGEMENTS
        from . import checks as translation_checks
        from . import patches
        from .conf import provide_wagtail_localize_settings
        from .indexing import indexing_batched
        from .qa import register as register_check
        from .qa.acknowledgement import (
            stopped_translation,
            unedited_machine_translation,
        )
        from .signal_handlers import register_signal_handlers
        from .terms.check import check_terms
        from .terms.snapshot import termbase_for_run

        checks.register(
            translation_checks.check_patched_names, checks.Tags.compatibility
        )
        checks.register(
            translation_checks.check_wagtail_localize_version, checks.Tags.compatibility
        )
        checks.register(translation_checks.check_live_status_setting)
        checks.register(translation_checks.check_language_data)
        provide_wagtail_localize_settings()
        # With a name missing, patching would fail here with a traceback; the check
        # says which name instead (`manage.py check`, and before every command).
        if not translation_checks.check_patched_names():
            patches.install_bulk_segment_refresh()
            patches.install_batched_indexing_of_translations(batched=indexing_batched)
            patches.install_untranslated_never_live()
            patches.install_comments_in_admin_language()
        register_signal_handlers()
        # Each item of a bulk operation (an imported article) is indexed once.
        during_each_bulk_item(indexing_batched)
        register_check("terms", check_terms, prepare=termbase_for_run)
        for rule in (unedited_machine_translation, stopped_translation):
            if rule not in APPROVAL_ACKNOWLEDGEMENTS:
                APPROVAL_ACKNOWLEDGEMENTS.append(rule)
