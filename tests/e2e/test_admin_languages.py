"""The admin screens this project adds, as a translator whose admin language is
Simplified Chinese or Arabic sees them in a real browser, on a desktop (1280x800) and
a phone (390x844): the document says its language and direction, nothing overflows
sideways, none of the project's English labels shows, and axe-core finds no serious or
critical accessibility violation in the project's own markup.

Wagtail's and wagtail-localize's own markup is not ours to fix: axe runs on the whole
page, and what it finds outside the project's elements is printed (run with `-s`),
not asserted. Each screen leaves a screenshot per locale and width.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, TranslationSource
from wagtail_localize.operations import translate_object

from articles.translation.roles import setup_roles, translators_group_name
from tests.factories import ArticlePageFactory, member, publish
from tests.translation.helpers import translate_everything

pytestmark = [
    pytest.mark.e2e,
    # As in test_editorial_flow: the live server sees committed data only.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = {"zh-hans": "ltr", "ar": "rtl"}
# The report's count of its two articles, in each language's plural form.
TWO_ARTICLES = {"zh-hans": "2 篇文章", "ar": "مقالان"}
# The task the translator's article waits in, on their dashboard.
MEDICAL_REVIEW = {"zh-hans": "医学审核", "ar": "المراجعة الطبية"}
VIEWPORTS = [{"width": 1280, "height": 800}, {"width": 390, "height": 844}]

# The project's own English labels (articles/translation) and the names `setup_roles`
# stores in English: none may show in another admin language.
ENGLISH = [
    "Translation status",
    "Any cell in state",
    "Translated, awaiting review",
    "Send to medical review",
    "Translation check",
    "Next flagged segment",
    "Download XLIFF",
    "Upload XLIFF",
    "Check source changes",
    "Source changes to check",
    "Nothing to check",
    "Edit in the translation editor",
    "Medical review",
    "Medical reviewers",
    "Translators: ",
]

# The elements this project renders (templates under articles/translation/templates
# and the editor tools its scripts insert). Everything else is Wagtail's.
OURS = ", ".join(
    [
        ".translation-status",
        ".translation-review-tools",
        ".xliff-links",
        ".translation-marks",
        ".translation-demoted",
        ".changed-segments",
        ".translation-check",
        "[data-articles-translation]",
    ]
)
SERIOUS = {"serious", "critical"}


@dataclass
class Screen:
    name: str
    url: str
    ready: str  # a selector that is there once the screen is complete
    shows: str = ""  # a text the screen must show


@pytest.fixture
def translated(team, indexes, locales) -> dict[str, dict]:
    """For each of zh-hans and ar: a translator whose admin language it is, a live
    English article translated into it with wagtail-localize (every segment done),
    and a second one its translator has sent to Medical review."""
    publish(indexes["en"].copy_for_translation(locales["ar"]).specific)
    setup_roles()  # the Arabic translators' pages, now that there is an index
    editor = get_user_model().objects.get(username=team["editor"])
    translators = {
        "zh-hans": get_user_model().objects.get(username=team["zh-hans"]),
        "ar": member("ar-translator", translators_group_name("ar")),
    }
    for code, user in translators.items():
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = code
        profile.save()

    def translate(slug: str, title: str) -> dict:
        source = publish(
            ArticlePageFactory(parent=indexes["en"], slug=slug, title=title)
        )
        translate_object(source, [locales[code] for code in LANGUAGES], user=editor)
        translation_source = TranslationSource.objects.get_for_instance(source)
        result = {}
        for code in LANGUAGES:
            for segment in translation_source.stringsegment_set.select_related(
                "string"
            ):
                StringTranslation.objects.create(
                    translation_of=segment.string,
                    locale=locales[code],
                    context=segment.context,
                    data=f"[{code}] {segment.string.data}",
                )
            result[code] = translation_source.translations.get(
                target_locale=locales[code]
            )
        return result

    in_editor = translate("spine", "Spine care")
    in_review = translate("hip", "Hip care")
    for code, user in translators.items():
        page = in_review[code].get_target_instance().specific
        page.save_revision(user=user)
        page.get_workflow().start(page, user)

    return {
        code: {
            "username": translators[code].username,
            "screens": [
                Screen(
                    "status",
                    reverse("articles_translation_status"),
                    "table.translation-status",
                    shows=TWO_ARTICLES[code],
                ),
                Screen(
                    "editor",
                    reverse(
                        "wagtailadmin_pages:edit",
                        args=[in_editor[code].get_target_instance().id],
                    ),
                    ".translation-review-tools",
                ),
                Screen(
                    "check",
                    reverse("articles_translation_check", args=[in_editor[code].pk]),
                    ".translation-check",
                ),
                Screen(
                    "changes",
                    reverse("articles_changed_segments", args=[in_editor[code].pk]),
                    "main",
                ),
                Screen(
                    "dashboard",
                    reverse("wagtailadmin_home"),
                    "main",
                    shows=MEDICAL_REVIEW[code],
                ),
            ],
        }
        for code in LANGUAGES
    }


def problems_on(
    page: Page, code: str, screen: Screen, wagtails: list[str]
) -> list[str]:
    """What is wrong with the screen open in `page` for a `code` admin; violations
    in Wagtail's markup go to `wagtails` instead."""
    problems = []
    lang, direction = page.evaluate(
        "[document.documentElement.lang, document.documentElement.dir]"
    )
    if lang != code or direction != LANGUAGES[code]:
        problems.append(f"<html lang={lang!r} dir={direction!r}>")
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if scroll > client:
        problems.append(f"the document is {scroll}px wide in a {client}px window")
    text = page.evaluate("document.body.innerText")
    problems += [
        f"English shows: {english!r}" for english in ENGLISH if english in text
    ]

    results = Axe().run(page)
    for violation in results.response["violations"]:
        if violation["impact"] not in SERIOUS:
            continue
        for node in violation["nodes"]:
            target = node["target"]
            ours = len(target) == 1 and page.evaluate(
                "([selector, ours]) =>"
                " !!document.querySelector(selector)?.closest(ours)",
                [target[0], OURS],
            )
            line = f"axe {violation['impact']} {violation['id']}: {node['html'][:160]}"
            (problems if ours else wagtails).append(line)
    return problems


