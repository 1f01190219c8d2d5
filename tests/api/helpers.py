"""Shared by the API tests: the documented keys of a listing item and of a detail,
and a search as an app makes it."""

from tests.factories import paragraph, section

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


def search(api, word: str, locale: str = "en") -> list[str]:
    """The slugs a search for `word` lists first."""
    response = api.get("/api/v1/articles/", {"locale": locale, "search": word})
    assert response.status_code == 200
    return [item["slug"] for item in response.json()["results"]]


def with_text(text: str) -> list[dict]:
    """An article body of one section holding `text`."""
    return [section("Overview", paragraph(f"<p>{text}</p>"))]
