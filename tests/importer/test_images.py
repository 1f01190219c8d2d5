"""Images referenced by local path: imported into the image library once per content,
and never a reason to lose a section."""

import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.management.base import CommandError
from wagtail.images import get_image_model

from articles.models import ArticlePage
from tests.importer.conftest import markup, picture, run_import

pytestmark = pytest.mark.django_db

Image = get_image_model()


def figures(page) -> list:
    return [
        child.value
        for section in page.body
        for child in section.value["content"]
        if child.block_type == "image"
    ]


def write_article(folder, name: str, body: str, *, title: str = "Knee pain") -> None:
    (folder / name).write_text(
        f"<article><h1>{title}</h1><p>Why knees hurt.</p>{body}</article>",
        encoding="utf-8",
    )


def test_local_images_become_wagtail_images_with_their_hash(indexes, files):
    run_import(files / "stem-cell-spine.zh-hans.html", "--locale", "zh-hans")
    spine_mri, cell_delivery = figures(ArticlePage.objects.get())
    assert Image.objects.count() == 2
    assert (spine_mri["image"].width, spine_mri["image"].height) == (60, 40)
    assert spine_mri["image"].title == "受伤脊髓的横截面，可见被瘢痕组织包围的囊腔"
    assert spine_mri["image"].collection.name == "Imported images"
    assert len(spine_mri["image"].file_hash) == 40
    assert cell_delivery["image"].file.name.endswith(".jpg")


def test_importing_twice_keeps_one_image_per_picture(indexes, files):
    run_import(files / "stem-cell-spine.zh-hans.html", "--locale", "zh-hans")
    first = {image.pk for image in Image.objects.all()}
    (files / "stem-cell-spine.zh-hans.html").write_text(
        (files / "stem-cell-spine.zh-hans.html")
        .read_text(encoding="utf-8")
        .replace("概述", "总体概述"),
        encoding="utf-8",
    )
    output = run_import(files / "stem-cell-spine.zh-hans.html", "--locale", "zh-hans")
    assert "updated" in output
    assert {image.pk for image in Image.objects.all()} == first


def test_two_files_sharing_a_picture_share_one_image(indexes, files):
    run_import(files / "knee-cartilage.md", "--locale", "en")
    run_import(files / "knee-cartilage.ko.html", "--locale", "ko")
    assert Image.objects.count() == 2
    en, ko = (
        ArticlePage.objects.get(locale__language_code=code) for code in ("en", "ko")
    )
    assert [f["image"].pk for f in figures(en)] == [f["image"].pk for f in figures(ko)]
    assert [f["alt_text"] for f in figures(ko)][
        0
    ] == "넙다리뼈 연골의 결손을 보여주는 무릎 MRI"


def test_the_same_picture_under_another_name_is_the_same_image(indexes, tmp_path):
    (tmp_path / "a.png").write_bytes(picture("PNG", (20, 20), (1, 2, 3)))
    (tmp_path / "copy-of-a.png").write_bytes(picture("PNG", (20, 20), (1, 2, 3)))
    write_article(
        tmp_path,
        "knee.html",
        '<h2>Scans</h2><img src="a.png" alt="Scan">'
        '<img src="copy-of-a.png" alt="Same">',
    )
    run_import(tmp_path / "knee.html", "--locale", "en")
    assert Image.objects.count() == 1
    assert len(figures(ArticlePage.objects.get())) == 2


def test_a_missing_image_is_a_warning_and_its_section_is_kept(indexes, tmp_path):
    write_article(
        tmp_path,
        "knee.html",
        """
<h2 id="scans">Scans</h2>
<p>The scan shows the damage.</p>
<figure>
  <img src="images/lost.png" alt="A lost scan">
  <figcaption>Figure 1. The damaged area.</figcaption>
</figure>
<h2 id="treatment">Treatment</h2>
<p>Rest first.</p>""",
    )
    output = run_import(tmp_path / "knee.html", "--locale", "en")
    assert "warning: line 5: image 'images/lost.png' is missing" in output
    page = ArticlePage.objects.get()
    scans = page.body[0].value
    assert (scans["anchor"], scans["heading"]) == ("scans", "Scans")
    # The caption is not lost with the picture.
    assert [markup(child.value) for child in scans["content"]] == [
        "<p>The scan shows the damage.</p>",
        "<p>Figure 1. The damaged area.</p>",
    ]
    assert Image.objects.count() == 0


def oversized_png() -> bytes:
    """A PNG whose header claims 20,000 x 20,000 pixels: more than Pillow opens."""
    data = bytearray(picture("PNG", (16, 16), (0, 0, 0)))
    header = b"IHDR" + struct.pack(">II", 20_000, 20_000) + bytes(data[24:29])
    data[12:33] = header + struct.pack(">I", zlib.crc32(header))
    return bytes(data)


def test_unreadable_and_oversized_pictures_are_warnings_and_the_section_is_kept(
    indexes, tmp_path
):
    (tmp_path / "scan.png").mkdir()  # a folder where the picture should be
    (tmp_path / "huge.png").write_bytes(oversized_png())
    write_article(
        tmp_path,
        "knee.html",
        """
<h2 id="scans">Scans</h2>
<p>The scans show the damage.</p>
<img src="scan.png" alt="Knee MRI">
<img src="huge.png" alt="Whole-leg X-ray">""",
    )
    output = run_import(tmp_path / "knee.html", "--locale", "en")
    assert "warning: line 4: image 'scan.png' is unreadable: figure left out" in output
    assert (
        "warning: line 5: image 'huge.png' has too many pixels to open safely: "
        "figure left out"
    ) in output
    assert "1 created" in output
    scans = ArticlePage.objects.get().body[0].value
    assert scans["anchor"] == "scans"
    assert [child.block_type for child in scans["content"]] == ["paragraph"]
    assert Image.objects.count() == 0


def test_files_that_are_not_pictures_and_remote_images_are_warnings(indexes, tmp_path):
    (tmp_path / "notes.png").write_text("not a picture", encoding="utf-8")
    write_article(
        tmp_path,
        "knee.html",
        '<h2>Scans</h2><img src="notes.png" alt="Notes">'
        '<img src="https://cdn.example.org/scan.png" alt="Remote">',
    )
    output = run_import(tmp_path / "knee.html", "--locale", "en")
    assert "image 'notes.png' is not a picture Wagtail accepts" in output
    assert "image 'https://cdn.example.org/scan.png' is not a local file" in output
    assert "1 created" in output
    assert Image.objects.count() == 0


def stored_images() -> set[str]:
    try:
        return set(default_storage.listdir("original_images")[1])
    except FileNotFoundError:
        return set()


def test_a_failed_file_leaves_no_image_behind(indexes, tmp_path):
    stored = stored_images()
    (tmp_path / "a.png").write_bytes(picture("PNG", (20, 20), (9, 9, 9)))
    write_article(
        tmp_path,
        "knee.html",
        f'<h2>{"Very long heading " * 20}</h2><img src="a.png" alt="Scan">',
    )
    with pytest.raises(CommandError, match="1 of 1 file"):
        run_import(tmp_path / "knee.html", "--locale", "en")
    assert Image.objects.count() == 0
    assert stored_images() == stored
