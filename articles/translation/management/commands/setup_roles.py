"""Create the editorial roles and the medical review workflow (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from articles.translation.roles import RolesError, setup_roles


class Command(BaseCommand):
    help = (
        "Create or complete the Editors, Medical reviewers and per-locale Translators "
        "groups, and put every article index under the Medical review workflow. "
        "Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--locales",
            help="Comma-separated locale codes to create translator groups for "
            "(default: every translated content language).",
        )

    def handle(self, *args, locales=None, **options):
        codes = None
        if locales is not None:
            codes = [code.strip() for code in locales.split(",") if code.strip()]
            if not codes:
                raise CommandError("--locales: give at least one locale code.")
        try:
            report = setup_roles(locales=codes)
        except RolesError as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)
