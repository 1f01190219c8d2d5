"""One import run: the files named, each in a transaction of its own."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import nullcontext
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import get_supported_language_variant
from wagtail.blocks.base import get_error_json_data

from ..bulk import bulk_item, bulk_operation
from ..models import ArticleIndexPage, ArticlePage
from .blocks import assign_anchors, body_data, keep_block_ids, outline
from .images import ImageLibrary
from .pages import (
    ImportArgumentError,
    Target,
    find_existing_article,
    latest_version,
    published_version,
    resolve_target,
    save_article,
    slug_for,
)
from .parse import HTML_SUFFIXES, MARKDOWN_SUFFIXES, ImportFailure, parse_file
from .report import FAILED, FileReport, ImportReport
from .structure import Notice
from .translation import adopt_source_anchors, localize_notices, unmatched_sections

logger = logging.getLogger(__name__)


def import_articles(
    *,
    paths: Sequence[Path | str],
    language_code: str,
    translation_of: str | None = None,
    index_slug: str | None = None,
    publish: bool = False,
    dry_run: bool = False,
    user=None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import HTML and Markdown files as articles in `language_code` (see the package
    docstring). Bad arguments raise `ImportArgumentError` before anything is read; a
    file that fails is reported and leaves the database as it was, and the others are
    imported. A dry run does all the work in transactions it rolls back, storing no
    image files and publishing nothing, so it meets the errors the import would.
    `progress(done, total)` is called before the first file and after each."""
    files = list(expand_paths(paths))
    target = resolve_target(
        language_code=language_code,
        translation_of=translation_of,
        index_slug=index_slug,
    )
    if translation_of and len(files) != 1:
        raise ImportArgumentError(
            f"--translation-of imports one file; {len(files)} were given."
        )
    report = ImportReport(dry_run=dry_run)
    claimed: dict[str, Path] = {}
    if progress is not None:
        progress(0, len(files))
    # Publishing many articles is a bulk operation: delivery documents are built in
    # batches, and queued work (webhooks, purges) waits behind other editors'.
    with bulk_operation() if publish and not dry_run else nullcontext():
        for path in files:
            report.files.append(
                import_file(
                    path,
                    target=target,
                    publish=publish,
                    dry_run=dry_run,
                    user=user,
                    claimed=claimed,
                )
            )
            if progress is not None:
                progress(len(report.files), len(files))
    return report


def expand_paths(paths: Sequence[Path | str]) -> Iterator[Path]:
    """The files to import: each file named, and the HTML and Markdown files found
    under each folder named (sorted)."""
    paths = [Path(path) for path in paths]
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        raise ImportArgumentError(f"No such file or folder: {', '.join(missing)}.")
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        found = sorted(
            item
            for item in path.rglob("*")
            if item.is_file()
            and item.suffix.lower() in HTML_SUFFIXES | MARKDOWN_SUFFIXES
        )
        if not found:
            raise ImportArgumentError(f"No HTML or Markdown files in {path}.")
        yield from found


def import_file(
    path: Path,
    *,
    target: Target,
    publish: bool,
    dry_run: bool,
    user=None,
    claimed: dict[str, Path] | None = None,
) -> FileReport:
    """Import one file in a transaction of its own. `claimed` maps the slugs of the
    files imported before it in the same run to their paths."""
    report = FileReport(path=path, dry_run=dry_run, locale=target.locale.language_code)
    library = ImageLibrary(base_dir=path.parent, dry_run=dry_run)
    try:
        # (A dry run's rollback is no failure: what it wrote must not be indexed.)
        with bulk_item() if not dry_run else nullcontext(), transaction.atomic():
            build_article(
                path,
                report=report,
                target=reloaded(target),
                library=library,
                publish=publish and not dry_run,
                user=user,
                claimed={} if claimed is None else claimed,
            )
            if dry_run:
                report.published = publish
                transaction.set_rollback(True)
    except ImportFailure as error:
        fail(report, str(error))
    except ValidationError as error:
        fail(report, "the article is not valid: " + "; ".join(messages_of(error)))
    except Exception as error:
        logger.exception("Importing %s failed", path)
        fail(report, f"unexpected error: {error!r}")
    if report.failed:
        library.discard_created_files()
    report.notices.extend(library.notices)
    report.notices.sort(key=lambda notice: notice.line or 0)
    return report


def reloaded(target: Target) -> Target:
    """Fresh copies of the index and source: a rolled-back file may have changed
    them in memory (the index's count of children)."""
    return Target(
        locale=target.locale,
        index=ArticleIndexPage.objects.get(pk=target.index.pk),
        source=ArticlePage.objects.get(pk=target.source.pk) if target.source else None,
    )


def fail(report: FileReport, message: str) -> None:
    report.status = FAILED
    report.error = message
    report.published = False


def build_article(
    path: Path,
    *,
    report: FileReport,
    target: Target,
    library: ImageLibrary,
    publish: bool,
    user,
    claimed: dict[str, Path],
) -> None:
    code = target.locale.language_code
    parsed = parse_file(path, language_code=code)
    report.title = parsed.title
    report.notices.extend(parsed.notices)
    if parsed.language and not same_language(parsed.language, code):
        report.notices.append(
            Notice(f"the file says it is in {parsed.language!r}; imported as {code}")
        )
    slug = slug_for(path, parsed.title)
    if slug in claimed:
        # Its import would replace the earlier file's article before anyone saw it.
        raise ImportFailure(
            f"same slug {slug!r} as {claimed[slug]}, imported earlier in this run: "
            "rename one of the two files (the slug comes from the file's name)"
        )
    existing = find_existing_article(target=target, slug=slug)
    reference = latest_version(existing).body.get_prep_value() if existing else None
    if target.source is not None:
        source_body = published_version(target.source.specific).body.get_prep_value()
        report.notices.extend(adopt_source_anchors(parsed.sections, source_body))
        assign_anchors(parsed.sections)
        report.notices.extend(unmatched_sections(parsed.sections, source_body))
        report.notices.extend(localize_notices(target.source, target.locale))
        reference = reference or source_body
    else:
        assign_anchors(parsed.sections)
    body = body_data(parsed.sections, image_for=library.image_for)
    if reference:
        keep_block_ids(body, reference)
    saved = save_article(
        target=target,
        existing=existing,
        slug=slug,
        title=parsed.title,
        summary=parsed.summary,
        body=body,
        publish=publish,
        user=user,
    )
    claimed[slug] = path
    report.status = saved.status
    report.slug = saved.page.slug
    report.page_id = saved.page.pk
    report.published = saved.published
    report.live = saved.page.live
    report.outline = outline(body, new_images={image.pk for image in library.created})


def same_language(declared: str, code: str) -> bool:
    try:
        return (
            get_supported_language_variant(declared.lower().replace("_", "-")) == code
        )
    except LookupError:
        return False


def messages_of(error: ValidationError) -> list[str]:
    """Every message of a page's validation error, with the place in the body where
    it happened (`body › section 3 › content › block 2 › caption: ...`)."""
    if hasattr(error, "error_dict"):
        return [
            message
            for name, errors in error.error_dict.items()
            for inner in errors
            for message in flatten(get_error_json_data(inner), name)
        ]
    return list(flatten(get_error_json_data(error), ""))


def flatten(data: dict, place: str) -> Iterator[str]:
    for message in data.get("messages", []):
        yield f"{place}: {message}" if place else message
    for key, inner in data.get("blockErrors", {}).items():
        step = f"block {int(key) + 1}" if str(key).isdigit() else str(key)
        yield from flatten(inner, f"{place} › {step}" if place else step)
