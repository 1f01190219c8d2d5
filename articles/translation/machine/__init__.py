"""Machine translation: providers (`providers`), their configuration (`config`) and
the bulk translation of a wagtail-localize translation (`translate`)."""

from .providers import (
    DeepLTranslator,
    DummyTranslator,
    GoogleTranslator,
    LibreTranslateTranslator,
    MachineTranslationError,
)
from .translate import MachineTranslationResult, is_valid_translation, machine_translate

__all__ = [
    "DeepLTranslator",
    "DummyTranslator",
    "GoogleTranslator",
    "LibreTranslateTranslator",
    "MachineTranslationError",
    "MachineTranslationResult",
    "is_valid_translation",
    "machine_translate",
]
