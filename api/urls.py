"""The delivery API, mounted by the host project under /api/."""

from django.urls import path, re_path

from . import views
from .base import DeliverySchemaView
from .docs import DeliveryDocsView, redoc_script
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
    path("v1/schema/", DeliverySchemaView.as_view(), name="schema"),
    path("v1/docs/", DeliveryDocsView.as_view(), name="docs"),
    path("v1/docs/redoc.js", redoc_script, name="docs-script"),
    re_path(r"^.*$", not_found),
]
