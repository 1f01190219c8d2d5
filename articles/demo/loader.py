"""Builds the demo site: locales, the article index in each locale, topics, clinicians
and the articles of `content/`, each translated the way wagtail-localize translates (a
translation source, translated strings, then the translated page it creates).

Everything is looked up by a translation key derived from the demo's own names, so a
second run finds what the first made and creates nothing.
"""

import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Locale, Page, Revision, Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from ..locales import content_language_codes
from ..models import ArticleIndexPage, ArticlePage, ArticlePageTopic, Clinician, Topic
from ..richtext import editor_rich_text, editor_stream_data
from ..translation.terms.exchange import apply_term_file, read_term_file
from .images import get_or_create_demo_image

CONTENT_DIR = Path(__file__).parent / "content"
SOURCE_LANGUAGE = "en"
NAMESPACE = uuid.UUID("5b0f4f6e-7c1a-4d55-9f55-3c3c1a0de111")


class DemoContentError(Exception):
    """The demo files are inconsistent (a translation does not match its source)."""


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)

    def note(self, created: bool, what: str) -> None:
        (self.created if created else self.existing).append(what)


def stable_uuid(*parts: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, ":".join(parts))


def article_files() -> list[Path]:
    return sorted(p for p in CONTENT_DIR.glob("*.json") if p.name != "snippets.json")


def load_demo() -> DemoReport:
    """Create whatever part of the demo is missing; all or nothing."""
    enabled = content_language_codes()
    if SOURCE_LANGUAGE not in enabled:
        raise DemoContentError(
            "The demo articles are written in English: add 'en' to CMS_LANGUAGES."
        )
    report = DemoReport()
    snippets = json.loads((CONTENT_DIR / "snippets.json").read_text(encoding="utf-8"))
    with transaction.atomic():
        locales = {
            code: Locale.objects.get_or_create(language_code=code)[0]
            for code in enabled
        }
        index = ensure_index(snippets["index"], locales, report)
        ensure_default_site(index)
        topics = {
            item["slug"]: ensure_topic(item, locales, report)
            for item in snippets["topics"]
        }
        clinicians = {
            item["key"]: ensure_clinician(item, locales, report)
            for item in snippets["clinicians"]
        }
        for path in article_files():
            doc = json.loads(path.read_text(encoding="utf-8"))
            ensure_article(doc, index, locales, topics, clinicians, report)
        ensure_termbase(report)
    return report


def ensure_termbase(report: DemoReport) -> None:
    """The demo's medical terms (terms.csv), in the content languages enabled; a term
    already there is left as it is."""
    result = read_term_file((CONTENT_DIR / "terms.csv").read_bytes())
    apply_term_file(result)
    if result.created:
        report.created.append(f"termbase: {result.created} terms")


# Translation through wagtail-localize -------------------------------------------------


def translate_with_localize(source_obj, locale: Locale, translated_obj) -> None:
    """Translate `source_obj` into `locale` the way a translator would in
    wagtail-localize's editor: every string segment of the source gets the string at
    the same place in `translated_obj` (an unsaved instance in the target language,
    built with the same block ids); then wagtail-localize creates and publishes the
    translation."""
    source, _created = TranslationSource.get_or_create_from_instance(source_obj)
    Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    translated_strings: dict[str, list[StringSegmentValue]] = defaultdict(list)
    for segment in extract_segments(translated_obj):
        if isinstance(segment, StringSegmentValue):
            translated_strings[segment.path].append(segment)

    source_strings = defaultdict(list)
    for segment in (
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    ):
        source_strings[segment.context.path].append(segment)

    for path, segments in source_strings.items():
        translations = translated_strings.get(path, [])
        if len(translations) != len(segments):
            raise DemoContentError(
                f"{source_obj}: {locale.language_code} has {len(translations)} "
                f"string(s) at {path!r} where the source has {len(segments)}."
            )
        for segment, translation in zip(segments, translations, strict=True):
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": translation.string.data,
                    # As the editor records a translator's own text.
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
    if isinstance(source_obj, Page):
        # Publish now rather than on commit (wagtail-localize's way): a revision
        # published at the end of this long transaction would carry a stale copy of
        # the page's tree fields and hide the children added since.
        page, _created = source.create_or_update_translation(locale, publish=False)
        Revision.objects.filter(pk=page.latest_revision_id).get().publish()
    else:
        source.create_or_update_translation(locale, publish=True)


