"""The OpenAPI description of what the API returns. The JSON itself comes from the
blocks and serializers; these classes only describe it, so that app developers can
generate typed clients (content blocks are a union discriminated by `type`)."""

from drf_spectacular.utils import PolymorphicProxySerializer
from rest_framework import serializers


def only_delivery_api(endpoints: list, **kwargs) -> list:
    """The OpenAPI document describes this API only, not Wagtail's admin APIs."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def type_field(name: str) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=[name])


class FocalPointSerializer(serializers.Serializer):
    x = serializers.IntegerField()
    y = serializers.IntegerField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class RenditionSerializer(serializers.Serializer):
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    format = serializers.CharField(help_text="webp, or the original's format")
    url = serializers.URLField()


class ImageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    focal_point = FocalPointSerializer(allow_null=True)
    original = serializers.URLField()
    renditions = RenditionSerializer(many=True)


class ParagraphBlockSerializer(serializers.Serializer):
    type = type_field("paragraph")
    id = serializers.UUIDField()
    html = serializers.CharField()


class BulletListBlockSerializer(serializers.Serializer):
    type = type_field("bullet_list")
    id = serializers.UUIDField()
    items = serializers.ListField(child=serializers.CharField(help_text="inline HTML"))


class NumberedItemSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="inline HTML")
    sub_items = serializers.ListField(child=serializers.CharField())


class NumberedListBlockSerializer(serializers.Serializer):
    type = type_field("numbered_list")
    id = serializers.UUIDField()
    start = serializers.IntegerField()
    items = NumberedItemSerializer(many=True)


class ImageBlockSerializer(serializers.Serializer):
    type = type_field("image")
    id = serializers.UUIDField()
    image = ImageSerializer(allow_null=True)
    alt = serializers.CharField()
    caption = serializers.CharField(allow_blank=True)
    credit = serializers.CharField(allow_blank=True)


class CalloutBlockSerializer(serializers.Serializer):
    type = type_field("callout")
    id = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=["note", "warning", "key_fact"])
    title = serializers.CharField(allow_blank=True)
    body = serializers.CharField()


class StatisticBlockSerializer(serializers.Serializer):
    type = type_field("statistic")
    id = serializers.UUIDField()
    value = serializers.CharField()
    label = serializers.CharField()
    source = serializers.CharField(allow_blank=True)


class ClinicalStudyBlockSerializer(serializers.Serializer):
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
    outcome = serializers.CharField()
    citation = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True)


class QuoteBlockSerializer(serializers.Serializer):
    type = type_field("quote")
    id = serializers.UUIDField()
    text = serializers.CharField()
    attribution = serializers.CharField(allow_blank=True)
    role = serializers.CharField(allow_blank=True)


class FAQItemSerializer(serializers.Serializer):
    question = serializers.CharField()
    answer = serializers.CharField()


class FAQBlockSerializer(serializers.Serializer):
    type = type_field("faq")
    id = serializers.UUIDField()
    items = FAQItemSerializer(many=True)


class CallToActionBlockSerializer(serializers.Serializer):
    type = type_field("call_to_action")
    id = serializers.UUIDField()
    label = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    link_type = serializers.ChoiceField(choices=["page", "url", "phone"])
    href = serializers.CharField(help_text="a path, a URL or a tel: link")


class TableBlockSerializer(serializers.Serializer):
    type = type_field("table")
    id = serializers.UUIDField()
    caption = serializers.CharField(allow_blank=True)
    header = serializers.ListField(child=serializers.CharField(), allow_null=True)
    rows = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField(allow_null=True))
    )
    first_column_is_header = serializers.BooleanField()


class EmbedBlockSerializer(serializers.Serializer):
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

ContentBlocks = PolymorphicProxySerializer(
    component_name="ContentBlock",
    serializers=CONTENT_BLOCK_SCHEMAS,
    resource_type_field_name="type",
    many=True,
)


class SectionSerializer(serializers.Serializer):
    type = type_field("section")
    id = serializers.UUIDField()
    anchor = serializers.CharField(help_text="The same in every locale.")
    heading = serializers.CharField()
    level = serializers.ChoiceField(choices=[2, 3])
    content = ContentBlocks


class TocSubsectionSerializer(serializers.Serializer):
    anchor = serializers.CharField()
    heading = serializers.CharField()
    level = serializers.ChoiceField(choices=[2, 3])
    children = serializers.ListField(child=serializers.DictField(), max_length=0)


class TocEntrySerializer(serializers.Serializer):
    anchor = serializers.CharField()
    heading = serializers.CharField()
    level = serializers.ChoiceField(choices=[2, 3])
    children = TocSubsectionSerializer(many=True)


class ReferenceSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    citation = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    doi = serializers.CharField(allow_blank=True)
    doi_url = serializers.CharField(allow_blank=True)
    pmid = serializers.CharField(allow_blank=True)
    pubmed_url = serializers.CharField(allow_blank=True)


class AlternateSerializer(serializers.Serializer):
    hreflang = serializers.CharField(help_text="BCP 47, e.g. zh-Hans, or x-default")
    href = serializers.URLField()


class SeoSerializer(serializers.Serializer):
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    canonical_url = serializers.URLField()
    alternates = AlternateSerializer(many=True)


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    details = serializers.JSONField(help_text="Per-parameter messages, when any.")


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()
