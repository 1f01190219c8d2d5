"""Machine translation: the editor's "Translate with ..." button fills every
untranslated segment in one go, leaves manual translations alone, and when a provider
fails (no answer, a refusal, an unreadable answer) says why and writes nothing."""

import os
import subprocess
import sys
import time
from inspect import unwrap
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core.exceptions import ImproperlyConfigured
from django.urls import resolve, reverse
from django.utils.module_loading import import_string
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue, validate_translation_links

from articles.models import ArticleIndexPage, ArticlePage
from articles.translation.machine import (
    DummyTranslator,
    MachineTranslationError,
    is_valid_translation,
    machine_translate,
)
from articles.translation.machine.config import translator_setting_from_env
from articles.translation.views.machine import machine_translate_view
from tests.conftest import make_index_page, make_locales, shared_data
from tests.factories import ArticlePageFactory, block, items, paragraph, section

from .fake_provider import FakeProvider

PROVIDERS = {
    "deepl": ("articles.translation.machine.providers.DeepLTranslator", "DeepL"),
    "google": (
        "articles.translation.machine.providers.GoogleTranslator",
        "Google Translate",
    ),
    "libretranslate": (
        "articles.translation.machine.providers.LibreTranslateTranslator",
        "LibreTranslate",
    ),
}
DUMMY = {"CLASS": "articles.translation.machine.providers.DummyTranslator"}


# Helpers ------------------------------------------------------------------------------


@pytest.fixture
def provider():
    fake = FakeProvider().start()
    yield fake
    fake.stop()


def provider_setting(name: str, url: str, **options) -> dict:
    options = {"API_KEY": "test-key", "BASE_URL": url, "TIMEOUT": 2, **options}
    return {"CLASS": PROVIDERS[name][0], "OPTIONS": options}


def translator_for(name: str, url: str, **options):
    setting = provider_setting(name, url, **options)
    return import_string(setting["CLASS"])(setting["OPTIONS"])


def bullet_list(*texts: str) -> dict:
    return block("bullet_list", {"items": items(*texts)})


def numbered_list(*steps: tuple[str, list[str]]) -> dict:
    return block(
        "numbered_list",
        {
            "start": None,
            "items": items(
                *({"text": text, "sub_items": items(*points)} for text, points in steps)
            ),
        },
    )


def make_article(index_page):
    return ArticlePageFactory(
        parent=index_page,
        title="Knee cartilage regeneration",
        summary="How new cartilage can grow back.",
        body=[
            section(
                "Overview",
                paragraph(
                    "<p>Cartilage does not heal on its own.</p>"
                    '<p>See <a href="https://example.org/study">the study</a> '
                    "for <b>details</b>.</p>"
                ),
                bullet_list("Less pain", "Better movement"),
            ),
            section(
                "The treatment",
                numbered_list(("Cells are collected", ["Under local anaesthetic"])),
                paragraph("<p>Cartilage does not heal on its own.</p>"),
            ),
        ],
    )


def start_translation(page, locale, *, with_page: bool = True) -> Translation:
    """What "Translate this page" does: a source, a translation, and a draft of the
    translated page for the editor to open (which machine translation itself does not
    need)."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locale)
    if with_page:
        translation.save_target(publish=False)
    return translation


def segments_of(translation) -> list[StringSegment]:
    return list(
        StringSegment.objects.filter(source=translation.source)
        .select_related("string", "context")
        .order_by("order")
    )


def string_translations(translation) -> dict[str, StringTranslation]:
    """Each translated segment's StringTranslation, by source text and path."""
    found = {}
    for segment in segments_of(translation):
        string_translation = StringTranslation.objects.filter(
            translation_of=segment.string,
            context=segment.context,
            locale=translation.target_locale,
        ).first()
        if string_translation:
            found[(segment.context.path, segment.string.data)] = string_translation
    return found