def test_project_admin_screens_speak_chinese_and_arabic_at_desktop_and_phone_width(
    translated, log_in, screenshots
):
    # (`translated` first: the set-up is done before the browser starts.)
    problems, wagtails = [], []
    for code, translator in translated.items():
        page = log_in(translator["username"])
        for screen in translator["screens"]:
            for viewport in VIEWPORTS:
                page.set_viewport_size(viewport)
                page.goto(screen.url)
                page.wait_for_selector(screen.ready)
                page.wait_for_load_state("networkidle")
                where = f"{code} {screen.name} {viewport['width']}px"
                found: list[str] = []
                problems += [
                    f"{where}: {p}" for p in problems_on(page, code, screen, found)
                ]
                wagtails += [f"{where}: {line}" for line in found]
                screenshots.take(page, f"{code}-{screen.name}-{viewport['width']}")

    print("\nViolations in Wagtail's own markup:", *wagtails, sep="\n  ")  # noqa: T201
    assert problems == []


# wagtail-localize's own editor, which a Korean translator met half in English until
# this app's catalogues completed its Korean (articles/translation/
# wagtail_localize_strings.py, views/editor_catalogue.py, provenance.py).
WAGTAIL_LOCALIZE_ENGLISH = [
    "Download PO file",
    "Upload PO file",
    "Translate all missing strings",
    "Translate with",
    "Convert to alias page",
    "Translated manually",
    "December",
    "한국어 translation",  # its heading, "English to Korean translation"
]
WAGTAIL_LOCALIZE_KOREAN = [
    "PO 파일 다운로드",
    "PO 파일 업로드",
    "에 직접 번역함",
    "영어 → 한국어 번역",
]


def test_wagtail_localizes_editor_speaks_korean_to_a_korean_translator(
    team, indexes, locales, log_in, screenshots
):
    translator = get_user_model().objects.get(username=team["ko"])
    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = "ko"
    profile.save()
    editor = get_user_model().objects.get(username=team["editor"])
    source = publish(
        ArticlePageFactory(parent=indexes["en"], slug="knee", title="Knee care")
    )
    translate_object(source, [locales["ko"]], user=editor)
    translation = TranslationSource.objects.get_for_instance(source).translations.get(
        target_locale=locales["ko"]
    )
    translate_everything(translation, prefix="[ko] ")
    url = reverse(
        "wagtailadmin_pages:edit", args=[translation.get_target_instance().id]
    )

    page = log_in(team["ko"])
    shown = {}
    for viewport in VIEWPORTS:
        page.set_viewport_size(viewport)
        page.goto(url)
        page.wait_for_selector(".translation-review-tools")
        page.wait_for_load_state("networkidle")
        shown[viewport["width"]] = page.evaluate("document.body.innerText")
        screenshots.take(page, f"ko-wagtail-localize-editor-{viewport['width']}")

    for width, text in shown.items():
        assert [
            english for english in WAGTAIL_LOCALIZE_ENGLISH if english in text
        ] == []
        assert [ko for ko in WAGTAIL_LOCALIZE_KOREAN if ko not in text] == [], width
