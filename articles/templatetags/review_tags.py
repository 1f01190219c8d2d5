"""Filters for the medical review's admin templates."""

from django import template
from wagtail.models import Page

from ..models.review import acknowledgements_for

register = template.Library()


@register.filter
def acknowledgements(page: Page) -> list[str]:
    """What a reviewer approving `page` must acknowledge (`acknowledgements_for`)."""
    return acknowledgements_for(page)
