"""Search finds words inside titles, summaries and body text in every language,
including Chinese, Japanese and Korean, with title matches first."""

import pytest
from django.db import connection

from tests.conftest import make_index_page, make_locales, shared_data
from tests.factories import ArticlePageFactory, paragraph, publish, section

pytestmark = pytest.mark.django_db

# locale: [(slug, title, body text)]
CORPUS = {
    "en": [
        (
            "en-stem",
            "Stem-cell therapy for spinal degeneration",
            "Cells may calm inflammation.",
        ),
        ("en-knee", "Knee pain in runners", "Cartilage wears with age and load."),
        (
            "en-cartilage",
            "Regenerating knee cartilage",
            "Cell-based options for arthritis.",
        ),
    ],
    "zh-hans": [
        ("zh-stem", "干细胞疗法与脊柱退变", "间充质干细胞可减轻脊髓的炎症。"),
        ("zh-heart", "心脏康复指南", "心肌梗死后的运动训练。"),
    ],
    "ja": [("ja-stem", "幹細胞治療と脊椎の変性", "脊髄損傷のあとに起こる変化。")],
    "ko": [
        (
            "ko-stem",
            "줄기세포치료와 척추 퇴행",
            "척수에 생기는 염증을 줄일 수 있습니다.",
        ),
        ("ko-stroke", "뇌졸중 후 재활", "첫 90일 동안의 운동 계획입니다."),
    ],
    "ar": [
        (
            "ar-stem",
            "العلاج بالخلايا الجذعية",
            "قد تخفف الخلايا الالتهاب في الحبل الشوكي.",
        )
    ],
    "ru": [
        ("ru-stem", "Стволовые клетки и позвоночник", "Клетки уменьшают воспаление.")
    ],
    "vi": [
        ("vi-stem", "Liệu pháp tế bào gốc cho cột sống", "Tế bào có thể giảm viêm.")
    ],
}

# (locale, query, slugs that must be found, in this order where it matters)
RELEVANCE = [
    ("en", "stem cell", ["en-stem"]),
    ("en", "STEM-CELL", ["en-stem"]),
    ("en", "inflammation", ["en-stem"]),
    ("en", "cartilage", ["en-cartilage", "en-knee"]),  # title match first
    ("en", "heart", []),
    ("zh-hans", "干细胞", ["zh-stem"]),
    ("zh-hans", "脊髓", ["zh-stem"]),
    ("zh-hans", "康复", ["zh-heart"]),
    ("zh-hans", "肝脏", []),
    ("ja", "幹細胞", ["ja-stem"]),
    ("ja", "脊髄損傷", ["ja-stem"]),
    ("ko", "줄기세포", ["ko-stem"]),
    ("ko", "척수", ["ko-stem"]),  # inside 척수에, a word with a particle
    ("ko", "재활", ["ko-stroke"]),
    ("ko", "심장", []),
    ("ar", "الجذعية", ["ar-stem"]),
    ("ar", "الشوكي", ["ar-stem"]),
    ("ru", "стволовые", ["ru-stem"]),
    ("ru", "ВОСПАЛЕНИЕ", ["ru-stem"]),
    ("vi", "tế bào gốc", ["vi-stem"]),
    ("vi", "te bao goc", ["vi-stem"]),
]


@pytest.fixture(scope="module")
def corpus_data(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        locales = make_locales()
        index_page = make_index_page(locales)
        make_corpus(index_page, locales)
        yield


@pytest.fixture
def corpus(corpus_data, db):
    return corpus_data


def make_corpus(index_page, locales):
    for code, articles in CORPUS.items():
        for slug, title, text in articles:
            publish(
                ArticlePageFactory(
                    parent=index_page,
                    locale=locales[code],
                    slug=slug,
                    title=title,
                    summary=title,
                    body=[section("1", paragraph(f"<p>{text}</p>"))],
                )
            )


@pytest.mark.parametrize(("locale", "query", "expected"), RELEVANCE)
def test_search_relevance_in_every_language(api, corpus, locale, query, expected):
    response = api.get("/api/v1/articles/", {"locale": locale, "search": query})
    assert response.status_code == 200
    assert [item["slug"] for item in response.json()["results"]] == expected


def test_search_never_crosses_locales(api, corpus):
    response = api.get("/api/v1/articles/", {"locale": "ko", "search": "stem"})
    assert response.json()["results"] == []


@pytest.mark.parametrize(
    "query", ["%", "_", "' OR 1=1 --", ".*", "[a-z]+", "\\", "%' ; DROP TABLE x; --"]
)
def test_sql_and_regex_metacharacters_are_searched_literally(api, corpus, query):
    response = api.get("/api/v1/articles/", {"search": query})
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize("query", ["x" * 10_000, "stem\x00cell"])
def test_overlong_or_nul_search_is_a_400(api, query):
    response = api.get("/api/v1/articles/", {"search": query})
    assert response.status_code == 400
    assert "search" in response.json()["error"]["details"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_on_postgresql_the_search_text_has_a_trigram_index(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["articles_api_document_search_trgm"],
        )
        (definition,) = cursor.fetchone()
    assert "gin_trgm_ops" in definition


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_on_postgresql_a_common_word_is_tested_in_the_text_by_strpos(
    api, corpus, monkeypatch
):
    """Walked in listing order, the text is tested by strpos, whose share of rows the
    planner takes to be a third: with LIKE's near-none it read and sorted every
    article of the language rather than walk until a page was full."""
    from django.test.utils import CaptureQueriesContext

    from api import search_index

    monkeypatch.setitem(search_index.FEW, "postgresql", 0)  # every word common
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/articles/", {"search": "cartilage"})
    assert [item["slug"] for item in response.json()["results"]] == [
        "en-cartilage",
        "en-knee",
    ]
    walked = captured[-1]["sql"]  # the other matches, after the title matches
    assert 'strpos("articles_api_articledocument"."search_text"' in walked
    assert '"search_title"::text LIKE' in walked  # short titles: LIKE is kept
