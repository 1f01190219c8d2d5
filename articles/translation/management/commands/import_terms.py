"""Import a termbase file (TBX or CSV)."""

from django.core.management.base import BaseCommand, CommandError

from articles.progress import CommandProgress
from articles.translation.exchange_files import (
    UnreadableFile,
    read_command_file,
    report_problems,
)
from articles.translation.terms.exchange import apply_term_file, read_term_file


class Command(BaseCommand):
    help = (
        "Import terms from a TBX file (TBX-Basic, v3 or v2) or a CSV file "
        "(concept_id,locale,term,status,note), told apart by content. Each entry is "
        "checked on its own: the valid ones are applied, each other one is reported "
        "(exit 1), and no term missing from the file is removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The TBX or CSV file.")

    def handle(self, *args, file, **options):
        try:
            result = read_term_file(read_command_file(file))
        except UnreadableFile as error:
            raise CommandError(f"{file}: {error}") from error
        with CommandProgress(
            self.stdout, label="Terms", total=len(result.entries), unit="terms"
        ) as progress:
            apply_term_file(result)
            progress.advance(len(result.entries))
        self.stdout.write(
            f"{result.created} terms created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
        report_problems(self, file, result.problems, "entries")
