"""The shared generations (`api.cache`), read without a round trip to Redis.

Every API response depends on generations kept in the shared cache, and reading them
was a round trip to Redis per request: as long as the rest of a cache hit. Here each
process keeps the generations it has read, and Redis tells it when any changes:
`bump` publishes the changed keys on a channel every process subscribes to, and each
read first takes the messages already waiting on that connection (a poll of a socket,
no round trip). Redis sends the announcement in the same turn of its loop as its
answer to the process that bumped, so by the time anyone can act on the change (an
editor's next click, a front end's next request) it waits on every process's socket:
a change made anywhere is seen at the next request of every process, as when every
request asked Redis.

What keeps it safe:
- A process trusts its copies only while it is subscribed: a lost connection (Redis
  restarted, the network) drops every copy, reads go to Redis as before, and it
  subscribes again after CMS_API_CACHE_RETRY_SECONDS.
- Only values read from Redis are kept, never ones this process made up for a missing
  key (another process may have made another at the same moment).
- A copy older than CMS_API_GENERATIONS_TRUST_SECONDS (default 5) is read again, in
  case a connection failed without anyone noticing.
- Caches other than django-redis (the embedded default's files, tests' memory) have
  no channel: their generations are read every time, as before.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable

from django.conf import settings

logger = logging.getLogger(__name__)

CHANNEL_SUFFIX = "api:v1:generations"
EVERYTHING = "*"
MAX_COPIES = 50_000  # beyond it, start again: memory stays flat


class Generations:
    """This process's copies of the generations of one cache backend."""

    def __init__(self, backend):
        self.lock = threading.Lock()
        # key -> (generation, when it was read)
        self.copies: dict[str, tuple[str, float]] = {}
        # How often each key was announced changed, and everything cleared.
        self.changes: dict[str, int] = {}
        self.cleared = 0
        self.pubsub = None
        self.retry_at = 0.0
        client = getattr(backend, "client", None)
        self.redis = getattr(client, "get_client", None)
        self.channel = (
            backend.make_key(CHANNEL_SUFFIX) if self.redis is not None else None
        )

    def read(self, keys: Iterable[str], fetch: Callable[[list[str]], dict]) -> dict:
        """The current generation of each key that has one: this process's copies
        where it can trust them, `fetch(missing)` (the shared cache) for the rest;
        None when `fetch` finds the cache unavailable."""
        keys = list(keys)
        with self.lock:
            live = self._take_messages()
            now = time.monotonic()
            trust = getattr(settings, "CMS_API_GENERATIONS_TRUST_SECONDS", 5)
            found = {}
            for key in keys:
                copy = self.copies.get(key) if live else None
                if copy is not None and now - copy[1] < trust:
                    found[key] = copy[0]
            missing = [key for key in keys if key not in found]
            # A message taken from now on may be about a value being read: such a
            # value is used for this request but not kept.
            before = (self.cleared, [self.changes.get(key, 0) for key in missing])
        if not missing:
            return found
        fetched = fetch(missing)
        if fetched is None:
            return None
        with self.lock:
            if self._take_messages():
                after = (self.cleared, [self.changes.get(key, 0) for key in missing])
                now = time.monotonic()
                if len(self.copies) > MAX_COPIES:
                    self.copies.clear()
                for key, seen_before, seen_after in zip(
                    missing, before[1], after[1], strict=True
                ):
                    unchanged = before[0] == after[0] and seen_before == seen_after
                    if unchanged and key in fetched:
                        self.copies[key] = (fetched[key], now)
        return found | fetched

    def changed(self, keys: Iterable[str]) -> None:
        """Tell every process (this one included) that these generations changed."""
        keys = list(keys)
        with self.lock:
            self._forget(keys)
        if self.redis is not None and keys:
            self.redis(True).publish(self.channel, "\n".join(keys))

    def _forget(self, keys: list[str]) -> None:
        if EVERYTHING in keys or len(self.changes) > MAX_COPIES:
            self.copies.clear()
            self.changes.clear()
            self.cleared += 1
            return
        for key in keys:
            self.copies.pop(key, None)
            self.changes[key] = self.changes.get(key, 0) + 1

    def _take_messages(self) -> bool:
        """Apply the messages waiting on the subscription; True when subscribed."""
        if self.redis is None:
            return False
        if self.pubsub is None and not self._subscribe():
            return False
        try:
            while True:
                message = self.pubsub.get_message(timeout=0.0)
                if message is None:
                    return True
                if message.get("type") == "message":
                    data = message["data"]
                    text = data.decode() if isinstance(data, bytes) else data
                    self._forget(text.split("\n"))
                elif message.get("type") == "subscribe":
                    # The client reconnected by itself: what was announced while it
                    # was away is lost.
                    self._forget([EVERYTHING])
        except Exception as error:  # noqa: BLE001 - any failure: trust nothing
            self._unsubscribed(error)
            return False

    def _subscribe(self) -> bool:
        if time.monotonic() < self.retry_at:
            return False
        try:
            pubsub = self.redis(True).pubsub()
            pubsub.subscribe(self.channel)
            confirmation = pubsub.get_message(timeout=1.0)
            if not confirmation or confirmation.get("type") != "subscribe":
                raise ConnectionError("no confirmation of the subscription")
        except Exception as error:  # noqa: BLE001
            self._unsubscribed(error)
            return False
        # Whatever was kept before may have changed unannounced.
        self._forget([EVERYTHING])
        self.pubsub = pubsub
        return True

    def _unsubscribed(self, error: Exception) -> None:
        self._forget([EVERYTHING])
        if self.pubsub is not None:
            try:
                self.pubsub.close()
            except Exception:  # noqa: BLE001, S110 - already broken
                pass
        self.pubsub = None
        retry = getattr(settings, "CMS_API_CACHE_RETRY_SECONDS", 5)
        self.retry_at = time.monotonic() + retry
        logger.warning(
            "API generations are read from the cache at every request for %ss: "
            "no subscription to their changes (%s)",
            retry,
            error,
        )


_by_backend: dict[tuple, Generations] = {}
_lock = threading.Lock()


def for_backend(backend) -> Generations:
    """The copies of `backend`'s generations: one set per cache server and process
    (Django gives each thread its own backend object for the same cache). A cache
    without a Redis server keeps no copies, so one set serves every one of its kind."""
    key = (
        os.getpid(),
        type(backend),
        repr(getattr(backend, "_server", None)),
        backend.key_prefix,
        backend.version,
    )
    found = _by_backend.get(key)
    if found is None:
        with _lock:
            found = _by_backend.get(key)
            if found is None:
                if len(_by_backend) > 16:  # settings changed under tests
                    _by_backend.clear()
                found = _by_backend[key] = Generations(backend)
    return found
