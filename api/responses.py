"""Response shapes for the OpenAPI document: the stored JSON plus what each request
adds (the locale asked for, whether a fallback was served)."""

from rest_framework import serializers

from .serializers import (
    ArticleDetailSerializer,
    ArticleListItemSerializer,
    LocaleSerializer,
)


class FallbackFieldsMixin(serializers.Serializer):
    requested_locale = serializers.CharField()
    is_fallback = serializers.BooleanField(
        help_text="True when the article is not available in the requested locale "
        "and this is its version along the fallback chain."
    )


class ArticleListItemResponse(FallbackFieldsMixin, ArticleListItemSerializer):
    pass


class ArticleDetailResponse(FallbackFieldsMixin, ArticleDetailSerializer):
    pass


class ArticleListResponse(serializers.Serializer):
    locale = serializers.CharField()
    next = serializers.URLField(allow_null=True, help_text="The next page, or null.")
    results = ArticleListItemResponse(many=True)


class LocaleListResponse(serializers.Serializer):
    default = serializers.CharField()
    locales = LocaleSerializer(many=True)


class TopicWithCountSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    article_count = serializers.IntegerField()


class TopicListResponse(serializers.Serializer):
    locale = serializers.CharField()
    results = TopicWithCountSerializer(many=True)


class DeletedArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    translation_key = serializers.UUIDField()


class SyncResponse(serializers.Serializer):
    locale = serializers.CharField()
    articles = ArticleDetailResponse(many=True)
    deleted = DeletedArticleSerializer(many=True)
    next_page_token = serializers.CharField(
        allow_null=True, help_text="More of this sync: ask again with page_token."
    )
    next_sync_token = serializers.CharField(
        allow_null=True, help_text="Sync complete: keep this for the next sync."
    )
