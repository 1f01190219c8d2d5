"""The article's admin form."""

from __future__ import annotations

import re

from wagtail.admin.forms import WagtailAdminPageForm

# Rich text with no words, images or embeds: only empty paragraphs and line breaks.
_BLANK_RICH_TEXT = re.compile(r"^(\s|<p[^>]*>|</p>|<br\s*/?>|&nbsp;)*$")


def blank_rich_text_is_empty(html: str) -> str:
    """ "" for a rich text nobody wrote in. Wagtail's editor shows an empty field as
    one paragraph and posts it back as `<p data-block-key="…"></p>`
    (wagtail/wagtail#4549), which would make opening an article without a
    disclaimer and leaving it a change."""
    return "" if _BLANK_RICH_TEXT.match(html or "") else html


class ArticlePageForm(WagtailAdminPageForm):
    def clean_disclaimer(self) -> str:
        return blank_rich_text_is_empty(self.cleaned_data.get("disclaimer", ""))
