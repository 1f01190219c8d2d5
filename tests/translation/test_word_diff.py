"""The word-level diff translators see when a source changed: what was added,
removed or reworded, word by word (character by character in Chinese and
Japanese)."""

from articles.translation.keep_in_step.word_diff import (
    ADDED,
    REMOVED,
    SAME,
    DiffPart,
    gained_words,
    word_diff,
)


def test_one_added_sentence_is_the_only_change_shown():
    old = "Rest for two days. Then walk a little each day."
    new = (
        "Rest for two days. Do not lift anything heavier than 5 kg. "
        "Then walk a little each day."
    )

    parts = word_diff(old, new)

    (change,) = [p for p in parts if p.kind != SAME]
    assert change.kind == ADDED
    assert change.text.strip(". ") == "Do not lift anything heavier than 5 kg"
    assert gained_words(parts)


def test_a_reworded_phrase_shows_what_went_and_what_came():
    parts = word_diff("Most patients recover.", "Nearly all patients recover.")

    assert parts == [
        DiffPart(REMOVED, "Most"),
        DiffPart(ADDED, "Nearly all"),
        DiffPart(SAME, " patients recover."),
    ]


def test_removed_words_alone_gain_nothing():
    parts = word_diff("Most patients recover fully.", "Most patients recover.")

    assert not gained_words(parts)
    assert DiffPart(REMOVED, " fully") in parts


def test_chinese_is_compared_character_by_character():
    parts = word_diff("每天散步。", "每天散步三十分钟。")

    assert parts == [
        DiffPart(SAME, "每天散步"),
        DiffPart(ADDED, "三十分钟"),
        DiffPart(SAME, "。"),
    ]


def test_punctuation_alone_is_not_a_gained_word():
    assert not gained_words(word_diff("Rest", "Rest."))
