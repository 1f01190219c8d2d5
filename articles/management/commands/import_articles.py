from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles.importer import ImportArgumentError, ImportReport, import_articles
from articles.progress import CommandProgress


class Command(BaseCommand):
    help = (
        "Import HTML files (whole pages or <article> elements) and Markdown files as "
        "articles in one locale: each file in a transaction of its own, a draft "
        "revision unless --publish. Importing a file again updates its article. "
        "Exits non-zero if any file failed (the others are imported)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="Files, or folders to search."
        )
        parser.add_argument(
            "--locale", required=True, help="Language code of the files, e.g. ko."
        )
        parser.add_argument(
            "--translation-of",
            metavar="SLUG",
            help="Import the file as the translation of this article (in another "
            "locale); sections are matched by anchor.",
        )
        parser.add_argument(
            "--index",
            metavar="SLUG",
            help="The article index to create articles under (default: the only "
            "index of the locale, or the translation of the source's index).",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish at once, bypassing the Medical review workflow (an "
            "administrative act: no medical review is recorded).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show the structure each file would give and change nothing.",
        )
        parser.add_argument("--user", help="Username recorded on the revisions.")

    def handle(
        self,
        *args,
        paths,
        locale,
        translation_of,
        index,
        publish,
        dry_run,
        user,
        verbosity,
        **options,
    ):
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"No user named {user!r}.")
        bar = FileProgress(self.stdout)
        try:
            report = import_articles(
                paths=paths,
                language_code=locale,
                translation_of=translation_of,
                index_slug=index,
                publish=publish,
                dry_run=dry_run,
                user=author,
                progress=bar.update,
            )
        except ImportArgumentError as error:
            raise CommandError(str(error)) from error
        finally:
            bar.close()
        self.write_report(report, show_outline=dry_run or verbosity > 1)
        if report.failed:
            names = ", ".join(str(file.path) for file in report.failed)
            raise CommandError(
                f"{len(report.failed)} of {len(report.files)} file(s) failed: {names}."
            )

    def write_report(self, report: ImportReport, *, show_outline: bool) -> None:
        for file in report.files:
            style = self.style.ERROR if file.failed else self.style.SUCCESS
            self.stdout.write(style(file.headline()))
            if show_outline:
                for line in file.outline:
                    self.stdout.write(f"    {line}")
            for notice in file.notices:
                self.stdout.write(self.style.WARNING(f"    warning: {notice}"))
        self.stdout.write(report.summary())


class FileProgress:
    """A progress bar over the files of an import of several files (a folder); a
    single file needs none."""

    def __init__(self, stream):
        self.stream = stream
        self.progress: CommandProgress | None = None

    def update(self, done: int, total: int) -> None:
        if total < 2:
            return
        if self.progress is None:
            self.progress = CommandProgress(
                self.stream, label="Import", total=total, unit="files"
            ).start()
        else:
            self.progress.advance()

    def close(self) -> None:
        if self.progress is not None:
            self.progress.finish()
