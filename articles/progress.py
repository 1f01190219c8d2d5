"""Progress of long management commands (imports, document builds, seeding): a bar
with counts, rate and time left on a terminal; plain lines, at most one every few
seconds, when the output is a log or a pipe (a bar's carriage returns make a log
unreadable); and a summary line at the end either way."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

PLAIN_LINE_EVERY_SECONDS = 5.0


class CommandProgress:
    """`with CommandProgress(self.stdout, label="Documents", total=n) as progress:`
    then `progress.advance()` per item; `progress.summary` is the closing line."""

    def __init__(
        self,
        stream: TextIO,
        *,
        label: str,
        total: int | None = None,
        unit: str = "items",
        clock: Callable[[], float] = time.monotonic,
        every_seconds: float = PLAIN_LINE_EVERY_SECONDS,
    ):
        self.stream = stream
        self.label = label
        self.total = total
        self.unit = unit
        self.clock = clock
        self.every_seconds = every_seconds
        self.done = 0
        self.summary = ""
        self._bar: Progress | None = None
        self._task = None
        isatty = getattr(stream, "isatty", None)
        self.interactive = bool(isatty and isatty())

    def __enter__(self) -> CommandProgress:
        return self.start()

    def __exit__(self, exc_type, exc, traceback) -> None:
        self.finish(exc_type)

    def start(self) -> CommandProgress:
        self.started = self._last_line = self.clock()
        if self.interactive:
            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                # Django's OutputWrapper ends every write with a newline, which a
                # live bar must not have: the bar writes to the stream it wraps.
                console=Console(file=getattr(self.stream, "_out", self.stream)),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total, rate="")
        return self

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = self.clock()
        if self._bar is not None:
            self._bar.update(self._task, advance=count, rate=self._rate(now))
        elif now - self._last_line >= self.every_seconds:
            self._last_line = now
            self.stream.write(self._line(now) + "\n")

    def finish(self, exc_type: type[BaseException] | None = None) -> None:
        """Stop the bar and write the summary (naming the exception that stopped
        the work, if one did)."""
        if self._bar is not None:
            self._bar.stop()
        now = self.clock()
        elapsed = now - self.started
        self.summary = (
            f"{self.label}: {self.done} {self.unit} in {elapsed:.1f} s"
            f" ({self._rate(now)})"
        )
        if exc_type is not None:
            self.summary += f", stopped by {exc_type.__name__}"
        self.stream.write(self.summary + "\n")

    def _rate(self, now: float) -> str:
        elapsed = now - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        return f"{rate:.1f} {self.unit}/s"

    def _line(self, now: float) -> str:
        of_total = f"/{self.total}" if self.total is not None else ""
        return f"{self.label}: {self.done}{of_total} {self.unit} ({self._rate(now)})"
