"""The `terms` quality check: a source term whose approved translation the target
does not use is a warning; a forbidden variant in the target is an error. Checked in
every content language, through the registry as translators meet it."""

import pytest
from django.utils.translation import override

from articles.translation.qa import registered
from articles.translation.qa.base import ERROR, WARNING, Segment
from articles.translation.terms.check import check_terms
from articles.translation.terms.snapshot import termbase_for_run
from tests.factories import concept

pytestmark = pytest.mark.django_db


@pytest.fixture
def termbase(locales):
    concept(
        "stem-cell",
        en="stem cell",
        ko=["줄기세포", "!간세포"],
        zh_hans=["干细胞", "!肝细胞"],
        ja="幹細胞",
        ru="стволовая клетка",
        ar=["خلية جذعية", "خلايا جذعية"],  # broken plurals are terms of their own
        vi="tế bào gốc",
    )
    concept("disc", en="intervertebral disc", ko="추간판", ru="межпозвонковый диск")


def findings(source: str, target: str, target_language: str) -> list[tuple]:
    with override("en"):
        return [
            (f.severity, f.message, f.detail)
            for f in check_terms(Segment("u1", source, target, "en", target_language))
        ]


@pytest.mark.parametrize(
    ("language", "target"),
    [
        ("ko", "줄기세포는 추간판을 회복시킵니다."),
        ("zh-hans", "干细胞可以修复椎间盘。"),
        ("ja", "幹細胞は椎間板を修復します。"),
        ("ru", "Стволовые клетки восстанавливают межпозвонковые диски."),
        ("ar", "تُصلح الخلايا الجذعية القرص."),
        ("vi", "Tế bào gốc phục hồi đĩa đệm."),
    ],
)
def test_a_translation_using_the_approved_terms_passes(termbase, language, target):
    assert (
        findings("Stem cells repair the intervertebral disc.", target, language) == []
    )


def test_a_missing_approved_term_is_a_warning(termbase):
    assert findings(
        "Stem cells repair the disc.", "세포가 디스크를 고칩니다.", "ko"
    ) == [
        (
            WARNING,
            "The termbase translates “stem cell” as “줄기세포”; the translation uses "
            "none of them.",
            "stem-cell",
        )
    ]


def test_a_forbidden_variant_is_an_error(termbase):
    assert findings("Stem cells help.", "肝细胞有帮助。", "zh-hans") == [
        (
            WARNING,
            "The termbase translates “stem cell” as “干细胞”; the translation uses "
            "none of them.",
            "stem-cell",
        ),
        (ERROR, "“肝细胞” is a forbidden term: the termbase says “干细胞”.", "!肝细胞"),
    ]


def test_a_language_without_terms_for_the_concept_is_not_warned(termbase):
    # The disc has no Chinese term: nothing to hold the translation to.
    assert findings("The intervertebral disc.", "椎间盘。", "zh-hans") == []


def test_an_untranslated_segment_has_no_findings(termbase):
    assert findings("Stem cells.", "", "ko") == []


def test_the_check_is_registered_and_reads_the_termbase_once_per_run(
    termbase, django_assert_max_num_queries
):
    assert registered()["terms"] is check_terms
    segments = [
        Segment(str(n), "Stem cells repair the disc.", "세포.", "en", "ko")
        for n in range(50)
    ]
    with django_assert_max_num_queries(8), termbase_for_run():
        results = [check_terms(segment) for segment in segments]
    assert all(len(result) == 1 for result in results)


def test_a_change_to_the_termbase_is_seen_at_once(termbase):
    assert findings("Stem cells.", "줄기 세포.", "ko") != []
    concept("stem-cell-2", en="stem cells", ko="줄기 세포")
    # Another process saved it: the next run sees it (its version changed).
    assert [
        f for f in findings("Stem cells.", "줄기 세포.", "ko") if f[2] != "stem-cell"
    ] == []


def test_checking_a_translation_with_a_termbase_takes_five_queries_whatever_its_size(
    termbase, index_page, locales, django_assert_max_num_queries
):
    from wagtail_localize.models import Translation

    from articles.translation.qa.run import check_translation
    from articles.translation.terms import snapshot
    from tests.factories import ArticlePageFactory, paragraph, publish, section
    from tests.translation.helpers import submit_like_the_admin, translate_everything

    for sections in (2, 20):
        page = publish(
            ArticlePageFactory(
                parent=index_page,
                body=[
                    section(f"Part {n}", paragraph("<p>Stem cells repair it.</p>"))
                    for n in range(sections)
                ],
            )
        )
        translation = submit_like_the_admin(page, locales["ko"])
        translate_everything(translation)
        snapshot._latest = None  # a process that has not read the termbase yet
        # As the views read it (`allowed_translation`): with its locales.
        translation = Translation.objects.select_related(
            "source__locale", "target_locale"
        ).get(pk=translation.pk)
        with django_assert_max_num_queries(5):
            report = check_translation(translation)
        assert any(f.check == "terms" for f in report.findings)
