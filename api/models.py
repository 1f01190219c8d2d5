"""The delivery read model: each live article's JSON, built once when it is published
and read by the API in one indexed query."""

from django.db import models


class ArticleDocument(models.Model):
    """One live, public article in one locale, as the API delivers it."""

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+"
    )
    translation_key = models.UUIDField(db_index=True)
    locale = models.CharField(max_length=20)
    slug = models.CharField(max_length=255)
    path = models.CharField(max_length=2048)
    title = models.CharField(max_length=255)
    first_published_at = models.DateTimeField(null=True)
    last_published_at = models.DateTimeField(null=True)
    last_reviewed = models.DateField(null=True)
    # Lower-cased, NFKC-normalised text for search in every script.
    search_title = models.TextField()
    search_text = models.TextField()
    listing_json = models.TextField()
    detail_json = models.TextField()
    etag = models.CharField(max_length=64)
    built_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["site", "locale", "slug"]),
            models.Index(fields=["site", "locale", "-first_published_at", "page"]),
            models.Index(fields=["site", "locale", "title", "page"]),
            models.Index(fields=["site", "locale", "-last_reviewed", "page"]),
        ]

    def __str__(self) -> str:
        return f"{self.locale}:{self.slug}"


class ArticleDocumentTopic(models.Model):
    document = models.ForeignKey(
        ArticleDocument, on_delete=models.CASCADE, related_name="topics"
    )
    slug = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "slug"], name="unique_document_topic"
            )
        ]
        indexes = [models.Index(fields=["slug", "document"])]

    def __str__(self) -> str:
        return self.slug