def translate_manually(translation, source_text: str, text: str) -> StringTranslation:
    segment = next(s for s in segments_of(translation) if s.string.data == source_text)
    return StringTranslation.objects.create(
        translation_of=segment.string,
        context=segment.context,
        locale=translation.target_locale,
        data=text,
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )


@pytest.fixture(scope="module")
def shared_article(django_db_setup, django_db_blocker):
    """An article and its Korean translation, made once for the module (each test
    runs in a savepoint, so what one test writes is gone for the next)."""
    with shared_data(django_db_blocker):
        article = make_article(make_index_page(make_locales()))
        ko = Locale.objects.get(language_code="ko")
        yield article, start_translation(article, ko)


@pytest.fixture
def article(shared_article, db):
    return shared_article[0]


@pytest.fixture
def ko_translation(shared_article, db):
    return shared_article[1]


# Settings -----------------------------------------------------------------------------


def test_setting_is_off_when_no_provider_is_named():
    assert translator_setting_from_env({}) is None
    assert translator_setting_from_env({"CMS_MACHINE_TRANSLATION": "none"}) is None


def test_setting_uses_the_given_default_when_no_provider_is_named():
    setting = translator_setting_from_env({}, default="dummy")
    assert setting == {"CLASS": DUMMY["CLASS"], "OPTIONS": {}}
    assert (
        translator_setting_from_env(
            {"CMS_MACHINE_TRANSLATION": "none"}, default="dummy"
        )
        is None
    )


@pytest.mark.parametrize("name", PROVIDERS)
def test_setting_for_a_provider_carries_its_key_url_and_timeout(name):
    setting = translator_setting_from_env(
        {
            "CMS_MACHINE_TRANSLATION": name.upper(),
            "CMS_MACHINE_TRANSLATION_API_KEY": "secret",
            "CMS_MACHINE_TRANSLATION_URL": "http://127.0.0.1:5000",
            "CMS_MACHINE_TRANSLATION_TIMEOUT": "2.5",
        }
    )
    assert setting == {
        "CLASS": PROVIDERS[name][0],
        "OPTIONS": {
            "API_KEY": "secret",
            "BASE_URL": "http://127.0.0.1:5000",
            "TIMEOUT": 2.5,
        },
    }
    translator = import_string(setting["CLASS"])(setting["OPTIONS"])
    assert translator.display_name == PROVIDERS[name][1]


def test_unknown_provider_stops_start_up_naming_the_known_ones():
    with pytest.raises(ImproperlyConfigured, match="'babelfish' is not a machine") as e:
        translator_setting_from_env({"CMS_MACHINE_TRANSLATION": "babelfish"})
    assert "none, dummy, deepl, google, libretranslate" in str(e.value)


@pytest.mark.parametrize("name", ["deepl", "google"])
def test_deepl_and_google_need_an_api_key(name):
    with pytest.raises(ImproperlyConfigured, match="CMS_MACHINE_TRANSLATION_API_KEY"):
        translator_setting_from_env({"CMS_MACHINE_TRANSLATION": name})


def test_libretranslate_needs_the_server_url_but_no_key():
    with pytest.raises(ImproperlyConfigured, match="CMS_MACHINE_TRANSLATION_URL"):
        translator_setting_from_env({"CMS_MACHINE_TRANSLATION": "libretranslate"})
    setting = translator_setting_from_env(
        {
            "CMS_MACHINE_TRANSLATION": "libretranslate",
            "CMS_MACHINE_TRANSLATION_URL": "https://translate.hospital.example",
        }
    )
    assert setting["OPTIONS"] == {"BASE_URL": "https://translate.hospital.example"}


@pytest.mark.parametrize("timeout", ["0", "-1", "soon"])
def test_timeout_must_be_a_number_of_seconds(timeout):
    with pytest.raises(ImproperlyConfigured, match="CMS_MACHINE_TRANSLATION_TIMEOUT"):
        translator_setting_from_env(
            {
                "CMS_MACHINE_TRANSLATION": "deepl",
                "CMS_MACHINE_TRANSLATION_API_KEY": "k",
                "CMS_MACHINE_TRANSLATION_TIMEOUT": timeout,
            }
        )


