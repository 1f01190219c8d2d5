"""Each path that writes an article ends in a publish, which builds the API document
(`api.documents.serialize_article`), or in a preview, which serializes the draft the
same way: hostile content from any of them is served clean. Where a path refuses the
hostile input itself, the test also writes it past that check, as a bug could, and
the document is clean all the same."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import RequestFactory
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringTranslation,
)
from wagtail_localize.strings import StringValue

from articles.blocks import ArticleBodyBlock
from articles.importer import import_articles
from articles.translation.machine import machine_translate
from articles.translation.xliff import REJECTED, export_xliff, import_xliff
from tests.api.test_output_safety import (
    HOSTILE_HTML,
    hostile_raw,
    tell_tales_in,
)
from tests.factories import ArticlePageFactory, paragraph, publish, section
from tests.translation.helpers import (
    save_target,
    segments_of,
    set_target,
    submit,
    submit_like_the_admin,
    unit_id_with,
)

pytestmark = pytest.mark.django_db

LINK = "https://example.org/trial"
SOURCE_HTML = f'<p>Read <a href="{LINK}">the <b>STEM-1</b> trial</a> first.</p>'
HOSTILE_SEGMENT = (
    '<img src=x onerror="alert(1)">Lies <a id="a1" href="javascript:alert(1)" '
    'onclick="alert(1)">here</a><script>alert(1)</script><b style="x">b</b>'
)


@pytest.fixture
def source(index_page):
    """A published English article whose paragraph links to a trial."""
    return publish(
        ArticlePageFactory(
            parent=index_page,
            slug="trial",
            body=[section("Overview", paragraph(SOURCE_HTML), anchor="overview")],
        )
    )


def served(api, slug: str, locale: str = "en") -> dict:
    response = api.get(f"/api/v1/articles/{slug}/", {"locale": locale})
    assert response.status_code == 200
    return response.json()


def first_html(data: dict) -> str:
    return data["body"][0]["content"][0]["html"]


# The preview --------------------------------------------------------------------------


def test_the_preview_of_a_hostile_draft_is_served_clean(api, index_page, settings):
    settings.CMS_PREVIEW_URL = "https://www.hospital.example/preview?token={token}"
    page = publish(ArticlePageFactory(parent=index_page, slug="a"))
    page.body = hostile_raw(ArticleBodyBlock(), "javascript:alert(1)")
    page.disclaimer = HOSTILE_HTML
    redirect = page.serve_preview(RequestFactory().get("/"), "")
    token = parse_qs(urlsplit(redirect["Location"]).query)["token"][0]

    response = api.get("/api/v1/preview/", {"token": token})

    assert response.status_code == 200
    assert tell_tales_in(response.json()) == []
    assert "Safe words" in response.json()["disclaimer"]


# The importer -------------------------------------------------------------------------

HOSTILE_FILE = """<article lang="en">
<h1>Hostile import</h1>
<p class="lead">What the old site held.</p>
<h2 id="overview">Overview</h2>
<p onclick="alert(1)">Words <a href="javascript:alert(1)">one</a>
<a href="JaVaScRiPt:alert(1)">two</a> <a href=" &#9;javascript:alert(1)">three</a>
<a href="//evil.example/x">four</a> <a href="data:text/html,x">five</a>
<a href="https://example.org/" style="color:red" onmouseover="alert(1)">six</a>
<img src="x" onerror="alert(1)"></p>
<script>alert(1)</script><style>p { color: red }</style>
<svg><script>alert(1)</script></svg>
<iframe src="https://tracker.example/frame"></iframe>
<ul><li onclick="alert(1)">Item <a href="vbscript:msgbox(1)">seven</a></li></ul>
</article>
"""


def test_an_imported_hostile_html_file_is_served_clean(api, index_page, tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(HOSTILE_FILE)

    report = import_articles(paths=[path], language_code="en", publish=True)

    assert report.files[0].published, report.files[0].error
    data = served(api, "hostile")
    assert tell_tales_in(data) == []
    assert '<a href="https://example.org/">six</a>' in first_html(data)


# XLIFF --------------------------------------------------------------------------------


def test_a_hostile_xliff_target_is_refused_and_the_document_stays_clean(
    api, source, locales, django_user_model
):
    translation = submit(source, locales["ko"])
    data = export_xliff(translation)
    unit = unit_id_with(data, "Read ")
    hostile = set_target(
        data, unit, '&lt;img src=x onerror=alert(1)&gt;<g id="a1">here</g>'
    )

    report = import_xliff(
        translation, hostile, django_user_model.objects.create(username="agency")
    )

    assert [r.status for r in report.results if r.segment_id == unit] == [REJECTED]
    save_target(translation, publish=True)
    assert tell_tales_in(served(api, "trial", "ko")) == []


def test_hostile_segment_translations_past_the_xliff_checks_are_served_clean(
    api, source, locales
):
    translation = submit(source, locales["ko"])
    for segment in segments_of(translation):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locales["ko"],
            context=segment.context,
            data=HOSTILE_SEGMENT,
            tool_name="XLIFF",
        )
    StringTranslation.objects.update(has_error=False)

    save_target(translation, publish=True)

    data = served(api, "trial", "ko")
    assert tell_tales_in(data) == []
    assert "Lies" in first_html(data)


# Machine translation ------------------------------------------------------------------


class HostileTranslator(BaseMachineTranslator):
    """A provider whose answers carry scripts, handlers and script links."""

    display_name = "Hostile"

    def __init__(self):
        super().__init__({})

    def can_translate(self, source_locale, target_locale) -> bool:
        return True

    def translate(self, source_locale, target_locale, strings):
        return {string: StringValue(HOSTILE_SEGMENT) for string in strings}


def test_hostile_machine_translations_are_served_clean(api, source, locales):
    translation = submit(source, locales["ko"])

    result = machine_translate(translation, None, translator=HostileTranslator())

    assert result.with_errors == result.segments > 0
    save_target(translation, publish=True)
    assert tell_tales_in(served(api, "trial", "ko")) == []

    # Past wagtail-localize's own check (which keeps them out of the page):
    StringTranslation.objects.update(has_error=False)
    save_target(translation, publish=True)
    data = served(api, "trial", "ko")
    assert tell_tales_in(data) == []
    assert "Lies" in first_html(data)


# The translation editor's link overrides ----------------------------------------------


@pytest.mark.parametrize(
    "value", ["javascript:alert(1)", " \tjavascript:alert(1)", "//evil.example"]
)
def test_a_hostile_link_override_written_past_the_editor_is_served_clean(
    api, source, locales, value
):
    translation = submit_like_the_admin(source, locales["ko"])
    segment = OverridableSegment.objects.get(
        source=translation.source, data_json=json.dumps(LINK)
    )
    SegmentOverride.objects.create(
        locale=locales["ko"], context=segment.context, data_json=json.dumps(value)
    )

    save_target(translation, publish=True)

    data = served(api, "trial", "ko")
    assert tell_tales_in(data) == []
    assert "<a>the <b>STEM-1</b> trial</a>" in first_html(data)
