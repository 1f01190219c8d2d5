"""Only live, public articles of the site appear anywhere in the API."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction, Site

from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    paragraph,
    publish,
    section,
    translate,
)

pytestmark = pytest.mark.django_db


def everything_the_api_says(api) -> str:
    """Every listing, search and detail response of every locale, as one text."""
    texts = []
    for locale in ["en", "ko"]:
        listing = api.get("/api/v1/articles/", {"locale": locale, "page_size": 100})
        texts.append(listing.content.decode())
        texts.append(
            api.get(
                "/api/v1/articles/", {"locale": locale, "search": "marker"}
            ).content.decode()
        )
        texts.append(api.get("/api/v1/topics/", {"locale": locale}).content.decode())
        for item in listing.json()["results"]:
            texts.append(
                api.get(
                    f"/api/v1/articles/{item['slug']}/", {"locale": locale}
                ).content.decode()
            )
    return "\n".join(texts)


def marked(parent, marker: str, **fields):
    return ArticlePageFactory(
        parent=parent,
        title=f"Article {marker}",
        slug=marker,
        body=[section("Overview", paragraph(f"<p>{marker}</p>"))],
        **fields,
    )


@pytest.fixture
def public_article(index_page):
    return publish(marked(index_page, "public-article"))


def test_public_article_is_visible(api, public_article):
    assert "public-article" in everything_the_api_says(api)


def test_draft_never_appears(api, public_article, index_page):
    marked(index_page, "draft-marker", live=False)
    assert "draft-marker" not in everything_the_api_says(api)
    assert api.get("/api/v1/articles/draft-marker/").status_code == 404


def test_unpublished_article_disappears(api, index_page):
    page = publish(marked(index_page, "unpublished-marker"))
    assert api.get("/api/v1/articles/unpublished-marker/").status_code == 200
    page.unpublish()
    assert "unpublished-marker" not in everything_the_api_says(api)
    assert api.get("/api/v1/articles/unpublished-marker/").status_code == 404


def test_draft_changes_of_a_live_article_are_not_served(api, public_article):
    public_article.title = "Draft title marker"
    public_article.save_revision()
    assert "Draft title marker" not in everything_the_api_says(api)


@pytest.mark.parametrize("restriction", ["password", "login", "groups"])
def test_view_restricted_articles_never_appear(api, index_page, restriction):
    page = publish(marked(index_page, f"restricted-{restriction}-marker"))
    view_restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction, password="secret"
    )
    if restriction == "groups":
        view_restriction.groups.add(Group.objects.create(name="Staff"))
    assert f"restricted-{restriction}-marker" not in everything_the_api_says(api)
    assert (
        api.get(f"/api/v1/articles/restricted-{restriction}-marker/").status_code == 404
    )


def test_restriction_on_the_index_hides_the_articles_below(api, index_page):
    publish(marked(index_page, "below-restricted-marker"))
    PageViewRestriction.objects.create(page=index_page, restriction_type="login")
    assert "below-restricted-marker" not in everything_the_api_says(api)
    PageViewRestriction.objects.filter(page=index_page).delete()
    assert "below-restricted-marker" in everything_the_api_says(api)


def test_articles_of_another_site_never_appear(api, index_page, locales):
    other_index = ArticleIndexPageFactory(
        parent=Page.get_first_root_node(), locale=locales["en"]
    )
    Site.objects.create(hostname="other.example", port=80, root_page=other_index)
    publish(marked(other_index, "other-site-marker"))
    assert "other-site-marker" not in everything_the_api_says(api)
    assert api.get("/api/v1/articles/other-site-marker/").status_code == 404
    # ...while that site's own host sees it.
    response = api.get("/api/v1/articles/other-site-marker/", HTTP_HOST="other.example")
    assert response.status_code == 200


def test_a_draft_translation_is_not_listed_among_translations(
    api, public_article, locales
):
    draft = translate(public_article, locales["ko"], slug="draft-ko-marker")
    draft.unpublish()
    data = api.get("/api/v1/articles/public-article/").json()
    assert [t["locale"] for t in data["translations"]] == ["en"]
    assert "draft-ko-marker" not in everything_the_api_says(api)


def test_rich_text_links_to_unreadable_pages_lose_their_href(api, index_page):
    hidden = marked(index_page, "hidden-target-marker", live=False)
    publish(
        ArticlePageFactory(
            parent=index_page,
            slug="linking",
            body=[
                section(
                    "Links",
                    paragraph(
                        f'<p>See <a linktype="page" id="{hidden.pk}">this</a>.</p>'
                    ),
                )
            ],
        )
    )
    html = api.get("/api/v1/articles/linking/").json()["body"][0]["content"][0]["html"]
    assert html == "<p>See <a>this</a>.</p>"


def test_rich_text_links_to_another_sites_pages_lose_their_href(
    api, index_page, locales
):
    other_index = ArticleIndexPageFactory(
        parent=Page.get_first_root_node(), locale=locales["en"]
    )
    Site.objects.create(hostname="other.example", port=80, root_page=other_index)
    elsewhere = publish(marked(other_index, "elsewhere-marker"))
    link = f'<p>See <a linktype="page" id="{elsewhere.pk}">this</a>.</p>'
    publish(
        ArticlePageFactory(
            parent=index_page, slug="linking", body=[section("Links", paragraph(link))]
        )
    )
    html = api.get("/api/v1/articles/linking/").json()["body"][0]["content"][0]["html"]
    assert html == "<p>See <a>this</a>.</p>"
