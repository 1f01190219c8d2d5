"""Helpers shared by the translation tests: translations built the way
wagtail-localize builds them, XLIFF files as an agency sends them back, and article
bodies edited and published. Plain functions and constants; fixtures live in
conftest.py."""

import copy
import xml.etree.ElementTree as ET  # noqa: S405 (test files are our own)
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from django.urls import reverse
from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import translate_object

from articles.models import ArticlePage, StaleSegmentTranslation, TranslationDrift
from articles.translation.roles import (
    EDITORS_GROUP,
    REVIEWERS_GROUP,
    translators_group_name,
)
from tests.factories import (
    ArticlePageFactory,
    block,
    items,
    paragraph,
    publish,
    section,
)

# People -------------------------------------------------------------------------------


# Who may not work in the Korean tree, whatever their other rights: (username, group).
NOT_KOREAN_TRANSLATORS = [
    ("editor", EDITORS_GROUP),  # edits the English tree only
    ("reviewer", REVIEWERS_GROUP),  # approves through the review task
    ("zh-translator", translators_group_name("zh-hans")),
]


def in_admin_language(client, user, code: str):
    """`client` logged in as `user`, whose admin language is `code`."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()
    client.force_login(user)
    return client


# Medical review ----------------------------------------------------------------------


def workflow_action_url(page, action: str) -> str:
    """Where a reviewer posts the review task's `action` ("approve", "reject",
    "approve_acknowledged") on `page`, as it now stands in its workflow."""
    return reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.id, action, page.current_workflow_task_state.id],
    )


# Submitting a page for translation ---------------------------------------------------


def submit(page, locale) -> Translation:
    """What "Translate this page" does before anyone translates a word."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    return Translation.objects.create(source=source, target_locale=locale)


def submit_like_the_admin(page, locale) -> Translation:
    """Submit `page` for translation into `locale` the way the admin does."""
    translate_object(page, [locale])
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locale
    )


# Translation states, for the status report (test_status*) ----------------------------

CHANGED_AT = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)


def segments_of(translation: Translation) -> list[StringSegment]:
    return list(
        StringSegment.objects.filter(source=translation.source)
        .select_related("string", "context")
        .order_by("order")
    )


def translate_segments(translation: Translation, count: int | None = None) -> None:
    """Translate the first `count` string segments (all by default)."""
    locale = translation.target_locale
    for segment in segments_of(translation)[:count]:
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            data=f"[{locale.language_code}] {segment.string.data}",
        )


def save_target(translation: Translation, *, publish: bool):
    """The translated page, untranslated segments falling back to the source.
    wagtail-localize publishes on commit, which a test never reaches: publish the
    draft it saves instead."""
    page, _created = translation.source.create_or_update_translation(
        translation.target_locale,
        publish=False,
        copy_parent_pages=True,
        fallback=True,
    )
    if publish:
        page.get_latest_revision().publish()
    return page


def localized(page, locale, *, translated: int | None = None, publish: bool = True):
    """`page` translated through wagtail-localize: submitted, `translated` segments
    translated (all by default), the page saved (and published)."""
    translation = submit(page, locale)
    translate_segments(translation, translated)
    save_target(translation, publish=publish)
    return translation


def drift(translation: Translation, changed_segments: int = 3) -> TranslationDrift:
    return TranslationDrift.objects.create(
        translation=translation,
        source_changed_at=CHANGED_AT,
        changed_segments=changed_segments,
        changed_sections=["overview"],
    )


# XLIFF files (test_xliff*) -----------------------------------------------------------

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
XLIFF = "{urn:oasis:names:tc:xliff:document:1.2}"
RICH = (
    '<p>Read <a href="https://example.org/trial">the <b>STEM-1</b> trial</a> '
    "first.<br/>Then ask your surgeon.</p>"
)
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">"""


def multi_section_article(index_page, **kwargs) -> ArticlePage:
    kwargs.setdefault("slug", "stem-cell-therapy")
    page = ArticlePageFactory(
        parent=index_page,
        title="Stem-cell therapy",
        body=[
            section("What it is", paragraph(RICH), anchor="what-it-is"),
            section(
                "Who can have it",
                block(
                    "bullet_list",
                    {
                        "items": items(
                            "<p>Adults</p>", "<p>People <b>after</b> injury</p>"
                        )
                    },
                ),
            ),
            section(
                "Results",
                block(
                    "table",
                    {
                        "data": [["Outcome", "Rate"], ["Walking & standing", "41%"]],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_header_choice": "row",
                        "table_caption": "One-year results",
                    },
                ),
                anchor="2.-results-(legacy)",
            ),
        ],
        **kwargs,
    )
    return publish(page)


def units(data: bytes) -> dict[str, ET.Element]:
    root = ET.fromstring(data)  # noqa: S314
    return {unit.get("id"): unit for unit in root.iterfind(".//x:trans-unit", NS)}


def translated_text(text: str) -> str:
    return f"[ko] {text}" if text.strip() else text


