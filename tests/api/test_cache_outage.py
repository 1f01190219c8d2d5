"""When the cache server goes away the API keeps answering, uncached, and caching
resumes by itself when the server returns."""

import shutil

import pytest

from api import cache as response_cache
from tests.factories import ArticlePageFactory, publish

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]


@pytest.fixture
def redis(redis_cache):
    return redis_cache
    response_cache._unavailable_until = 0.0


def test_api_answers_uncached_while_redis_is_down_and_resumes(
    api, index_page, redis, caplog
):
    publish(ArticlePageFactory(parent=index_page, slug="a"))
    url = "/api/v1/articles/a/"
    assert api.get(url).status_code == 200
    assert api.get(url)["X-Cache"] == "HIT"

    redis.stop()
    for _ in range(3):
        response = api.get(url)
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert api.get("/api/v1/articles/").status_code == 200
    assert "API response cache unavailable" in caplog.text

    redis.start()
    api.get(url)
    assert api.get(url)["X-Cache"] == "HIT"
