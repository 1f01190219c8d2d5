"""Import translation memory units from a TMX file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.progress import CommandProgress
from articles.translation.memory.tmx import TmxError, apply_tmx, read_tmx


class Command(BaseCommand):
    help = (
        "Import a TMX 1.4 file into the translation memory. Each unit is checked on "
        "its own: the valid ones are kept (marked as imported), each other one is "
        "reported (exit 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The TMX file.")

    def handle(self, *args, file, **options):
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        try:
            result = read_tmx(data)
        except TmxError as error:
            raise CommandError(f"{file}: {error}") from error
        with CommandProgress(
            self.stdout, label="Units", total=len(result.units), unit="units"
        ) as progress:
            apply_tmx(result)
            progress.advance(len(result.units))
        self.stdout.write(
            f"{result.added} units added, "
            f"{len(result.units) - result.added} already in the memory."
        )
        for problem in result.problems:
            self.stderr.write(f"{file}: {problem}")
        if result.problems:
            raise CommandError(
                f"{len(result.problems)} units were not imported (see above); "
                "the others were."
            )
