"""The screens this project adds to the Wagtail admin speak the admin user's language:
a translator whose admin language is Chinese or Arabic reads the translation status
report, the tools added to the translation editor and the changed segments screen in
that language, not in English."""

import html as html_module
import json
import re
from collections import Counter
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from wagtail_localize.models import StringTranslation, TranslationSource
from wagtail_localize.operations import translate_object

from articles.translation.memory.prefill import MEMORY_TOOL_NAME
from articles.translation.roles import (
    EDITORS_GROUP,
    setup_roles,
    translators_group_name,
)
from tests.factories import ArticlePageFactory, member, publish
from tests.translation.helpers import in_admin_language

pytestmark = pytest.mark.django_db

STATUS = reverse("articles_translation_status")

# What each admin language shows instead of the English: (English, translated). The
# editor's labels are JavaScript string literals (its comments quote them in English).
SCREEN_TEXT = {
    "zh-hans": {
        "status": [("Translation status", "翻译状态"), ("Locales", "语言版本")],
        "editor": [
            ('"Send to medical review";', "送交医学审核"),
            ('"Translation check";', "翻译检查"),
            ('"Next flagged segment";', "下一个标记的片段"),
        ],
        "changes": [
            (
                "Nothing to check: every kept translation has been confirmed",
                "没有需要核对的内容",
            ),
        ],
    },
    "ar": {
        "status": [("Translation status", "حالة الترجمة"), ("Locales", "اللغات")],
        "editor": [
            ('"Send to medical review";', "إرسال إلى المراجعة الطبية"),
            ('"Translation check";', "فحص الترجمة"),
            ('"Next flagged segment";', "المقطع المُعلَّم التالي"),
        ],
        "changes": [
            (
                "Nothing to check: every kept translation has been confirmed",
                "لا شيء للتحقّق منه",
            ),
        ],
    },
}


@pytest.fixture
def translations(index_page, locales):
    """A live English article submitted for translation into Chinese and Arabic, every
    segment translated, under the roles and workflow of `setup_roles` (with an article
    index in Korean and Japanese too, so that their translators may see the report)."""
    for code in ("zh-hans", "ar", "ko", "ja"):
        publish(index_page.copy_for_translation(locales[code]).specific)
    setup_roles()
    editor = member("editor-1", EDITORS_GROUP)
    source = publish(
        ArticlePageFactory(parent=index_page, slug="spine", title="Spine care")
    )
    translate_object(source, [locales["zh-hans"], locales["ar"]], user=editor)
    translation_source = TranslationSource.objects.get_for_instance(source)
    result = {}
    for code in ("zh-hans", "ar"):
        for segment in translation_source.stringsegment_set.select_related("string"):
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=locales[code],
                context=segment.context,
                data=f"[{code}] {segment.string.data}",
            )
        result[code] = translation_source.translations.get(target_locale=locales[code])
    return result


def translator_client(client, code: str):
    """Logged in as the `code` translator, whose admin language is `code` too."""
    user = member(f"{code}-translator", translators_group_name(code))
    return in_admin_language(client, user, code)


def assert_speaks(response, pairs):
    html = response.content.decode()
    assert response.status_code == 200
    for english, translated in pairs:
        assert translated in html
        assert english not in html


@pytest.mark.parametrize(
    ("code", "pairs"),
    [
        ("zh-hans", SCREEN_TEXT["zh-hans"]["status"]),
        ("ar", SCREEN_TEXT["ar"]["status"]),
        ("ko", [("Translation status", "번역 현황"), ("Locales", "언어")]),
        ("ja", [("Translation status", "翻訳状況"), ("Locales", "言語")]),
    ],
)
def test_translation_status_report_is_in_the_translators_admin_language(
    client, translations, code, pairs
):
    response = translator_client(client, code).get(STATUS)

    assert_speaks(response, pairs)


@pytest.mark.parametrize("code", ["zh-hans", "ar"])
def test_translation_editor_tools_are_in_the_translators_admin_language(
    client, translations, code
):
    page = translations[code].get_target_instance()

    response = translator_client(client, code).get(
        reverse("wagtailadmin_pages:edit", args=[page.id])
    )

    assert_speaks(response, SCREEN_TEXT[code]["editor"])


@pytest.mark.parametrize("code", ["zh-hans", "ar"])
def test_changed_segments_screen_is_in_the_translators_admin_language(
    client, translations, code
):
    response = translator_client(client, code).get(
        reverse("articles_changed_segments", args=[translations[code].pk])
    )

    assert_speaks(response, SCREEN_TEXT[code]["changes"])


def test_arabic_admin_is_written_right_to_left(client, translations):
    response = translator_client(client, "ar").get(STATUS)

    assert 'dir="rtl"' in response.content.decode()


def test_an_admin_left_in_english_still_reads_english(client, translations):
    user = member("en-translator", translators_group_name("zh-hans"))
    client.force_login(user)

    html = client.get(STATUS).content.decode()

    assert "Translation status" in html
    assert "翻译状态" not in html


@pytest.mark.parametrize(
    ("code", "count"),
    [("zh-hans", "1 篇文章"), ("ar", "مقال واحد"), ("ko", "문서 1개")],
)
def test_status_report_counts_its_articles_in_the_admin_language(
    client, translations, code, count
):
    html = translator_client(client, code).get(STATUS).content.decode()

    # Under the pagination, where Wagtail would write "1 <article in the language>".
    shown = re.search(r'class="pagination__end">\s*(.*?)\s*</div>', html)
    assert shown[1] == count


def editor_segment_comments(response) -> list[str]:
    """The line under each segment of wagtail-localize's editor ("Translated with ...
    on ..."), as its React component receives it."""
    found = re.search(
        r'class="js-translation-editor" data-props="([^"]*)"', response.content.decode()
    )
    props = json.loads(html_module.unescape(found[1]))
    return [
        segment_translation["comment"]
        for segment_translation in props["initialStringTranslations"]
    ]


@pytest.mark.parametrize(
    ("code", "from_memory", "by_hand"),
    [
        ("zh-hans", "2026年12月7日 由翻译记忆库翻译", "2026年12月6日 人工翻译"),
        (
            "ar",
            "تُرجم باستخدام ذاكرة الترجمة في 7 ديسمبر، 2026",
            "تُرجم يدويًا في 6 ديسمبر، 2026",
        ),
    ],
)
def test_editor_says_how_each_segment_was_translated_in_the_admin_language(
    client, translations, code, from_memory, by_hand
):
    """wagtail-localize's own line would read "Translated with Translation memory on
    7 December 2026" in English, month included."""
    segments = StringTranslation.objects.filter(locale__language_code=code)
    segments.update(
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        updated_at=datetime(2026, 12, 6, 3, 0, tzinfo=UTC),
    )
    # 23:30 UTC on the 6th is the 7th in Seoul, the site's time zone.
    segments.filter(pk=segments.order_by("pk")[0].pk).update(
        tool_name=MEMORY_TOOL_NAME,
        updated_at=datetime(2026, 12, 6, 23, 30, tzinfo=UTC),
    )
    page = translations[code].get_target_instance()

    response = translator_client(client, code).get(
        reverse("wagtailadmin_pages:edit", args=[page.id])
    )

    comments = editor_segment_comments(response)  # in no particular order
    assert Counter(comments) == {from_memory: 1, by_hand: len(comments) - 1}
