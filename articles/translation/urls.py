"""The translation workflow's admin URLs, and wagtail-localize's, guarded per locale.

`guarded_wagtail_localize_urls()` takes every URL pattern wagtail-localize registers
(from its own `register_admin_urls` hook, so a route a later release adds is covered
too) and puts each view behind the guard its URL calls for (`views.guards`), or
replaces it with ours (`REPLACED`). The result is registered before
wagtail-localize's own (hook order -100) under the same paths, so requests reach the
guarded views while `reverse("wagtail_localize:...")`, its templates and its
JavaScript keep working unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import URLPattern, URLResolver, include, path
from wagtail_localize import wagtail_hooks as wagtail_localize_hooks

from .views import changed_segments, quality, release, send_to_review, xliff
from .views.alias import convert_to_alias_view
from .views.editor_catalogue import editor_javascript_catalog
from .views.guards import guard_for, translation_guard
from .views.languages import content_languages_view
from .views.machine import machine_translate_view
from .views.overrides import edit_override
from .views.snippets import LocaleScopedSnippetViewSet
from .views.status import TranslationStatusReportView
from .views.stop_sync import stop_sync_view
from .views.submit import (
    ScopedSubmitPageTranslationView,
    ScopedSubmitSnippetTranslationView,
)
from .views.termbase import propose_term_view
from .views.update import ScopedUpdateTranslationsView

# wagtail-localize views answered by ours, which check the locale themselves.
REPLACED: dict[str, Callable] = {
    "submit_page_translation": ScopedSubmitPageTranslationView.as_view(),
    "submit_snippet_translation": ScopedSubmitSnippetTranslationView.as_view(),
    "update_translations": ScopedUpdateTranslationsView.as_view(),
    # Bulk, with one clear message when the provider fails.
    "machine_translate": translation_guard(machine_translate_view),
    # Link URLs a translator types must be safe (`articles.safe_urls`).
    "edit_override": translation_guard(edit_override),
    "snippets_api_listing": LocaleScopedSnippetViewSet.as_view({"get": "list"}),
    "snippets_api_detail": LocaleScopedSnippetViewSet.as_view({"get": "retrieve"}),
    # It published the source's text in a translation's place for anyone who may edit.
    "convert_to_alias": convert_to_alias_view,
    # It took a page out of the checks against its source for anyone who may edit.
    "stop_translation": stop_sync_view,
    # Its editor's strings in every admin language; shows no translation, so unguarded.
    "javascript_catalog": editor_javascript_catalog,
}
# wagtail-localize views that show no translation: left as they are.
UNGUARDED: set[str] = set()


def wagtail_localize_patterns() -> list[URLPattern]:
    """The URL patterns wagtail-localize registers in the admin, under `localize/`."""
    patterns: list[URLPattern] = []
    for entry in wagtail_localize_hooks.register_admin_urls():
        if isinstance(entry, URLResolver):
            patterns.extend(entry.url_patterns)
        else:
            patterns.append(entry)
    return patterns


def guarded_view(pattern: URLPattern) -> Callable:
    if pattern.name in REPLACED:
        return REPLACED[pattern.name]
    if pattern.name in UNGUARDED:
        return pattern.callback
    parameters = set(pattern.pattern.converters)
    return guard_for(parameters)(pattern.callback)


def guarded_wagtail_localize_urls() -> list[URLResolver]:
    guarded = [
        path(str(pattern.pattern), guarded_view(pattern), name=pattern.name)
        for pattern in wagtail_localize_patterns()
    ]
    return [path("localize/", include((guarded, "articles_localize_guard")))]


def translation_urls() -> list[URLPattern]:
    """The screens this app adds to the admin."""
    return [
        path(
            "translation-review/<int:page_id>/",
            send_to_review.submit_for_review,
            name="articles_submit_translation_for_review",
        ),
        path(
            "translation-check/<int:translation_id>/",
            quality.translation_check,
            name="articles_translation_check",
        ),
        path(
            "translation-check/<int:translation_id>/marks/",
            quality.segment_marks,
            name="articles_translation_marks",
        ),
        path(
            "translation-changes/<int:translation_id>/",
            changed_segments.review,
            name="articles_changed_segments",
        ),
        path(
            "translation-files/<int:translation_id>/download/",
            xliff.download,
            name="articles_xliff_download",
        ),
        path(
            "translation-files/<int:translation_id>/upload/",
            xliff.upload,
            name="articles_xliff_upload",
        ),
        path(
            "translation-files/source/<int:source_id>/",
            xliff.source_files,
            name="articles_xliff_source",
        ),
        path("termbase-proposals/", propose_term_view, name="articles_propose_term"),
        path(
            "content-languages/",
            content_languages_view,
            name="articles_content_languages",
        ),
        path(
            "articles/<int:page_id>/release/",
            release.release_view,
            name="articles_release",
        ),
        path(
            "reports/translation-status/",
            TranslationStatusReportView.as_view(),
            name="articles_translation_status",
        ),
        path(
            "reports/translation-status/results/",
            TranslationStatusReportView.as_view(results_only=True),
            name="articles_translation_status_results",
        ),
    ]
