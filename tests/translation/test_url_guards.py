"""Every URL wagtail-localize registers in the admin is guarded per locale: a translator
of one locale can neither change nor see another locale's translations through any of
them, including routes a later release of wagtail-localize adds."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import path, resolve, reverse
from wagtail_localize import wagtail_hooks as wagtail_localize_hooks
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from articles.models import Topic
from articles.translation.roles import translators_group_name
from articles.translation.urls import (
    REPLACED,
    UNGUARDED,
    guarded_wagtail_localize_urls,
    wagtail_localize_patterns,
)
from tests.factories import ArticlePageFactory, TopicFactory, member, publish

pytestmark = pytest.mark.django_db

MARKER = "MARKER-ZH-TRANSLATION"


@pytest.fixture
def world(roles, indexes, locales):
    """An English article and topic translated into Korean and Chinese; the Chinese
    translations hold a marker that must never reach the Korean translator."""
    article = publish(ArticlePageFactory(parent=indexes["en"], slug="stem-cells"))
    topic = TopicFactory(name="Spine", slug="spine")
    for instance in (article, topic):
        translate_object(instance, [locales["ko"], locales["zh-hans"]])
    zh = Translation.objects.get(
        source__object_id=article.translation_key, target_locale=locales["zh-hans"]
    )
    segment = zh.source.stringsegment_set.select_related("string", "context").first()
    StringTranslation.objects.create(
        translation_of=segment.string,
        context=segment.context,
        locale=locales["zh-hans"],
        data=MARKER,
    )
    zh_topic = Topic.objects.get(
        translation_key=topic.translation_key, locale=locales["zh-hans"]
    )
    zh_topic.name = MARKER
    zh_topic.save()
    return {
        "article": article,
        "zh_translation": zh,
        "zh_page": zh.get_target_instance(),
        "zh_topic": zh_topic,
        "segment": segment,
    }


@pytest.fixture
def ko_translator(client, world):
    user = member("ko-translator", translators_group_name("ko"))
    client.force_login(user)
    return client


def url_kwargs(pattern, world) -> dict:
    """Arguments pointing every parameter of a route at the Chinese translation."""
    values = {
        "translation_id": world["zh_translation"].pk,
        "string_segment_id": world["segment"].pk,
        "overridable_segment_id": 1,
        "mode": "default",
        "page_id": world["zh_page"].pk,
        "translation_source_id": world["zh_translation"].source_id,
        "app_label": "articles",
        "model_name": "topic",
        "pk": world["zh_topic"].pk,
    }
    return {name: values[name] for name in pattern.pattern.converters}


def refused(response) -> bool:
    """PermissionDenied: Wagtail's admin redirects to its home page; DRF says 403."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def snapshot() -> tuple:
    return (
        StringTranslation.objects.count(),
        Translation.objects.count(),
        TranslationSource.objects.count(),
        Topic.objects.count(),
        sorted(StringTranslation.objects.values_list("data", flat=True)),
    )


def test_every_wagtail_localize_route_reaches_a_view_of_ours_first(world):
    for pattern in wagtail_localize_patterns():
        if pattern.name in UNGUARDED:
            continue
        kwargs = url_kwargs(pattern, world)
        url = reverse(f"wagtail_localize:{pattern.name}", kwargs=kwargs)
        match = resolve(url)
        assert match.namespace == "articles_localize_guard", pattern.name
        assert match.func is not pattern.callback, pattern.name


def test_no_route_lets_a_translator_change_or_see_another_locales_translation(
    world, ko_translator
):
    checked = []
    for pattern in wagtail_localize_patterns():
        if pattern.name in UNGUARDED:
            continue
        url = reverse(
            f"wagtail_localize:{pattern.name}", kwargs=url_kwargs(pattern, world)
        )
        before = snapshot()
        for method in ("get", "post"):
            response = getattr(ko_translator, method)(url)
            body = response.content.decode(errors="replace")
            assert MARKER not in body, (pattern.name, method)
            if pattern.name not in REPLACED:
                assert refused(response), (pattern.name, method, response)
        assert snapshot() == before, pattern.name
        checked.append(pattern.name)
    # Every route wagtail-localize registers (17 in 1.14), its JavaScript catalogue
    # included (replaced by ours, which shows no translation).
    assert len(checked) == len(wagtail_localize_patterns()) >= 17


def test_replaced_views_refuse_the_other_locale_too(world, ko_translator, locales):
    translation = world["zh_translation"]
    assert refused(
        ko_translator.post(
            reverse("wagtail_localize:machine_translate", args=[translation.pk])
        )
    )
    topics = ko_translator.get(
        reverse("wagtail_localize:snippets_api_listing", args=["articles", "topic"])
    )
    assert topics.status_code == 200
    assert {item["title"] for item in topics.json()} == {"Spine"} | {
        str(t) for t in Topic.objects.filter(locale=locales["ko"])
    }
    detail = ko_translator.get(
        reverse(
            "wagtail_localize:snippets_api_detail",
            args=["articles", "topic", world["zh_topic"].pk],
        ),
        follow=True,  # Django's LocaleMiddleware tries a language prefix on a 404
    )
    assert detail.status_code == 404


def test_a_route_added_by_a_later_release_is_guarded(
    world, monkeypatch, django_user_model
):
    def secret_listing(request):
        raise AssertionError("reached without a guard")

    registered = wagtail_localize_hooks.register_admin_urls

    def with_a_new_route():
        return [
            *registered(),
            path("reports/everything/", secret_listing, name="everything"),
        ]

    monkeypatch.setattr(wagtail_localize_hooks, "register_admin_urls", with_a_new_route)
    (resolver,) = guarded_wagtail_localize_urls()
    (new,) = [p for p in resolver.url_patterns if p.name == "everything"]
    request = RequestFactory().get("/")
    request.user = member("ko-translator", translators_group_name("ko"))

    with pytest.raises(PermissionDenied):
        new.callback(request)
