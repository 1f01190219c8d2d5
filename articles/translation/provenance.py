"""Where a segment's translation came from, said in the admin user's language.

wagtail-localize's editor shows under each translated segment a line such as
"Translated with DeepL on 7 December 2026", made by `StringTranslation.get_comment`
with a date from `strftime` (English month names whatever the language) and a
sentence some of its catalogues lack (Korean, Japanese, Vietnamese, traditional
Chinese). Patch 5 (`patches`) has it say `translation_comment` instead.

The tool is stored in English (`StringTranslation.tool_name`), the same whatever the
language of the person who translated: this project's own tools are named in the
reader's language here, a provider's brand name (DeepL) is shown as it is.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail_localize.models import StringTranslation

from .machine.llm import LanguageModelTranslator
from .memory.prefill import MEMORY_TOOL_NAME
from .xliff.apply import TOOL_NAME as XLIFF_TOOL_NAME

# Stored tool name -> what a translator reads. Names not here are brand names.
TOOL_LABELS = {
    MEMORY_TOOL_NAME: _("the translation memory"),
    XLIFF_TOOL_NAME: _("an XLIFF file"),
    LanguageModelTranslator.display_name: _("a language model"),
}


def tool_label(tool_name: str) -> str:
    """`tool_name` as stored, in the active language."""
    return str(TOOL_LABELS.get(tool_name, tool_name))


def readable_date(moment: datetime) -> str:
    """The day of `moment` in the site's time zone, written as the active language
    writes dates ("2026년 12월 7일", "Dec. 7, 2026")."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, "DATE_FORMAT")


def translation_comment(translation: StringTranslation) -> str | None:
    """How and when `translation` was made, as wagtail-localize's `get_comment` says
    it, in the active language. None when it says nothing."""
    date = readable_date(translation.updated_at)
    if translation.tool_name:
        return gettext("Translated with %(tool)s on %(date)s") % {
            "tool": tool_label(translation.tool_name),
            "date": date,
        }
    if translation.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL:
        return gettext("Translated manually on %(date)s") % {"date": date}
    if translation.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE:
        return gettext("Machine translated on %(date)s") % {"date": date}
    return None