def test_provider_url_must_be_http():
    with pytest.raises(ImproperlyConfigured, match="not an http"):
        translator_setting_from_env(
            {
                "CMS_MACHINE_TRANSLATION": "libretranslate",
                "CMS_MACHINE_TRANSLATION_URL": "translate.internal:5000",
            }
        )


def test_settings_import_no_app_code_and_the_app_provides_the_translator():
    # The host's settings only read the environment; the translation app turns
    # CMS_MACHINE_TRANSLATION into wagtail-localize's setting at start-up.
    code = (
        "import sys, cms.settings.dev, cms.settings.test;"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'articles', 'api'}));"
        "import django; django.setup();"
        "from django.conf import settings;"
        "print(settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR['CLASS'])"
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[]", DUMMY["CLASS"]]


# Providers over HTTP ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", PROVIDERS)
def test_provider_fills_every_untranslated_segment_and_keeps_manual_ones(
    name, provider, ko_translation, django_user_model
):
    user = django_user_model.objects.create_user(username="translator")
    manual = translate_manually(ko_translation, "Less pain", "통증 감소")

    result = machine_translate(
        ko_translation, user, translator=translator_for(name, provider.url)
    )

    found = string_translations(ko_translation)
    assert len(found) == len(segments_of(ko_translation))
    machine = [st for st in found.values() if st.pk != manual.pk]
    assert result.segments == len(machine)
    assert result.already_translated == 1
    assert all(
        st.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE
        and st.tool_name == PROVIDERS[name][1]
        and st.last_translated_by == user
        and not st.has_error
        for st in machine
    )
    assert all(st.data.startswith("[") for st in machine)
    manual.refresh_from_db()
    assert (manual.data, manual.translation_type) == ("통증 감소", "manual")
    assert "Less pain" not in provider.texts_received


@pytest.mark.django_db
def test_deepl_request_carries_the_key_languages_and_html_tag_handling(
    provider, ko_translation
):
    machine_translate(
        ko_translation, None, translator=translator_for("deepl", provider.url)
    )
    (request,) = provider.requests
    assert request.path == "/v2/translate"
    assert request.headers["Authorization"] == "DeepL-Auth-Key test-key"
    assert (request.body["source_lang"], request.body["target_lang"]) == ("EN", "KO")
    assert request.body["tag_handling"] == "html"


@pytest.mark.django_db
def test_google_request_carries_the_key_in_a_header_and_asks_for_html(
    provider, article, locales
):
    translation = start_translation(article, locales["zh-hant"])
    machine_translate(
        translation, None, translator=translator_for("google", provider.url)
    )
    (request,) = provider.requests
    assert request.path == "/language/translate/v2"
    assert request.headers["X-Goog-Api-Key"] == "test-key"
    assert (request.body["source"], request.body["target"]) == ("en", "zh-TW")
    assert request.body["format"] == "html"


@pytest.mark.django_db
def test_libretranslate_request_carries_languages_and_asks_for_html(
    provider, article, locales
):
    translation = start_translation(article, locales["zh-hans"])
    machine_translate(
        translation, None, translator=translator_for("libretranslate", provider.url)
    )
    (request,) = provider.requests
    assert request.path == "/translate"
    assert request.body["api_key"] == "test-key"
    assert (request.body["source"], request.body["target"]) == ("en", "zh")
    assert request.body["format"] == "html"


@pytest.mark.django_db
def test_each_distinct_text_is_sent_once_and_used_everywhere_it_appears(
    provider, ko_translation
):
    machine_translate(
        ko_translation, None, translator=translator_for("deepl", provider.url)
    )
    repeated = "Cartilage does not heal on its own."
    assert provider.texts_received.count(repeated) == 1
    found = string_translations(ko_translation)
    twice = [st for (_path, text), st in found.items() if text == repeated]
    assert [st.data for st in twice] == [f"[KO] {repeated}"] * 2
    same_string = StringTranslation.objects.filter(translation_of__data=repeated)
    assert same_string.count() == 2  # one per place (context) in the article


