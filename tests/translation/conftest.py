import pytest
from wagtail_localize.models import Translation
from wagtail_localize.operations import translate_object

from articles.translation.roles import setup_roles
from tests.factories import ArticlePageFactory, publish


@pytest.fixture
def indexes(index_page, locales):
    """The English index (site root) and its Korean and Chinese translations."""
    result = {"en": index_page}
    for code in ("ko", "zh-hans"):
        copy = index_page.copy_for_translation(locales[code])
        result[code] = publish(copy.specific)
    return result


@pytest.fixture
def roles(indexes):
    """The groups and the Medical review workflow of `setup_roles`, over those."""
    setup_roles()


@pytest.fixture
def korean(roles, indexes, locales):
    """A live English article and its Korean translation, a draft not yet reviewed
    (what wagtail-localize's editor opens): {"translation", "page"}."""
    article = publish(
        ArticlePageFactory(parent=indexes["en"], slug="spine", title="Spine care")
    )
    translate_object(article, [locales["ko"]])
    translation = Translation.objects.get(
        source__object_id=article.translation_key, target_locale=locales["ko"]
    )
    return {"translation": translation, "page": translation.get_target_instance()}
