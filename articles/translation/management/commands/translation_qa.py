"""Quality checks of one article's translation into one locale, for scripts and CI."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation as i18n

from articles.locales import content_language_codes
from articles.translation.qa import ERROR, WARNING
from articles.translation.qa.run import check_translation
from articles.translation.selectors import TranslationNotFound, find_translation

EXIT_FINDINGS = 1
EXIT_USAGE = 2
SEVERITY_RANK = {WARNING: 1, ERROR: 2}


class Command(BaseCommand):
    help = (
        "Check an article's translation into one locale (numbers, units, markup, "
        "untranslated or empty segments, length, whitespace, machine output) and "
        "print the open findings."
    )

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True, help="Slug of any version.")
        parser.add_argument("--locale", required=True, help="Target language code.")
        parser.add_argument(
            "--format", dest="output", choices=["table", "json"], default="table"
        )
        parser.add_argument(
            "--fail-on",
            choices=[ERROR, WARNING],
            help="Exit 1 when a finding this severe (or worse) is open.",
        )

    def handle(self, *args, slug, locale, output, fail_on, **options):
        if locale not in content_language_codes():
            raise CommandError(
                f"Unknown locale {locale!r}; choose among: "
                f"{', '.join(content_language_codes())}.",
                returncode=EXIT_USAGE,
            )
        try:
            translation = find_translation(locale_code=locale, slug=slug)
        except TranslationNotFound as error:
            raise CommandError(str(error), returncode=EXIT_USAGE) from error
        with i18n.override("en"):  # messages for logs and scripts
            report = check_translation(translation)
            rows = [
                {
                    "id": segment.segment.id,
                    "check": finding.check,
                    "severity": finding.severity,
                    "message": str(finding.message),
                    "source": segment.segment.source,
                    "target": segment.segment.target,
                }
                for segment in report.segments
                for finding in segment.open_findings()
            ]
        if output == "json":
            document = {"article": slug, "locale": locale, "findings": rows}
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
        else:
            self.write_table(rows, translation)
        if fail_on and any(
            SEVERITY_RANK[row["severity"]] >= SEVERITY_RANK[fail_on] for row in rows
        ):
            raise CommandError(
                f"{len(rows)} finding(s) open.", returncode=EXIT_FINDINGS
            )

    def write_table(self, rows: list[dict], translation) -> None:
        source = translation.source
        self.stdout.write(
            f"{source.object_repr} ({source.locale.language_code} to "
            f"{translation.target_locale.language_code}): {len(rows)} finding(s)"
        )
        for row in rows:
            self.stdout.write(
                f"{row['severity'].upper():8} {row['check']:15} {row['id']}\n"
                f"         {row['message']}"
            )
