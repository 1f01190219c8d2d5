import pytest
from django.conf import settings
from wagtail.models import Locale, Page, Site

from .factories import ArticleIndexPageFactory


@pytest.fixture
def locales(db) -> dict[str, Locale]:
    """Every configured content locale."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }


@pytest.fixture
def index_page(locales):
    """The English article index, as the root of the default site."""
    root = Page.get_first_root_node()
    index = ArticleIndexPageFactory(parent=root, locale=locales["en"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": index},
    )
    return index


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password="x"
    )
    client.force_login(user)
    return client
