"""Reading many pages' translation drifts at once (bulk document builds) finds what
reading each page's does."""

import pytest

from articles.models import Release, TranslationDrift
from articles.translation.selectors import drift_of, drifts_of
from tests.factories import ArticlePageFactory, publish
from tests.translation.helpers import drift, localized

pytestmark = pytest.mark.django_db


def test_many_pages_drifts_read_together_are_each_page_s_drift(indexes, locales):
    outdated, held, current = (
        publish(ArticlePageFactory(parent=indexes["en"], slug=slug))
        for slug in ("outdated", "held", "current")
    )
    outdated_ko = localized(outdated, locales["ko"])
    localized(outdated, locales["zh-hans"])  # its Chinese is up to date
    held_ko = localized(held, locales["ko"])
    localized(current, locales["ko"])
    drift(outdated_ko)
    TranslationDrift.objects.filter(pk=drift(held_ko).pk).update(
        release=Release.objects.create(source_page=held)  # not live yet: no drift
    )
    pages = [
        page.get_translation(locales[code]).specific
        for page in (outdated, held, current)
        for code in ("en", "ko")
    ] + [outdated.get_translation(locales["zh-hans"]).specific]

    together = drifts_of(pages)

    assert together == {page.pk: drift_of(page) for page in pages}
    korean_outdated = outdated.get_translation(locales["ko"])
    assert together[korean_outdated.pk] is not None
    assert [pk for pk, found in together.items() if found] == [korean_outdated.pk]


def test_no_pages_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert drifts_of([]) == {}
