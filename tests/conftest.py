from collections import Counter
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import transaction
from django_tasks.signals import task_enqueued
from wagtail.models import Locale, Page, Site

from .factories import ArticleIndexPageFactory
from .receiver import Receiver
from .services import RedisServer, free_port


def make_locales() -> dict[str, Locale]:
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }


def make_index_page(locales: dict[str, Locale]):
    root = Page.get_first_root_node()
    index = ArticleIndexPageFactory(parent=root, locale=locales["en"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": index},
    )
    return index


@pytest.fixture
def locales(db) -> dict[str, Locale]:
    """Every configured content locale."""
    return make_locales()


@pytest.fixture
def index_page(locales):
    """The English article index, as the root of the default site."""
    return make_index_page(locales)


@contextmanager
def shared_data(django_db_blocker):
    """For module-scoped fixtures: data made once, inside a transaction that is rolled
    back when the module's tests are done (each test runs in its own savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def receiver():
    """An HTTP receiver on 127.0.0.1 that records what it is sent."""
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def redis_cache(settings):
    """A Redis of its own on a spare port, as the shared cache (the API's too)."""
    from api import cache as response_cache

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


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password="x"
    )
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def forget_remembered_sites():
    """Each test makes its own sites; no process-level memory may carry over."""
    from api.sites import forget_sites

    forget_sites()
    yield
    forget_sites()


@pytest.fixture(autouse=True)
def forget_common_words():
    """Which words the search index named many articles for is remembered by the
    process; each test makes its own articles."""
    from api.search_index import forget_common_words

    forget_common_words()
    yield
    forget_common_words()


@pytest.fixture(autouse=True)
def empty_cache():
    """Tests roll the database back behind the cache's back: start each with none."""
    from django.core.cache import caches

    from api.cache import _local

    for alias in caches:
        caches[alias].clear()
    _local.clear()
    yield


@pytest.fixture(autouse=True)
def default_language():
    """A request served in another language (the admin, an /ar/ page) leaves that
    language active in the thread; each test starts in the default one."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


SEARCH_TASK = "insert_or_update_object_task"
REFERENCE_TASK = "update_reference_index_task"


@pytest.fixture
def index_updates():
    """Counts, per (task name, pk), the search and reference index updates enqueued
    while the test runs."""
    seen: Counter = Counter()

    def count(sender, task_result, **kwargs):
        task = task_result.task
        if task.name in (SEARCH_TASK, REFERENCE_TASK):
            seen[(task.name, task_result.args[2])] += 1

    task_enqueued.connect(count)
    yield seen
    task_enqueued.disconnect(count)
