from django.core.management.base import BaseCommand

from api.documents import rebuild_all_documents


class Command(BaseCommand):
    help = (
        "Rebuild the API's stored JSON of every live article (after a deployment that "
        "changes how articles are delivered). Publishing keeps it current otherwise."
    )

    def handle(self, *args, **options):
        count = rebuild_all_documents()
        self.stdout.write(self.style.SUCCESS(f"{count} article document(s) built."))
