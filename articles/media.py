"""Images as API clients need them: dimensions, focal point and enough renditions for a
`srcset`, with absolute URLs. One place names the rendition sizes."""

import copy
import threading
from contextlib import contextmanager

from django.conf import settings

from .richtext import absolute_url

RENDITION_WIDTHS = (320, 640, 960, 1280)
RENDITION_FORMATS = ("webp", "original")


def rendition_specs(image) -> list[tuple[int, str, str]]:
    """(width, format, filter spec) for every rendition of `image`; widths beyond the
    original are left out, since Wagtail never enlarges an image."""
    widths = getattr(settings, "CMS_RENDITION_WIDTHS", RENDITION_WIDTHS)
    widths = [w for w in widths if w <= image.width] or [min(widths)]
    specs = []
    for width in widths:
        for fmt in RENDITION_FORMATS:
            suffix = "" if fmt == "original" else f"|format-{fmt}"
            specs.append((width, fmt, f"width-{width}{suffix}"))
    return specs


_remembered = threading.local()


@contextmanager
def remembered_images():
    """Within this block, an image shown again (in another version of the article,
    or another article) is described from memory: bulk builds look each up once."""
    if getattr(_remembered, "images", None) is not None:
        yield
        return
    _remembered.images = {}
    try:
        yield
    finally:
        _remembered.images = None


def image_for_api(image, *, base_url: str) -> dict | None:
    if image is None:
        return None
    memory = getattr(_remembered, "images", None)
    if memory is None:
        return _describe(image, base_url)
    key = (
        image.pk,
        image.file.name,
        image.title,
        image.width,
        image.height,
        image.focal_point_x,
        image.focal_point_y,
        image.focal_point_width,
        image.focal_point_height,
        base_url,
    )
    if key not in memory:
        memory[key] = _describe(image, base_url)
    return copy.deepcopy(memory[key])  # callers may change what they are given


def _describe(image, base_url: str) -> dict:
    specs = rendition_specs(image)
    renditions = image.get_renditions(*(spec for _w, _f, spec in specs))
    focal_point = None
    if image.has_focal_point():
        focal_point = {
            "x": image.focal_point_x,
            "y": image.focal_point_y,
            "width": image.focal_point_width,
            "height": image.focal_point_height,
        }
    return {
        "id": image.pk,
        "title": image.title,
        "width": image.width,
        "height": image.height,
        "focal_point": focal_point,
        "original": absolute_url(image.file.url, base_url),
        "renditions": [
            {
                "width": renditions[spec].width,
                "height": renditions[spec].height,
                "format": file_format(renditions[spec].file.name),
                "url": absolute_url(renditions[spec].url, base_url),
            }
            for _width, fmt, spec in specs
        ],
    }


def file_format(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower()
    return "jpeg" if extension == "jpg" else extension
