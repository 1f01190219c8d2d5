import io
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image, ImageDraw

from tests.factories import publish

FILES = Path(__file__).parent / "files"

# The pictures the fixture articles show, drawn here rather than committed.
PICTURES = {
    "images/spine-mri.png": ("PNG", (60, 40), (30, 60, 120)),
    "images/cell-delivery.jpg": ("JPEG", (48, 32), (160, 90, 40)),
    "images/knee-mri.png": ("PNG", (40, 40), (20, 120, 90)),
    "images/cartilage-graft.jpg": ("JPEG", (36, 24), (120, 40, 140)),
}


def picture(file_format: str, size: tuple[int, int], colour) -> bytes:
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).ellipse([4, 4, size[0] - 4, size[1] - 4], outline="white")
    buffer = io.BytesIO()
    image.save(buffer, format=file_format)
    return buffer.getvalue()


@pytest.fixture
def files(tmp_path) -> Path:
    """The fixture articles in a folder of their own, with their pictures."""
    folder = tmp_path / "articles"
    shutil.copytree(FILES, folder)
    for name, (file_format, size, colour) in PICTURES.items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes(picture(file_format, size, colour))
    return folder


@pytest.fixture
def indexes(index_page, locales):
    """The English index (site root) and its Korean and Chinese translations."""
    result = {"en": index_page}
    for code in ("ko", "zh-hans"):
        result[code] = publish(index_page.copy_for_translation(locales[code]).specific)
    return result


def run_import(*args, out: io.StringIO | None = None) -> str:
    """`import_articles` with its output (written to `out` too, which keeps it when
    the command ends with a CommandError)."""
    out = out if out is not None else io.StringIO()
    call_command("import_articles", *[str(arg) for arg in args], stdout=out)
    return out.getvalue()


def markup(rich_text) -> str:
    """Rich text as a test states it: without the block keys the editor gives each
    paragraph (stored as the editor writes it back, `articles.richtext`)."""
    source = getattr(rich_text, "source", rich_text)
    return re.sub(r' data-block-key="[^"]*"', "", source)


def item_markup(rich_text) -> str:
    """A list item's rich text without the one paragraph the editor wraps it in."""
    return re.fullmatch(r"<p>(.*)</p>", markup(rich_text), re.S)[1]
