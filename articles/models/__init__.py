from .pages import ArticleIndexPage, ArticlePage, ArticlePageTopic
from .snippets import Clinician, Topic
from .translation import StaleSegmentTranslation, TranslationDrift

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageTopic",
    "Clinician",
    "StaleSegmentTranslation",
    "Topic",
    "TranslationDrift",
]
