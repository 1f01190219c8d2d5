"""Term matching in every content language, by each language's rule (its data file):
whole words with plural endings in English, particles after Korean nouns, anywhere in
Chinese and Japanese, stems in Russian, the article and particles before Arabic
words with or without diacritics, whole syllable words in Vietnamese."""

import pytest

from articles.translation.languages import language_data
from articles.translation.terms.matching import TermIndex

FOUND = [
    ("en", "stem cell", "Stem cells repair the damaged disc."),
    ("en", "spinal cord injury", "After a spinal cord injury, rest."),
    ("ko", "줄기세포", "줄기세포는 손상된 디스크를 회복시킵니다."),
    ("ko", "줄기세포", "의료진은 줄기세포를 주입합니다."),
    ("ko", "척수 손상", "척수 손상 이후에는 안정이 필요합니다."),
    ("zh", "干细胞", "间充质干细胞治疗可以修复椎间盘。"),
    ("zh", "幹細胞", "間質幹細胞治療可以修復椎間盤。"),
    ("ja", "幹細胞", "間葉系幹細胞を用いた治療です。"),
    ("ru", "стволовые клетки", "Лечение стволовыми клетками помогает."),
    ("ru", "стволовые клетки", "Введение стволовых клеток в диск."),
    ("ru", "травма спинного мозга", "После травмы спинного мозга нужен покой."),
    ("ar", "خلايا جذعية", "تساعد الخلايا الجذعية على إصلاح القرص."),
    ("ar", "خلايا جذعية", "العلاج بالخَلايا الجِذعيَّة آمن."),
    ("ar", "علاج", "والعلاج يستغرق ستة أسابيع."),
    ("vi", "tế bào gốc", "Liệu pháp tế bào gốc giúp phục hồi đĩa đệm."),
]

NOT_FOUND = [
    ("en", "stem cell", "The system cellar is locked."),
    ("en", "cell", "The cellular response."),
    ("ko", "세포", "줄기세포는 회복을 돕습니다."),  # inside a compound, not a word
    ("ru", "клетка", "Лечение клещами."),
    ("ar", "علاج", "معالجة البيانات"),
    ("vi", "tế bào", "Tế bàoo"),
]


def found(code: str, term: str, text: str, *, case_sensitive=False) -> bool:
    index = TermIndex(language_data(code).terms)
    index.add(term_id=1, concept_pk=1, text=term, case_sensitive=case_sensitive)
    return bool(index.find(text))


@pytest.mark.parametrize(("code", "term", "text"), FOUND)
def test_a_term_is_found_as_the_language_writes_it(code, term, text):
    assert found(code, term, text)


@pytest.mark.parametrize(("code", "term", "text"), NOT_FOUND)
def test_a_term_is_not_found_in_other_words(code, term, text):
    assert not found(code, term, text)


def test_a_case_sensitive_term_matches_only_as_written():
    assert found("en", "MRI", "An MRI shows the disc.", case_sensitive=True)
    assert not found("en", "MRI", "An mri shows the disc.", case_sensitive=True)
    assert found("en", "MRI", "An mri shows the disc.")


def test_full_width_and_compatibility_forms_match():
    assert found("ja", "MRI", "ＭＲＩ検査を行います。")


def test_an_index_finds_each_term_once_among_many():
    index = TermIndex(language_data("en").terms)
    for number in range(2000):
        index.add(
            term_id=number,
            concept_pk=number,
            text=f"term{number}",
            case_sensitive=False,
        )
    index.add(term_id=9999, concept_pk=9999, text="disc", case_sensitive=False)
    hits = index.find("The disc, the disc and term42.")
    assert sorted(entry.term_id for entry in hits) == [42, 9999]
