"""Pictures for the demo, drawn locally with Pillow: no set-up ever downloads one."""

import hashlib
import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection

DEMO_COLLECTION = "Demo images"
PALETTES = [
    ((17, 76, 122), (92, 170, 214)),
    ((22, 99, 84), (128, 203, 170)),
    ((94, 46, 120), (201, 150, 224)),
    ((140, 62, 34), (238, 172, 120)),
]


def draw_picture(key: str, size: tuple[int, int] = (1600, 900)) -> bytes:
    """A deterministic abstract picture for `key`: a gradient, soft circles suggesting
    cells. No text: the same picture illustrates every translation (its title is
    the image's title and alt text). The same key always gives the same bytes."""
    seed = hashlib.sha256(key.encode()).digest()
    dark, light = PALETTES[seed[0] % len(PALETTES)]
    width, height = size
    picture = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(
                round(a + (b - a) * t) for a, b in zip(dark, light, strict=True)
            ),
        )
    for i in range(12):
        x = seed[(i * 2) % 32] / 255 * width
        y = seed[(i * 2 + 1) % 32] / 255 * height
        r = 40 + seed[(i + 7) % 32] % 140
        draw.ellipse([x - r, y - r, x + r, y + r], outline=(255, 255, 255), width=4)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def demo_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=DEMO_COLLECTION).first()
    return existing or root.add_child(name=DEMO_COLLECTION)


def get_or_create_demo_image(key: str, title: str):
    """The image tagged `demo:<key>`, drawn and saved the first time it is asked for."""
    Image = get_image_model()
    tag = f"demo:{key}"
    image = Image.objects.filter(tags__name=tag).first()
    if image is None:
        data = draw_picture(key)
        image = Image(
            title=title[:255],
            collection=demo_collection(),
            file=ImageFile(io.BytesIO(data), name=f"demo-{key}.png"),
        )
        image.save()
        image.tags.add(tag)
    return image
