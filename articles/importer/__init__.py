"""Import articles written elsewhere (HTML pages, `<article>` fragments, Markdown) as
`ArticlePage`s with the project's sections and blocks.

    parse        file -> ParsedArticle (sections, neutral blocks, notices)
    content      block elements -> neutral blocks; inline: rich text per block features
    images       local image files -> Wagtail images, deduplicated by content hash
    translation  a translation's sections against its source's, by anchor
    blocks       neutral blocks -> StreamField data; block ids kept across versions
    pages        target locale/index/source, page identity, create/update/publish
    run          the files of one run, each in its own transaction; report
"""

from .pages import ImportArgumentError
from .report import FileReport, ImportReport
from .run import import_articles

__all__ = ["FileReport", "ImportArgumentError", "ImportReport", "import_articles"]
