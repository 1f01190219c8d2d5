"""Export the translation memory into one language as TMX."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from articles.locales import default_language_code
from articles.translation.exchange_files import write_command_output
from articles.translation.memory.tmx import export_tmx


class Command(BaseCommand):
    help = (
        "Export the translation memory from the source language into --locale as a "
        "TMX 1.4 file (inline markup as TMX codes), to a file or stdout."
    )

    def add_arguments(self, parser):
        parser.add_argument("--locale", required=True, help="e.g. ko")
        parser.add_argument(
            "-o", "--output", help="The file to write (default: stdout)."
        )

    def handle(self, *args, locale, output, **options):
        target = Locale.objects.filter(language_code=locale.lower()).first()
        if target is None:
            raise CommandError(f"Unknown locale {locale!r}.")
        data = export_tmx(target_locale=target, source_language=default_language_code())
        write_command_output(self, data, output)