@pytest.mark.django_db
def test_links_and_inline_tags_survive_to_the_translated_page(provider, ko_translation):
    machine_translate(
        ko_translation, None, translator=translator_for("deepl", provider.url)
    )
    found = string_translations(ko_translation)
    link = next(st for (_p, text), st in found.items() if text.startswith("See "))
    assert link.data == '[KO] See <a id="a1">the study</a> for <b>details</b>.'
    assert not link.has_error

    page = ko_translation.source.get_translated_instance(ko_translation.target_locale)
    ko_translation.save_target(publish=False)
    draft = page.get_latest_revision_as_object()
    html = draft.body[0].value["content"][0].value.source
    assert '<a href="https://example.org/study">the study</a>' in html
    assert draft.draft_title == "[KO] Knee cartilage regeneration"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["deepl", "libretranslate"])
def test_requests_stay_within_the_provider_batch_limit(
    name, provider, index_page, locales
):
    article = ArticlePageFactory(
        parent=index_page,
        body=[section("Points", bullet_list(*(f"Point {i}" for i in range(120))))],
    )
    translation = start_translation(article, locales["ko"], with_page=False)
    result = machine_translate(
        translation, None, translator=translator_for(name, provider.url)
    )
    sizes = [len(r.body.get("text") or r.body["q"]) for r in provider.requests]
    assert max(sizes) == 50
    assert sum(sizes) == result.texts > 100


