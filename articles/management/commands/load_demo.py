import logging

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles.demo.loader import DemoContentError, load_demo


class Command(BaseCommand):
    help = (
        "Create the demo site: locales, article index pages, topics, clinicians and "
        "articles in English with their Korean, Chinese and Arabic translations, plus "
        "an admin account. Running it again creates nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument("--admin-username", default="admin")
        parser.add_argument(
            "--admin-password",
            default="admin",
            help="Password of the admin account when it is created (default: admin).",
        )
        parser.add_argument(
            "--no-admin", action="store_true", help="Do not create an admin account."
        )

    def handle(self, *args, admin_username, admin_password, no_admin, **options):
        if options["verbosity"] < 2:
            # One line per created item is enough; Wagtail logs every page save.
            logging.getLogger("wagtail").setLevel(logging.WARNING)
        try:
            report = load_demo()
        except DemoContentError as error:
            raise CommandError(f"Demo content not loaded: {error}") from error

        for what in report.created:
            self.stdout.write(f"  created {what}")
        if report.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo content: {len(report.created)} item(s) created."
                )
            )
        else:
            self.stdout.write("Demo content already present: nothing to do.")

        if not no_admin:
            self.ensure_admin(admin_username, admin_password)

    def ensure_admin(self, username: str, password: str) -> None:
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Admin account '{username}' already exists (password unchanged)."
            )
            return
        User.objects.create_superuser(
            username=username, email=f"{username}@example.org", password=password
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin account created. Log in at /admin/ as '{username}' with "
                f"password '{password}', and change it."
            )
        )
