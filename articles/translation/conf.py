"""The translation app's settings, read lazily from Django's settings with their
defaults, as one typed object; and the settings it provides to wagtail-localize.

- `CMS_MACHINE_TRANSLATION` (default "none"): none, dummy, deepl, google,
  libretranslate or llm (an OpenAI-compatible chat-completions server);
- `CMS_MACHINE_TRANSLATION_API_KEY`: the provider's key (DeepL, Google);
- `CMS_MACHINE_TRANSLATION_URL`: the provider's address (LibreTranslate; tests);
- `CMS_MACHINE_TRANSLATION_TIMEOUT`: seconds to wait for each answer;
- `CMS_MACHINE_TRANSLATION_MODEL`: the model's name (llm);
- `ARTICLES_XLIFF_MAX_BYTES` (default 10 MiB): largest XLIFF file accepted.

The host's settings file only reads these from its environment; it imports nothing of
the app. wagtail-localize's own `WAGTAILLOCALIZE_MACHINE_TRANSLATOR` is provided at
start-up from them (`provide_wagtail_localize_settings`), unless the host sets it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from .machine.config import translator_setting_from_env

DEFAULT_XLIFF_MAX_BYTES = 10 * 1024 * 1024
MACHINE_TRANSLATION_SETTINGS = (
    "CMS_MACHINE_TRANSLATION",
    "CMS_MACHINE_TRANSLATION_API_KEY",
    "CMS_MACHINE_TRANSLATION_URL",
    "CMS_MACHINE_TRANSLATION_TIMEOUT",
    "CMS_MACHINE_TRANSLATION_MODEL",
)


@dataclass(frozen=True)
class TranslationSettings:
    machine_translation: dict[str, str]  # the CMS_MACHINE_TRANSLATION* settings
    xliff_max_bytes: int

    @property
    def machine_translator(self) -> dict | None:
        """wagtail-localize's `WAGTAILLOCALIZE_MACHINE_TRANSLATOR` for these settings
        (None: off). Raises ImproperlyConfigured for a setting that cannot work."""
        return translator_setting_from_env(self.machine_translation)


@functools.cache
def translation_settings() -> TranslationSettings:
    return TranslationSettings(
        machine_translation={
            name: str(getattr(settings, name, "") or "")
            for name in MACHINE_TRANSLATION_SETTINGS
        },
        xliff_max_bytes=int(
            getattr(settings, "ARTICLES_XLIFF_MAX_BYTES", DEFAULT_XLIFF_MAX_BYTES)
        ),
    )


@receiver(setting_changed)
def _forget_settings(*, setting: str, **kwargs) -> None:
    if setting in MACHINE_TRANSLATION_SETTINGS or setting == "ARTICLES_XLIFF_MAX_BYTES":
        translation_settings.cache_clear()


def provide_wagtail_localize_settings() -> None:
    """Give wagtail-localize the machine translator the app's settings name, unless the
    host configured wagtail-localize's setting itself. Called from `ready()`: a
    provider that cannot work stops start-up with a message naming the setting."""
    if not hasattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR"):
        settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = (
            translation_settings().machine_translator
        )
