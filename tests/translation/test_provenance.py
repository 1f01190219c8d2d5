"""The line under each segment of wagtail-localize's editor says how the segment was
translated, and when, in the admin user's language: the tool this project's workflow
used named in that language, a provider's brand name as it is, the day as that
language writes it (in the site's time zone)."""

from datetime import UTC, datetime

import pytest
from django.utils import translation
from wagtail_localize.models import StringTranslation

from articles.translation.memory.prefill import MEMORY_TOOL_NAME
from articles.translation.patches import install_comments_in_admin_language
from articles.translation.provenance import translation_comment
from articles.translation.xliff.apply import TOOL_NAME as XLIFF_TOOL_NAME

# 20:00 UTC on 6 December is 7 December in Seoul.
EVENING = datetime(2026, 12, 6, 20, 0, tzinfo=UTC)


def made(tool_name="", translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL):
    return StringTranslation(
        tool_name=tool_name, translation_type=translation_type, updated_at=EVENING
    )


@pytest.mark.parametrize(
    ("code", "segment", "comment"),
    [
        ("ko", made(MEMORY_TOOL_NAME), "2026년 12월 7일에 번역 메모리(으)로 번역함"),
        ("ja", made(XLIFF_TOOL_NAME), "XLIFF ファイルで翻訳（2026年12月7日）"),
        ("zh-hant", made("DeepL"), "2026年12月7日 由DeepL翻譯"),
        (
            "vi",
            made("Language model"),
            "Ngày 07 tháng 12 năm 2026: dịch bằng mô hình ngôn ngữ",
        ),
        ("ru", made(), "Переведено вручную, 7 декабря 2026 г."),
        (
            "ar",
            made(translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE),
            "تُرجم آليًا في 7 ديسمبر، 2026",
        ),
        (
            "en",
            made(MEMORY_TOOL_NAME),
            "Translated with the translation memory on Dec. 7, 2026",
        ),
        ("en", made(), "Translated manually on Dec. 7, 2026"),
    ],
)
def test_comment_is_in_the_active_language(code, segment, comment):
    with translation.override(code):
        assert translation_comment(segment) == comment


def test_comment_is_what_wagtail_localize_asks_for():
    install_comments_in_admin_language()
    install_comments_in_admin_language()

    with translation.override("ko"):
        assert made("DeepL").get_comment() == "2026년 12월 7일에 DeepL(으)로 번역함"
    assert StringTranslation.get_comment.__wrapped__.__qualname__ == (
        "StringTranslation.get_comment"
    )
