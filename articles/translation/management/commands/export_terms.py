"""Export the termbase as TBX or CSV."""

from django.core.management.base import BaseCommand

from articles.locales import default_language_code
from articles.translation.exchange_files import write_command_output
from articles.translation.terms.exchange import export_csv, export_tbx


class Command(BaseCommand):
    help = (
        "Export the approved and forbidden terms of the termbase as TBX-Basic (TBX "
        "v3) or CSV (concept_id,locale,term,status,note), to a file or stdout."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["tbx", "csv"], default="tbx")
        parser.add_argument(
            "-o", "--output", help="The file to write (default: stdout)."
        )

    def handle(self, *args, format, output, **options):
        if format == "tbx":
            data = export_tbx(source_language=default_language_code())
        else:
            data = export_csv().encode("utf-8")
        write_command_output(self, data, output)
