"""A long article can be saved from the admin: its form posts one field per input
(about 1,300 for 40 sections), past Django's default limit of 1,000 fields."""

import pytest

from articles.models import ArticlePage
from articles.richtext import editor_stream_data
from tests.factories import ArticlePageFactory, publish
from tests.translation.helpers import long_body

from .edit_form import edit_url, unmodified_edit_form_data

pytestmark = pytest.mark.django_db


def test_a_forty_section_article_saves_from_the_admin(
    client, index_page, django_user_model
):
    page = ArticlePageFactory(parent=index_page, slug="forty", live=False)
    page.body = editor_stream_data(page.body.stream_block, long_body(40))
    publish(page)
    client.force_login(
        django_user_model.objects.create_superuser("editor", "e@example.org", "x")
    )
    data = unmodified_edit_form_data(client, page)
    data = data.copy()
    data["summary"] = "Saved in full."

    response = client.post(edit_url(page), data)

    assert len(data) > 1_000
    assert response.status_code == 302
    assert ArticlePage.objects.get(
        pk=page.pk
    ).get_latest_revision_as_object().summary == ("Saved in full.")
