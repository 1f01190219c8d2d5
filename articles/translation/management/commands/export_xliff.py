from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.translation.selectors import TranslationNotFound, find_translation
from articles.translation.xliff import export_xliff


class Command(BaseCommand):
    help = (
        "Export a page's translation into one locale as an XLIFF 1.2 file for a "
        "translation agency (to a file, or to standard output)."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--page-id", type=int, help="Id of any language version.")
        which.add_argument("--slug", help="Slug of any language version.")
        parser.add_argument(
            "--locale", required=True, help="Target language code, e.g. ko."
        )
        parser.add_argument(
            "--output", "-o", default="-", help="File to write (default: stdout)."
        )

    def handle(self, *args, page_id, slug, locale, output, **options):
        try:
            translation = find_translation(
                locale_code=locale, page_id=page_id, slug=slug
            )
        except TranslationNotFound as error:
            raise CommandError(str(error)) from error
        data = export_xliff(translation)
        if output == "-":
            self.stdout.write(data.decode("utf-8"), ending="")
        else:
            Path(output).write_bytes(data)
            self.stderr.write(
                f"Wrote {output} ({translation.source.object_repr}, "
                f"{translation.source.locale.language_code} to {locale})."
            )
