from .memory import MemoryToken, MemoryTokenCount, MemoryUnit
from .pages import ArticleIndexPage, ArticlePage, ArticlePageTopic
from .release import HeldTranslation, Release
from .review import (
    MedicalReviewRecord,
    MedicalReviewTask,
    ReviewReminder,
    ReviewSettings,
)
from .snippets import Clinician, Topic
from .termbase import DeepLGlossary, Term, TermConcept, TranslationStyleGuide
from .translation import QualityOverride, StaleSegmentTranslation, TranslationDrift

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageTopic",
    "Clinician",
    "DeepLGlossary",
    "HeldTranslation",
    "MedicalReviewRecord",
    "MedicalReviewTask",
    "MemoryToken",
    "MemoryTokenCount",
    "MemoryUnit",
    "QualityOverride",
    "Release",
    "ReviewReminder",
    "ReviewSettings",
    "StaleSegmentTranslation",
    "Term",
    "TermConcept",
    "TranslationStyleGuide",
    "Topic",
    "TranslationDrift",
]
