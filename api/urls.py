"""The delivery API, mounted by the host project under /api/."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from . import views
from .errors import not_found

app_name = "api"
urlpatterns = [
    path("v1/locales/", views.LocaleListView.as_view(), name="locales"),
    path("v1/articles/", views.ArticleListView.as_view(), name="article-list"),
    path(
        "v1/articles/<str:slug>/",
        views.ArticleDetailView.as_view(),
        name="article-detail",
    ),
    path("v1/topics/", views.TopicListView.as_view(), name="topics"),
    path("v1/sync/", views.SyncView.as_view(), name="sync"),
    path("v1/preview/", views.PreviewView.as_view(), name="preview"),
    path("v1/schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("v1/docs/", SpectacularRedocView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^.*$", not_found),
]
