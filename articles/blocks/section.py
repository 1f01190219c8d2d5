"""An article body is a sequence of sections; each carries a heading, a level and an
anchor that stays the same in every translation."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..anchors import derive_anchor
from ..safe_urls import safe_anchor, safe_url
from .content import SectionContentBlock, flat_stream_representation
from .fields import AnchorBlock, DOIBlock, PMIDBlock, SafeURLBlock


class SectionValue(blocks.StructValue):
    @property
    def level_number(self) -> int:
        return int(self.get("level") or 2)

    @property
    def heading_tag(self) -> str:
        return f"h{self.level_number}"

    @property
    def api_anchor(self) -> str:
        """The anchor as the API gives it (body and table of contents alike): one
        stored past validation loses the characters an id or a #fragment must not
        hold, and one left with nothing is derived from the heading."""
        return safe_anchor(self.get("anchor")) or derive_anchor(
            self.get("heading") or ""
        )


def table_of_contents(body) -> list[dict]:
    """Sections as an outline: each h2 with its h3 children. An h3 with no h2 before
    it stands at the top level rather than disappearing."""
    outline: list[dict] = []
    for child in body:
        if child.block_type != "section":
            continue
        section = child.value
        entry = {
            "anchor": section.api_anchor,
            "heading": section["heading"],
            "level": section.level_number,
            "children": [],
        }
        if entry["level"] == 3 and outline and outline[-1]["level"] == 2:
            outline[-1]["children"].append(entry)
        else:
            outline.append(entry)
    return outline


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=255, label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("2", _("Section (h2)")), ("3", _("Subsection (h3)"))],
        default="2",
        search_index=False,
        label=_("Level"),
    )
    anchor = AnchorBlock(label=_("Anchor"))
    content = SectionContentBlock(required=False)

    def get_api_representation(self, value, context=None) -> dict:
        return {
            "anchor": value.api_anchor,
            "heading": value["heading"],
            "level": value.level_number,
            "content": self.child_blocks["content"].get_api_representation(
                value["content"], context
            ),
        }

    class Meta:
        icon = "title"
        label = _("Section")
        value_class = SectionValue
        template = "articles/blocks/section.html"
        form_classname = "section-block"


def assign_section_anchors(body) -> dict[int, ValidationError]:
    """Give every section of `body` (a StreamValue) without an anchor one derived from
    its heading, and report anchors that were typed twice. Typed anchors are never
    altered. Returns the errors keyed by the section's position in `body`.
    """
    sections = {
        position: child.value
        for position, child in enumerate(body)
        if child.block_type == "section"
    }
    typed: dict[str, int] = {}
    errors: dict[int, ValidationError] = {}
    for index, section in sections.items():
        anchor = (section.get("anchor") or "").strip()
        if not anchor:
            continue
        if anchor in typed:
            errors[index] = ValidationError(
                _(
                    "Another section (no. %(number)s) already uses the anchor "
                    "“%(anchor)s”."
                )
                % {"number": typed[anchor] + 1, "anchor": anchor},
                code="duplicate_anchor",
            )
        else:
            typed[anchor] = index
    taken = set(typed)
    for index, section in sections.items():
        if not (section.get("anchor") or "").strip():
            anchor = derive_anchor(
                section.get("heading") or "",
                taken=taken,
                fallback=f"section-{index + 1}",
            )
            section["anchor"] = anchor
            taken.add(anchor)
    return errors


class ArticleBodyBlock(blocks.StreamBlock):
    section = SectionBlock()

    def clean(self, value):
        value = super().clean(value)
        errors = assign_section_anchors(value)
        if errors:
            raise blocks.StreamBlockValidationError(
                block_errors={
                    position: blocks.StructBlockValidationError(
                        block_errors={"anchor": error}
                    )
                    for position, error in errors.items()
                }
            )
        return value

    def get_api_representation(self, value, context=None) -> list[dict]:
        return flat_stream_representation(self, value, context)

    class Meta:
        label = _("Body")


class ReferenceBlock(blocks.StructBlock):
    """A cited source. Its URL may be any safe link (`articles.safe_urls`), a file on
    this site's /path included."""

    citation = blocks.TextBlock(
        label=_("Citation"),
        help_text=_("Authors, title, journal, year"),
    )
    url = SafeURLBlock(required=False, label=_("URL"))
    doi = DOIBlock()
    pmid = PMIDBlock()

    def get_api_representation(self, value, context=None) -> dict:
        doi, pmid = value.get("doi") or "", value.get("pmid") or ""
        return {
            "citation": value["citation"],
            "url": safe_url(value.get("url")),
            "doi": doi,
            "doi_url": safe_url(f"https://doi.org/{doi}") if doi else "",
            "pmid": pmid,
            "pubmed_url": (
                safe_url(f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/") if pmid else ""
            ),
        }

    class Meta:
        icon = "doc-full"
        label = _("Reference")


class ReferencesBlock(blocks.StreamBlock):
    reference = ReferenceBlock()

    def get_api_representation(self, value, context=None) -> list[dict]:
        return [
            {"id": child.id, **child.block.get_api_representation(child.value, context)}
            for child in value or []
        ]
