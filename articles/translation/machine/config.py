"""Which machine translation provider wagtail-localize uses, from the app's settings
(`CMS_MACHINE_TRANSLATION` and its key, URL and timeout; see `conf`). Imports no model
and no provider: `conf` calls it at start-up to provide wagtail-localize's
`WAGTAILLOCALIZE_MACHINE_TRANSLATOR`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

PROVIDERS = {
    "none": None,
    "dummy": "articles.translation.machine.providers.DummyTranslator",
    "deepl": "articles.translation.machine.providers.DeepLTranslator",
    "google": "articles.translation.machine.providers.GoogleTranslator",
    "libretranslate": "articles.translation.machine.providers.LibreTranslateTranslator",
    "llm": "articles.translation.machine.llm.LanguageModelTranslator",
}


def translator_setting_from_env(
    env_values: Mapping[str, str], *, default: str = "none"
) -> dict | None:
    """`WAGTAILLOCALIZE_MACHINE_TRANSLATOR` from CMS_MACHINE_TRANSLATION (a provider
    name; `default` when unset), CMS_MACHINE_TRANSLATION_API_KEY,
    CMS_MACHINE_TRANSLATION_URL, CMS_MACHINE_TRANSLATION_TIMEOUT (seconds) and, for
    `llm`, CMS_MACHINE_TRANSLATION_MODEL.
    None turns machine translation off. A setting that cannot work stops start-up."""
    name = (env_values.get("CMS_MACHINE_TRANSLATION") or default).strip().lower()
    if name not in PROVIDERS:
        raise ImproperlyConfigured(
            f"CMS_MACHINE_TRANSLATION={name!r} is not a machine translation provider; "
            f"use one of: {', '.join(PROVIDERS)}."
        )
    if PROVIDERS[name] is None:
        return None
    setting: dict[str, Any] = {"CLASS": PROVIDERS[name], "OPTIONS": {}}
    if name == "dummy":
        return setting

    options = setting["OPTIONS"]
    key = (env_values.get("CMS_MACHINE_TRANSLATION_API_KEY") or "").strip()
    url = (env_values.get("CMS_MACHINE_TRANSLATION_URL") or "").strip()
    timeout = (env_values.get("CMS_MACHINE_TRANSLATION_TIMEOUT") or "").strip()
    if key:
        options["API_KEY"] = key
    elif name in ("deepl", "google"):
        raise ImproperlyConfigured(
            f"CMS_MACHINE_TRANSLATION={name} needs CMS_MACHINE_TRANSLATION_API_KEY "
            "(the provider's API key)."
        )
    if url:
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
            raise ImproperlyConfigured(
                f"CMS_MACHINE_TRANSLATION_URL={url!r} is not an http(s) URL."
            )
        options["BASE_URL"] = url
    elif name == "libretranslate":
        raise ImproperlyConfigured(
            "CMS_MACHINE_TRANSLATION=libretranslate needs CMS_MACHINE_TRANSLATION_URL "
            "(the address of your LibreTranslate server, e.g. http://libretranslate:5000)."
        )
    elif name == "llm":
        raise ImproperlyConfigured(
            "CMS_MACHINE_TRANSLATION=llm needs CMS_MACHINE_TRANSLATION_URL (the "
            "address of an OpenAI-compatible server, e.g. http://127.0.0.1:11434 "
            "for Ollama, or https://api.openai.com)."
        )
    if name == "llm":
        model = (env_values.get("CMS_MACHINE_TRANSLATION_MODEL") or "").strip()
        if not model:
            raise ImproperlyConfigured(
                "CMS_MACHINE_TRANSLATION=llm needs CMS_MACHINE_TRANSLATION_MODEL (the "
                "model's name on the server, e.g. qwen2.5:14b)."
            )
        options["MODEL"] = model
    if timeout:
        try:
            options["TIMEOUT"] = float(timeout)
        except ValueError:
            options["TIMEOUT"] = 0
        if not options["TIMEOUT"] > 0:
            raise ImproperlyConfigured(
                f"CMS_MACHINE_TRANSLATION_TIMEOUT={timeout!r} must be a number of "
                "seconds above 0."
            )
    return setting
