import pytest
from rest_framework.test import APIClient

from tests.factories import ArticlePageFactory, publish


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def published_article(index_page):
    """Make and publish an article: published_article(title=..., body=[...])."""

    def make(**fields):
        fields.setdefault("parent", index_page)
        return publish(ArticlePageFactory(**fields))

    return make


@pytest.fixture
def published(index_page, django_capture_on_commit_callbacks):
    """Publish an article with its on-commit work run (webhooks queued, say)."""

    def make(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return publish(ArticlePageFactory(parent=index_page, **fields))

    return make