def fill_targets(data: bytes, translate=translated_text) -> bytes:
    """What an agency returns: every unit with a target, its text translated and its
    inline tags kept."""
    root = ET.fromstring(data)  # noqa: S314
    for unit in root.iterfind(".//x:trans-unit", NS):
        for old in unit.findall("x:target", NS):
            unit.remove(old)
        target = copy.deepcopy(unit.find("x:source", NS))
        target.tag = f"{XLIFF}target"
        target.set("state", "translated")
        if unit.get("id").startswith("slug:"):
            target.text = "ko-" + target.text
        else:
            for element in target.iter():
                element.text = translated_text(element.text or "")
                if element is not target:
                    element.tail = element.tail and translated_text(element.tail)
        unit.insert(1, target)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def set_target(data: bytes, unit_id: str, inner_xml: str) -> bytes:
    root = ET.fromstring(data)  # noqa: S314
    unit = next(
        u for u in root.iterfind(".//x:trans-unit", NS) if u.get("id") == unit_id
    )
    for old in unit.findall("x:target", NS):
        unit.remove(old)
    target = ET.fromstring(  # noqa: S314
        f'<target xmlns="{NS["x"]}" state="translated">{inner_xml}</target>'
    )
    unit.insert(1, target)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def unit_id_with(data: bytes, text: str) -> str:
    for unit_id, unit in units(data).items():
        if text in "".join(unit.find("x:source", NS).itertext()):
            return unit_id
    raise AssertionError(text)


# Keeping translations in step with their source (test_keep_in_step*, speed) ----------


def translate_everything(translation: Translation, prefix: str = "KO ") -> None:
    """A translator's complete work: every segment translated (text prefixed)."""
    StringTranslation.objects.bulk_create(
        [
            StringTranslation(
                translation_of_id=segment.string_id,
                context_id=segment.context_id,
                locale_id=translation.target_locale_id,
                data=prefix + segment.string.data,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            )
            for segment in StringSegment.objects.filter(
                source=translation.source
            ).select_related("string")
        ],
        ignore_conflicts=True,
    )


def retranslate_changed_segment(translation: Translation, text: str) -> None:
    """The translator writes a new translation of the one segment whose source
    changed, as wagtail-localize's editor does (which clears its kept translation's
    flag)."""
    flag = StaleSegmentTranslation.objects.get(translation=translation)
    StringTranslation.objects.update_or_create(
        translation_of=flag.string_translation.translation_of,
        locale=translation.target_locale,
        context=flag.string_translation.context,
        defaults={"data": text},
    )


def body_data(page) -> list[dict]:
    return page.body.get_prep_value()


def publish_body(page, body: list[dict]):
    page.body = body
    return publish(page)


# A long article, for the speed tests and bench/translation.py ------------------------


def long_body(sections: int = 40) -> list[dict]:
    """20 segments a section: a heading, three paragraphs, twelve bullet points and a
    numbered list of two steps with a point each (800 with 40 sections)."""
    return [
        section(
            f"Section {s}",
            paragraph(
                "".join(f"<p>Paragraph {s}.{p} of the text.</p>" for p in range(3))
            ),
            block(
                "bullet_list", {"items": items(*[f"Point {s}.{i}" for i in range(12)])}
            ),
            block(
                "numbered_list",
                {
                    "start": None,
                    "items": items(
                        *[
                            {
                                "text": f"Step {s}.{i}",
                                "sub_items": items(f"Note {s}.{i}"),
                            }
                            for i in range(2)
                        ]
                    ),
                },
            ),
            anchor=f"section-{s}",
        )
        for s in range(sections)
    ]


@contextmanager
def wagtail_localize_own_refresh() -> Iterator[None]:
    """Inside the block, sources are refreshed by wagtail-localize's own
    `refresh_segments` (what the bulk patch replaces), for parity tests."""
    bulk_refresh = TranslationSource.refresh_segments
    TranslationSource.refresh_segments = bulk_refresh.__wrapped__
    try:
        yield
    finally:
        TranslationSource.refresh_segments = bulk_refresh


# xml:space in XLIFF files (test_xliff) -----------------------------------------------

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def set_xml_space(
    data: bytes, where: str, value: str, unit_id: str | None = None
) -> bytes:
    """`xml:space="value"` on the file's `where` element (xliff, file, body), or on the
    trans-unit `unit_id` itself (`where="trans-unit"`) or its `where` child (target)."""
    root = ET.fromstring(data)  # noqa: S314
    if unit_id is None:
        element = root if where == "xliff" else root.find(f".//x:{where}", NS)
    else:
        unit = next(
            u for u in root.iterfind(".//x:trans-unit", NS) if u.get("id") == unit_id
        )
        element = unit if where == "trans-unit" else unit.find(f"x:{where}", NS)
    element.set(XML_SPACE, value)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def in_group(data: bytes, unit_id: str, xml_space: str | None = None) -> bytes:
    """The trans-unit `unit_id` moved into a `<group>` (with `xml:space`), as CAT tools
    nest units."""
    root = ET.fromstring(data)  # noqa: S314
    body = root.find(".//x:body", NS)
    unit = next(u for u in body if u.get("id") == unit_id)
    group = ET.Element(f"{XLIFF}group", {XML_SPACE: xml_space} if xml_space else {})
    body.insert(list(body).index(unit), group)
    body.remove(unit)
    group.append(unit)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
