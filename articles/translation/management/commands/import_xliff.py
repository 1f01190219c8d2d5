import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail_localize.models import Translation

from articles.translation.xliff import (
    REJECTED,
    XliffError,
    file_translation_uuid,
    import_xliff,
    max_upload_bytes,
)


class Command(BaseCommand):
    help = (
        "Import a translated XLIFF 1.2 file (as exported by export_xliff or the admin) "
        "into the translation it was exported for. Prints one line per segment and "
        "exits non-zero if any segment was rejected (the valid ones are still saved). "
        "Nothing is published."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The XLIFF file, or - for standard input.")
        parser.add_argument(
            "--user", help="Username recorded as the translator (default: none)."
        )

    def handle(self, *args, file, user, **options):
        translator = None
        if user:
            translator = get_user_model().objects.filter(username=user).first()
            if translator is None:
                raise CommandError(f"No user named {user!r}.")
        data = read_capped(file)
        try:
            translation = Translation.objects.select_related(
                "source__locale", "source__specific_content_type", "target_locale"
            ).get(uuid=file_translation_uuid(data), enabled=True)
            report = import_xliff(translation, data, translator)
        except Translation.DoesNotExist:
            raise CommandError(
                "The translation this file was exported for no longer exists or was "
                "stopped. Nothing was imported."
            ) from None
        except XliffError as error:
            raise CommandError(str(error)) from error

        for result in report.results:
            line = f"{result.status:<9} {result.segment_id}"
            if result.message:
                line += f": {result.message}"
            style = self.style.ERROR if result.status == REJECTED else str
            self.stdout.write(style(line))
        self.stdout.write(report.summary())
        if report.rejected:
            raise CommandError(f"{report.rejected} segment(s) rejected.")


def read_capped(file: str) -> bytes:
    """The file's bytes, refusing one over the size limit without reading it all."""
    limit = max_upload_bytes()
    try:
        if file == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with Path(file).open("rb") as handle:
                data = handle.read(limit + 1)
    except OSError as error:
        raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
    if len(data) > limit:
        raise CommandError(
            f"The file is larger than the limit of {limit:,} bytes "
            "(ARTICLES_XLIFF_MAX_BYTES). Nothing was imported."
        )
    return data
