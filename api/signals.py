"""Keep the read model in step with what editors do."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from articles.models import (
    ArticlePage,
    ArticlePageTopic,
    Clinician,
    ReviewSettings,
    Topic,
)
from articles.translation.signals import translation_outdated_changed

from . import sites, webhooks
from .background import in_background
from .documents import (
    build_article_document,
    document_snapshot,
    rebuild_site_documents,
    record_removal,
    refresh_after_change,
)
from .invalidation import invalidate
from .models import HeadlessPreviewSettings


def _refresh_article(page) -> None:
    if isinstance(page.specific_deferred, ArticlePage):
        refresh_after_change(page.translation_key, changed_page_id=page.pk)


@receiver(page_published)
@receiver(page_unpublished)
def on_publish_or_unpublish(sender, instance, **kwargs) -> None:
    _refresh_article(instance)
    if isinstance(instance.specific_deferred, ArticlePage):
        page = instance.specific_deferred
        if kwargs.get("signal") is page_published:
            event = webhooks.published_event(page)
        else:
            event = "article.unpublished"
        webhooks.notify(event, webhooks.event_payload(event, page))


@receiver(post_page_move)
def on_move(sender, instance, **kwargs) -> None:
    """A moved page (or one whose parent was renamed) changes path, with everything
    below it."""
    for page in ArticlePage.objects.descendant_of(instance, inclusive=True):
        refresh_after_change(page.translation_key)


@receiver(pre_delete, sender=ArticlePage)
def on_article_deleting(sender, instance, **kwargs) -> None:
    # Its document goes with it by cascade: remember what it was.
    instance._document_before_delete = document_snapshot(instance.pk)
    instance._webhook_payload = webhooks.event_payload("article.deleted", instance)


@receiver(post_delete, sender=ArticlePage)
def on_delete(sender, instance, **kwargs) -> None:
    previous = getattr(instance, "_document_before_delete", None)
    if previous is not None:
        record_removal(previous, extra_slugs=[instance.slug])
    refresh_after_change(instance.translation_key)
    webhooks.notify("article.deleted", instance._webhook_payload)


def _articles_showing(*, topic=None, clinician=None):
    if topic is not None:
        return ArticlePage.objects.filter(
            pk__in=ArticlePageTopic.objects.filter(topic=topic).values("page")
        )
    return ArticlePage.objects.filter(author=clinician) | ArticlePage.objects.filter(
        medical_reviewer=clinician
    )


@receiver(post_save, sender=Topic)
@receiver(post_delete, sender=Topic)
def on_topic_changed(sender, instance, **kwargs) -> None:
    if kwargs.get("signal") is post_save:
        for page_id in _articles_showing(topic=instance).values_list("pk", flat=True):
            build_article_document(page_id)
    # The topic list of its locale shows it even when no article does.
    code = instance.locale.language_code
    invalidate(locales=[code])


@receiver(post_save, sender=Clinician)
def on_clinician_saved(sender, instance, **kwargs) -> None:
    for page_id in _articles_showing(clinician=instance).values_list("pk", flat=True):
        build_article_document(page_id)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_view_restriction_changed(sender, instance, **kwargs) -> None:
    for page in ArticlePage.objects.descendant_of(instance.page, inclusive=True):
        refresh_after_change(page.translation_key)


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def on_site_changed(sender, **kwargs) -> None:
    sites.forget_sites()


@receiver(post_save, sender=HeadlessPreviewSettings)
@receiver(post_save, sender=ReviewSettings)
def on_site_settings_saved(sender, instance, **kwargs) -> None:
    """Public URLs and review states are stored in the documents: a new front-end URL
    or review cycle rebuilds them."""
    transaction.on_commit(
        lambda: in_background(rebuild_site_documents).enqueue(instance.site_id)
    )


@receiver(translation_outdated_changed)
def on_translation_outdated_changed(
    sender, translation_key, locale_id, **kwargs
) -> None:
    """A translation fell behind its source or caught up: its document says so."""
    page_ids = list(
        ArticlePage.objects.filter(
            translation_key=translation_key, locale_id=locale_id
        ).values_list("pk", flat=True)
    )

    def rebuild() -> None:
        for page_id in page_ids:
            build_article_document(page_id)

    transaction.on_commit(rebuild)
