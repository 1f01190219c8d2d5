"""A language model as machine translator, through the OpenAI-compatible
chat-completions API, against a fake server on 127.0.0.1: the request carries the
model, the termbase's approved terms and the style guide, markup travels as
placeholders and comes back intact or the text is refused; every failure is one
clear message and nothing is written; machine output lands as machine output and
goes through the quality checks."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from wagtail_localize.models import StringTranslation

from articles.models import TranslationStyleGuide
from articles.translation.machine import MachineTranslationError, machine_translate
from articles.translation.machine.config import translator_setting_from_env
from articles.translation.machine.llm import mask_tags
from articles.translation.qa.run import check_translation
from tests.factories import ArticlePageFactory, concept, paragraph, section

from .fake_provider import FakeProvider
from .test_machine_translation import start_translation

pytestmark = pytest.mark.django_db

ENV = {
    "CMS_MACHINE_TRANSLATION": "llm",
    "CMS_MACHINE_TRANSLATION_URL": "http://127.0.0.1:11434",
    "CMS_MACHINE_TRANSLATION_MODEL": "qwen2.5:14b",
}


@pytest.fixture
def server():
    fake = FakeProvider().start()
    yield fake
    fake.stop()


def translator(url: str, **options):
    setting = translator_setting_from_env({**ENV, "CMS_MACHINE_TRANSLATION_URL": url})
    setting["OPTIONS"].update({"TIMEOUT": 0.5, **options})
    return import_string(setting["CLASS"])(setting["OPTIONS"])


@pytest.fixture
def translation(index_page, locales):
    page = ArticlePageFactory(
        parent=index_page,
        title="Stem cells",
        body=[
            section(
                "Overview",
                paragraph(
                    "<p>Stem cells repair the disc.</p>"
                    '<p>Read <a href="https://example.org/s">the <b>study</b></a>.</p>'
                ),
            )
        ],
    )
    return start_translation(page, locales["ko"])


def translated(translation) -> dict[str, StringTranslation]:
    return {
        t.translation_of.data: t
        for t in StringTranslation.objects.filter(
            locale=translation.target_locale
        ).select_related("translation_of")
    }


# Settings ----------------------------------------------------------------------


def test_the_setting_carries_the_url_and_model_and_a_key_only_if_given():
    setting = translator_setting_from_env(ENV)
    assert (
        setting["CLASS"] == "articles.translation.machine.llm.LanguageModelTranslator"
    )
    assert setting["OPTIONS"] == {
        "BASE_URL": "http://127.0.0.1:11434",
        "MODEL": "qwen2.5:14b",
    }


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("CMS_MACHINE_TRANSLATION_URL", "needs CMS_MACHINE_TRANSLATION_URL"),
        ("CMS_MACHINE_TRANSLATION_MODEL", "needs CMS_MACHINE_TRANSLATION_MODEL"),
    ],
)
def test_the_url_and_the_model_are_required(missing, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        translator_setting_from_env({**ENV, missing: ""})


# Requests -----------------------------------------------------------------------


def test_the_request_carries_the_model_terms_style_guide_and_placeholders(
    server, translation, locales
):
    concept("stem-cell", en="stem cell", ko="줄기세포")
    TranslationStyleGuide.objects.create(
        locale=locales["ko"], guide="Address the patient politely."
    )

    machine_translate(translation, None, translator=translator(server.url))

    (request,) = server.requests
    assert request.path == "/v1/chat/completions"
    body = request.body
    assert (body["model"], body["response_format"]) == (
        "qwen2.5:14b",
        {"type": "json_object"},
    )
    system = body["messages"][0]["content"]
    assert "stem cell → 줄기세포" in system
    assert "Address the patient politely." in system
    texts = json.loads(body["messages"][1]["content"])["texts"]
    assert "Read ⟦1⟧the ⟦2⟧study⟦3⟧⟦4⟧." in texts
    assert not any("<" in text for text in texts)
    assert "Authorization" not in request.headers  # no key configured


def test_the_key_travels_as_a_bearer_token(server, translation):
    machine_translate(
        translation, None, translator=translator(server.url, API_KEY="sk-test")
    )
    assert server.requests[0].headers["Authorization"] == "Bearer sk-test"


def test_markup_comes_back_and_output_is_machine_output_checked_by_qa(
    server, translation
):
    result = machine_translate(translation, None, translator=translator(server.url))

    rows = translated(translation)
    link = rows['Read <a id="a1">the <b>study</b></a>.']
    assert link.data == '[LLM] Read <a id="a1">the <b>study</b></a>.'
    assert link.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE
    assert link.tool_name == "Language model"
    assert result.segments == len(rows)
    report = check_translation(translation)
    assert any(f.check == "machine_output" for f in report.findings)


def test_a_text_whose_markup_comes_back_broken_is_refused(server, translation):
    server.mode = "broken_markup"

    machine_translate(translation, None, translator=translator(server.url))

    rows = translated(translation)
    assert 'Read <a id="a1">the <b>study</b></a>.' not in rows  # refused
    assert rows["Stem cells repair the disc."].data.startswith("[LLM]")


def test_placeholders_come_back_only_when_intact():
    masked = mask_tags("Take <b>5 mg</b>.")
    assert masked.text == "Take ⟦1⟧5 mg⟦2⟧."
    assert masked.restore("⟦1⟧5 mg⟦2⟧를 드세요.") == "<b>5 mg</b>를 드세요."
    assert masked.restore("5 mg⟦2⟧를 드세요.") is None
    assert masked.restore("⟦1⟧⟦1⟧5 mg⟦2⟧") is None


# Failures: one clear message, nothing written ------------------------------------

FAILURES = {
    "timeout": ({"mode": "hang"}, "Language model did not answer within 0.5 seconds."),
    "rate-limit": (
        {"mode": "status", "status": 429},
        "Language model refused the request (HTTP 429): too many requests; try "
        "again in a minute.",
    ),
    "not-json": (
        {"mode": "malformed"},
        "Language model returned an answer we could not read.",
    ),
    "prose": (
        {"mode": "prose"},
        "Language model returned an answer we could not read.",
    ),
    "short": (
        {"mode": "short"},
        "Language model returned an answer we could not read.",
    ),
    "refusal": (
        {"mode": "refusal"},
        "Language model declined to translate these texts.",
    ),
    "cut-off": (
        {"mode": "cut"},
        "Language model's answer was cut off before the end; nothing was written.",
    ),
}


@pytest.mark.parametrize("failure", FAILURES)
def test_each_failure_is_one_message_and_writes_nothing(server, translation, failure):
    behaviour, message = FAILURES[failure]
    for attribute, value in behaviour.items():
        setattr(server, attribute, value)

    with pytest.raises(MachineTranslationError) as error:
        machine_translate(translation, None, translator=translator(server.url))

    assert str(error.value) == message
    assert not StringTranslation.objects.exists()


def test_a_translator_without_a_model_says_so(server, translation):
    broken = translator(server.url, MODEL="")
    with pytest.raises(MachineTranslationError, match="no model configured"):
        machine_translate(translation, None, translator=broken)
