"""Roles: translators work only in their own locales, editors create translation jobs
for every locale. Each permission is tested both ways through the admin views."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, WorkflowPage
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from articles.models import ArticlePage, Topic
from articles.translation.permissions import (
    can_exchange_files,
    can_machine_translate,
    can_submit_translation_into,
    can_translate_into,
    translator_locales,
)
from articles.translation.roles import (
    EDITORS_GROUP,
    REVIEWERS_GROUP,
    setup_roles,
    translators_group_name,
)
from tests.factories import ArticlePageFactory, TopicFactory, member, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(roles, django_user_model):
    return member("ko-translator", translators_group_name("ko"))


@pytest.fixture
def editor(roles, django_user_model):
    return member("editor-1", EDITORS_GROUP)


@pytest.fixture
def source_article(indexes):
    return publish(ArticlePageFactory(parent=indexes["en"], slug="stem-cells"))


def assert_refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to its home page."""
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def submit_page_url(page) -> str:
    return reverse("wagtail_localize:submit_page_translation", args=[page.id])


def submit_topic_url(topic) -> str:
    return reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["articles", "topic", topic.pk],
    )


def localize(instance, *locales):
    """Translations made by an administrator, as wagtail-localize's view makes them."""
    translate_object(instance, list(locales))
    source = TranslationSource.objects.get_for_instance(instance)
    return {t.target_locale.language_code: t for t in source.translations.all()}


# setup_roles ------------------------------------------------------------------------


def test_setup_roles_creates_the_groups_and_puts_every_index_under_review(indexes):
    report = setup_roles()

    assert {
        EDITORS_GROUP,
        REVIEWERS_GROUP,
        "Translators: ko",
        "Translators: ar",
    } <= set(Group.objects.values_list("name", flat=True))
    reviewed = WorkflowPage.objects.filter(workflow__name="Medical review")
    assert {link.page_id for link in reviewed} == {page.id for page in indexes.values()}
    # Locales without an article index yet are reported, not silently skipped.
    assert any("no article index in ar" in line for line in report.warnings)


def test_translators_may_add_and_edit_but_never_publish_in_their_tree(roles, indexes):
    perms = GroupPagePermission.objects.filter(group__name="Translators: ko")

    assert {(p.page_id, p.permission.codename) for p in perms} == {
        (indexes["ko"].id, "add_page"),
        (indexes["ko"].id, "change_page"),
    }


def test_setup_roles_run_again_changes_nothing(roles):
    counts = (Group.objects.count(), GroupPagePermission.objects.count())

    report = setup_roles()

    assert report.changes == []
    assert report.lines()[0] == "Roles already up to date: nothing changed."
    assert (Group.objects.count(), GroupPagePermission.objects.count()) == counts


def test_setup_roles_command_prints_what_it_did(indexes):
    out = StringIO()
    call_command("setup_roles", "--locales", "ko", stdout=out)

    assert "Created group 'Translators: ko'." in out.getvalue()
    assert not Group.objects.filter(name="Translators: ja").exists()


def test_setup_roles_command_refuses_an_unknown_locale_and_changes_nothing(indexes):
    with pytest.raises(CommandError, match="Not a translated content language: xx"):
        call_command("setup_roles", "--locales", "ko,xx", stdout=StringIO())

    assert not Group.objects.filter(name__startswith="Translators").exists()


# Who translates into what -----------------------------------------------------------


def test_translator_locales_follow_the_page_permissions_of_their_groups(
    roles, translator, editor, django_user_model
):
    reviewer = member("doctor", REVIEWERS_GROUP)
    admin = django_user_model.objects.create_superuser(username="root", password="x")

    assert translator_locales(translator) == {"ko"}
    assert translator_locales(editor) == {"en"}
    assert translator_locales(reviewer) == set()
    assert "zh-hans" in translator_locales(admin)


def test_editors_submit_into_every_locale_translators_only_into_theirs(
    translator, editor
):
    assert can_submit_translation_into(editor, "zh-hans")
    assert can_submit_translation_into(translator, "ko")
    assert not can_submit_translation_into(translator, "zh-hans")
    assert not can_translate_into(editor, "zh-hans")


def test_file_exchange_and_machine_translation_follow_the_target_locale(
    translator, source_article, locales
):
    translations = localize(source_article, locales["ko"], locales["zh-hans"])

    assert can_exchange_files(translator, translations["ko"])
    assert can_machine_translate(translator, translations["ko"])
    assert not can_exchange_files(translator, translations["zh-hans"])
    assert not can_machine_translate(translator, translations["zh-hans"])


