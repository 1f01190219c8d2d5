"""Page slugs may be translated; a slug is unique among its siblings, so within one
locale's tree, and the same slug may live in two locales."""

import pytest
from django.core.exceptions import ValidationError
from wagtail_localize.models import OverridableSegment, SegmentOverride
from wagtail_localize.operations import translate_object

from articles.models import ArticlePage
from tests.factories import ArticlePageFactory, publish, translate

from .helpers import localized, save_target, segments_of, submit, translate_segments

pytestmark = pytest.mark.django_db


def test_a_translation_may_have_its_own_slug(index_page, locales):
    source = publish(ArticlePageFactory(parent=index_page, slug="stem-cells"))
    korean = translate(source, locales["ko"], slug="줄기세포-치료")
    assert korean.slug == "줄기세포-치료"
    assert korean.translation_key == source.translation_key


def test_the_same_slug_may_be_used_in_two_locales(index_page, locales):
    source = publish(ArticlePageFactory(parent=index_page, slug="stem-cells"))
    korean = translate(source, locales["ko"])
    assert korean.slug == source.slug == "stem-cells"


def test_a_slug_is_unique_among_the_siblings_of_one_locale(index_page, locales):
    source = publish(ArticlePageFactory(parent=index_page, slug="stem-cells"))
    korean = translate(source, locales["ko"], slug="줄기세포")
    other = publish(ArticlePageFactory(parent=index_page, slug="knee"))
    korean_other = translate(other, locales["ko"], slug="무릎")
    korean_other.slug = "줄기세포"
    with pytest.raises(ValidationError) as error:
        korean_other.full_clean()
    assert "slug" in error.value.message_dict
    assert korean.get_parent().pk == korean_other.get_parent().pk


def test_wagtail_localize_keeps_the_source_slug(index_page, locales):
    """What "Translate this page" does: each locale has its own tree, so the
    translation needs no -ko suffix, which would only be noise in shared URLs."""
    source = publish(ArticlePageFactory(parent=index_page, slug="stem-cells"))
    translate_object(source, [locales["ko"], locales["ar"]])
    slugs = set(
        ArticlePage.objects.filter(translation_key=source.translation_key).values_list(
            "slug", flat=True
        )
    )
    assert slugs == {"stem-cells"}


def test_the_slug_is_not_a_segment_so_translating_everything_keeps_it(
    index_page, locales
):
    source = publish(ArticlePageFactory(parent=index_page, slug="stem-cells"))
    translation = localized(source, locales["ko"])  # every segment translated
    assert "stem-cells" not in {s.string.data for s in segments_of(translation)}
    korean = ArticlePage.objects.get(
        translation_key=source.translation_key, locale=locales["ko"]
    )
    assert korean.slug == "stem-cells"
    assert korean.title.startswith("[ko]")


def test_a_translator_may_override_the_slug(index_page, locales):
    source = publish(ArticlePageFactory(parent=index_page, slug="stem-cells"))
    translation = submit(source, locales["ko"])
    overridable = OverridableSegment.objects.get(
        source=translation.source, context__path="slug"
    )
    SegmentOverride.objects.create(
        locale=locales["ko"], context=overridable.context, data_json='"julgi-sepo"'
    )
    translate_segments(translation)
    korean = save_target(translation, publish=True)
    # (wagtail-localize slugifies overrides without allow_unicode: a Hangul slug
    # comes through only when typed on the page itself, as in the first test.)
    assert korean.slug == "julgi-sepo"
