"""The content blocks of an article section as the OpenAPI document describes them:
one schema per block type, each with what the block is and, for rich text, which
HTML it may hold (`api.schema_html`). The JSON itself comes from the blocks'
`get_api_representation` (`articles.blocks`); `tests/api/test_openapi.py` checks
that every block type is here and that the demo's responses match."""

from rest_framework import serializers

from .schema_html import INLINE_HTML, RICH_TEXT


def type_field(name: str) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=[name])


class FocalPointSerializer(serializers.Serializer):
    """The part of the image to keep when cropping, in the original's pixels."""

    x = serializers.IntegerField()
    y = serializers.IntegerField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class RenditionSerializer(serializers.Serializer):
    """A resized copy of the image."""

    width = serializers.IntegerField()
    height = serializers.IntegerField()
    format = serializers.CharField(help_text="webp, or the original's format")
    url = serializers.URLField()


class ImageSerializer(serializers.Serializer):
    """An image: the original and its renditions (webp and the original's
    format, at several widths), for `srcset`."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    focal_point = FocalPointSerializer(allow_null=True)
    original = serializers.URLField()
    renditions = RenditionSerializer(many=True)


class ParagraphBlockSerializer(serializers.Serializer):
    """Body text: one or more HTML paragraphs."""

    type = type_field("paragraph")
    id = serializers.UUIDField()
    html = serializers.CharField(help_text=RICH_TEXT)


class BulletListBlockSerializer(serializers.Serializer):
    """A list without numbers; each item is a line of inline HTML."""

    type = type_field("bullet_list")
    id = serializers.UUIDField()
    items = serializers.ListField(child=serializers.CharField(help_text=INLINE_HTML))


class NumberedItemSerializer(serializers.Serializer):
    """A step of a numbered list, with optional bullet points under it."""

    text = serializers.CharField(help_text=INLINE_HTML)
    sub_items = serializers.ListField(
        child=serializers.CharField(help_text=INLINE_HTML)
    )


class NumberedListBlockSerializer(serializers.Serializer):
    """Steps in order, numbered from `start`, each with optional bullet points
    under it."""

    type = type_field("numbered_list")
    id = serializers.UUIDField()
    start = serializers.IntegerField()
    items = NumberedItemSerializer(many=True)


class ImageBlockSerializer(serializers.Serializer):
    """A figure: an image with its alternative text, caption and credit. `image`
    is null when the image is no longer in the library."""

    type = type_field("image")
    id = serializers.UUIDField()
    image = ImageSerializer(allow_null=True)
    alt = serializers.CharField()
    caption = serializers.CharField(allow_blank=True)
    credit = serializers.CharField(allow_blank=True)


class CalloutBlockSerializer(serializers.Serializer):
    """A highlighted box: a note, a warning or a key fact (`kind`), with an
    optional title."""

    type = type_field("callout")
    id = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=["note", "warning", "key_fact"])
    title = serializers.CharField(allow_blank=True)
    body = serializers.CharField(help_text=RICH_TEXT)


class StatisticBlockSerializer(serializers.Serializer):
    """A figure to show large ("21%", "1 in 4"), what it measures and where it
    comes from."""

    type = type_field("statistic")
    id = serializers.UUIDField()
    value = serializers.CharField()
    label = serializers.CharField()
    source = serializers.CharField(allow_blank=True)


class ClinicalStudyBlockSerializer(serializers.Serializer):
    """A summary of one clinical study: its phase, design, participants, outcome
    and citation."""

    type = type_field("clinical_study")
    id = serializers.UUIDField()
    name = serializers.CharField()
    phase = serializers.ChoiceField(
        choices=[
            "preclinical",
            "phase_1",
            "phase_1_2",
            "phase_2",
            "phase_3",
            "phase_4",
            "observational",
            "meta_analysis",
        ]
    )
    phase_label = serializers.CharField()
    design = serializers.CharField(allow_blank=True)
    participants = serializers.IntegerField(allow_null=True)
    population = serializers.CharField(allow_blank=True)
    outcome = serializers.CharField(help_text=RICH_TEXT)
    citation = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True)


class QuoteBlockSerializer(serializers.Serializer):
    """A quotation in plain text (no HTML), with who said it and their role."""

    type = type_field("quote")
    id = serializers.UUIDField()
    text = serializers.CharField(help_text="Plain text.")
    attribution = serializers.CharField(allow_blank=True)
    role = serializers.CharField(allow_blank=True)


class FAQItemSerializer(serializers.Serializer):
    """A question in plain text and its answer in rich text."""

    question = serializers.CharField()
    answer = serializers.CharField(help_text=RICH_TEXT)


class FAQBlockSerializer(serializers.Serializer):
    """Questions and answers."""

    type = type_field("faq")
    id = serializers.UUIDField()
    items = FAQItemSerializer(many=True)


class CallToActionBlockSerializer(serializers.Serializer):
    """A button to a page of the site (`page`: its version in the reader's
    language, or the fallback), to a URL (`url`) or to a phone number (`phone`,
    a tel: link)."""

    type = type_field("call_to_action")
    id = serializers.UUIDField()
    label = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    link_type = serializers.ChoiceField(choices=["page", "url", "phone"])
    href = serializers.CharField(help_text="a path, a URL or a tel: link")


class TableBlockSerializer(serializers.Serializer):
    """A table. Cells are plain text, to be escaped (null for an empty cell);
    `header` is the header row, or null when the table has none."""

    type = type_field("table")
    id = serializers.UUIDField()
    caption = serializers.CharField(allow_blank=True)
    header = serializers.ListField(child=serializers.CharField(), allow_null=True)
    rows = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField(allow_null=True))
    )
    first_column_is_header = serializers.BooleanField()


class EmbedBlockSerializer(serializers.Serializer):
    """An embedded video: `embed_url` is the player's URL for an iframe
    (youtube-nocookie.com for YouTube); `transcript` is for readers who cannot
    watch it."""

    type = type_field("embed")
    id = serializers.UUIDField()
    url = serializers.URLField()
    provider = serializers.ChoiceField(choices=["youtube", "vimeo", "other"])
    embed_url = serializers.CharField()
    title = serializers.CharField()
    caption = serializers.CharField(allow_blank=True)
    transcript = serializers.CharField(allow_blank=True)


CONTENT_BLOCK_SCHEMAS = {
    "paragraph": ParagraphBlockSerializer,
    "bullet_list": BulletListBlockSerializer,
    "numbered_list": NumberedListBlockSerializer,
    "image": ImageBlockSerializer,
    "callout": CalloutBlockSerializer,
    "statistic": StatisticBlockSerializer,
    "clinical_study": ClinicalStudyBlockSerializer,
    "quote": QuoteBlockSerializer,
    "faq": FAQBlockSerializer,
    "call_to_action": CallToActionBlockSerializer,
    "table": TableBlockSerializer,
    "embed": EmbedBlockSerializer,
}
