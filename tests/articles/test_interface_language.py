"""The CMS's own article pages speak the language of their URL: the byline, the
reading time (with each language's plural forms) and the headings a patient reads
come from the catalogues, and every catalogue is complete and compiles."""

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

from tests.factories import ArticlePageFactory, ClinicianFactory, publish, translate

REPOSITORY = Path(settings.BASE_DIR)
CATALOGUES = sorted(
    path
    for app in ("articles", "articles/translation", "api")
    for path in (REPOSITORY / app / "locale").glob("*/LC_MESSAGES/django.po")
)
# Every content language but the source language (en) has its catalogues.
LANGUAGES = {to_locale(code) for code in settings.CMS_LANGUAGES[1:]}
# What the article template says in English around the content.
ENGLISH_PAGE_STRINGS = [
    "minute read",
    "Written by",
    "Medically reviewed by",
    "Last reviewed",
    "References",
    "Skip to content",
    "On this page",
    "Languages of this page",
    "Link to",
    "Medical disclaimer",
]


@pytest.fixture
def article(index_page, locales):
    """A live English article with a medical reviewer and a reference, translated into
    Chinese and Arabic."""
    source = publish(
        ArticlePageFactory(
            parent=index_page,
            slug="spine-care",
            author=ClinicianFactory(name="Dr Lee"),
            medical_reviewer=ClinicianFactory(name="Dr Kim"),
            disclaimer="<p>General information only.</p>",
            references=[("reference", {"citation": "Kim J. Spine. 2024."})],
        )
    )
    return {
        "en": source,
        "zh-hans": translate(source, locales["zh-hans"]),
        "ar": translate(source, locales["ar"]),
    }


def page_html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "prefix", "byline", "references"),
    [
        ("zh-hans", "/zh-hans/", "医学审核：<bdi>Dr Kim</bdi>", ">参考文献<"),
        ("ar", "/ar/", "راجعه طبيًّا <bdi>Dr Kim</bdi>", ">المراجع<"),
    ],
)
def test_article_page_byline_and_headings_are_in_the_pages_language(
    client, article, code, prefix, byline, references
):
    page = article[code]

    html = page_html(client, page)

    assert page.url.startswith(prefix)
    assert byline in html
    assert references in html
    for english in ENGLISH_PAGE_STRINGS:
        assert english not in html


@pytest.mark.django_db
def test_english_article_page_stays_in_english(client, article):
    html = page_html(client, article["en"])

    assert "Medically reviewed by <bdi>Dr Kim</bdi>" in html
    assert ">References<" in html


@pytest.mark.django_db
def test_arabic_page_is_written_right_to_left(client, article):
    assert 'dir="rtl"' in page_html(client, article["ar"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("minutes", "reading_time"),
    [
        (1, "مدة القراءة: دقيقة واحدة"),
        (2, "مدة القراءة: دقيقتان"),
        (3, "مدة القراءة: 3 دقائق"),
        (11, "مدة القراءة: 11 دقيقةً"),
        (100, "مدة القراءة: 100 دقيقة"),
    ],
)
def test_arabic_reading_time_takes_the_plural_form_of_its_number(
    client, article, minutes, reading_time
):
    page = article["ar"]
    type(page).objects.filter(pk=page.pk).update(reading_time_minutes=minutes)

    assert reading_time in page_html(client, page)


@pytest.mark.django_db
def test_chinese_reading_time_has_its_one_form(client, article):
    page = article["zh-hans"]
    type(page).objects.filter(pk=page.pk).update(reading_time_minutes=11)

    assert "阅读时间 11 分钟" in page_html(client, page)


def test_every_content_language_has_its_catalogues():
    for app in ("articles", "articles/translation", "api"):
        found = {
            path.parts[-3]
            for path in (REPOSITORY / app / "locale").glob("*/LC_MESSAGES/django.po")
        }
        assert found >= LANGUAGES, app


@pytest.mark.parametrize(
    "path", CATALOGUES, ids=lambda path: str(path.relative_to(REPOSITORY))
)
def test_catalogue_is_complete_without_fuzzy_entries(path):
    catalogue = polib.pofile(str(path))

    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert not catalogue.metadata_is_fuzzy


@pytest.mark.parametrize(
    "path", CATALOGUES, ids=lambda path: str(path.relative_to(REPOSITORY))
)
def test_compiled_catalogue_in_the_tree_matches_its_po_file(path):
    """Machines without gettext serve the committed .mo files: they must be current."""

    def messages(catalogue):
        return {
            (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
            for entry in catalogue
            if not entry.obsolete
        }

    compiled = polib.mofile(str(path.with_suffix(".mo")))

    assert messages(compiled) == messages(polib.pofile(str(path)))


@pytest.mark.parametrize(
    "path", CATALOGUES, ids=lambda path: str(path.relative_to(REPOSITORY))
)
def test_plural_entries_fill_every_form_of_their_language(path):
    """Arabic has six plural forms, Russian four: a missing one shows English."""
    catalogue = polib.pofile(str(path))
    forms = int(re.match(r"nplurals=(\d+);", catalogue.metadata["Plural-Forms"])[1])
    for entry in catalogue:
        if entry.msgid_plural and not entry.obsolete:
            assert sorted(entry.msgstr_plural) == list(range(forms)), entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid


def test_arabic_has_six_plural_forms_and_russian_four():
    for path in CATALOGUES:
        expected = {"ar": "nplurals=6;", "ru": "nplurals=4;"}.get(path.parts[-3])
        if expected:
            assert polib.pofile(str(path)).metadata["Plural-Forms"].startswith(expected)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")
@pytest.mark.parametrize(
    "path", CATALOGUES, ids=lambda path: str(path.relative_to(REPOSITORY))
)
def test_catalogue_compiles_with_its_format_strings_checked(path):
    result = subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "--output-file=/dev/null", str(path)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
