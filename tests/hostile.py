"""Hostile or broken requests, each of which must get a 400 or 404 JSON answer quickly:
shared by the hostile-input tests and the reliability suite (`make reliability`)."""

BAD_LISTING_QUERIES = [
    "page_size=0",
    "page_size=-1",
    "page_size=1000000000",
    "page_size=abc",
    "cursor=%00",
    "cursor=" + "A" * 5000,
    "search=" + "x" * 10_000,
    "search=a%00b",
    "reviewed_after=2026-13-45",
    "ordering=;drop",
    "topic=" + "%F0%9F%92%A5" * 50,
    "fallback=maybe",
    "locale=" + "x" * 1000,
    "locale=%00",
]

STRANGE_SLUGS = [
    "%F0%9F%92%A5",
    "..%2F..%2Fetc%2Fpasswd",
    "%ZZ%",
    "a" * 3000,
    "%00",
    "' OR 1=1 --",
]

STRANGE_PATHS = [
    "/api/v1/articles/../../etc/passwd",
    "/api/v1/../admin/",
    "/api/v1/articles/a/b/",
]

BAD_TOKENS_AND_LOCALES = [
    "/api/v1/sync/?sync_token=" + "B" * 3000,
    "/api/v1/sync/?page_token=%00",
    "/api/v1/sync/?page_size=0",
    "/api/v1/preview/?token=" + "C" * 3000,
    "/api/v1/topics/?locale=zz",
]

# A 10 KB Accept-Language header.
HUGE_ACCEPT_LANGUAGE = "ko;q=0.9, " * 1024


def hostile_requests() -> list[tuple[str, dict]]:
    """(URL, headers) of every hostile request, for an article with the slug `a`."""
    urls = [
        *("/api/v1/articles/?" + query for query in BAD_LISTING_QUERIES),
        *(f"/api/v1/articles/{slug}/" for slug in STRANGE_SLUGS),
        *STRANGE_PATHS,
        *BAD_TOKENS_AND_LOCALES,
    ]
    return [(url, {}) for url in urls] + [
        ("/api/v1/articles/a/", {"Accept-Language": HUGE_ACCEPT_LANGUAGE})
    ]