def target_locales(data: dict, locales: dict[str, Locale]) -> list[Locale]:
    return [
        locales[code]
        for code in data
        if code != SOURCE_LANGUAGE and code in locales and isinstance(data[code], dict)
    ]


# Index, site and snippets -------------------------------------------------------------


def ensure_index(data: dict, locales, report: DemoReport) -> ArticleIndexPage:
    key = stable_uuid("index")
    index = ArticleIndexPage.objects.filter(
        translation_key=key, locale=locales[SOURCE_LANGUAGE]
    ).first()
    report.note(index is None, "article index (en)")
    if index is None:
        index = ArticleIndexPage(
            **index_fields(data[SOURCE_LANGUAGE]),
            locale=locales[SOURCE_LANGUAGE],
            translation_key=key,
        )
        Page.get_first_root_node().add_child(instance=index)
        index.save_revision().publish()
    for locale in target_locales(data, locales):
        if not ArticleIndexPage.objects.filter(
            translation_key=key, locale=locale
        ).exists():
            translate_with_localize(
                index,
                locale,
                ArticleIndexPage(
                    **index_fields(data[locale.language_code]), locale=locale
                ),
            )
            report.note(True, f"article index ({locale.language_code})")
    return index


def index_fields(data: dict) -> dict:
    """The index's demo fields, its introduction as the editor stores it."""
    intro = ArticleIndexPage._meta.get_field("intro")
    return {
        **data,
        "intro": editor_rich_text(data.get("intro", ""), features=intro.features),
    }


