"""Filters for the CMS's own page templates."""

from django import template

from ..safe_urls import safe_url as _safe_url

register = template.Library()


@register.filter
def safe_url(value: str | None) -> str:
    """The URL when a browser may follow it (no javascript:, data: ...), else ""."""
    return _safe_url(value) or ""
