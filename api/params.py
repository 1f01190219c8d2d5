"""Query parameters, validated with clear messages naming the parameter."""

from rest_framework import serializers

ORDERINGS = ["-first_published_at", "first_published_at", "title", "-last_reviewed"]
MAX_PAGE_SIZE = 100
MAX_SEARCH_LENGTH = 200


def has_control_characters(value: str, *, allow_whitespace: bool = True) -> bool:
    allowed = "\t\n\r" if allow_whitespace else ""
    return any(ord(ch) < 32 and ch not in allowed for ch in value)


def no_control_characters(value: str) -> str:
    if has_control_characters(value):
        raise serializers.ValidationError("Control characters are not allowed.")
    return value


class ArticleListParams(serializers.Serializer):
    locale = serializers.CharField(required=False, max_length=40)
    topic = serializers.SlugField(
        required=False,
        max_length=100,
        allow_unicode=True,
        validators=[no_control_characters],
    )
    search = serializers.CharField(
        required=False,
        max_length=MAX_SEARCH_LENGTH,
        trim_whitespace=True,
        validators=[no_control_characters],
    )
    reviewed_after = serializers.DateField(required=False)
    ordering = serializers.ChoiceField(choices=ORDERINGS, required=False)
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=20
    )
    fallback = serializers.BooleanField(required=False, default=False)
    cursor = serializers.CharField(
        required=False, max_length=2000, validators=[no_control_characters]
    )


class LocaleParams(serializers.Serializer):
    locale = serializers.CharField(required=False, max_length=40)


class SyncParams(serializers.Serializer):
    locale = serializers.CharField(required=False, max_length=40)
    sync_token = serializers.CharField(
        required=False, max_length=2000, validators=[no_control_characters]
    )
    page_token = serializers.CharField(
        required=False, max_length=2000, validators=[no_control_characters]
    )
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=MAX_PAGE_SIZE
    )

    def validate(self, data):
        if "sync_token" in data and "page_token" in data:
            raise serializers.ValidationError(
                {"page_token": ["Send either sync_token or page_token, not both."]}
            )
        return data


class PreviewParams(serializers.Serializer):
    token = serializers.CharField(max_length=2000, validators=[no_control_characters])
    page = serializers.IntegerField(required=False, min_value=1)
