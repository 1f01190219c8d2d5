"""Detail and listing cost a constant number of queries, whatever the article's size or
the page's length: their JSON is built when the article is published."""

import pytest

from tests.factories import (
    ArticlePageFactory,
    ClinicianFactory,
    ImageFactory,
    TopicFactory,
    block,
    items,
    paragraph,
    publish,
    section,
)

pytestmark = pytest.mark.django_db


def big_body(n: int, image) -> list[dict]:
    return [
        section(
            f"Section {i}",
            paragraph(),
            block("bullet_list", {"items": items(*[f"Point {j}" for j in range(n)])}),
            block(
                "image",
                {"image": image.pk, "alt_text": "Scan", "caption": "", "credit": ""},
            ),
        )
        for i in range(n)
    ]


@pytest.fixture
def articles(index_page):
    def make(count: int, size: int):
        image = ImageFactory()
        topics = [TopicFactory() for _ in range(size)]
        for i in range(count):
            publish(
                ArticlePageFactory(
                    parent=index_page,
                    slug=f"article-{count}-{size}-{i}",
                    hero_image=image,
                    body=big_body(size, image),
                    topics=topics,
                    author=ClinicianFactory(photo=image),
                )
            )
        return topics

    return make


@pytest.mark.parametrize("size", [1, 50])
def test_detail_uses_at_most_three_queries_whatever_its_size(
    api, articles, size, django_assert_max_num_queries
):
    articles(1, size)
    with django_assert_max_num_queries(3):
        response = api.get(f"/api/v1/articles/article-1-{size}-0/")
    assert response.status_code == 200
    assert len(response.json()["body"]) == size


@pytest.mark.parametrize(("count", "size"), [(1, 1), (50, 5)])
def test_listing_uses_at_most_three_queries_whatever_its_length(
    api, articles, count, size, django_assert_max_num_queries
):
    topics = articles(count, size)
    with django_assert_max_num_queries(3):
        response = api.get(
            "/api/v1/articles/", {"page_size": 100, "topic": topics[0].slug}
        )
    assert len(response.json()["results"]) == count


def test_fallback_detail_uses_at_most_three_queries(
    api, articles, locales, django_assert_max_num_queries
):
    articles(1, 5)
    with django_assert_max_num_queries(3):
        response = api.get("/api/v1/articles/article-1-5-0/", {"locale": "zh-hant"})
    assert response.json()["is_fallback"] is True
