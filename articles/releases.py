"""Releasing an article with its translations: holding medical review's approvals while
a release is open, and publishing them together (`Release`).

Wagtail publishes a page when its workflow finishes; `finish_approved_workflow`
(through `articles.workflow`, the host's `WAGTAIL_FINISH_WORKFLOW_ACTION`) holds an
approved revision for an open release instead, and publishes everything else as
Wagtail would. The translation workflow listens to the signals below to translate
from the held source and to say, once the release is out, which translations it
left outdated.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale, Page, Revision, WorkflowState
from wagtail.workflows import publish_workflow_state

from .models import HeldTranslation, Release
from .review_outcome import note_outcome

# Sent with `release` and the `revision` held: translations are now made from it.
release_source_held = Signal()
# Sent with `release` and `locale_ids` published beside the source.
release_published = Signal()
# Sent with `release` and `published_outside` when it closes without publishing.
release_cancelled = Signal()


class ReleaseError(Exception):
    """A release action that cannot happen, with a message for the person."""


# Reading -----------------------------------------------------------------------------


def open_release_of(page: Page) -> Release | None:
    """The open release of the article `page` is (a language version of), if any."""
    return (
        Release.objects.filter(
            status=Release.Status.OPEN,
            source_page__translation_key=page.translation_key,
        )
        .select_related("source_page", "source_revision")
        .first()
    )


def holding_release(page: Page) -> Release | None:
    """The open release that would hold an approval of `page`: always for its source;
    for a translation only once the source change is approved (before that, a
    translation approved translates the live source and goes live as usual)."""
    release = open_release_of(page)
    if release is None:
        return None
    if page.pk == release.source_page_id or release.source_revision_id:
        return release
    return None


# Opening, holding, publishing, cancelling --------------------------------------------


def open_release(*, source: Page, user) -> Release:
    """Open a release for the article `source` (the page its translations are made
    from): its next approval is held until the release is published."""
    if open_release_of(source) is not None:
        raise ReleaseError(_("This article already has an open release."))
    perms = source.permissions_for_user(user)
    if not (perms.can_publish() or perms.can_edit()):
        raise ReleaseError(_("You may not edit this article."))
    release = Release.objects.create(source_page=source, created_by=user)
    log(instance=source.specific, action="articles.release_opened", user=user)
    return release


def finish_approved_workflow(workflow_state: WorkflowState, user=None) -> None:
    """What approving the last task of a review does: hold the approved revision for
    an open release, or publish it (Wagtail's own `publish_workflow_state`)."""
    page = workflow_state.content_object
    if not isinstance(page, Page):
        return publish_workflow_state(workflow_state, user=user)
    names = {"title": page.title, "language": page.locale.get_display_name()}
    release = holding_release(page)
    if release is None:
        publish_workflow_state(workflow_state, user=user)
        note_outcome(_("Approved: “%(title)s” (%(language)s) is live.") % names)
        return None
    revision = page.get_latest_revision()
    if page.pk == release.source_page_id:
        hold_source(release=release, revision=revision, user=user)
        note_outcome(
            _(
                "Approved and held for the release: “%(title)s” (%(language)s) goes "
                "live with its translations when the release is published."
            )
            % names
        )
    else:
        hold_translation(release=release, page=page, revision=revision, user=user)
        note_outcome(
            _(
                "Approved and held for the release: “%(title)s” (%(language)s) goes "
                "live with the article when the release is published."
            )
            % names
        )
    return None


@transaction.atomic
def hold_source(*, release: Release, revision: Revision, user) -> None:
    """Keep the approved source `revision` for the release. Translations approved
    against an earlier held revision are dropped: they must be approved again."""
    release.source_revision = revision
    release.source_held_at = timezone.now()
    release.save(update_fields=["source_revision", "source_held_at"])
    release.held_translations.all().delete()
    log(
        instance=release.source_page.specific,
        action="articles.release_held",
        user=user,
        revision=revision,
    )
    release_source_held.send(sender=Release, release=release, revision=revision)


def hold_translation(*, release: Release, page: Page, revision: Revision, user) -> None:
    HeldTranslation.objects.update_or_create(
        release=release,
        page=page,
        defaults={
            "revision": revision,
            "approved_by": user,
            "approved_by_name": (user.get_full_name() or user.get_username())
            if user
            else "",
            "approved_at": timezone.now(),
        },
    )
    log(instance=page, action="articles.release_held", user=user, revision=revision)


def publishing_refusals(
    *, release: Release, locales: Iterable[Locale], user
) -> list[str]:
    """Why `user` may not publish `release` with the translations into `locales`;
    empty when they may."""
    if not release.is_open:
        return [_("This release is closed.")]
    if release.source_revision_id is None:
        return [_("Medical review has not approved the article's change yet.")]
    held = {h.page.locale_id: h for h in _held(release)}
    refusals = []
    pages = [release.source_page] + [
        held[locale.pk].page for locale in locales if locale.pk in held
    ]
    for locale in locales:
        if locale.pk not in held:
            refusals.append(
                _("The %(language)s translation is not approved for this release.")
                % {"language": locale.get_display_name()}
            )
    for page in pages:
        if not page.permissions_for_user(user).can_publish():
            refusals.append(
                _("You may not publish “%(title)s” (%(language)s).")
                % {"title": page.title, "language": page.locale.get_display_name()}
            )
        state = page.current_workflow_state
        if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            refusals.append(
                _(
                    "“%(title)s” (%(language)s) is in medical review again: finish "
                    "or cancel that review first."
                )
                % {"title": page.title, "language": page.locale.get_display_name()}
            )
    return refusals


@transaction.atomic
def publish_release(*, release: Release, locales: Iterable[Locale], user) -> None:
    """Publish the held source revision and the held translations into `locales`, in
    one transaction: readers see all of them or none. Raises `ReleaseError`."""
    locales = list(locales)
    release = Release.objects.select_for_update().get(pk=release.pk)
    refusals = publishing_refusals(release=release, locales=locales, user=user)
    if refusals:
        raise ReleaseError(" ".join(refusals))
    chosen = {locale.pk for locale in locales}
    release.status = Release.Status.PUBLISHED
    release.closed_by, release.closed_at = user, timezone.now()
    release.published_locales = [locale.language_code for locale in locales]
    release.save()
    # Translations first: publishing the source refreshes what translations are
    # compared with, and a translation published after it would not count as made
    # from it.
    for held in _held(release):
        if held.page.locale_id in chosen:
            held.revision.publish(user=user)
    release.source_revision.publish(user=user)
    release_published.send(sender=Release, release=release, locale_ids=chosen)


@transaction.atomic
def cancel_release(*, release: Release, user, note: str = "") -> None:
    """Close `release` without publishing; its approved revisions stay drafts."""
    release = Release.objects.select_for_update().get(pk=release.pk)
    if not release.is_open:
        raise ReleaseError(_("This release is closed."))
    if not release.source_page.permissions_for_user(user).can_publish():
        raise ReleaseError(_("You may not publish this article."))
    supersede(release=release, user=user, note=note)


def supersede(
    *, release: Release, user=None, note: str = "", published_outside: bool = False
) -> None:
    """Close `release` without publishing: cancelled, or overtaken by a publication
    of the article outside it (`published_outside`)."""
    release.status = Release.Status.CANCELLED
    release.closed_by, release.closed_at = user, timezone.now()
    release.note = note
    release.save()
    log(
        instance=release.source_page.specific,
        action="articles.release_cancelled",
        user=user,
    )
    release_cancelled.send(
        sender=Release, release=release, published_outside=published_outside
    )


def _held(release: Release) -> list[HeldTranslation]:
    return list(
        release.held_translations.select_related(
            "page__locale", "revision", "approved_by"
        )
    )
