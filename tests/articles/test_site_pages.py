"""The CMS's own pages (the reference front end and the editors' preview) serve each
article under its own language's URL, say in <head> what the API says about it
(canonical URL, hreflang alternates, JSON-LD, Open Graph), offer the languages it
exists in, tell a reader whose language is missing which one they are reading, and
lay the article out for a patient: byline and disclaimer first, a table of
contents, linkable section headings and references, tables that scroll alone."""

import json
import re
from html.parser import HTMLParser

import pytest

from api.documents import rebuild_site_documents
from api.models import HeadlessPreviewSettings
from tests.factories import (
    ArticlePageFactory,
    ClinicianFactory,
    block,
    paragraph,
    publish,
    section,
    translate,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(index_page, locales):
    """A live English article with a table, a subsection, a reference and a
    disclaimer, translated into Chinese (Simplified) and Arabic."""
    source = publish(
        ArticlePageFactory(
            parent=index_page,
            slug="spine-care",
            title="Spine care",
            medical_reviewer=ClinicianFactory(name="Dr Kim"),
            body=[
                section("Overview", paragraph(), anchor="overview"),
                section(
                    "Results",
                    block(
                        "table",
                        {
                            "data": [["Group", "Patients"], ["Cells", "24"]],
                            "first_row_is_table_header": True,
                            "first_col_is_header": False,
                            "table_caption": "Trial results",
                        },
                    ),
                    anchor="results",
                ),
                section("Safety", paragraph(), level=3, anchor="safety"),
            ],
            references=[
                (
                    "reference",
                    {"citation": "Kim J. Spine. 2024.", "doi": "10.5555/x.1"},
                )
            ],
            disclaimer="<p>This is general information.</p>",
        )
    )
    return {
        "en": source,
        "zh-hans": translate(source, locales["zh-hans"], title="脊柱护理"),
        "ar": translate(source, locales["ar"], title="رعاية العمود الفقري"),
    }


class Head(HTMLParser):
    """The links, meta properties and JSON-LD of a page's <head>."""

    def __init__(self, html: str):
        super().__init__()
        self.links: list[dict] = []
        self.meta: dict[str, list[str]] = {}
        self.json_ld: list[str] = []
        self._in_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta" and "property" in attrs:
            self.meta.setdefault(attrs["property"], []).append(attrs["content"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True

    def handle_endtag(self, tag):
        self._in_ld = False if tag == "script" else self._in_ld

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(data)

    @property
    def canonical(self) -> str:
        return next(link["href"] for link in self.links if link["rel"] == "canonical")

    @property
    def alternates(self) -> list[dict]:
        return [
            {"hreflang": link["hreflang"], "href": link["href"]}
            for link in self.links
            if link["rel"] == "alternate"
        ]


def get_page(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response
    return response, response.content.decode()


def api_detail(client, page):
    response = client.get(
        f"/api/v1/articles/{page.slug}/", {"locale": page.locale.language_code}
    )
    assert response.status_code == 200
    return response.json()


def test_a_language_with_no_translation_redirects_along_its_fallback_chain(
    client, article
):
    # zh-hant reads zh-hans first (CMS_LOCALE_FALLBACKS), not the default English.
    response = client.get("/zh-hant/spine-care/?utm_source=app")

    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/spine-care/?utm_source=app"


def test_a_language_with_no_translation_and_no_chain_redirects_to_the_source(
    client, article
):
    response = client.get("/ja/spine-care/")

    assert response.status_code == 302
    assert response["Location"] == "/en/spine-care/"


def test_the_index_of_a_language_without_one_redirects_too(client, article):
    response = client.get("/zh-hant/")

    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/"


@pytest.mark.parametrize("code", ["en", "zh-hans", "ar"])
def test_head_says_what_the_api_says(client, article, code):
    page = article[code]

    _response, html = get_page(client, page.url)
    head = Head(html)
    detail = api_detail(client, page)

    assert head.canonical == detail["seo"]["canonical_url"]
    assert head.alternates == detail["seo"]["alternates"]
    assert json.loads("".join(head.json_ld)) == detail["json_ld"]
    assert head.meta["og:url"] == [detail["seo"]["canonical_url"]]
    assert head.meta["og:type"] == ["article"]


def test_head_follows_the_front_end_url_template_like_the_api(client, article):
    site = article["en"].get_site()
    HeadlessPreviewSettings.objects.update_or_create(
        site=site,
        defaults={"frontend_url_template": "https://www.hospital.example{path}"},
    )
    rebuild_site_documents.call(site.pk)

    _response, html = get_page(client, article["ar"].url)
    head = Head(html)

    assert head.canonical == "https://www.hospital.example/ar/spine-care/"
    assert {
        "hreflang": "zh-Hans",
        "href": "https://www.hospital.example/zh-hans/spine-care/",
    } in head.alternates
    assert head.alternates[-1] == {
        "hreflang": "x-default",
        "href": "https://www.hospital.example/en/spine-care/",
    }


def test_open_graph_names_the_locale_and_its_alternates(client, article):
    _response, html = get_page(client, article["zh-hans"].url)
    head = Head(html)

    assert head.meta["og:locale"] == ["zh_CN"]
    assert head.meta["og:locale:alternate"] == ["en_US", "ar_EG"]


def test_json_ld_cannot_close_its_script_element(client, index_page):
    page = publish(
        ArticlePageFactory(parent=index_page, title="Pain </script><b>relief</b>")
    )

    _response, html = get_page(client, page.url)

    assert "</script><b>" not in html
    assert "Pain \\u003C/script\\u003E" in html


def test_switcher_offers_the_languages_the_article_is_live_in(client, article, locales):
    draft = article["en"].copy_for_translation(locales["ko"], copy_parents=True)
    draft.save_revision()  # a Korean draft: not offered

    _response, html = get_page(client, article["ar"].url)
    switcher = re.search(r'<nav class="languages".*?</nav>', html, re.S).group(0)

    assert re.findall(r'href="([^"]+)"', switcher) == [
        "/en/spine-care/",
        "/zh-hans/spine-care/",
        "/ar/spine-care/",
    ]
    assert 'lang="zh-Hans"' in switcher
    assert (
        '<a href="/ar/spine-care/" lang="ar" hreflang="ar" dir="rtl" '
        'aria-current="page">العربيّة</a>' in switcher
    )


def test_a_reader_whose_language_is_missing_is_told_in_their_language(client, article):
    response, html = get_page(
        client, article["en"].url, HTTP_ACCEPT_LANGUAGE="ja-JP,ja;q=0.9"
    )

    notice = re.search(r'<p class="notice"[^>]*>(.*?)</p>', html, re.S)
    assert notice is not None
    assert 'lang="ja"' in notice.group(0)
    assert "日本語" in notice.group(1)
    assert "English" in notice.group(1)
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(
    "accept_language", ["zh-CN,zh;q=0.9", "en-US,en;q=0.9", "", "xx"]
)
def test_no_notice_when_the_readers_language_is_there_or_unknown(
    client, article, accept_language
):
    _response, html = get_page(
        client, article["en"].url, HTTP_ACCEPT_LANGUAGE=accept_language
    )

    assert 'class="notice"' not in html


def test_byline_and_disclaimer_come_before_the_body(client, article):
    _response, html = get_page(client, article["en"].url)

    reviewer = html.index("Medically reviewed by <bdi>Dr Kim</bdi>")
    reviewed = html.index('Last reviewed <time datetime="2026-09-01">')
    disclaimer = html.index('<aside class="disclaimer"')
    body = html.index('<section id="overview">')
    assert reviewer < reviewed < disclaimer < body


def test_table_of_contents_links_every_section_and_the_references(client, article):
    _response, html = get_page(client, article["en"].url)
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)

    targets = re.findall(r'href="#([^"]+)"', toc)
    assert targets == ["overview", "results", "safety", "references"]
    for anchor in targets:
        assert f'id="{anchor}"' in html
    # The subsection is nested under its section.
    assert re.search(r'href="#results">Results</a>\s*<ol><li><a href="#safety"', toc)


def test_each_section_heading_links_to_its_stable_anchor(client, article):
    _response, html = get_page(client, article["zh-hans"].url)

    assert re.search(
        r'<h2 class="section-heading">[^<]*<a class="anchor-link" href="#overview"'
        r' aria-label="[^"]+">#</a></h2>',
        html,
    )


def test_references_have_ids_and_isolated_citations(client, article):
    _response, html = get_page(client, article["ar"].url)

    assert '<h2 id="references-heading" class="section-heading">المراجع' in html
    assert '<li id="ref-1"><bdi>Kim J. Spine. 2024.</bdi>' in html
    assert '<a href="https://doi.org/10.5555/x.1">doi:10.5555/x.1</a>' in html


def test_a_table_scrolls_in_its_own_labelled_box(client, article):
    _response, html = get_page(client, article["en"].url)

    assert re.search(
        r'<div class="table-scroll" role="region" tabindex="0" '
        r'aria-label="Trial results">\s*<table>',
        html,
    )


def test_index_page_offers_its_languages_and_alternates(client, article):
    index = article["ar"].get_parent()

    _response, html = get_page(client, index.url)
    head = Head(html)

    assert head.canonical == "http://testserver/ar/"
    assert [a["hreflang"] for a in head.alternates] == [
        "en",
        "zh-Hans",
        "ar",
        "x-default",
    ]
    assert 'href="/ar/spine-care/"' in html


def test_an_index_with_no_articles_says_so(client, index_page):
    _response, html = get_page(client, index_page.url)

    assert "No articles have been published in this language yet." in html


def test_preview_of_a_draft_shows_the_drafts_head(article):
    page = article["en"]
    page.title = "Spine care, revised"
    draft = page.save_revision().as_object()

    response = draft.make_preview_request()
    html = response.rendered_content

    assert response.status_code == 200
    ld = json.loads("".join(Head(html).json_ld))
    assert ld["headline"] == "Spine care, revised"


def test_a_language_with_its_own_index_but_not_the_article_redirects_too(
    client, article, locales
):
    # Japanese has its index (setup_locale), not this article.
    publish(article["en"].get_parent().copy_for_translation(locales["ja"]).specific)

    response = client.get("/ja/spine-care/")

    assert response.status_code == 302
    assert response["Location"] == "/en/spine-care/"
    assert client.get("/ja/no-such-article/").status_code == 404
