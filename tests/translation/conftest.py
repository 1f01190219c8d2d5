import pytest

from articles.translation.roles import setup_roles
from tests.factories import publish


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
