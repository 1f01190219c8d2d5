from .pages import ArticleIndexPage, ArticlePage, ArticlePageTopic
from .review import MedicalReviewRecord, MedicalReviewTask, ReviewSettings
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
    "ReviewSettings",
    "StaleSegmentTranslation",
    "Topic",
    "TranslationDrift",
]
