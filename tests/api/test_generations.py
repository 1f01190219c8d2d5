"""Each process keeps the generations it read from Redis and Redis announces their
changes (`api.generations`): a read costs no round trip while nothing changed, and a
change made by any process is seen at the next read of every other. Two `Generations`
on one Redis stand for two processes here; test_fresh_across_processes runs real
ones."""

import shutil
import threading

import pytest
from django.core.cache import caches

from api.generations import Generations, for_backend
from tests.factories import ArticlePageFactory, publish

pytestmark = pytest.mark.skipif(
    not shutil.which("redis-server"), reason="needs redis-server"
)


@pytest.fixture
def redis(redis_cache):
    return redis_cache


class Shared:
    """The shared cache, counting the reads that reach it."""

    def __init__(self):
        self.backend = caches["api"]
        self.reads = []

    def fetch(self, keys):
        self.reads.append(list(keys))
        return self.backend.get_many(keys)

    def bump(self, process: Generations, **tokens):
        self.backend.set_many(tokens, timeout=None)
        process.changed(tokens)


def test_a_read_costs_no_round_trip_while_nothing_changes(redis):
    shared = Shared()
    shared.backend.set_many({"a": "1", "b": "2"})
    process = Generations(shared.backend)
    assert process.read(["a", "b"], shared.fetch) == {"a": "1", "b": "2"}
    for _ in range(3):
        assert process.read(["a", "b"], shared.fetch) == {"a": "1", "b": "2"}
    assert shared.reads == [["a", "b"]]


def test_a_change_by_another_process_is_seen_at_the_next_read(redis):
    shared = Shared()
    shared.backend.set_many({"a": "1", "b": "2"})
    reader, writer = Generations(shared.backend), Generations(shared.backend)
    reader.read(["a", "b"], shared.fetch)
    shared.bump(writer, a="9")
    assert reader.pubsub.connection.can_read(timeout=2)
    assert reader.read(["a", "b"], shared.fetch) == {"a": "9", "b": "2"}
    assert shared.reads[-1] == ["a"]  # only what changed is read again


def test_a_change_announced_while_a_value_is_read_is_not_kept(redis):
    shared = Shared()
    shared.backend.set("a", "1")
    reader, writer = Generations(shared.backend), Generations(shared.backend)

    def fetch_then_change(keys):
        found = shared.fetch(keys)  # the old value...
        shared.bump(writer, a="2")  # ...changed before the reader could keep it
        return found

    assert reader.read(["a"], fetch_then_change) == {"a": "1"}  # this request's
    assert reader.read(["a"], shared.fetch) == {"a": "2"}


def test_a_value_this_process_never_read_is_read(redis):
    shared = Shared()
    process = Generations(shared.backend)
    assert process.read(["missing"], shared.fetch) == {}
    shared.backend.set("missing", "made elsewhere")
    assert process.read(["missing"], shared.fetch) == {"missing": "made elsewhere"}


def test_without_its_subscription_a_process_reads_every_time_then_subscribes_again(
    redis, caplog
):
    shared = Shared()
    shared.backend.set("a", "1")
    process = Generations(shared.backend)
    process.read(["a"], shared.fetch)
    redis.stop()
    redis.start()  # a restart: the copies may be stale, and the channel is lost
    shared.backend.set("a", "2")  # set while no one was listening
    assert process.read(["a"], shared.fetch) == {"a": "2"}
    assert "no subscription to their changes" in caplog.text
    # Subscribed again (the retry delay is 0 here): copies are trusted again.
    process.read(["a"], shared.fetch)
    reads = len(shared.reads)
    assert process.read(["a"], shared.fetch) == {"a": "2"}
    assert len(shared.reads) == reads


def test_copies_are_read_again_after_the_trust_period(redis, settings):
    settings.CMS_API_GENERATIONS_TRUST_SECONDS = 0
    shared = Shared()
    shared.backend.set("a", "1")
    process = Generations(shared.backend)
    process.read(["a"], shared.fetch)
    process.read(["a"], shared.fetch)
    assert len(shared.reads) == 2


def test_a_cache_without_a_channel_is_read_every_time(settings):
    backend = caches["api"]  # the tests' memory cache
    backend.set("a", "1")
    reads = []
    process = Generations(backend)
    for _ in range(2):
        process.read(["a"], lambda keys: reads.append(keys) or backend.get_many(keys))
    assert len(reads) == 2


def test_threads_of_a_process_share_its_copies(redis):
    found = []

    def backend_of_this_thread():
        found.append(for_backend(caches["api"]))

    thread = threading.Thread(target=backend_of_this_thread)
    thread.start()
    thread.join()
    backend_of_this_thread()
    assert found[0] is found[1]


@pytest.mark.django_db
def test_a_publish_is_served_at_the_next_request_through_the_copies(
    redis, api, index_page
):
    page = publish(ArticlePageFactory(parent=index_page, slug="knee", title="Knee"))
    api.get("/api/v1/articles/knee/")
    assert api.get("/api/v1/articles/knee/")["X-Cache"] == "HIT"
    page.title = "Knee cartilage"
    publish(page)
    response = api.get("/api/v1/articles/knee/")
    assert response.json()["title"] == "Knee cartilage"


def test_a_subscription_renewed_by_the_client_itself_drops_the_copies(redis):
    """redis-py may reconnect and subscribe again by itself: changes announced in
    between were never received."""
    shared = Shared()
    shared.backend.set("a", "1")
    process = Generations(shared.backend)
    process.read(["a"], shared.fetch)
    process.pubsub.subscribe(process.channel)  # as a reconnection does
    assert process.pubsub.connection.can_read(timeout=2)
    process.read(["a"], shared.fetch)
    assert len(shared.reads) == 2
