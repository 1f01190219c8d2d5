"""Writes the delivery API's OpenAPI document, as /api/v1/schema/ serves it, to the
file named (for `make lint-openapi`)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(target: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from drf_spectacular.renderers import OpenApiJsonRenderer

    from api.base import delivery_openapi

    Path(target).write_bytes(OpenApiJsonRenderer().render(delivery_openapi(), None))


if __name__ == "__main__":
    main(sys.argv[1])
