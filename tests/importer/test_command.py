"""The command around the importer: dry runs, re-imports, drafts and publishing, one
transaction per file, the summary and the exit status."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management.base import CommandError
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Revision, WorkflowState

from articles.models import ArticleIndexPage, ArticlePage, MedicalReviewRecord
from articles.review import start_review
from articles.translation.roles import setup_roles
from tests.factories import ArticleIndexPageFactory, member
from tests.importer.conftest import markup, run_import

pytestmark = pytest.mark.django_db

Image = get_image_model()
ZH = "stem-cell-spine.zh-hans.html"


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": Image.objects.count(),
        "collections": Collection.objects.count(),
    }


def stored_files() -> set[str]:
    try:
        return set(default_storage.listdir("original_images")[1])
    except FileNotFoundError:
        return set()


def import_zh(files, *options: str) -> str:
    return run_import(files / ZH, "--locale", "zh-hans", *options)


def edit(path, old: str, new: str) -> None:
    path.write_text(
        path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8"
    )


# Dry run ------------------------------------------------------------------------------


def test_dry_run_prints_the_structure_and_changes_nothing(indexes, files):
    before, stored = counts(), stored_files()

    output = import_zh(files, "--dry-run", "--publish")

    assert counts() == before
    assert stored_files() == stored
    lines = output.splitlines()
    assert lines[0].endswith(
        "would be created: '干细胞疗法与脊髓损伤后的退行性变' "
        "(zh-hans/stem-cell-spine, would publish)"
    )
    assert lines[1:8] == [
        "    h2 #1.-overview  概述",
        "        paragraph",
        "    h2 #2.-spinal-cord-injury-(sci)  脊髓损伤（SCI）",
        "        paragraph",
        "        image: new image, alt '受伤脊髓的横截面，可见被瘢痕组织包围的囊腔'",
        "      h3 #2.1-how-degeneration-develops  损伤后退行性变如何发生",
        "          paragraph",
    ]
    assert "        numbered_list: 4 items, 6 nested points" in lines
    assert "    h2 #the-road-ahead:-what's-realistic  展望：什么是现实的" in lines
    assert lines[-1] == (
        "Dry run, nothing saved: 1 created, 0 updated, 0 unchanged, 0 failed; "
        "1 warning(s)."
    )


def test_dry_run_of_an_imported_file_says_update_and_adds_no_revision(indexes, files):
    import_zh(files)
    edit(files / ZH, "概述", "总体概述")
    before = counts()
    output = import_zh(files, "--dry-run")
    assert "would be updated" in output
    assert "image: existing image" in output
    assert counts() == before


def test_dry_run_reports_the_errors_the_import_would_meet(indexes, tmp_path):
    (tmp_path / "knee.html").write_text(
        f"<h1>Knee</h1><p>Rest.</p><h2>{'x' * 300}</h2>", encoding="utf-8"
    )
    out = io.StringIO()
    with pytest.raises(CommandError):
        run_import(tmp_path / "knee.html", "--locale", "en", "--dry-run", out=out)
    assert "failed: the article is not valid: body › block 1 › heading:" in (
        out.getvalue()
    )


# Re-import ----------------------------------------------------------------------------


def test_importing_again_adds_a_revision_to_the_same_page(indexes, files):
    import_zh(files, "--publish")
    page = ArticlePage.objects.get()
    revisions = page.revisions.count()

    edit(files / ZH, "<p>脊髓是一束", "<p>简单地说，脊髓是一束")
    output = import_zh(files)

    assert (
        "updated: '干细胞疗法与脊髓损伤后的退行性变' (zh-hans/stem-cell-spine" in output
    )
    assert "draft; the live version is unchanged)" in output
    assert ArticlePage.objects.count() == 1
    page.refresh_from_db()
    assert page.revisions.count() == revisions + 1
    # A draft: readers keep the published text until someone publishes it.
    assert page.live and page.has_unpublished_changes
    injury = page.get_latest_revision_as_object().body[1].value["content"][0]
    assert markup(injury.value).startswith("<p>简单地说，脊髓是一束")
    assert markup(page.body[1].value["content"][0].value).startswith("<p>脊髓是一束")


def test_importing_an_unchanged_file_adds_nothing(indexes, files):
    import_zh(files)
    before = counts()
    output = import_zh(files)
    assert "unchanged" in output
    assert counts() == before


def test_a_re_import_keeps_block_ids_of_unchanged_content(indexes, files):
    import_zh(files)
    first = ArticlePage.objects.get().body.get_prep_value()
    edit(files / ZH, "<h2>干细胞的种类</h2>", '<h2 id="kinds">干细胞的种类</h2>')
    import_zh(files)
    second = ArticlePage.objects.get().get_latest_revision_as_object()
    ids = {s["value"]["anchor"]: s["id"] for s in first}
    assert [s.id == ids.get(s.value["anchor"]) for s in second.body].count(False) == 1


def test_an_article_whose_slug_was_renamed_is_still_found(indexes, files):
    import_zh(files, "--publish")
    page = ArticlePage.objects.get()
    page.slug = "stem-cells-and-the-spine"
    page.save_revision().publish()
    edit(files / ZH, "概述", "总体概述")
    import_zh(files)
    assert ArticlePage.objects.get().pk == page.pk


def test_an_article_made_in_the_admin_is_updated_by_slug(indexes, files):
    from tests.factories import ArticlePageFactory, publish

    made = publish(
        ArticlePageFactory(
            parent=indexes["zh-hans"],
            slug="stem-cell-spine",
            locale=indexes["zh-hans"].locale,
        )
    )
    output = import_zh(files)
    assert "updated" in output
    assert ArticlePage.objects.get().pk == made.pk


# Publishing and review ----------------------------------------------------------------


def test_without_publish_a_new_article_is_a_draft(indexes, files):
    output = import_zh(files)
    page = ArticlePage.objects.get()
    assert (page.live, page.has_unpublished_changes) == (False, True)
    assert page.revisions.count() == 1
    assert "draft" in output


def test_publish_bypasses_the_medical_review_and_records_none(indexes, files):
    setup_roles()
    import_zh(files)
    page = ArticlePage.objects.get()
    state = start_review(page=page, user=member("editor", "Editors"))
    assert page.get_workflow().name == "Medical review"

    edit(files / ZH, "概述", "总体概述")
    output = import_zh(files, "--publish")

    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert page.body[0].value["heading"] == "总体概述"
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_CANCELLED
    assert not MedicalReviewRecord.objects.exists()
    assert page.last_reviewed is None
    assert "published" in output


def test_user_is_recorded_on_the_revision(indexes, files):
    editor = member("importer")
    import_zh(files, "--user", "importer")
    assert ArticlePage.objects.get().latest_revision.user == editor
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        import_zh(files, "--user", "nobody")


# Failures -----------------------------------------------------------------------------


def test_a_bad_file_among_good_ones_fails_alone_and_the_command_exits_non_zero(
    indexes, files
):
    (files / "broken.html").write_text("Just words, no HTML.", encoding="utf-8")
    (files / "untitled.html").write_text("<p>No title</p>", encoding="utf-8")
    (files / "too-long.html").write_text(
        f"<h1>Knee</h1><p>Rest.</p><h2>{'x' * 300}</h2>", encoding="utf-8"
    )
    (files / "rehab.html").write_text(
        "<h1>Rehabilitation after a stroke</h1><p>Start early.</p><h2>Why</h2>",
        encoding="utf-8",
    )
    out = io.StringIO()

    with pytest.raises(CommandError) as error:
        run_import(
            files / "broken.html",
            files / "knee-cartilage.md",
            files / "untitled.html",
            files / "too-long.html",
            files / "rehab.html",
            "--locale",
            "en",
            out=out,
        )

    assert str(error.value).startswith("3 of 5 file(s) failed:")
    output = out.getvalue()
    assert f"{files / 'broken.html'}: failed: not HTML: the file has no elements" in (
        output
    )
    assert f"{files / 'untitled.html'}: failed: no title" in output
    assert (
        f"{files / 'too-long.html'}: failed: the article is not valid: body › "
        "block 1 › heading: Ensure this value has at most 255 characters"
    ) in output
    assert output.splitlines()[-1].startswith(
        "2 created, 0 updated, 0 unchanged, 3 failed;"
    )
    assert sorted(ArticlePage.objects.values_list("slug", flat=True)) == [
        "knee-cartilage",
        "rehab",
    ]


def test_a_failed_re_import_leaves_the_article_as_it_was(indexes, files):
    import_zh(files, "--publish")
    page = ArticlePage.objects.get()
    before, body = counts(), page.body.get_prep_value()
    edit(files / ZH, "<h2>干细胞的种类</h2>", f"<h2>{'干细胞' * 90}</h2>")
    out = io.StringIO()

    with pytest.raises(CommandError, match="1 of 1 file"):
        run_import(files / ZH, "--locale", "zh-hans", out=out)

    assert "failed: the article is not valid: body › block 4 › heading:" in (
        out.getvalue()
    )
    assert counts() == before
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert page.body.get_prep_value() == body


def test_a_second_file_that_would_be_the_same_article_fails_and_changes_nothing(
    indexes, files
):
    (files / "rehab").mkdir()
    (files / "rehab" / "knee-cartilage.html").write_text(
        "<h1>Knee rehabilitation</h1><p>Start early.</p><h2>Why</h2>",
        encoding="utf-8",
    )
    out = io.StringIO()

    with pytest.raises(CommandError, match="1 of 2 file"):
        run_import(
            files / "knee-cartilage.md",
            files / "rehab" / "knee-cartilage.html",
            "--locale",
            "en",
            out=out,
        )

    assert (
        f"{files / 'rehab' / 'knee-cartilage.html'}: failed: same slug "
        f"'knee-cartilage' as {files / 'knee-cartilage.md'}, imported earlier in "
        "this run"
    ) in out.getvalue()
    page = ArticlePage.objects.get()
    assert page.revisions.count() == 1
    assert page.get_latest_revision_as_object().title == "Knee cartilage repair"


def test_bad_arguments_are_refused_before_anything_is_imported(indexes, files, locales):
    good = files / "knee-cartilage.md"
    with pytest.raises(CommandError, match="Unknown locale 'fr'"):
        run_import(good, "--locale", "fr")
    locales["vi"].delete()
    with pytest.raises(CommandError, match="locale 'vi' is not set up in Wagtail yet"):
        run_import(good, "--locale", "vi")
    with pytest.raises(CommandError, match="No such file or folder: .*missing.html"):
        run_import(good, files / "missing.html", "--locale", "en")
    (files / "empty").mkdir()
    with pytest.raises(CommandError, match="No HTML or Markdown files in .*empty"):
        run_import(good, files / "empty", "--locale", "en")
    with pytest.raises(CommandError, match="No article index 'clinic' in en"):
        run_import(good, "--locale", "en", "--index", "clinic")
    with pytest.raises(CommandError, match="No article index in ja"):
        run_import(good, "--locale", "ja")
    ArticleIndexPageFactory(parent=Page.get_first_root_node(), slug="second-library")
    with pytest.raises(CommandError, match="Several article indexes in en .*--index"):
        run_import(good, "--locale", "en")
    assert not ArticlePage.objects.exists()


def test_index_chooses_where_articles_go(indexes, files):
    second = ArticleIndexPageFactory(
        parent=Page.get_first_root_node(), slug="patient-guides"
    )
    run_import(
        files / "knee-cartilage.md", "--locale", "en", "--index", "patient-guides"
    )
    assert ArticlePage.objects.get().get_parent().pk == second.pk
    assert ArticleIndexPage.objects.filter(locale__language_code="en").count() == 2


def test_a_folder_imports_the_html_and_markdown_files_under_it(indexes, files):
    folder = files / "guides"
    (folder / "rehab").mkdir(parents=True)
    (folder / "rehab" / "index.html").write_text(
        "<h1>Rehabilitation after a stroke</h1><p>Start early.</p><h2>Why</h2>",
        encoding="utf-8",
    )
    (folder / "knee-cartilage.md").write_text(
        (files / "knee-cartilage.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "notes.txt").write_text("not an article", encoding="utf-8")
    output = run_import(folder, "--locale", "en")
    assert output.splitlines()[-1].startswith("2 created, 0 updated")
    assert sorted(ArticlePage.objects.values_list("slug", flat=True)) == [
        "knee-cartilage",
        "rehab",
    ]
