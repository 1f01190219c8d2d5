"""Field-level blocks with rules of their own: anchors that translators never see,
identifiers that are not prose, link URLs that must be safe, and a table whose cells
can be translated."""

import copy
import functools
import re

from django import forms
from django.core.validators import RegexValidator, URLValidator
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.rich_text import get_text_for_indexing
from wagtail_localize.segments import StringSegmentValue

from ..anchors import ANCHOR_MAX_LENGTH, validate_anchor
from ..locales import default_language_code
from ..richtext import rich_text_for_api
from ..safe_urls import validate_safe_url

URL_MAX_LENGTH = 2048


def api_options(context: dict | None) -> dict:
    """What every block's JSON depends on: the language it is served in (for links)
    and the base URL that makes media URLs absolute."""
    context = context or {}
    return {
        "language_code": context.get("language_code") or default_language_code(),
        "base_url": context.get("base_url", ""),
        "site_id": context.get("site_id"),
    }


@functools.lru_cache(maxsize=8192)
def _text_for_indexing(source: str) -> str:
    return get_text_for_indexing(source)


class RichTextBlock(blocks.RichTextBlock):
    """Rich text whose JSON is clean HTML (see `articles.richtext`)."""

    def get_api_representation(self, value, context=None) -> str:
        return rich_text_for_api(value.source, **api_options(context))

    def get_searchable_content(self, value) -> list[str]:
        # Wagtail's, remembering the last few thousand texts: a publish reads the
        # body's text when the page is saved (its reading time) and again when its
        # document is built, and Wagtail parses each rich text's HTML both times.
        if not self.search_index:
            return []
        return [_text_for_indexing(force_str(value.source))]


class UntranslatedCharBlock(blocks.CharBlock):
    """Text that stays identical in every locale (anchors, DOIs, phone numbers).

    wagtail-localize turns every CharBlock into a segment for translators; declaring
    no segments keeps these values out of the translation editor, and a translation
    keeps the source's value.
    """

    def get_translatable_segments(self, value) -> list:
        return []

    def restore_translated_segments(self, value, segments):
        return value

    def get_searchable_content(self, value) -> list[str]:
        return []


class AnchorBlock(UntranslatedCharBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", ANCHOR_MAX_LENGTH)
        kwargs.setdefault("validators", [validate_anchor])
        kwargs.setdefault(
            "help_text",
            _(
                "The #fragment that links to this section. Leave blank to derive it "
                "from the heading; once set, it is the same in every language."
            ),
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "link"


class DOIBlock(UntranslatedCharBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("DOI"))
        kwargs.setdefault("help_text", _("For example 10.1000/xyz123"))
        kwargs.setdefault(
            "validators",
            [
                RegexValidator(
                    r"^10\.\d{4,9}/\S+\Z",
                    message=_(
                        "Enter a DOI such as 10.1000/xyz123, without https://doi.org/."
                    ),
                )
            ],
        )
        super().__init__(**kwargs)


class PMIDBlock(UntranslatedCharBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("PubMed ID"))
        kwargs.setdefault(
            "validators",
            [RegexValidator(r"^\d{1,9}\Z", message=_("A PubMed ID is a number."))],
        )
        super().__init__(**kwargs)


PHONE_NUMBER = re.compile(r"^\+?[\d\s().-]{6,30}\Z")


class PhoneNumberBlock(UntranslatedCharBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "validators",
            [
                RegexValidator(
                    PHONE_NUMBER,
                    message=_("Enter a phone number such as +82-2-555-0100."),
                )
            ],
        )
        super().__init__(**kwargs)


def validate_web_url(value: str) -> None:
    """A safe, absolute http(s) URL: for links that always leave the site (a study
    registry, a video host), where a path or a mailto: would be a mistake."""
    validate_safe_url(value)
    URLValidator(
        schemes=["http", "https"],
        message=_("Enter a full link starting with https://."),
    )(value)


class SafeURLBlock(blocks.URLBlock):
    """A link URL that passes `articles.safe_urls` (no `javascript:` and the like).

    Still a URLBlock to wagtail-localize, so translators may override it as a link
    and never see it as text to translate; but the form field is a CharField, since
    Django's URLField refuses /paths, mailto: and tel: and allows ftp:. With
    `absolute=True` only full http(s) URLs are accepted (`validate_web_url`).
    """

    def __init__(
        self,
        required: bool = True,
        help_text: str | None = None,
        max_length: int = URL_MAX_LENGTH,
        absolute: bool = False,
        **kwargs,
    ):
        super().__init__(required=required, help_text=help_text, **kwargs)
        self.field = forms.CharField(
            required=required,
            help_text=help_text,
            max_length=max_length,
            validators=[validate_web_url if absolute else validate_safe_url],
            widget=forms.URLInput,
        )


class TranslatableTableBlock(TableBlock):
    """Wagtail's spreadsheet-style table, with each non-empty cell and the caption
    offered to translators as a segment (wagtail-localize skips tables otherwise)."""

    def get_translatable_segments(self, value) -> list[StringSegmentValue]:
        if not value:
            return []
        segments = []
        if value.get("table_caption"):
            segments.append(StringSegmentValue("caption", value["table_caption"]))
        for r, row in enumerate(value.get("data") or []):
            for c, cell in enumerate(row):
                if cell:
                    segments.append(StringSegmentValue(f"cell-{r}-{c}", cell))
        return segments

    def restore_translated_segments(self, value, segments):
        value = copy.deepcopy(value)
        for segment in segments:
            text = segment.render_text()
            if segment.path == "caption":
                value["table_caption"] = text
            else:
                _cell, row, col = segment.path.split("-")
                value["data"][int(row)][int(col)] = text
        return value

    def get_searchable_content(self, value) -> list[str]:
        content = super().get_searchable_content(value)
        if value and value.get("table_caption"):
            content.insert(0, value["table_caption"])
        return content

    def get_api_representation(self, value, context=None) -> dict:
        value = value or {}
        rows = value.get("data") or []
        has_header_row = bool(value.get("first_row_is_table_header")) and bool(rows)
        return {
            "caption": value.get("table_caption") or "",
            "header": rows[0] if has_header_row else None,
            "rows": rows[1:] if has_header_row else rows,
            "first_column_is_header": bool(value.get("first_col_is_header")),
        }
