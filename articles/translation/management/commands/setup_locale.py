"""Enable a content language end to end (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from articles.translation.new_language import LanguageSetupError, set_up_language
from articles.translation.roles import RolesError


class Command(BaseCommand):
    help = (
        "Set up a content language listed in CMS_LANGUAGES: its locale, the article "
        "index translated and published, its translator group and permissions, and "
        "the Medical review workflow. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="The language code, e.g. ja or th.")

    def handle(self, *args, code, **options):
        try:
            lines = set_up_language(code=code)
        except (LanguageSetupError, RolesError) as error:
            raise CommandError(str(error)) from error
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"{code} is ready for translation."))
