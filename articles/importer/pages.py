"""Where an imported article goes, which page it is, and how it is saved.

Identity. A file's slug is its name up to the first dot (`knee-cartilage.ko.html` gives
`knee-cartilage`; a file called `index.*` takes its folder's name). An article
imported on its own gets a translation key derived from its locale and slug, so
importing the file again finds it even after an editor renamed its slug in the admin;
failing that, an article with the slug under the index is updated (one made in the
admin, say). A translation is the page in the target locale with the source's
translation key. A re-import adds a revision to the page found (keeping its slug and
everything the file does not set: hero image, topics, authors, references, review
dates); a file whose title, summary and body did not change adds nothing.

Translations. A new translation is a copy of the source article in the target locale
under the target index, made the way `copy_for_translation` makes one (same
translation key, the source's other fields and topics), with the file's title,
summary and body: wagtail-localize, the API's `translations` and the translation
status report see it as a translation made by hand.

Review. Importing is an administrative act. Without `--publish` the import is a draft
revision, which editors send to the Medical review workflow as usual. With
`--publish` the revision is published at once, like an administrator's publish in
Wagtail: a review in progress on the page is cancelled, and no medical review is
recorded (no `MedicalReviewRecord`, `last_reviewed` untouched): the review dates
still say when a reviewer last approved the article.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.text import slugify
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.log_actions import log
from wagtail.models import Locale, TranslatableMixin

from ..locales import content_language_codes, default_language_code
from ..models import ArticleIndexPage, ArticlePage
from ..richtext import editor_stream_data

IMPORT_NAMESPACE = uuid.UUID("0d7f4d3e-9a55-4c41-8d0e-2b1f6a7c9e10")

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class ImportArgumentError(Exception):
    """The command was asked for something that does not exist or cannot be."""


@dataclass(frozen=True)
class Target:
    """Where the files of one run go."""

    locale: Locale
    index: ArticleIndexPage
    source: ArticlePage | None = None  # the article the file translates


# Arguments ----------------------------------------------------------------------------


def resolve_target(
    *,
    language_code: str,
    translation_of: str | None = None,
    index_slug: str | None = None,
) -> Target:
    """The locale, index and source article named on the command line, or an
    `ImportArgumentError` saying what is wrong."""
    codes = content_language_codes()
    if language_code not in codes:
        raise ImportArgumentError(
            f"Unknown locale {language_code!r}. Content locales: {', '.join(codes)}."
        )
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        raise ImportArgumentError(
            f"The locale {language_code!r} is not set up in Wagtail yet: add it "
            "under Settings › Locales first."
        )
    source = find_source(translation_of, locale) if translation_of else None
    index = find_index(locale, index_slug=index_slug, source=source)
    return Target(locale=locale, index=index, source=source)


def find_source(slug: str, locale: Locale) -> ArticlePage:
    pages = list(ArticlePage.objects.filter(slug=slug).select_related("locale"))
    if not pages:
        raise ImportArgumentError(
            f"No article with the slug {slug!r} to translate (--translation-of)."
        )
    others = [page for page in pages if page.locale_id != locale.pk]
    if not others:
        raise ImportArgumentError(
            f"The article {slug!r} is in {locale.language_code} already: "
            "--translation-of names an article in another locale."
        )
    if len({page.translation_key for page in others}) > 1:
        found = ", ".join(sorted(page.locale.language_code for page in others))
        raise ImportArgumentError(
            f"Several different articles have the slug {slug!r} ({found}): "
            "cannot tell which one this file translates."
        )
    # The same article in several locales: prefer its version in the source language.
    default = default_language_code()
    return min(others, key=lambda page: (page.locale.language_code != default, page.pk))


def find_index(
    locale: Locale, *, index_slug: str | None, source: ArticlePage | None
) -> ArticleIndexPage:
    indexes = ArticleIndexPage.objects.filter(locale=locale).order_by("path")
    code = locale.language_code
    if index_slug:
        index = indexes.filter(slug=index_slug).first()
        if index is None:
            known = ", ".join(indexes.values_list("slug", flat=True)) or "none"
            raise ImportArgumentError(
                f"No article index {index_slug!r} in {code} (indexes in {code}: "
                f"{known})."
            )
        return index
    if source is not None:
        translated = source.get_parent().get_translation_or_none(locale)
        if translated is not None and isinstance(translated.specific, ArticleIndexPage):
            return translated.specific
    found = list(indexes)
    if not found:
        raise ImportArgumentError(
            f"No article index in {code}: run `python manage.py setup_locale {code}` "
            "first, or name an index with --index."
        )
    if len(found) > 1:
        slugs = ", ".join(index.slug for index in found)
        raise ImportArgumentError(
            f"Several article indexes in {code} ({slugs}): choose one with --index."
        )
    return found[0]


# Identity -----------------------------------------------------------------------------


def slug_for(path: Path, title: str) -> str:
    name = path.parent.name if path.name.split(".")[0] == "index" else path.name
    return slugify(name.split(".")[0], allow_unicode=True) or slugify(
        title, allow_unicode=True
    )


def import_key(locale: Locale, slug: str) -> uuid.UUID:
    return uuid.uuid5(IMPORT_NAMESPACE, f"{locale.language_code}/{slug}")


def find_existing_article(*, target: Target, slug: str) -> ArticlePage | None:
    if target.source is not None:
        return ArticlePage.objects.filter(
            translation_key=target.source.translation_key, locale=target.locale
        ).first()
    by_key = ArticlePage.objects.filter(
        translation_key=import_key(target.locale, slug), locale=target.locale
    ).first()
    return (
        by_key or ArticlePage.objects.child_of(target.index).filter(slug=slug).first()
    )


def latest_version(page: ArticlePage) -> ArticlePage:
    """What an editor would open: the latest revision (the live page if none)."""
    return page.get_latest_revision_as_object()


def published_version(page: ArticlePage) -> ArticlePage:
    """What readers (and translators) have: the live page, else its latest draft."""
    return page if page.live else page.get_latest_revision_as_object()


# Saving -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SavedArticle:
    page: ArticlePage
    status: str  # CREATED, UPDATED or UNCHANGED
    published: bool


def save_article(
    *,
    target: Target,
    existing: ArticlePage | None,
    slug: str,
    title: str,
    summary: str,
    body: list[dict],
    publish: bool,
    user=None,
) -> SavedArticle:
    """Create or update the article as a draft revision, and publish it if asked.
    The page and its body are validated first (`ValidationError`)."""
    fields = {"title": title, "summary": summary, "body": validated_body(body)}
    if existing is None:
        page = (
            create_translation(target=target, slug=slug, fields=fields, user=user)
            if target.source is not None
            else create_article(target=target, slug=slug, fields=fields, user=user)
        )
        status = CREATED
    else:
        page, status = update_article(existing, fields=fields, user=user)
    published = False
    if publish and (
        status != UNCHANGED or not page.live or page.has_unpublished_changes
    ):
        page.latest_revision.publish(user=user)
        page.refresh_from_db()
        published = True
    return SavedArticle(page=page, status=status, published=published)


def validated_body(body: list[dict]):
    """The body as the admin's form would save it, or a `ValidationError`: Wagtail
    validates StreamField content in the form, never in `full_clean()`. Its rich text
    is stored as the editor writes it back (`editor_stream_data`), so that opening an
    imported article and leaving it records no change."""
    stream_block = ArticlePage._meta.get_field("body").stream_block
    try:
        cleaned = stream_block.clean(stream_block.to_python(body))
    except ValidationError as error:
        raise ValidationError({"body": error}) from error
    return stream_block.to_python(
        editor_stream_data(stream_block, stream_block.get_prep_value(cleaned))
    )


def create_article(*, target: Target, slug: str, fields: dict, user) -> ArticlePage:
    page = ArticlePage(
        **fields,
        slug=slug,
        locale=target.locale,
        translation_key=import_key(target.locale, slug),
        live=False,
        owner=user,
    )
    target.index.add_child(instance=page)  # saving validates the page
    page.save_revision(user=user, clean=False)  # validated just above
    log(instance=page, action="wagtail.create", user=user)
    return page


def create_translation(*, target: Target, slug: str, fields: dict, user) -> ArticlePage:
    source = published_version(target.source.specific)

    def into_locale(original, copy, child_relation, child_object) -> None:
        if isinstance(child_object, TranslatableMixin):
            child_object.locale = target.locale

    page = source.copy(
        to=target.index,
        update_attrs={
            **fields,
            "draft_title": fields["title"],
            "slug": slug,
            "locale": target.locale,
            # Written for the source's language: the summary and title serve instead.
            "seo_title": "",
            "search_description": "",
        },
        copy_revisions=False,
        keep_live=False,
        reset_translation_key=False,
        process_child_object=into_locale,
        user=user,
        log_action="wagtail.copy_for_translation",
    )
    return ArticlePage.objects.get(pk=page.pk)


def update_article(page: ArticlePage, *, fields: dict, user) -> tuple[ArticlePage, str]:
    if page.alias_of_id:
        # An alias shows another page's content; the file's content needs a page.
        ConvertAliasPageAction(page, user=user).execute(skip_permission_checks=True)
        page.refresh_from_db()
    draft = latest_version(page)
    before = comparable(draft)
    for name, value in fields.items():
        setattr(draft, name, value)
    if comparable(draft) == before:
        return page, UNCHANGED
    draft.save_revision(user=user, log_action=True)  # validated
    page.refresh_from_db()
    return page, UPDATED


def comparable(page: ArticlePage) -> str:
    return json.dumps(
        [page.title, page.summary, [child.get_prep_value() for child in page.body]],
        cls=DjangoJSONEncoder,
        sort_keys=True,
    )
