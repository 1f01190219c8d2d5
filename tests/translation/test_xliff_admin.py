"""XLIFF exchange in the admin: who may download and upload, what an upload reports,
and where translators find the files."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escapejs
from wagtail.models import GroupPagePermission
from wagtail_localize.models import StringTranslation

from articles.translation.roles import translators_group_name
from articles.translation.xliff import export_xliff, import_xliff
from tests.factories import TopicFactory
from tests.translation.helpers import (
    BILLION_LAUGHS,
    fill_targets,
    multi_section_article,
    set_target,
    submit,
    unit_id_with,
    units,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def translation(index_page, locales, django_user_model):
    """An English article translated into Korean through an XLIFF file, with the
    Korean page created."""
    translation = submit(multi_section_article(index_page), locales["ko"])
    import_xliff(translation, fill_targets(export_xliff(translation)), None)
    translation.source.create_or_update_translation(
        locales["ko"], publish=True, copy_parent_pages=True
    )
    return translation


def editor_of(page, django_user_model, username: str):
    group = Group.objects.create(name=f"{username} editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=page, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user(username=username, password="x")
    user.groups.add(group)
    return user


@pytest.fixture
def ko_page(translation):
    return translation.get_target_instance()


@pytest.fixture
def ko_editor(ko_page, django_user_model):
    return editor_of(ko_page.get_parent(), django_user_model, "ko-editor")


@pytest.fixture
def en_editor(index_page, django_user_model):
    return editor_of(index_page, django_user_model, "en-editor")


def download_url(translation) -> str:
    return reverse("articles_xliff_download", args=[translation.pk])


def upload_url(translation) -> str:
    return reverse("articles_xliff_upload", args=[translation.pk])


def xliff_upload(data: bytes) -> dict:
    return {"file": SimpleUploadedFile("ko.xlf", data, "application/x-xliff+xml")}


def refused(response) -> bool:
    """Wagtail's admin answers a permission error with a redirect to the dashboard
    and a message."""
    return response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_home"
    )


def saved(translation) -> list:
    return list(
        StringTranslation.objects.filter(locale=translation.target_locale)
        .order_by("pk")
        .values_list("data", "updated_at")
    )


# Permissions --------------------------------------------------------------------------


def test_an_editor_of_the_translated_page_downloads_its_xliff(
    client, translation, ko_editor
):
    client.force_login(ko_editor)
    response = client.get(download_url(translation))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-xliff+xml; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="stem-cell-therapy-ko.xlf"'
    )
    exported = units(response.content)
    assert len(exported) == 13
    assert all(unit.find("{*}target") is not None for unit in exported.values())


def test_an_editor_of_only_the_source_language_may_not_download_or_upload(
    client, translation, en_editor
):
    client.force_login(en_editor)
    before = saved(translation)
    data = fill_targets(export_xliff(translation), lambda text: f"[x] {text}")

    assert refused(client.get(download_url(translation)))
    assert refused(client.get(upload_url(translation)))
    assert refused(client.post(upload_url(translation), xliff_upload(data)))
    assert saved(translation) == before


def test_anonymous_visitors_are_sent_to_the_login(client, translation):
    response = client.get(download_url(translation))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_snippet_files_need_the_change_permission_and_the_target_locale(
    client, indexes, roles, locales, django_user_model
):
    """Changing topics is not enough: the user must translate into the target locale
    (roles are locale-scoped; `setup_roles` gives translators both)."""
    topic = TopicFactory(name="Spine", locale=locales["en"])
    translation = submit(topic, locales["ko"])
    user = django_user_model.objects.create_user(username="topics", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    user.user_permissions.add(Permission.objects.get(codename="change_topic"))
    client.force_login(user)
    assert refused(client.get(download_url(translation)))

    user.groups.add(Group.objects.get(name=translators_group_name("ko")))
    user = django_user_model.objects.get(pk=user.pk)  # forget cached permissions
    client.force_login(user)
    response = client.get(download_url(translation))
    assert response.status_code == 200
    assert b"<source>Spine</source>" in response.content
    assert indexes["ko"].live


def test_a_stopped_translation_has_no_files(admin_client_logged_in, translation):
    translation.enabled = False
    translation.save()
    response = admin_client_logged_in.get(download_url(translation), follow=True)
    assert response.status_code == 404


# Upload -------------------------------------------------------------------------------


def test_uploading_a_translated_file_applies_valid_segments_and_reports_the_rest(
    client, translation, ko_editor
):
    client.force_login(ko_editor)
    data = export_xliff(translation)
    heading = unit_id_with(data, "Results")
    bullet = unit_id_with(data, "People ")
    data = set_target(set_target(data, heading, "결과"), bullet, "부상 후 사람들")

    response = client.post(upload_url(translation), xliff_upload(data))

    assert response.status_code == 200
    report = response.context["report"]
    assert report.applied == 1 and report.rejected == 1
    content = response.content.decode()
    assert "Inline tag(s) missing from the translation: b1 (bold)." in content
    assert "1 segment(s) applied, 11 unchanged, 0 skipped, 1 rejected." in content
    assert "not changed or published" in content
    heading_translation = StringTranslation.objects.get(
        context__path=heading.split(":")[0], locale=translation.target_locale
    )
    assert heading_translation.data == "결과"
    assert heading_translation.last_translated_by == ko_editor
    assert heading_translation.tool_name == "XLIFF"


def test_a_file_for_another_language_is_refused_with_a_form_error(
    admin_client_logged_in, translation
):
    before = saved(translation)
    data = export_xliff(translation).replace(
        b'target-language="ko"', b'target-language="ar"'
    )

    response = admin_client_logged_in.post(upload_url(translation), xliff_upload(data))

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file's target language is 'ar' but this translation's is 'ko'. "
        "Nothing was imported."
    ]
    assert saved(translation) == before


def test_an_oversized_upload_is_refused_before_it_is_read(
    admin_client_logged_in, translation, settings
):
    settings.ARTICLES_XLIFF_MAX_BYTES = 500
    before = saved(translation)

    response = admin_client_logged_in.post(
        upload_url(translation), xliff_upload(export_xliff(translation))
    )

    assert response.status_code == 400
    assert "the limit is 500 bytes" in response.context["form"].errors["file"][0]
    assert saved(translation) == before


def test_an_entity_bomb_upload_is_refused(admin_client_logged_in, translation):
    response = admin_client_logged_in.post(
        upload_url(translation), xliff_upload(BILLION_LAUGHS + b"</xliff>")
    )
    assert response.status_code == 400
    assert (
        "declares a DTD or XML entities" in (response.context["form"].errors["file"][0])
    )


def test_the_upload_page_offers_the_download(admin_client_logged_in, translation):
    response = admin_client_logged_in.get(upload_url(translation))
    assert response.status_code == 200
    assert download_url(translation) in response.content.decode()


# Where translators find the files -----------------------------------------------------


def test_translated_pages_in_the_explorer_offer_xliff_download_and_upload(
    client, translation, ko_page, ko_editor
):
    client.force_login(ko_editor)
    response = client.get(
        reverse("wagtailadmin_explore", args=[ko_page.get_parent().pk])
    )
    content = response.content.decode()
    assert download_url(translation) in content
    assert upload_url(translation) in content


def test_the_source_page_links_to_its_translation_files(
    admin_client_logged_in, translation, index_page
):
    files_url = reverse("articles_xliff_source", args=[translation.source.pk])
    explorer = admin_client_logged_in.get(
        reverse("wagtailadmin_explore", args=[index_page.pk])
    )
    assert files_url in explorer.content.decode()

    response = admin_client_logged_in.get(files_url)
    assert response.status_code == 200
    assert download_url(translation) in response.content.decode()
    assert upload_url(translation) in response.content.decode()


def test_the_translation_files_page_is_refused_to_editors_of_no_translation(
    client, translation, en_editor
):
    client.force_login(en_editor)
    response = client.get(
        reverse("articles_xliff_source", args=[translation.source.pk])
    )
    assert refused(response)


def test_the_translation_editor_adds_xliff_links_beside_the_po_file(
    admin_client_logged_in, ko_page
):
    response = admin_client_logged_in.get(
        reverse("wagtailadmin_pages:edit", args=[ko_page.pk])
    )
    content = response.content.decode()
    assert "js-translation-editor" in content
    assert "xliff-links" in content
    assert escapejs(reverse("articles_xliff_download", args=[0])) in content


def test_wagtail_localize_po_download_still_works(admin_client_logged_in, translation):
    response = admin_client_logged_in.get(
        reverse("wagtail_localize:download_pofile", args=[translation.pk])
    )
    assert response.status_code == 200
    assert 'msgid "Stem-cell therapy"' in response.content.decode()
    assert 'msgstr "[ko] Stem-cell therapy"' in response.content.decode()
