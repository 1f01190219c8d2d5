"""seed_bench builds a realistic corpus, in every locale, ready to serve."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from api.models import ArticleDocument
from articles.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_seed_bench_creates_articles_in_every_locale_with_their_documents(locales):
    call_command("seed_bench", "--articles", "2", stdout=StringIO())
    assert ArticlePage.objects.count() == 2 * len(locales)
    assert ArticleDocument.objects.count() == 2 * len(locales)
    page = ArticlePage.objects.get(slug="bench-0")
    sections = [s.value for s in page.body]
    assert len(sections) == 12
    types = {b.block_type for s in sections for b in s["content"]}
    assert {"paragraph", "bullet_list", "image", "clinical_study", "faq"} <= types


def test_seed_bench_is_resumable(locales):
    call_command("seed_bench", "--articles", "1", stdout=StringIO())
    out = StringIO()
    call_command("seed_bench", "--articles", "1", stdout=out)
    assert "0 article(s) created" in out.getvalue()


def test_seed_bench_refuses_a_bad_count():
    with pytest.raises(CommandError):
        call_command("seed_bench", "--articles", "0")
