"""The Wagtail site a request is for, without a database query on every request.

Sites change rarely; each process remembers the host-to-site answer for a short time
and forgets everything when a site is saved or deleted in this process."""

import time

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from rest_framework.exceptions import NotFound
from wagtail.models import Site

TTL_SECONDS = 60
_remembered: dict[tuple[str, int | str], tuple[float, int | None]] = {}


def site_id_for_request(request) -> int:
    host = request._get_raw_host()
    key = (host, request.get_port())
    now = time.monotonic()
    hit = _remembered.get(key)
    if hit is None or now - hit[0] > TTL_SECONDS:
        site = Site.find_for_request(request)
        hit = (now, site.pk if site else None)
        if len(_remembered) > 1000:  # hostile Host headers must not grow memory
            _remembered.clear()
        _remembered[key] = hit
    if hit[1] is None:
        raise NotFound("No site is configured for this host.")
    return hit[1]


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_sites(**kwargs) -> None:
    _remembered.clear()
