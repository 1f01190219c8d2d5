"""Run the queued background tasks (webhooks, CDN purges) inside a test."""

from unittest import mock

from django.core.management import call_command


def run_background_tasks() -> None:
    """The real worker command, in batch mode. Its habit of closing stale database
    connections between tasks would close the test's own transaction on PostgreSQL,
    so that one call is neutralised here."""
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections"
    ):
        call_command(
            "db_worker",
            "--batch",
            "--backend",
            "background",
            "--no-startup-delay",
            verbosity=0,
        )
