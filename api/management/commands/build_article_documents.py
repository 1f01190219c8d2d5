from django.core.management.base import BaseCommand

from api.documents import rebuild_all_documents
from articles.models import ArticlePage
from articles.progress import CommandProgress


class Command(BaseCommand):
    help = (
        "Rebuild the API's stored JSON of every live article (after a deployment that "
        "changes how articles are delivered). Publishing keeps it current otherwise."
    )

    def handle(self, *args, **options):
        with CommandProgress(
            self.stdout,
            label="Article documents",
            total=ArticlePage.objects.count(),
            unit="pages",
        ) as progress:
            count = rebuild_all_documents(advance=progress.advance)
        self.stdout.write(self.style.SUCCESS(f"{count} article document(s) built."))
