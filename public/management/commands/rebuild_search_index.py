from django.core.management.base import BaseCommand

from articles.models import Article
from public import search_engine
from public.search_index import refresh

BATCH = 200


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search documents of releases, then the search index from them. "
        "Edits keep both current on their own; run this after loading data with loaddata or "
        "raw SQL, restoring a dump, or changing NEWSROOM_SEARCH_ANALYZERS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing",
            action="store_true",
            help=(
                "Only build documents that do not exist yet, and the index only if it is empty "
                "(fast; safe on every deploy)."
            ),
        )

    def handle(self, *args, missing=False, verbosity=1, **options):
        releases = Article.objects.order_by("pk")
        if missing:
            releases = releases.filter(search_document__isnull=True)
        ids = list(releases.values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            refresh(ids[start : start + BATCH])
        if verbosity:
            self.stdout.write(f"Rebuilt the search documents of {len(ids)} releases.")
        if missing and search_engine.size() and not ids:
            if verbosity:
                self.stdout.write("The search index holds every release already.")
            return
        entered = search_engine.rebuild()
        if verbosity:
            self.stdout.write(f"Entered {entered} published releases in the search index.")
