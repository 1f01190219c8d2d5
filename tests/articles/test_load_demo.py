"""`load_demo` builds a complete multilingual demo; running it again changes nothing."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail_localize.models import Translation

from articles.models import ArticleIndexPage, ArticlePage, Clinician, Term, Topic
from tests.conftest import shared_data

pytestmark = pytest.mark.django_db
TRANSLATED_INTO = {"ko", "zh-hans", "ar"}


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """The demo is loaded once for this module, inside a transaction rolled back at the
    end."""
    with shared_data(django_db_blocker):
        out = StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()


@pytest.fixture
def demo(demo_output, db):
    return demo_output


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "articles": ArticlePage.objects.count(),
        "topics": Topic.objects.count(),
        "clinicians": Clinician.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "translations": Translation.objects.count(),
        "sites": Site.objects.count(),
        "terms": Term.objects.count(),
    }


def block_types(page) -> set[str]:
    return {
        block.block_type for section in page.body for block in section.value["content"]
    }


def test_demo_has_an_index_per_locale_at_the_site_root(demo):
    indexes = ArticleIndexPage.objects.all()
    assert {index.locale.language_code for index in indexes} == {"en"} | TRANSLATED_INTO
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.locale.language_code == "en"
    assert isinstance(site.root_page.specific, ArticleIndexPage)
    assert not Page.objects.filter(depth=2, slug="home").exists()


def test_demo_articles_have_the_full_shape_of_a_hospital_article(demo):
    sources = ArticlePage.objects.filter(locale__language_code="en")
    assert sources.count() >= 3
    for page in sources:
        sections = [section.value for section in page.body]
        assert len([s for s in sections if s["level"] == "2"]) >= 10
        assert any(s["level"] == "3" for s in sections)
        assert {
            "paragraph",
            "bullet_list",
            "numbered_list",
            "image",
            "clinical_study",
            "faq",
            "call_to_action",
        } <= block_types(page)
        nested = [
            item
            for section in sections
            for block in section["content"]
            if block.block_type == "numbered_list"
            for item in block.value["items"]
            if item["sub_items"]
        ]
        assert nested, f"{page.title} has no numbered list with nested points"
        assert any("perspective" in s["heading"].lower() for s in sections)
        assert page.hero_image and page.author and page.medical_reviewer
        assert page.topics and len(page.references) >= 3 and page.disclaimer
        assert page.live and page.reading_time_minutes > 3


def test_demo_translations_are_real_translations_with_the_same_anchors(demo):
    for source in ArticlePage.objects.filter(locale__language_code="en"):
        translations = {
            page.locale.language_code: page
            for page in ArticlePage.objects.filter(
                translation_key=source.translation_key
            )
        }
        assert set(translations) == {"en"} | TRANSLATED_INTO
        source_anchors = [s.value["anchor"] for s in source.body]
        for code in TRANSLATED_INTO:
            page = translations[code]
            assert page.live
            assert page.title != source.title
            assert [s.value["anchor"] for s in page.body] == source_anchors
            # Each locale has its own tree: no -ko, -ar suffix in shared URLs.
            assert page.slug == source.slug
            assert {t.locale.language_code for t in page.topics} == {code}
            assert page.author.locale.language_code == code
            assert Translation.objects.filter(
                source__object_id=source.translation_key, target_locale=page.locale
            ).exists()


def test_demo_keeps_the_legacy_anchors_of_the_old_site(demo):
    anchors = {
        section.value["anchor"]
        for page in ArticlePage.objects.all()
        for section in page.body
    }
    assert {
        "2.-spinal-cord-injury-(sci)",
        "the-road-ahead:-what's-realistic",
    } <= anchors


def test_demo_pages_are_served_in_each_language(demo, client):
    for page in ArticlePage.objects.all():
        response = client.get(page.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert page.title in html.replace("&#x27;", "'")
        if page.locale.language_code == "ar":
            assert 'dir="rtl"' in html


def test_demo_prints_how_to_log_in(demo):
    assert "Log in at /admin/ as 'admin'" in demo
    assert get_user_model().objects.get(username="admin").is_superuser


def test_running_the_demo_twice_changes_nothing(demo):
    before = counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == before
    assert "nothing to do" in out.getvalue()


def test_demo_has_a_medical_termbase_in_its_languages(demo):
    terms = set(
        Term.objects.values_list("concept__concept_id", "locale__language_code", "text")
    )
    assert ("stem-cell", "ko", "줄기세포") in terms
    assert ("stem-cell", "ar", "خلايا جذعية") in terms
    forbidden = Term.objects.get(text="간세포")
    assert (forbidden.status, forbidden.note) == (
        "forbidden",
        "Means liver cell: a dangerous confusion.",
    )
