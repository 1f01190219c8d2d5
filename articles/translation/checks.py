"""Start-up checks of the translation app: the names its patches (`patches`) rely on
still exist, the installed wagtail-localize is a release they were tested with, and
every content language has its data for the quality checks."""

from __future__ import annotations

import importlib
import importlib.metadata

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning
from django.core.exceptions import ImproperlyConfigured

from articles.locales import content_language_codes

from .languages import all_language_data
from .patches import NEVER_LIVE_SETTING, REQUIRED_NAMES, TESTED_WAGTAIL_LOCALIZE
from .qa.base import language


def check_patched_names(app_configs=None, **kwargs) -> list[CheckMessage]:
    """Each name the patches read or replace resolves: a release of Wagtail or
    wagtail-localize that renamed one would otherwise fail at the first translation."""
    messages: list[CheckMessage] = []
    for module_name, dotted in REQUIRED_NAMES:
        try:
            target = importlib.import_module(module_name)
            for part in dotted.split("."):
                target = getattr(target, part)
        except (ImportError, AttributeError):
            messages.append(
                Error(
                    f"{module_name}.{dotted} is missing: the translation workflow "
                    "patches it (articles/translation/patches.py). The installed "
                    "release is not one the patches support.",
                    hint="Install a supported wagtail-localize and Wagtail "
                    "(see pyproject.toml), or update the patches.",
                    id="articles_translation.E001",
                )
            )
    return messages


def check_live_status_setting(app_configs=None, **kwargs) -> list[CheckMessage]:
    """The host asked wagtail-localize to publish new translations of live pages at
    once; the plugin does not let it (patch 4), and says so."""
    if getattr(settings, NEVER_LIVE_SETTING, False):
        return [
            Warning(
                f"{NEVER_LIVE_SETTING} = True has no effect: a new translation stays "
                "a draft until it is translated and approved through medical "
                "review, so that no untranslated text reaches a patient.",
                hint=f"Remove {NEVER_LIVE_SETTING} from your settings.",
                id="articles_translation.W001",
            )
        ]
    return []


def check_wagtail_localize_version(app_configs=None, **kwargs) -> list[CheckMessage]:
    version = importlib.metadata.version("wagtail-localize")
    found = tuple(int(part) for part in version.split(".")[:2] if part.isdigit())
    lowest, untested = TESTED_WAGTAIL_LOCALIZE
    if lowest <= found < untested:
        return []
    return [
        Error(
            f"wagtail-localize {version} is installed; the translation workflow's "
            "patches are tested with "
            f"{'.'.join(map(str, lowest))} up to (not including) "
            f"{'.'.join(map(str, untested))}.",
            hint="Run the test suite before using it with this release.",
            id="articles_translation.E002",
        )
    ]


def check_language_data(app_configs=None, **kwargs) -> list[CheckMessage]:
    """Each content language's data for the checks (`languages/`): readable, and
    present, or the checks read its numbers the English way."""
    try:
        data = all_language_data()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="articles_translation.E003")]
    return [
        Warning(
            f"Content language {code!r} has no language data: the quality checks "
            "read its numbers the English way and know only the unit symbols.",
            hint=f"Add {language(code)}.toml (see articles/translation/languages/"
            "README.md), in ARTICLES_LANGUAGE_DATA_DIRS or the app.",
            id="articles_translation.W002",
        )
        for code in content_language_codes()
        if language(code) not in data
    ]
