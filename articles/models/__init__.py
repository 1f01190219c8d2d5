from .pages import ArticleIndexPage, ArticlePage, ArticlePageTopic
from .snippets import Clinician, Topic

__all__ = ["ArticleIndexPage", "ArticlePage", "ArticlePageTopic", "Clinician", "Topic"]
