"""Reading time that is right for every script.

Chinese and Japanese are written without spaces between words, so counting words
would call a long Chinese article a one-minute read. Characters of those scripts are
counted one by one; every other run of letters counts as a word.
"""

import math
import re

WORDS_PER_MINUTE = 200
CHARACTERS_PER_MINUTE = {"zh": 300, "ja": 400}
DEFAULT_CHARACTERS_PER_MINUTE = 300

# Han ideographs, kana and the CJK punctuation-free ranges that are read per character.
_CJK_CHARACTER = re.compile(
    "[\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]"
)
_WORD = re.compile(r"\w+")


def count_reading_units(text: str) -> tuple[int, int]:
    """(characters read one by one, words) in `text`."""
    characters = len(_CJK_CHARACTER.findall(text))
    words = len(_WORD.findall(_CJK_CHARACTER.sub(" ", text)))
    return characters, words


def reading_time_minutes(text: str, language_code: str = "en") -> int:
    """Whole minutes, rounded up, at least 1 for any text."""
    characters, words = count_reading_units(text)
    if not characters and not words:
        return 0
    per_minute = CHARACTERS_PER_MINUTE.get(
        language_code.split("-")[0].lower(), DEFAULT_CHARACTERS_PER_MINUTE
    )
    minutes = characters / per_minute + words / WORDS_PER_MINUTE
    return max(1, math.ceil(minutes))