def test_before_the_translated_page_exists_files_follow_the_submit_permission(
    translator, source_article, locales, indexes
):
    """What a translator may start, they may exchange files for: every check that
    asks about a translation without a target (views, XLIFF, machine translation)
    gives the same answer."""
    source, _created = TranslationSource.get_or_create_from_instance(source_article)
    ko = Translation.objects.create(source=source, target_locale=locales["ko"])
    zh = Translation.objects.create(source=source, target_locale=locales["zh-hans"])
    # Edits the Korean tree, but may not start translations.
    group = Group.objects.create(name="Korean web editors")
    GroupPagePermission.objects.create(
        group=group,
        page=indexes["ko"],
        permission=Permission.objects.get(codename="change_page"),
    )
    without_submit = member("ko-web-editor", group.name)

    assert can_exchange_files(translator, ko)
    assert can_machine_translate(translator, ko)
    assert not can_exchange_files(translator, zh)
    assert not can_exchange_files(without_submit, ko)
    assert not can_machine_translate(without_submit, ko)


# Pages, through the admin -----------------------------------------------------------


def test_translator_edits_pages_of_their_locale_and_is_refused_others(
    client, translator, indexes
):
    ko_page = ArticlePageFactory(parent=indexes["ko"], locale=indexes["ko"].locale)
    zh_page = ArticlePageFactory(
        parent=indexes["zh-hans"], locale=indexes["zh-hans"].locale
    )
    client.force_login(translator)

    allowed = client.get(reverse("wagtailadmin_pages:edit", args=[ko_page.id]))
    refused = client.get(reverse("wagtailadmin_pages:edit", args=[zh_page.id]))

    assert allowed.status_code == 200
    assert_refused(refused)


def test_submit_form_offers_only_the_translators_locales(
    client, translator, source_article
):
    client.force_login(translator)

    response = client.get(submit_page_url(source_article))

    assert response.status_code == 200
    offered = response.context["form"].fields["locales"].queryset
    assert [locale.language_code for locale in offered] == ["ko"]


def test_translator_submits_a_page_for_translation_into_their_locale(
    client, translator, source_article, locales
):
    client.force_login(translator)

    response = client.post(
        submit_page_url(source_article), {"locales": [locales["ko"].id]}
    )

    assert response.status_code == 302
    assert ArticlePage.objects.filter(
        translation_key=source_article.translation_key, locale=locales["ko"]
    ).exists()


