"""When the cache server goes away the API keeps answering, uncached, and caching
resumes by itself when the server returns."""

import shutil

import pytest

from api import cache as response_cache
from tests.factories import ArticlePageFactory, publish
from tests.services import RedisServer, free_port

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]


@pytest.fixture
def redis(settings):
    server = RedisServer(free_port())
    server.start()
    location = f"redis://127.0.0.1:{server.port}/0"
    options = {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "OPTIONS": {**options, "IGNORE_EXCEPTIONS": True},
        },
        "api": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "OPTIONS": options,
        },
    }
    settings.CMS_API_CACHE_RETRY_SECONDS = 0
    response_cache._unavailable_until = 0.0
    yield server
    if server.process.poll() is None:
        server.stop()
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
