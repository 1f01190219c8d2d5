"""Planting articles that must never be delivered, and crawling every endpoint for
them: shared by the leak-hunt test and the reliability suite (`make reliability`),
which crawls a running server."""

from collections.abc import Callable

from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction, Site

from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    TopicFactory,
    paragraph,
    publish,
    section,
    translate,
)

LOCALES = ["en", "ko", "zh-hans", "zh-hant", "ja", "ru", "vi", "ar"]
ORDERINGS = ["-first_published_at", "first_published_at", "title", "-last_reviewed"]
# fetch(path, params) -> (status, body text)
Fetch = Callable[[str, dict], tuple[int, str]]


def planted(parent, marker: str, topic, **fields):
    return ArticlePageFactory(
        parent=parent,
        title=f"Title {marker}",
        slug=marker,
        summary=f"Summary {marker}",
        body=[section(f"Heading {marker}", paragraph(f"<p>Body {marker}</p>"))],
        topics=[topic],
        **fields,
    )


def plant_hidden_articles(index_page, locales, *, prefix: str = "leak") -> list[str]:
    """One visible article (slug `visible-article`) and one hidden article of every
    kind, each marked in its title, body and slug; returns the markers."""
    topic = TopicFactory(slug="spine")
    visible = publish(planted(index_page, "visible-article", topic))
    markers = {}

    markers["draft"] = planted(index_page, f"{prefix}-draft", topic, live=False)
    unpublished = publish(planted(index_page, f"{prefix}-unpublished", topic))
    unpublished.unpublish()
    markers["unpublished"] = unpublished
    for kind in ("password", "login", "groups"):
        page = publish(planted(index_page, f"{prefix}-{kind}", topic))
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=kind, password="secret"
        )
        if kind == "groups":
            restriction.groups.add(Group.objects.create(name="Staff"))
        markers[kind] = page
    other_root = ArticleIndexPageFactory(
        parent=Page.get_first_root_node(), locale=locales["en"]
    )
    Site.objects.create(hostname="other.example", port=80, root_page=other_root)
    markers["other-site"] = publish(planted(other_root, f"{prefix}-other-site", topic))
    draft_translation = translate(
        visible, locales["ko"], slug=f"{prefix}-ko-draft", title=f"{prefix}-ko-draft"
    )
    draft_translation.unpublish()
    markers["draft-translation"] = draft_translation
    # A live article changed in a draft that was never published.
    visible.title = f"Title {prefix}-unpublished-edit"
    visible.save_revision()
    return [page.slug for page in markers.values()] + [f"{prefix}-unpublished-edit"]


def crawl(
    fetch: Fetch, *, search_terms=("leak", "Body", "Title", "Summary", "Heading")
):
    """Every endpoint in every locale with every ordering, fallback, topic and search,
    following every listed article and its translations. Returns (requests, server
    errors, everything received as one text)."""
    import json

    texts, requests, server_errors = [], 0, []

    def get(path, params=None):
        nonlocal requests
        requests += 1
        status, text = fetch(path, params or {})
        if status >= 500:
            server_errors.append((status, path, params))
        texts.append(text)
        return json.loads(text) if status == 200 else {}

    for locale in LOCALES:
        get("/api/v1/topics/", {"locale": locale})
        sync = get("/api/v1/sync/", {"locale": locale})
        assert sync.get("next_page_token") is None
        for fallback in ("false", "true"):
            for ordering in ORDERINGS:
                listing = get(
                    "/api/v1/articles/",
                    {"locale": locale, "fallback": fallback, "ordering": ordering},
                )
                for item in listing.get("results", []):
                    detail = get(
                        f"/api/v1/articles/{item['slug']}/", {"locale": locale}
                    )
                    for translation in detail.get("translations", []):
                        get(
                            f"/api/v1/articles/{translation['slug']}/",
                            {"locale": locale},
                        )
            for query in search_terms:
                get(
                    "/api/v1/articles/",
                    {"locale": locale, "fallback": fallback, "search": query},
                )
            get(
                "/api/v1/articles/",
                {"locale": locale, "topic": "spine", "fallback": fallback},
            )
    return requests, server_errors, "\n".join(texts)
