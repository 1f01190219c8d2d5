"""DeepL follows the termbase: the approved terms of a language pair are synced to a
DeepL glossary (made again, the old one deleted, when they change) and named in every
request; a glossary DeepL refuses is one message and nothing is written. Against a
fake DeepL on 127.0.0.1."""

import pytest
from wagtail_localize.models import StringTranslation

from articles.models import DeepLGlossary, Term
from articles.translation.machine import MachineTranslationError, machine_translate
from tests.factories import ArticlePageFactory, concept, paragraph, section

from .fake_provider import FakeProvider
from .test_machine_translation import start_translation, translator_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def deepl():
    fake = FakeProvider().start()
    yield fake
    fake.stop()


@pytest.fixture
def translation(index_page, locales):
    page = ArticlePageFactory(
        parent=index_page,
        body=[section("Overview", paragraph("<p>Stem cells repair the disc.</p>"))],
    )
    return start_translation(page, locales["ko"])


def test_the_termbase_goes_to_deepl_as_a_glossary_used_in_each_request(
    deepl, translation, locales
):
    concept("stem-cell", en="stem cell", ko=["줄기세포", "!간세포"])
    concept("disc", en="intervertebral disc", ko="추간판")
    concept("english-only", en="spine")

    machine_translate(translation, None, translator=translator_for("deepl", deepl.url))

    glossary, translate = deepl.requests
    assert glossary.path == "/v2/glossaries"
    assert glossary.body["entries_format"] == "tsv"
    assert (
        glossary.body["entries"] == "intervertebral disc\t추간판\nstem cell\t줄기세포"
    )
    assert (glossary.body["source_lang"], glossary.body["target_lang"]) == ("EN", "KO")
    assert translate.path == "/v2/translate"
    assert translate.body["glossary_id"] == DeepLGlossary.objects.get().glossary_id


def test_an_unchanged_termbase_reuses_the_glossary_and_a_change_remakes_it(
    deepl, translation, locales
):
    concept("stem-cell", en="stem cell", ko="줄기세포")
    translator = translator_for("deepl", deepl.url)
    machine_translate(translation, None, translator=translator)
    StringTranslation.objects.all().delete()
    machine_translate(translation, None, translator=translator)
    assert [r.path for r in deepl.requests] == [
        "/v2/glossaries",
        "/v2/translate",
        "/v2/translate",
    ]
    old = DeepLGlossary.objects.get().glossary_id

    Term.objects.filter(text="줄기세포").update(text="줄기 세포")
    StringTranslation.objects.all().delete()
    machine_translate(translation, None, translator=translator)

    new = DeepLGlossary.objects.get().glossary_id
    assert new != old
    assert [r.path for r in deepl.requests[3:]] == [
        "/v2/glossaries",
        f"/v2/glossaries/{old}",
        "/v2/translate",
    ]


def test_a_pair_without_terms_sends_no_glossary(deepl, translation):
    machine_translate(translation, None, translator=translator_for("deepl", deepl.url))
    (request,) = deepl.requests
    assert "glossary_id" not in request.body


def test_a_glossary_deepl_refuses_is_one_message_and_writes_nothing(deepl, translation):
    concept("stem-cell", en="stem cell", ko="줄기세포")
    deepl.mode, deepl.status = "status", 403

    with pytest.raises(MachineTranslationError, match="check the API key"):
        machine_translate(
            translation, None, translator=translator_for("deepl", deepl.url)
        )

    assert not StringTranslation.objects.exists()
    assert not DeepLGlossary.objects.exists()
