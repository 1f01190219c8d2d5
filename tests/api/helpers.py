"""Constants shared by the API tests: the documented keys of a listing item and of a
detail."""

LIST_KEYS = {
    "requested_locale",
    "is_fallback",
    "id",
    "translation_key",
    "locale",
    "slug",
    "path",
    "title",
    "summary",
    "hero_image",
    "topics",
    "first_published_at",
    "last_published_at",
    "last_reviewed",
    "reading_time_minutes",
    "available_locales",
    "review",
    "is_outdated",
    "outdated_since",
    "outdated_sections",
}
DETAIL_KEYS = LIST_KEYS | {
    "body",
    "toc",
    "author",
    "medical_reviewer",
    "next_review_due",
    "references",
    "disclaimer",
    "translations",
    "seo",
    "json_ld",
}