FAILURES = {
    "timeout": (
        {"mode": "hang"},
        "{provider} did not answer within 0.3 seconds.",
    ),
    "forbidden": (
        {"mode": "status", "status": 403},
        "{provider} refused the request (HTTP 403): check the API key.",
    ),
    "quota": (
        {"mode": "status", "status": 456},
        "{provider} refused the request (HTTP 456): the translation quota is used up.",
    ),
    "server error": (
        {"mode": "status", "status": 500},
        "{provider} is not working right now (HTTP 500); try again later.",
    ),
    "not json": (
        {"mode": "malformed"},
        "{provider} returned an answer we could not read.",
    ),
    "missing translation": (
        {"mode": "short"},
        "{provider} returned an answer we could not read.",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("name", PROVIDERS)
def test_provider_failure_gives_a_clear_message_and_writes_nothing(
    name, failure, provider, ko_translation
):
    behaviour, message = FAILURES[failure]
    for attribute, value in behaviour.items():
        setattr(provider, attribute, value)
    translator = translator_for(name, provider.url, TIMEOUT=0.3)

    with pytest.raises(MachineTranslationError) as error:
        machine_translate(ko_translation, None, translator=translator)

    assert str(error.value) == message.format(provider=PROVIDERS[name][1])
    assert not StringTranslation.objects.exists()


@pytest.mark.django_db
def test_failure_in_a_later_batch_writes_nothing_from_the_earlier_ones(
    provider, index_page, locales
):
    article = ArticlePageFactory(
        parent=index_page,
        body=[section("Points", bullet_list(*(f"Point {i}" for i in range(80))))],
    )
    translation = start_translation(article, locales["ko"], with_page=False)
    provider.mode, provider.status, provider.fail_from = "status", 500, 2

    with pytest.raises(MachineTranslationError, match="HTTP 500"):
        machine_translate(
            translation, None, translator=translator_for("deepl", provider.url)
        )
    assert len(provider.requests) == 2
    assert not StringTranslation.objects.exists()


@pytest.mark.django_db
def test_a_provider_that_cannot_be_reached_says_where_it_was_looked_for(
    ko_translation,
):
    stopped = FakeProvider().start()
    url = stopped.url
    stopped.stop()
    with pytest.raises(MachineTranslationError) as error:
        machine_translate(
            ko_translation, None, translator=translator_for("libretranslate", url)
        )
    assert str(error.value) == (
        f"LibreTranslate could not be reached at {url.removeprefix('http://')}."
    )
    assert not StringTranslation.objects.exists()


@pytest.mark.django_db
def test_a_refusal_the_provider_explains_is_passed_on(provider, ko_translation):
    provider.mode, provider.status = "status", 400
    with pytest.raises(MachineTranslationError) as error:
        machine_translate(
            ko_translation, None, translator=translator_for("google", provider.url)
        )
    assert str(error.value) == (
        "Google Translate refused the request (HTTP 400): Refused by the fake."
    )


class BrokenMarkupTranslator(BaseMachineTranslator):
    display_name = "Broken markup"

    def can_translate(self, source_locale, target_locale):
        return True

    def translate(self, source_locale, target_locale, strings):
        return {string: StringValue(f"<div>{string.data}</div>") for string in strings}


@pytest.mark.django_db
def test_translation_with_markup_the_editor_refuses_is_kept_but_flagged(
    ko_translation,
):
    result = machine_translate(
        ko_translation, None, translator=BrokenMarkupTranslator({})
    )
    assert result.with_errors == result.segments > 0
    assert all(st.has_error for st in StringTranslation.objects.all())


# The dummy provider -----------------------------------------------------------------


@pytest.mark.django_db
def test_dummy_translates_a_whole_multi_section_article_that_then_saves(
    ko_translation,
):
    result = machine_translate(ko_translation, None, translator=DummyTranslator({}))

    total = len(segments_of(ko_translation))
    assert result.segments == total == len(string_translations(ko_translation))
    assert result.texts == total - 1  # one paragraph appears twice
    ko_translation.save_target(publish=False)
    page = ArticlePage.objects.get(
        translation_key=ko_translation.source.object_id,
        locale=ko_translation.target_locale,
    )
    draft = page.get_latest_revision_as_object()
    assert draft.title == "regeneration cartilage Knee"
    assert [s.value["heading"] for s in draft.body] == ["Overview", "treatment The"]
    steps = draft.body[1].value["content"][0].value["items"]
    assert steps[0]["sub_items"][0].source == "anaesthetic local Under"


@pytest.mark.django_db
def test_when_everything_is_translated_nothing_is_sent_again(provider, ko_translation):
    translator = translator_for("deepl", provider.url)
    machine_translate(ko_translation, None, translator=translator)
    again = machine_translate(ko_translation, None, translator=translator)
    assert (again.segments, again.texts) == (0, 0)
    assert again.already_translated == len(segments_of(ko_translation))
    assert len(provider.requests) == 1


def big_article(index_page, *, sections: int = 40):
    """Sections of a heading, ten paragraphs and a nine-point list: 20 segments each."""
    return ArticlePageFactory(
        parent=index_page,
        title="A long article",
        body=[
            section(
                f"Section {n}",
                paragraph(
                    "".join(
                        f"<p>Paragraph {n}.{i} about <b>cartilage</b>.</p>"
                        for i in range(10)
                    )
                ),
                bullet_list(*(f"Point {n}.{i}" for i in range(9))),
            )
            for n in range(sections)
        ],
    )


class TimedDummyTranslator(DummyTranslator):
    """The dummy provider, counting the time spent in it (the provider's latency)."""

    spent = 0.0

    def translate(self, source_locale, target_locale, strings):
        started = time.perf_counter()
        try:
            return super().translate(source_locale, target_locale, strings)
        finally:
            self.spent += time.perf_counter() - started


@pytest.mark.django_db
def test_an_800_segment_article_takes_few_queries_and_under_a_second(
    index_page, locales, django_assert_max_num_queries
):
    translation = start_translation(
        big_article(index_page), locales["ko"], with_page=False
    )
    translation = Translation.objects.select_related(
        "source__locale", "target_locale"
    ).get(pk=translation.pk)
    segments = len(segments_of(translation))
    assert segments >= 800
    translator = TimedDummyTranslator({})

    started = time.perf_counter()
    with django_assert_max_num_queries(20) as queries:
        result = machine_translate(translation, None, translator=translator)
    elapsed = time.perf_counter() - started

    assert result.segments == segments
    print(  # noqa: T201
        f"{segments} segments: {len(queries)} queries, {elapsed:.3f} s "
        f"({translator.spent:.3f} s of it in the dummy provider)"
    )
    assert elapsed - translator.spent < 1.0


# The admin ----------------------------------------------------------------------------


def machine_translate_url(translation) -> str:
    return reverse("wagtail_localize:machine_translate", args=[translation.pk])


def admin_user(django_user_model, username: str, *, may_edit: Page):
    """A user of the admin who may edit the pages under `may_edit`."""
    group = Group.objects.create(name=f"Editors of {may_edit.pk} ({username})")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=may_edit,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user = django_user_model.objects.create_user(username=username, password="x")
    user.groups.add(group)
    return user


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_editors_button_is_answered_by_the_bulk_view():
    """wagtail-localize's editor posts to its own URL name: the path is ours."""
    url = reverse("wagtail_localize:machine_translate", args=[1])
    assert unwrap(resolve(url).func) is unwrap(machine_translate_view)


# "Sync translated pages" with machine translation ------------------------------------


def sync_url(translation) -> str:
    return reverse("wagtail_localize:update_translations", args=[translation.source_id])


@pytest.mark.django_db
def test_sync_with_machine_translation_uses_the_bulk_provider_call(
    admin_client_logged_in, settings, provider, article, ko_translation
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = provider_setting(
        "deepl", provider.url
    )
    article.summary = "A summary written after the translation was submitted."
    article.save()  # saved, not published: the editor syncs by hand

    response = admin_client_logged_in.post(
        sync_url(ko_translation), {"use_machine_translation": "on"}
    )

    assert response.status_code == 302
    found = string_translations(ko_translation)
    assert len(found) == len(segments_of(ko_translation))
    assert (
        found[
            ("summary", "A summary written after the translation was submitted.")
        ].data
        == "[KO] A summary written after the translation was submitted."
    )
    assert {st.tool_name for st in found.values()} == {"DeepL"}
    assert len(provider.requests) == 1  # every distinct text in one batch


@pytest.mark.django_db
def test_sync_with_a_failing_provider_says_why_and_writes_nothing(
    admin_client_logged_in, settings, provider, article, ko_translation
):
    provider.mode, provider.status = "status", 456
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = provider_setting(
        "deepl", provider.url
    )
    source = ko_translation.source
    article.summary = "A summary written after the translation was submitted."
    article.save()  # saved, not published: the editor syncs by hand
    before = (source.content_json, StringTranslation.objects.count())

    response = admin_client_logged_in.post(
        sync_url(ko_translation), {"use_machine_translation": "on"}
    )

    assert response.status_code == 302
    assert response.url == sync_url(ko_translation)
    assert messages_of(response) == [
        "Nothing was synced or translated. DeepL refused the request (HTTP 456): "
        "the translation quota is used up."
    ]
    source.refresh_from_db()
    assert (source.content_json, StringTranslation.objects.count()) == before


@pytest.mark.django_db
def test_translator_of_the_locale_machine_translates_from_the_editor(
    client, settings, ko_translation, django_user_model
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DUMMY
    ko_index = ArticleIndexPage.objects.get(locale=ko_translation.target_locale)
    client.force_login(admin_user(django_user_model, "ko", may_edit=ko_index))
    editor_url = "/admin/pages/99/edit/"

    response = client.post(machine_translate_url(ko_translation), {"next": editor_url})

    assert response.status_code == 302
    assert response.url == editor_url
    total = len(segments_of(ko_translation))
    assert messages_of(response) == [
        f"Translated {total} segments with Dummy translator."
    ]
    assert StringTranslation.objects.filter(tool_name="Dummy translator").count() == (
        total
    )


@pytest.mark.django_db
def test_user_who_may_not_edit_the_translated_page_is_refused(
    client, settings, ko_translation, index_page, django_user_model
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DUMMY
    client.force_login(admin_user(django_user_model, "en-only", may_edit=index_page))

    response = client.post(machine_translate_url(ko_translation))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert not StringTranslation.objects.exists()


@pytest.mark.django_db
def test_provider_failure_is_shown_in_the_editor_and_nothing_is_written(
    admin_client_logged_in, settings, provider, ko_translation
):
    provider.mode, provider.status = "status", 403
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = provider_setting(
        "deepl", provider.url
    )

    response = admin_client_logged_in.post(
        machine_translate_url(ko_translation), {"next": "/admin/pages/1/edit/"}
    )

    assert response.url == "/admin/pages/1/edit/"
    assert messages_of(response) == [
        "Nothing was translated. "
        "DeepL refused the request (HTTP 403): check the API key."
    ]
    assert not StringTranslation.objects.exists()


@pytest.mark.django_db
def test_nothing_left_to_translate_is_said_so(
    admin_client_logged_in, settings, ko_translation
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DUMMY
    url = machine_translate_url(ko_translation)
    admin_client_logged_in.post(url)
    response = admin_client_logged_in.post(url)
    assert messages_of(response)[-1] == "There isn't anything left to translate."


@pytest.mark.django_db
def test_without_a_configured_provider_the_translator_is_told_so(
    admin_client_logged_in, settings, ko_translation
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    response = admin_client_logged_in.post(machine_translate_url(ko_translation))
    assert response.url == reverse("wagtailadmin_home")
    assert messages_of(response) == [
        "Nothing was translated. Machine translation is not configured."
    ]
    assert not StringTranslation.objects.exists()


@pytest.mark.django_db
def test_machine_translation_is_only_done_on_post(
    admin_client_logged_in, settings, ko_translation
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DUMMY
    response = admin_client_logged_in.get(machine_translate_url(ko_translation))
    assert response.status_code == 405
    assert not StringTranslation.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "Less pain",
        "  Two words ",
        "Ice &amp; rest",
        "a &gt; b",
        'See <a id="a1">it</a>',
    ],
)
def test_quick_dummy_answers_exactly_as_wagtail_localizes_dummy(text):
    from wagtail_localize.machine_translators.dummy import (
        DummyTranslator as LocalizeDummy,
    )

    strings = [StringValue(text)]
    assert DummyTranslator({}).translate(None, None, strings) == LocalizeDummy(
        {}
    ).translate(None, None, strings)


@pytest.mark.parametrize(
    ("source", "translated"),
    [
        ("Less pain", "통증 감소"),
        ("<b>Less</b> pain", "통증 <b>감소</b>"),
        ('See <a id="a1">it</a>', '<a id="a1">그것</a>을 보세요'),
        ("One<br/>two", "하나<br>둘"),
        ("<b>Less</b> pain", "<div>통증</div>"),
        ("<b>Less</b> pain", '<b class="x">통증</b>'),
        ('See <a id="a1">it</a>', '<a id="a2">그것</a>'),
        ("Less pain", "<i>통증</i>"),
    ],
)
def test_quick_markup_check_agrees_with_wagtail_localizes(source, translated):
    try:
        StringValue.from_translated_html(translated)
        validate_translation_links(source, translated)
        expected = True
    except ValueError:
        expected = False
    assert is_valid_translation(source, translated) is expected


@pytest.mark.django_db
def test_the_translation_editor_offers_the_configured_provider(
    admin_client_logged_in, settings, ko_translation
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DUMMY
    page = ko_translation.get_target_instance()
    response = admin_client_logged_in.get(
        reverse("wagtailadmin_pages:edit", args=[page.pk])
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Dummy translator" in content
    assert machine_translate_url(ko_translation) in content