def test_forged_submission_into_another_locale_is_refused_and_creates_nothing(
    client, translator, source_article, locales
):
    client.force_login(translator)

    response = client.post(
        submit_page_url(source_article),
        {"locales": [locales["ko"].id, locales["zh-hans"].id]},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["locales"] == [
        "You may not translate into Simplified Chinese."
    ]
    assert not Translation.objects.exists()
    assert (
        Page.objects.filter(translation_key=source_article.translation_key).count() == 1
    )


def test_editor_submits_a_source_article_into_any_locale(
    client, editor, source_article, locales
):
    client.force_login(editor)

    response = client.post(
        submit_page_url(source_article), {"locales": [locales["zh-hans"].id]}
    )

    assert response.status_code == 302
    assert Translation.objects.filter(target_locale=locales["zh-hans"]).exists()


def test_user_who_translates_nowhere_cannot_open_the_submit_view(
    client, source_article, django_user_model, roles
):
    # Submit permission without a tree: a reviewer given it by mistake.
    reviewer = member("doctor", REVIEWERS_GROUP)
    reviewer.user_permissions.add(
        *Group.objects.get(name=EDITORS_GROUP).permissions.filter(
            codename="submit_translation"
        )
    )
    client.force_login(reviewer)

    assert_refused(client.get(submit_page_url(source_article)))


# Syncing ------------------------------------------------------------------------------


def test_translator_syncs_only_the_translation_into_their_locale(
    client, translator, source_article, locales
):
    localize(source_article, locales["ko"], locales["zh-hans"])
    source = TranslationSource.objects.get_for_instance(source_article)
    url = reverse("wagtail_localize:update_translations", args=[source.id])
    client.force_login(translator)

    form = client.get(url)
    synced = client.post(url, {"publish_translations": "on"})

    assert [item["locale"].language_code for item in form.context["translations"]] == [
        "ko"
    ]
    # Translations go live through review: no "Publish immediately" for translators.
    assert "publish_translations" not in form.context["form"].fields
    assert synced.status_code == 302
    assert not ArticlePage.objects.filter(locale=locales["ko"], live=True).exists()


def test_translator_cannot_sync_a_source_translated_only_into_other_locales(
    client, translator, source_article, locales
):
    localize(source_article, locales["zh-hans"])
    source = TranslationSource.objects.get_for_instance(source_article)
    client.force_login(translator)

    response = client.post(
        reverse("wagtail_localize:update_translations", args=[source.id])
    )

    assert_refused(response)


# Working on one translation -----------------------------------------------------------


def test_translator_downloads_po_files_only_for_their_locale(
    client, translator, source_article, locales
):
    translations = localize(source_article, locales["ko"], locales["zh-hans"])
    client.force_login(translator)

    def download(code):
        return client.get(
            reverse("wagtail_localize:download_pofile", args=[translations[code].id])
        )

    assert download("ko").status_code == 200
    assert_refused(download("zh-hans"))


def test_translator_cannot_upload_or_machine_translate_into_another_locale(
    client, translator, locales
):
    topic = TopicFactory(locale=locales["en"])
    translations = localize(topic, locales["ko"], locales["zh-hans"])
    client.force_login(translator)
    zh = translations["zh-hans"].id

    upload = client.post(reverse("wagtail_localize:upload_pofile", args=[zh]))
    machine = client.post(reverse("wagtail_localize:machine_translate", args=[zh]))

    assert_refused(upload)
    assert_refused(machine)


@pytest.fixture
def topic_segment_urls(locales):
    """Edit URLs of the topic name segment, in the Korean and Chinese translations."""
    topic = TopicFactory(locale=locales["en"], name="Spine")
    translations = localize(topic, locales["ko"], locales["zh-hans"])
    segment = TranslationSource.objects.get_for_instance(topic).stringsegment_set.get(
        string__data="Spine"
    )
    return {
        code: reverse(
            "wagtail_localize:edit_string_translation",
            args=[translations[code].id, segment.id],
        )
        for code in ("ko", "zh-hans")
    }


def put_segment(client, url, value):
    # As the translation editor sends it: multipart form data.
    return client.put(
        url,
        encode_multipart(BOUNDARY, {"value": value}),
        content_type=MULTIPART_CONTENT,
    )


def test_translator_cannot_edit_segments_of_another_locales_translation(
    client, translator, topic_segment_urls
):
    client.force_login(translator)

    response = put_segment(client, topic_segment_urls["zh-hans"], "脊柱")

    assert_refused(response)
    assert not StringTranslation.objects.exists()


def test_translator_edits_segments_of_their_locales_translation(
    client, translator, topic_segment_urls
):
    client.force_login(translator)

    response = put_segment(client, topic_segment_urls["ko"], "척추")

    assert response.status_code == 201
    assert list(StringTranslation.objects.values_list("data", flat=True)) == ["척추"]


# Snippets -----------------------------------------------------------------------------


def test_translator_submits_a_topic_for_translation_only_into_their_locale(
    client, translator, locales
):
    topic = TopicFactory(locale=locales["en"])
    client.force_login(translator)

    allowed = client.post(submit_topic_url(topic), {"locales": [locales["ko"].id]})
    forged = client.post(submit_topic_url(topic), {"locales": [locales["zh-hans"].id]})

    assert allowed.status_code == 302
    assert forged.status_code == 200
    assert set(
        Topic.objects.filter(translation_key=topic.translation_key).values_list(
            "locale__language_code", flat=True
        )
    ) == {"en", "ko"}


def test_translator_edits_topics_of_their_locale_and_is_refused_others(
    client, translator, locales
):
    ko_topic = TopicFactory(locale=locales["ko"])
    zh_topic = TopicFactory(locale=locales["zh-hans"])
    client.force_login(translator)

    def edit(topic):
        return client.get(
            reverse("wagtailsnippets_articles_topic:edit", args=[topic.pk])
        )

    assert edit(ko_topic).status_code == 200
    assert_refused(edit(zh_topic))


def test_translator_cannot_post_changes_to_another_locales_topic(
    client, translator, locales
):
    zh_topic = TopicFactory(locale=locales["zh-hans"], name="脊柱")
    client.force_login(translator)

    client.post(
        reverse("wagtailsnippets_articles_topic:edit", args=[zh_topic.pk]),
        {"name": "Hacked", "slug": zh_topic.slug, "description": ""},
    )

    zh_topic.refresh_from_db()
    assert zh_topic.name == "脊柱"


def test_editor_creates_topics_in_the_source_locale_only(client, editor, locales):
    client.force_login(editor)
    url = reverse("wagtailsnippets_articles_topic:add")

    assert client.get(url, {"locale": "en"}).status_code == 200
    assert_refused(client.get(url, {"locale": "zh-hans"}))
    assert_refused(
        client.post(
            f"{url}?locale=zh-hans",
            {"name": "脊柱", "slug": "spine", "description": ""},
        )
    )
    assert not Topic.objects.exists()
