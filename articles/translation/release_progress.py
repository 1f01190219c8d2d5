"""Where each language of an article stands in its open release: what the release
screen shows, and which locales it may publish."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import Translation

from ..models import HeldTranslation, Release, TranslationDrift


class ReleaseStep(enum.StrEnum):
    WAITING_FOR_SOURCE = "waiting_for_source"
    TO_TRANSLATE = "to_translate"
    IN_REVIEW = "in_review"
    TO_SEND = "to_send"
    APPROVED = "approved"
    NOT_TRANSLATED = "not_translated"

    @property
    def label(self) -> str:
        return str(STEP_LABELS[self])


STEP_LABELS = {
    ReleaseStep.WAITING_FOR_SOURCE: _("Waiting for the article's approval"),
    ReleaseStep.TO_TRANSLATE: _("Changes to translate"),
    ReleaseStep.IN_REVIEW: _("In medical review"),
    ReleaseStep.TO_SEND: _("Translated: to send to medical review"),
    ReleaseStep.APPROVED: _("Approved for the release"),
    ReleaseStep.NOT_TRANSLATED: _("Not translated"),
}


@dataclass(frozen=True)
class LocaleProgress:
    locale: Locale
    step: ReleaseStep
    page: Page | None = None
    held: HeldTranslation | None = None
    segments_to_translate: int = 0

    @property
    def may_publish(self) -> bool:
        return self.step == ReleaseStep.APPROVED


def release_progress(release: Release) -> list[LocaleProgress]:
    """Each content locale other than the source's, with its step in `release`."""
    source = release.source_page
    pages = {
        page.locale_id: page
        for page in Page.objects.filter(translation_key=source.translation_key)
        .exclude(pk=source.pk)
        .select_related("locale")
    }
    translated_locales = set(
        Translation.objects.filter(
            source__object_id=source.translation_key, enabled=True
        ).values_list("target_locale_id", flat=True)
    )
    drifts = {
        drift.translation.target_locale_id: drift
        for drift in TranslationDrift.objects.filter(release=release).select_related(
            "translation"
        )
    }
    held = {
        h.page.locale_id: h
        for h in release.held_translations.select_related("page", "approved_by")
    }
    in_review = set(
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            object_id__in=[str(page.pk) for page in pages.values()],
        ).values_list("object_id", flat=True)
    )
    rows = []
    for locale in Locale.objects.exclude(pk=source.locale_id).order_by("pk"):
        page = pages.get(locale.pk)
        if page is None or locale.pk not in translated_locales:
            rows.append(LocaleProgress(locale, ReleaseStep.NOT_TRANSLATED, page))
            continue
        drift = drifts.get(locale.pk)
        pending = drift.changed_segments if drift else 0
        if release.source_revision_id is None:
            step = ReleaseStep.WAITING_FOR_SOURCE
        elif locale.pk in held:
            step = ReleaseStep.APPROVED
        elif str(page.pk) in in_review:
            step = ReleaseStep.IN_REVIEW
        elif pending:
            step = ReleaseStep.TO_TRANSLATE
        else:
            step = ReleaseStep.TO_SEND
        rows.append(
            LocaleProgress(
                locale,
                step,
                page,
                held=held.get(locale.pk),
                segments_to_translate=pending,
            )
        )
    return rows
