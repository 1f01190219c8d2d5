"""The Wagtail site a request is for, without a database query on every request.

Each process remembers the host-to-site answer under the sites' shared generation
(`api.cache`), which any process bumps when it saves or deletes a site: a change made
by one process (the admin, a shell, a command) is seen by every other at its next
request, and every cached response (they all depend on it) is forgotten. Without a
working cache, every request asks the database."""

from rest_framework.exceptions import NotFound
from wagtail.models import Site

from . import cache as shared

_remembered: dict[tuple[str, int | str, str], int | None] = {}


def site_id_for_request(request) -> int:
    generation = shared.current_generation(*shared.SITES)
    key = (request._get_raw_host(), request.get_port(), generation or "")
    if generation is None or key not in _remembered:
        site = Site.find_for_request(request)
        if len(_remembered) > 1000:  # hostile Host headers must not grow memory
            _remembered.clear()
        _remembered[key] = site.pk if site else None
    site_id = _remembered[key]
    if site_id is None:
        raise NotFound("No site is configured for this host.")
    return site_id


def forget_sites(**kwargs) -> None:
    """Connected by `api.signals` to Site saves and deletes."""
    shared.bump_generation(*shared.SITES)