def ensure_default_site(index: ArticleIndexPage) -> None:
    """Point the default site at the article index and remove Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=index, is_default_site=True
        )
    elif site.root_page_id != index.pk:
        site.root_page = index
        site.save()
    welcome = Page.objects.filter(
        depth=2,
        slug="home",
        numchild=0,
        content_type=ContentType.objects.get_for_model(Page),
    ).exclude(sites_rooted_here__isnull=False)
    for page in welcome:
        page.delete()


def ensure_topic(item: dict, locales, report: DemoReport) -> dict[str, Topic]:
    key = stable_uuid("topic", item["slug"])
    return ensure_snippet(
        Topic,
        key,
        item,
        locales,
        report,
        build=lambda data, locale: Topic(**data, slug=item["slug"], locale=locale),
        label=f"topic {item['slug']}",
    )


def ensure_clinician(item: dict, locales, report: DemoReport) -> dict[str, Clinician]:
    photo = get_or_create_demo_image(
        f"clinician-{item['key']}", item[SOURCE_LANGUAGE]["name"]
    )
    return ensure_snippet(
        Clinician,
        stable_uuid("clinician", item["key"]),
        item,
        locales,
        report,
        build=lambda data, locale: Clinician(**data, photo=photo, locale=locale),
        label=f"clinician {item['key']}",
    )


def ensure_snippet(model, key, item, locales, report, *, build, label) -> dict:
    source_locale = locales[SOURCE_LANGUAGE]
    source = model.objects.filter(translation_key=key, locale=source_locale).first()
    report.note(source is None, f"{label} (en)")
    if source is None:
        source = build(item[SOURCE_LANGUAGE], source_locale)
        source.translation_key = key
        source.save()
    for locale in target_locales(item, locales):
        if not model.objects.filter(translation_key=key, locale=locale).exists():
            translate_with_localize(
                source, locale, build(item[locale.language_code], locale)
            )
            report.note(True, f"{label} ({locale.language_code})")
    return {
        obj.locale.language_code: obj
        for obj in model.objects.filter(translation_key=key)
    }


# Articles -----------------------------------------------------------------------------


def ensure_article(doc, index, locales, topics, clinicians, report: DemoReport) -> None:
    key = stable_uuid("article", doc["key"])
    source_locale = locales[SOURCE_LANGUAGE]
    images = {
        name: get_or_create_demo_image(name, title)
        for name, title in image_titles(doc["locales"][SOURCE_LANGUAGE], doc).items()
    }
    page = ArticlePage.objects.filter(translation_key=key, locale=source_locale).first()
    report.note(page is None, f"article {doc['key']} (en)")
    if page is None:
        page = build_article(doc, SOURCE_LANGUAGE, images, clinicians)
        page.locale = source_locale
        page.translation_key = key
        page.live = False
        page.article_topics = [
            ArticlePageTopic(
                topic=topics[slug][SOURCE_LANGUAGE],
                locale=source_locale,
                translation_key=stable_uuid("article-topic", doc["key"], slug),
            )
            for slug in doc["topics"]
        ]
        index.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
    for locale in target_locales(doc["locales"], locales):
        if not ArticlePage.objects.filter(translation_key=key, locale=locale).exists():
            translated = build_article(doc, locale.language_code, images, clinicians)
            translated.locale = locale
            translate_with_localize(page, locale, translated)
            report.note(True, f"article {doc['key']} ({locale.language_code})")


def image_titles(data: dict, doc: dict) -> dict[str, str]:
    """Every image key of an article with a title (its English alt text)."""
    titles = {doc["hero_image"]: data["title"]}
    for section in data["sections"]:
        for block in section["content"]:
            if block["type"] == "image":
                titles[block["value"]["image"]] = block["value"]["alt_text"]
    return titles


def build_article(
    doc: dict, language: str, images: dict, clinicians: dict
) -> ArticlePage:
    data = doc["locales"][language]
    ids = BlockIds(doc["key"])
    return ArticlePage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        hero_image=images[doc["hero_image"]],
        body=as_the_editor_stores(
            "body",
            [
                {
                    "type": "section",
                    "id": ids("s", i),
                    "value": {
                        "heading": section["heading"],
                        "level": str(section.get("level", 2)),
                        "anchor": section.get("anchor", ""),
                        "content": [
                            {
                                "type": block["type"],
                                "id": ids("s", i, "b", j),
                                "value": raw_block_value(
                                    block["type"],
                                    block["value"],
                                    ids.child("s", i, "b", j),
                                    images,
                                ),
                            }
                            for j, block in enumerate(section["content"])
                        ],
                    },
                }
                for i, section in enumerate(data["sections"])
            ],
        ),
        references=as_the_editor_stores(
            "references",
            [
                {"type": "reference", "id": ids("r", i), "value": reference}
                for i, reference in enumerate(data.get("references", []))
            ],
        ),
        disclaimer=editor_rich_text(
            data.get("disclaimer", ""),
            features=ArticlePage._meta.get_field("disclaimer").features,
        ),
        author=clinicians[doc["author"]][SOURCE_LANGUAGE],
        medical_reviewer=clinicians[doc["medical_reviewer"]][SOURCE_LANGUAGE],
        last_reviewed=date.fromisoformat(doc["last_reviewed"]),
        next_review_due=date.fromisoformat(doc["next_review_due"]),
    )


def as_the_editor_stores(field_name: str, data: list[dict]) -> list[dict]:
    """A StreamField's demo content as saving it unchanged in the admin would store
    it, so that opening a demo article and leaving records no change."""
    stream_block = ArticlePage._meta.get_field(field_name).stream_block
    return editor_stream_data(stream_block, data)


class BlockIds:
    """Block ids derived from the block's place in the article, so that the English page
    and its translations built from other files agree on every id."""

    def __init__(self, *prefix):
        self.prefix = tuple(str(p) for p in prefix)

    def __call__(self, *parts) -> str:
        return str(stable_uuid(*self.prefix, *(str(p) for p in parts)))

    def child(self, *parts) -> "BlockIds":
        return BlockIds(*self.prefix, *parts)


def list_items(ids: BlockIds, values: list) -> list[dict]:
    return [
        {"type": "item", "id": ids(i), "value": value} for i, value in enumerate(values)
    ]


def raw_block_value(block_type: str, value, ids: BlockIds, images: dict):
    """The stored (JSON) form of one section content block from its demo-file form."""
    if block_type == "bullet_list":
        return {"items": list_items(ids.child("items"), value["items"])}
    if block_type == "numbered_list":
        return {
            "start": value.get("start"),
            "items": list_items(
                ids.child("items"),
                [
                    {
                        "text": item["text"],
                        "sub_items": list_items(
                            ids.child("sub", n), item.get("sub_items", [])
                        ),
                    }
                    for n, item in enumerate(value["items"])
                ],
            ),
        }
    if block_type == "image":
        return {**value, "image": images[value["image"]].pk}
    if block_type == "faq":
        return {"items": list_items(ids.child("items"), value["items"])}
    if block_type == "call_to_action":
        return {
            "label": value["label"],
            "description": value.get("description", ""),
            "page": None,
            "url": value.get("url", ""),
            "phone": value.get("phone", ""),
        }
    if block_type == "table":
        return {
            "data": [value["header"], *value["rows"]],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_header_choice": "row",
            "table_caption": value.get("caption", ""),
        }
    return value
