"""How an article is delivered. These serializers run when an article is published (see
`api.documents`), not on every request; they also describe the responses in the OpenAPI
document."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.blocks import table_of_contents
from articles.links import page_path
from articles.locales import bcp47, language_info
from articles.media import image_for_api
from articles.models.review import REVIEW_STATUSES
from articles.richtext import absolute_url, rich_text_for_api
from articles.safe_urls import safe_url

from .public_urls import public_page_url
from .schema import (
    ReferenceSerializer,
    SectionSerializer,
    SeoSerializer,
    TocEntrySerializer,
)
from .schema_blocks import ImageSerializer
from .schema_examples import ARTICLE_DETAIL
from .schema_html import RICH_TEXT

JSON_LD_EXAMPLE = ARTICLE_DETAIL["json_ld"]


class ApiContextMixin:
    @property
    def language_code(self) -> str:
        return self.context["language_code"]

    @property
    def base_url(self) -> str:
        return self.context["base_url"]

    def block_context(self) -> dict:
        return {
            "language_code": self.language_code,
            "base_url": self.base_url,
            "site_id": self.context.get("site_id"),
        }


class TopicSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class ClinicianSerializer(ApiContextMixin, serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    credentials = serializers.CharField()
    specialty = serializers.CharField()
    bio = serializers.CharField()
    photo = serializers.SerializerMethodField()

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_photo(self, clinician) -> dict | None:
        return image_for_api(clinician.photo, base_url=self.base_url)


class ReviewSerializer(serializers.Serializer):
    last_reviewed = serializers.DateField(allow_null=True)
    next_review_due = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(
        choices=list(REVIEW_STATUSES),
        help_text="From next_review_due on the day the response was made: due_soon "
        "within the site's window (30 days unless set), overdue once the date has "
        "passed or when no review is scheduled.",
    )
    flagged = serializers.BooleanField(
        help_text="True when the review is overdue and the site asks front ends to "
        "show readers so (Settings > Medical review cycle)."
    )


class TranslationLinkSerializer(serializers.Serializer):
    locale = serializers.CharField()
    slug = serializers.CharField()
    title = serializers.CharField()
    path = serializers.CharField()
    url = serializers.URLField(
        help_text="Where patients read it: the front end's URL, else the CMS's page."
    )


class ArticleListItemSerializer(ApiContextMixin, serializers.Serializer):
    id = serializers.IntegerField()
    translation_key = serializers.UUIDField()
    locale = serializers.SerializerMethodField()
    slug = serializers.CharField()
    path = serializers.SerializerMethodField()
    title = serializers.CharField()
    summary = serializers.CharField()
    hero_image = serializers.SerializerMethodField()
    topics = serializers.SerializerMethodField()
    first_published_at = serializers.DateTimeField()
    last_published_at = serializers.DateTimeField()
    last_reviewed = serializers.DateField(allow_null=True)
    reading_time_minutes = serializers.IntegerField()
    available_locales = serializers.SerializerMethodField()
    review = serializers.SerializerMethodField()
    is_outdated = serializers.SerializerMethodField(
        help_text="A translation whose source has changed since this version was "
        "approved, until a translation of the new source is approved."
    )
    outdated_since = serializers.SerializerMethodField(
        help_text="When the source changed (null unless is_outdated)."
    )
    outdated_sections = serializers.SerializerMethodField(
        help_text="Anchors of the sections whose source changed since this version "
        "was approved (field names such as `title` for changes outside the body)."
    )

    def get_locale(self, page) -> str:
        return page.locale.language_code

    def get_path(self, page) -> str:
        return page_path(page)

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_hero_image(self, page) -> dict | None:
        return image_for_api(page.hero_image, base_url=self.base_url)

    @extend_schema_field(TopicSerializer(many=True))
    def get_topics(self, page) -> list[dict]:
        return TopicSerializer(page.topics, many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_available_locales(self, page) -> list[str]:
        return [t["locale"] for t in self.context["translations"]]

    @extend_schema_field(ReviewSerializer)
    def get_review(self, page) -> dict:
        return self.context["review"]

    def get_is_outdated(self, page) -> bool:
        return self.context.get("drift") is not None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_outdated_since(self, page) -> str | None:
        drift = self.context.get("drift")
        return drift.source_changed_at.isoformat() if drift else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_outdated_sections(self, page) -> list[str]:
        drift = self.context.get("drift")
        return list(drift.outdated_sections) if drift else []


class ArticleDetailSerializer(ArticleListItemSerializer):
    body = serializers.SerializerMethodField()
    toc = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    medical_reviewer = serializers.SerializerMethodField()
    next_review_due = serializers.DateField(allow_null=True)
    references = serializers.SerializerMethodField()
    disclaimer = serializers.SerializerMethodField()
    translations = serializers.SerializerMethodField()
    seo = serializers.SerializerMethodField()
    json_ld = serializers.SerializerMethodField()

    @extend_schema_field(SectionSerializer(many=True))
    def get_body(self, page) -> list[dict]:
        return page.body.stream_block.get_api_representation(
            page.body, self.block_context()
        )

    @extend_schema_field(TocEntrySerializer(many=True))
    def get_toc(self, page) -> list[dict]:
        return table_of_contents(page.body)

    @extend_schema_field(ClinicianSerializer(allow_null=True))
    def get_author(self, page) -> dict | None:
        return self.clinician(page.author)

    @extend_schema_field(ClinicianSerializer(allow_null=True))
    def get_medical_reviewer(self, page) -> dict | None:
        return self.clinician(page.medical_reviewer)

    def clinician(self, clinician) -> dict | None:
        if clinician is None:
            return None
        return ClinicianSerializer(clinician, context=self.context).data

    @extend_schema_field(ReferenceSerializer(many=True))
    def get_references(self, page) -> list[dict]:
        block = page.references.stream_block
        return block.get_api_representation(page.references, self.block_context())

    @extend_schema_field(serializers.CharField(help_text=RICH_TEXT))
    def get_disclaimer(self, page) -> str:
        return rich_text_for_api(page.disclaimer or "", **self.block_context())

    @extend_schema_field(TranslationLinkSerializer(many=True))
    def get_translations(self, page) -> list[dict]:
        return self.context["translations"]

    @extend_schema_field(SeoSerializer)
    def get_seo(self, page) -> dict:
        alternates = [
            {"hreflang": bcp47(t["locale"]), "href": t["url"]}
            for t in self.context["translations"]
        ]
        default = self.context.get("default_translation")
        if default:
            alternates.append({"hreflang": "x-default", "href": default["url"]})
        return {
            "title": page.seo_title or page.title,
            "description": page.search_description or page.summary,
            "canonical_url": self.public_url(page),
            "alternates": alternates,
        }

    def public_url(self, page) -> str:
        return public_page_url(
            self.context.get("frontend_template", ""),
            locale=page.locale.language_code,
            slug=page.slug,
            path=page_path(page),
        )

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": {},
            "description": "The article as schema.org `MedicalWebPage` JSON-LD, for a "
            "script element of type `application/ld+json` in the page head. Keys "
            "without a value are left out.",
            "examples": [JSON_LD_EXAMPLE],
        }
    )
    def get_json_ld(self, page) -> dict:
        data = {
            "@context": "https://schema.org",
            "@type": "MedicalWebPage",
            "headline": page.title,
            "name": page.title,
            "description": page.summary,
            "url": self.public_url(page),
            "inLanguage": bcp47(page.locale.language_code),
            "datePublished": iso(page.first_published_at),
            "dateModified": iso(page.last_published_at),
            "lastReviewed": iso(page.last_reviewed),
            "about": [{"@type": "Thing", "name": topic.name} for topic in page.topics],
            "citation": [citation_ld(reference.value) for reference in page.references],
        }
        if page.author:
            data["author"] = person_ld(page.author)
        if page.medical_reviewer:
            data["reviewedBy"] = person_ld(page.medical_reviewer)
        if page.hero_image:
            data["image"] = absolute_url(page.hero_image.file.url, self.base_url)
        return {key: value for key, value in data.items() if value not in (None, [])}


def iso(value) -> str | None:
    return value.isoformat() if value else None


def person_ld(clinician) -> dict:
    person = {"@type": "Person", "name": clinician.name}
    if clinician.credentials:
        person["honorificSuffix"] = clinician.credentials
    if clinician.specialty:
        person["jobTitle"] = clinician.specialty
    return person


def citation_ld(reference) -> dict:
    citation = {"@type": "CreativeWork", "name": reference["citation"]}
    if url := safe_url(reference.get("url")):
        citation["url"] = url
    if reference.get("doi"):
        citation["sameAs"] = safe_url(f"https://doi.org/{reference['doi']}")
    return citation


class LocaleSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    native_name = serializers.CharField()
    direction = serializers.ChoiceField(choices=["ltr", "rtl"])
    fallbacks = serializers.ListField(child=serializers.CharField())


def locale_representation(code: str, fallbacks: list[str]) -> dict:
    info = language_info(code)
    return {
        "code": code,
        "name": info.name,
        "native_name": info.name_local,
        "direction": info.direction,
        "fallbacks": fallbacks,
    }
