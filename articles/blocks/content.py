"""The blocks an editor puts inside a section. Block names are a public contract (the
API's `type`): snake_case nouns that never change without a data migration."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from ..links import live_translation, page_path
from ..media import image_for_api
from ..safe_urls import safe_url
from .fields import (
    PhoneNumberBlock,
    RichTextBlock,
    SafeURLBlock,
    TranslatableTableBlock,
    api_options,
)
from .video import VIDEO_HOSTS, Video, parse_video_url  # noqa: F401 (the importer's)

PARAGRAPH_FEATURES = [
    "bold",
    "italic",
    "superscript",
    "subscript",
    "link",
    "document-link",
]
INLINE_FEATURES = ["bold", "italic", "superscript", "subscript", "link"]


def inline_text(**kwargs) -> RichTextBlock:
    return RichTextBlock(features=INLINE_FEATURES, **kwargs)


def flat_stream_representation(stream_block, value, context=None) -> list[dict]:
    """A stream as `[{"type", "id", ...the block's own fields}]`: one flat object per
    block, which typed clients (a discriminated union on `type`) read most easily."""
    return [
        {
            "type": child.block_type,
            "id": child.id,
            **child.block.get_api_representation(child.value, context),
        }
        for child in value or []
    ]


class ParagraphBlock(RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    def get_api_representation(self, value, context=None) -> dict:
        return {"html": super().get_api_representation(value, context)}

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")


class BulletListBlock(blocks.StructBlock):
    items = blocks.ListBlock(inline_text(label=_("Item")), min_num=1, label=_("Items"))

    class Meta:
        template = "articles/blocks/bullet_list.html"
        icon = "list-ul"
        label = _("Bullet list")


class NumberedItemBlock(blocks.StructBlock):
    text = inline_text(label=_("Text"))
    sub_items = blocks.ListBlock(
        inline_text(label=_("Point")),
        default=[],
        label=_("Nested points"),
        help_text=_("Optional bullet points shown under this step."),
    )

    class Meta:
        icon = "list-ol"


class NumberedListBlock(blocks.StructBlock):
    start = blocks.IntegerBlock(
        required=False, min_value=1, label=_("Start at"), help_text=_("Default: 1")
    )
    items = blocks.ListBlock(NumberedItemBlock(), min_num=1, label=_("Items"))

    def get_api_representation(self, value, context=None) -> dict:
        representation = super().get_api_representation(value, context)
        return {**representation, "start": value.get("start") or 1}

    class Meta:
        template = "articles/blocks/numbered_list.html"
        icon = "list-ol"
        label = _("Numbered list")


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        max_length=300,
        label=_("Alternative text"),
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = blocks.CharBlock(required=False, max_length=500, label=_("Caption"))
    credit = blocks.CharBlock(required=False, max_length=200, label=_("Credit"))

    def get_api_representation(self, value, context=None) -> dict:
        return {
            "image": image_for_api(
                value["image"], base_url=api_options(context)["base_url"]
            ),
            "alt": value["alt_text"],
            "caption": value.get("caption") or "",
            "credit": value.get("credit") or "",
        }

    class Meta:
        template = "articles/blocks/figure.html"
        icon = "image"
        label = _("Figure")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[
            ("note", _("Note")),
            ("warning", _("Warning")),
            ("key_fact", _("Key fact")),
        ],
        default="note",
        search_index=False,
        label=_("Kind"),
    )
    title = blocks.CharBlock(required=False, max_length=200, label=_("Title"))
    body = RichTextBlock(features=PARAGRAPH_FEATURES, label=_("Text"))

    class Meta:
        template = "articles/blocks/callout.html"
        icon = "warning"
        label = _("Callout")


class StatisticBlock(blocks.StructBlock):
    value = blocks.CharBlock(
        max_length=40,
        # The number a statistic states, not a picture (the image block's "Figure").
        label=pgettext_lazy("statistic", "Figure"),
        # Translators: a percentage, not a placeholder.
        # xgettext:no-python-format
        help_text=_("For example 68% or 1 in 4"),
    )
    label = blocks.CharBlock(max_length=250, label=_("What it measures"))
    source = blocks.CharBlock(required=False, max_length=300, label=_("Source"))

    class Meta:
        template = "articles/blocks/statistic.html"
        icon = "order"
        label = _("Statistic")


class ClinicalStudyValue(blocks.StructValue):
    @property
    def phase_label(self) -> str:
        choices = dict(self.block.child_blocks["phase"].field.choices)
        return str(choices.get(self.get("phase"), ""))


class ClinicalStudyBlock(blocks.StructBlock):
    """A study; its link goes to a registry or journal: a full http(s) URL."""

    name = blocks.CharBlock(max_length=250, label=_("Study name"))
    phase = blocks.ChoiceBlock(
        choices=[
            ("preclinical", _("Preclinical")),
            ("phase_1", _("Phase 1")),
            ("phase_1_2", _("Phase 1/2")),
            ("phase_2", _("Phase 2")),
            ("phase_3", _("Phase 3")),
            ("phase_4", _("Phase 4")),
            ("observational", _("Observational study")),
            ("meta_analysis", _("Meta-analysis")),
        ],
        search_index=False,
        label=_("Phase"),
    )
    design = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Design"),
        help_text=_("For example: randomised, double-blind, placebo-controlled"),
    )
    participants = blocks.IntegerBlock(
        required=False, min_value=1, label=_("Participants")
    )
    population = blocks.CharBlock(
        required=False, max_length=250, label=_("Who took part")
    )
    outcome = RichTextBlock(features=PARAGRAPH_FEATURES, label=_("Outcome"))
    citation = blocks.CharBlock(required=False, max_length=500, label=_("Citation"))
    url = SafeURLBlock(required=False, absolute=True, label=_("Link to the study"))

    def get_api_representation(self, value, context=None) -> dict:
        representation = super().get_api_representation(value, context)
        return {
            **representation,
            "url": safe_url(value.get("url")),
            "phase_label": value.phase_label,
        }

    class Meta:
        template = "articles/blocks/clinical_study.html"
        value_class = ClinicalStudyValue
        icon = "doc-full"
        label = _("Clinical study")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        required=False, max_length=200, label=_("Who said it")
    )
    role = blocks.CharBlock(required=False, max_length=200, label=_("Their role"))

    class Meta:
        template = "articles/blocks/quote.html"
        icon = "openquote"
        label = _("Quote")


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=300, label=_("Question"))
    answer = RichTextBlock(features=PARAGRAPH_FEATURES, label=_("Answer"))


class FAQBlock(blocks.StructBlock):
    items = blocks.ListBlock(FAQItemBlock(), min_num=1, label=_("Questions"))

    class Meta:
        template = "articles/blocks/faq.html"
        icon = "help"
        label = _("Questions and answers")


class CallToActionValue(blocks.StructValue):
    @property
    def link_type(self) -> str:
        for name in ("page", "url", "phone"):
            if self.get(name):
                return name
        return ""

    def href_for(
        self, language_code: str | None = None, *, site_id: int | None = None
    ) -> str:
        """Where the button goes: the page in the reader's language (or its fallback),
        the URL, or a tel: link."""
        if self.link_type == "page":
            page = self["page"]
            target = live_translation(
                page, language_code or page.locale.language_code, site_id=site_id
            )
            return page_path(target) if target else ""
        if self.link_type == "url":
            return self["url"]
        if self.link_type == "phone":
            return "tel:" + "".join(ch for ch in self["phone"] if ch in "+0123456789")
        return ""

    @property
    def href(self) -> str:
        return self.href_for(get_language())


class CallToActionBlock(blocks.StructBlock):
    """A button to a page, any safe URL (`articles.safe_urls`) or a phone number."""

    label = blocks.CharBlock(max_length=100, label=_("Button label"))
    description = blocks.CharBlock(required=False, max_length=300, label=_("Text"))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = SafeURLBlock(
        required=False,
        label=_("URL"),
        help_text=_("https://..., /a-page-of-this-site, #anchor, mailto: or tel:"),
    )
    phone = PhoneNumberBlock(label=_("Phone number"))

    def get_api_representation(self, value, context=None) -> dict:
        return {
            "label": value["label"],
            "description": value.get("description") or "",
            "link_type": value.link_type,
            "href": safe_url(
                value.href_for(
                    api_options(context)["language_code"],
                    site_id=api_options(context)["site_id"],
                )
            ),
        }

    def clean(self, value):
        value = super().clean(value)
        targets = [name for name in ("page", "url", "phone") if value.get(name)]
        if len(targets) != 1:
            message = _("Choose exactly one of: a page, a URL or a phone number.")
            raise blocks.StructBlockValidationError(
                block_errors={
                    name: ValidationError(message)
                    for name in (targets or ["page", "url", "phone"])
                }
            )
        return value

    class Meta:
        template = "articles/blocks/call_to_action.html"
        icon = "arrow-right"
        label = _("Call to action")
        value_class = CallToActionValue


class TableBlock(TranslatableTableBlock):
    def clean(self, value):
        value = super().clean(value)
        has_text = value and any(
            cell for row in value.get("data") or [] for cell in row
        )
        if self.required and not has_text:
            raise ValidationError(_("A table needs at least one cell with text."))
        return value

    class Meta:
        icon = "table"
        label = _("Table")
        template = "articles/blocks/table.html"  # scrolls in its own box


class VideoEmbedValue(blocks.StructValue):
    @property
    def video(self) -> Video | None:
        return parse_video_url(self.get("url"))

    @property
    def provider(self) -> str:
        return self.video.provider if self.video else "other"

    @property
    def embed_url(self) -> str:
        return self.video.embed_url if self.video else ""


class VideoEmbedBlock(blocks.StructBlock):
    """A YouTube or Vimeo video: a full, safe https URL of one of their videos
    (`clean`). The API gives the provider's canonical URLs (`blocks.video`)."""

    url = SafeURLBlock(
        absolute=True, label=_("Video URL"), help_text=_("YouTube or Vimeo link")
    )
    title = blocks.CharBlock(
        max_length=200, label=_("Title"), help_text=_("Read out by screen readers.")
    )
    caption = blocks.CharBlock(required=False, max_length=500, label=_("Caption"))
    transcript = blocks.TextBlock(required=False, label=_("Transcript"))

    def get_api_representation(self, value, context=None) -> dict:
        video = value.video
        return {
            "url": video.url if video else "",
            "provider": value.provider,
            "embed_url": value.embed_url,
            "title": value["title"],
            "caption": value.get("caption") or "",
            "transcript": value.get("transcript") or "",
        }

    def clean(self, value):
        value = super().clean(value)
        if urlsplit(value["url"]).scheme != "https":
            message = _("Use an https:// link.")
        elif parse_video_url(value["url"]) is None:
            message = _(
                "Use the link of a YouTube or Vimeo video, such as "
                "https://www.youtube.com/watch?v=… or https://vimeo.com/…"
            )
        else:
            return value
        raise blocks.StructBlockValidationError(
            block_errors={"url": ValidationError(message)}
        )

    class Meta:
        template = "articles/blocks/video.html"
        icon = "media"
        label = _("Video")
        value_class = VideoEmbedValue


class SectionContentBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    bullet_list = BulletListBlock()
    numbered_list = NumberedListBlock()
    image = FigureBlock()
    callout = CalloutBlock()
    statistic = StatisticBlock()
    clinical_study = ClinicalStudyBlock()
    quote = QuoteBlock()
    faq = FAQBlock()
    call_to_action = CallToActionBlock()
    table = TableBlock()
    embed = VideoEmbedBlock()

    def get_api_representation(self, value, context=None) -> list[dict]:
        return flat_stream_representation(self, value, context)

    class Meta:
        label = _("Content")
