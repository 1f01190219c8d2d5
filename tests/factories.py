"""Factories for the content model. Article bodies are built from small helpers that
return StreamField data in its stored (JSON) form: a test states the shape it needs."""

import uuid
from datetime import date

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale

from articles.models import (
    ArticleIndexPage,
    ArticlePage,
    ArticlePageTopic,
    Clinician,
    Term,
    TermConcept,
    Topic,
)


class LocaleFactory(factory.django.DjangoModelFactory):
    language_code = "en"

    class Meta:
        model = Locale
        django_get_or_create = ("language_code",)


def default_locale() -> Locale:
    return LocaleFactory(language_code="en")


class TermConceptFactory(factory.django.DjangoModelFactory):
    concept_id = factory.Sequence(lambda n: f"c{n}")

    class Meta:
        model = TermConcept


def concept(concept_id: str, **terms_by_language) -> TermConcept:
    """A concept with approved terms: concept("c1", en="stem cell", ko="줄기세포").
    A list gives several; a "!" before a term makes it forbidden."""
    made = TermConceptFactory(concept_id=concept_id)
    for code, texts in terms_by_language.items():
        code = code.replace("_", "-")
        for text in [texts] if isinstance(texts, str) else texts:
            forbidden = text.startswith("!")
            Term.objects.create(
                concept=made,
                locale=LocaleFactory(language_code=code),
                text=text.removeprefix("!"),
                status=Term.Status.FORBIDDEN if forbidden else Term.Status.APPROVED,
            )
    return made


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    description = "What this topic covers."
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Topic


class ClinicianFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Dr Clinician {n}")
    credentials = "MD"
    specialty = "Neurosurgery"
    bio = "Treats spinal conditions."
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Clinician


class ImageFactory(wagtail_factories.ImageFactory):
    pass


# StreamField data in stored form ------------------------------------------------------


def block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def items(*values) -> list[dict]:
    return [block("item", value) for value in values]


def paragraph(html: str = "<p>Stem cells can become many kinds of cell.</p>") -> dict:
    return block("paragraph", html)


def section(heading: str, *content: dict, level: int = 2, anchor: str = "") -> dict:
    return block(
        "section",
        {
            "heading": heading,
            "level": str(level),
            "anchor": anchor,
            "content": list(content),
        },
    )


def default_body() -> list[dict]:
    return [
        section("Overview", paragraph()),
        section("How the treatment works", paragraph(), level=2),
    ]


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Health library"
    slug = factory.Sequence(lambda n: f"health-library-{n}")
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = ArticleIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Stem-cell therapy, part {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    summary = "How stem-cell therapy may help after a spinal injury."
    body = factory.LazyFunction(default_body)
    last_reviewed = date(2026, 9, 1)
    next_review_due = date(2027, 9, 1)
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            for topic in extracted:
                ArticlePageTopic.objects.create(
                    page=self, topic=topic, locale=self.locale
                )


def publish(page):
    """Publish the page's current state the way the admin does (signals included)."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, locale: Locale, **fields):
    """A published translation of `page` in `locale` (parents are translated as needed),
    with `fields` replacing the copied values."""
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    parent = translation.get_parent()
    if not parent.live:
        publish(parent.specific)
    return publish(translation)


def member(username: str, *group_names: str):
    """A user in the named groups (those `setup_roles` makes, say)."""
    user = get_user_model().objects.create_user(username=username, password="x")
    for name in group_names:
        user.groups.add(Group.objects.get(name=name))
    return user
