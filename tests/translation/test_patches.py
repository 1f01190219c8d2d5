"""The patches of wagtail-localize and Wagtail (articles/translation/patches.py): they
write what the code they replace would write, for every kind of segment, and start-up
fails clearly when a name they rely on is gone or wagtail-localize is a release they
were not tested with."""

import importlib.metadata
import re

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    StringSegment,
    TemplateSegment,
    TranslationContext,
    TranslationSource,
)

from articles.translation import patches
from articles.translation.checks import (
    check_patched_names,
    check_wagtail_localize_version,
)
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
from tests.translation.helpers import wagtail_localize_own_refresh

INLINE_KEY = re.compile(r"^article_topics\.[0-9a-f-]{36}\.")


@pytest.fixture(autouse=True)
def bulk_refresh_installed():
    patches.install_bulk_segment_refresh()


# Parity: the same rows as wagtail-localize's own refresh_segments --------------------


def every_kind_of_segment(index_page):
    """An article whose segments are of all four kinds: strings, templates (rich
    text), related objects (topics, author) and overridable values (a figure's
    image, a call to action's URL)."""
    topic, author = TopicFactory(), ClinicianFactory()
    body = [
        section(
            "Results",
            paragraph("<p>Most patients <b>walked</b> again.</p><p>Some did not.</p>"),
            block(
                "figure",
                {"image": ImageFactory().pk, "alt_text": "An MRI", "caption": "MRI"},
            ),
            block(
                "numbered_list",
                {"start": None, "items": items({"text": "Walk", "sub_items": items()})},
            ),
            block(
                "call_to_action",
                {
                    "label": "Book a visit",
                    "description": "",
                    "url": "https://hospital.example/book",
                    "page": None,
                    "phone": "",
                },
            ),
        ),
    ]

    def make():
        return publish(
            ArticlePageFactory(
                parent=index_page, body=body, topics=[topic], author=author
            )
        )

    return make


def segment_rows(page) -> dict[str, list]:
    source = TranslationSource.objects.get(object_id=page.translation_key)

    def rows(model, *fields):
        return sorted(
            (s.order, path_of(s), s.context.field_path, *fields_of(s, fields))
            for s in model.objects.filter(source=source)
            .exclude(context__path__in=["title", "slug"])  # differ by construction
            .select_related("context")
        )

    def path_of(segment):
        # Each page's topic rows have their own keys, by construction.
        return INLINE_KEY.sub("article_topics.<key>.", segment.context.path)

    def fields_of(segment, fields):
        return tuple(str(getattr(segment, name)) for name in fields)

    return {
        "string": rows(StringSegment, "string_id", "attrs"),
        "template": rows(TemplateSegment, "template_id"),
        "related_object": rows(RelatedObjectSegment, "object_id"),
        "overridable": rows(OverridableSegment, "data_json"),
    }


def test_bulk_refresh_writes_every_kind_of_segment_as_wagtail_localize_would(
    index_page,
):
    make = every_kind_of_segment(index_page)
    ours, theirs = make(), make()
    TranslationSource.get_or_create_from_instance(ours)
    with wagtail_localize_own_refresh():
        TranslationSource.get_or_create_from_instance(theirs)

    expected = segment_rows(theirs)
    assert all(expected.values()), {kind: len(v) for kind, v in expected.items()}
    assert segment_rows(ours) == expected


def test_refreshing_again_keeps_every_kind_of_segment(index_page):
    page = every_kind_of_segment(index_page)()
    source, _created = TranslationSource.get_or_create_from_instance(page)
    before = segment_rows(page)

    source.refresh_segments()

    assert segment_rows(page) == before


# Start-up checks ----------------------------------------------------------------------


def test_the_installed_releases_pass_the_start_up_checks():
    assert check_patched_names() == []
    assert check_wagtail_localize_version() == []


@pytest.mark.parametrize(
    ("owner", "name"),
    [
        (TranslationContext, "_get_path_id"),
        (TranslationSource, "create_or_update_translation"),
    ],
)
def test_a_missing_private_name_fails_the_start_up_check(monkeypatch, owner, name):
    monkeypatch.delattr(owner, name)

    (error,) = check_patched_names()

    assert error.id == "articles_translation.E001"
    assert f"{owner.__name__}.{name} is missing" in error.msg
    with pytest.raises(SystemCheckError, match="articles_translation.E001"):
        call_command("check")


@pytest.mark.parametrize("version", ["1.13.2", "1.15.0", "2.0"])
def test_an_untested_wagtail_localize_release_fails_the_start_up_check(
    monkeypatch, version
):
    real = importlib.metadata.version
    monkeypatch.setattr(
        importlib.metadata,
        "version",
        lambda name: version if name == "wagtail-localize" else real(name),
    )

    (error,) = check_wagtail_localize_version()

    assert error.id == "articles_translation.E002"
    assert f"wagtail-localize {version} is installed" in error.msg


def test_patches_are_installed_once_whatever_the_number_of_calls():
    patches.install_bulk_segment_refresh()
    patches.install_batched_indexing_of_translations(batched=lambda: None)
    refresh = TranslationSource.refresh_segments
    build = TranslationSource.create_or_update_translation
    assert refresh.keeps_translations and build.indexes_once
    assert not getattr(refresh.__wrapped__, "keeps_translations", False)
    assert not getattr(build.__wrapped__, "indexes_once", False)
