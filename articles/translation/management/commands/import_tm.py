"""Import translation memory units from a TMX file."""

from django.core.management.base import BaseCommand, CommandError

from articles.progress import CommandProgress
from articles.translation.exchange_files import (
    UnreadableFile,
    read_command_file,
    report_problems,
)
from articles.translation.memory.tmx import apply_tmx, read_tmx


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
            result = read_tmx(read_command_file(file))
        except UnreadableFile as error:
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
        report_problems(self, file, result.problems, "units")
