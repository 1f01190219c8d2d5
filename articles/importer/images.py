"""Images an article refers to by local path, brought into Wagtail's image library.

An image is identified by its content (Wagtail's `file_hash`, a SHA-1 of the file):
the same picture imported twice, or used by two articles, is one image. A file that is
missing, unreadable, not a picture or too large to open is a notice; the article is
imported without it.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.models import Collection

from .structure import Figure, Notice

IMPORT_COLLECTION = "Imported images"
# Pillow's name for a format -> the extension Wagtail accepts for it.
FORMAT_EXTENSIONS = {
    "PNG": "png",
    "JPEG": "jpg",
    "GIF": "gif",
    "WEBP": "webp",
    "AVIF": "avif",
}


@dataclass
class ImageLibrary:
    """Finds or creates the image for each figure of one file. In a dry run the
    image rows are created without storing their files (the caller rolls the rows
    back), so that the page built around them can be validated."""

    base_dir: Path
    dry_run: bool = False
    notices: list[Notice] = field(default_factory=list)
    created: list = field(default_factory=list)  # images made by this import
    reused: list = field(default_factory=list)

    def image_for(self, figure: Figure):
        """The Wagtail image for `figure`, or None (with a notice)."""
        path = self.local_path(figure)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError as error:
            reason = "missing" if isinstance(error, FileNotFoundError) else "unreadable"
            self.notice(f"image {figure.src!r} is {reason}: figure left out", figure)
            return None
        try:
            file_format, size = picture_format(data)
        except PILImage.DecompressionBombError:
            self.notice(
                f"image {figure.src!r} has too many pixels to open safely: "
                "figure left out",
                figure,
            )
            return None
        if FORMAT_EXTENSIONS.get(file_format) not in allowed_extensions():
            self.notice(
                f"image {figure.src!r} is not a picture Wagtail accepts: "
                "figure left out",
                figure,
            )
            return None
        file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        Image = get_image_model()
        existing = Image.objects.filter(file_hash=file_hash).order_by("pk").first()
        if existing is not None:
            self.reused.append(existing)
            return existing
        image = self.create(path, data, file_hash, file_format, size, figure)
        self.created.append(image)
        return image

    def local_path(self, figure: Figure) -> Path | None:
        parts = urlsplit(figure.src)
        if parts.scheme == "file":
            return Path(unquote(parts.path))
        if parts.scheme or figure.src.startswith("//"):
            self.notice(
                f"image {figure.src!r} is not a local file (the importer never "
                "downloads): figure left out",
                figure,
            )
            return None
        return self.base_dir / unquote(parts.path)

    def create(self, path, data, file_hash, file_format, size, figure: Figure):
        Image = get_image_model()
        name = f"{path.stem}.{FORMAT_EXTENSIONS[file_format]}"
        image = Image(
            title=(figure.alt or path.stem)[:255],
            collection=import_collection(),
            # In a dry run, a name only: nothing is stored.
            file=f"original_images/{name}"
            if self.dry_run
            else ImageFile(io.BytesIO(data), name=name),
            width=size[0],
            height=size[1],
            file_size=len(data),
            file_hash=file_hash,
        )
        image.save()
        return image

    def notice(self, message: str, figure: Figure) -> None:
        self.notices.append(Notice(message, figure.line))

    def discard_created_files(self) -> None:
        """After a failed import: its rows were rolled back, the stored files must go
        too."""
        if self.dry_run:
            return
        for image in self.created:
            image.file.delete(save=False)
        self.created.clear()


def picture_format(data: bytes) -> tuple[str, tuple[int, int]]:
    """Pillow's format name and the size of the picture in `data` ("" if none).
    Raises Pillow's `DecompressionBombError` for a picture too large to open."""
    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            picture.verify()
            return picture.format or "", picture.size
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return "", (0, 0)


def allowed_extensions() -> set[str]:
    extensions = getattr(
        settings, "WAGTAILIMAGES_EXTENSIONS", ["gif", "jpg", "jpeg", "png", "webp"]
    )
    return {ext.lower() for ext in extensions}


def import_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=IMPORT_COLLECTION).first()
    return existing or root.add_child(name=IMPORT_COLLECTION)
