"""Benchmark URLs: the site, plus the ceiling view and Wagtail's own API v2 with the
article fields exposed, so that both APIs serve the same articles in one process."""

from django.urls import path
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.fields import ImageRenditionField

from articles.models import ArticlePage
from cms.urls import urlpatterns as site_urlpatterns

from .views import ceiling

ArticlePage.api_fields = [
    APIField("summary"),
    APIField("body"),
    APIField("hero_image"),
    APIField(
        "hero_rendition",
        serializer=ImageRenditionField("width-640", source="hero_image"),
    ),
    APIField("author"),
    APIField("medical_reviewer"),
    APIField("last_reviewed"),
    APIField("next_review_due"),
    APIField("reading_time_minutes"),
    APIField("references"),
    APIField("disclaimer"),
]

handler500 = "api.errors.server_error"

wagtail_api = WagtailAPIRouter("wagtailapi")
wagtail_api.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [
    path("bench/ceiling/", ceiling),
    path("wagtail-api/v2/", wagtail_api.urls),
    *site_urlpatterns,
]
