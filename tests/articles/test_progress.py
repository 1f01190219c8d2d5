"""Long commands say how far they are: a bar on a terminal, a plain line every few
seconds in a log, and a summary with count and rate at the end."""

import io

import pytest
from django.core.management import call_command

from articles.progress import CommandProgress
from tests.factories import ArticlePageFactory, publish


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_log_gets_a_plain_line_every_few_seconds_and_a_summary():
    clock, log = Clock(), io.StringIO()

    with CommandProgress(
        log, label="Documents", total=10, unit="pages", clock=clock, every_seconds=5
    ) as progress:
        for _ in range(10):
            clock.now += 1
            progress.advance()

    assert log.getvalue().splitlines() == [
        "Documents: 5/10 pages (1.0 pages/s)",
        "Documents: 10/10 pages (1.0 pages/s)",
        "Documents: 10 pages in 10.0 s (1.0 pages/s)",
    ]
    assert "\r" not in log.getvalue()


def test_a_terminal_gets_a_bar_that_leaves_only_the_summary_behind():
    clock, terminal = Clock(), Terminal()

    with CommandProgress(terminal, label="Import", total=4, clock=clock) as progress:
        clock.now += 2
        progress.advance(4)

    assert progress.interactive
    assert (
        terminal.getvalue().rstrip().endswith("Import: 4 items in 2.0 s (2.0 items/s)")
    )


def test_the_summary_says_when_the_work_was_interrupted():
    log = io.StringIO()

    with pytest.raises(KeyboardInterrupt):
        with CommandProgress(log, label="Seeding", clock=Clock()) as progress:
            progress.advance()
            raise KeyboardInterrupt

    assert log.getvalue().endswith("stopped by KeyboardInterrupt\n")


@pytest.mark.django_db
def test_build_article_documents_reports_its_progress(index_page):
    publish(ArticlePageFactory(parent=index_page))
    out = io.StringIO()

    call_command("build_article_documents", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Article documents: 1 pages in ")
    assert lines[-1] == "1 article document(s) built."


@pytest.mark.django_db
def test_importing_a_folder_reports_its_progress(index_page, tmp_path):
    for name in ("knee", "spine"):
        (tmp_path / f"{name}.html").write_text(
            f"<html><head><title>{name}</title></head><body><h1>{name}</h1>"
            "<h2>Overview</h2><p>Text.</p></body></html>"
        )
    out = io.StringIO()

    call_command("import_articles", str(tmp_path), locale="en", stdout=out)

    assert any(
        line.startswith("Import: 2 files in ") for line in out.getvalue().splitlines()
    )
