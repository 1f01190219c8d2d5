from .pages import ArticleIndexPage, ArticlePage, ArticlePageTopic
from .review import (
    MedicalReviewRecord,
    MedicalReviewTask,
    ReviewReminder,
    ReviewSettings,
)
from .snippets import Clinician, Topic
from .translation import QualityOverride, StaleSegmentTranslation, TranslationDrift

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageTopic",
    "Clinician",
    "MedicalReviewRecord",
    "MedicalReviewTask",
    "QualityOverride",
    "ReviewReminder",
    "ReviewSettings",
    "StaleSegmentTranslation",
    "Topic",
    "TranslationDrift",
]
