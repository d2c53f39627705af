"""The demo site tests read: what `manage.py seed_demo` makes, searchable."""

import io

from django.core.management import call_command

from articles.models import Article
from public import search_engine, search_index


def seed_demo_site():
    """Seed the demo content and build its search documents and index, which the on-commit
    refresh would build on a real site: a test's transaction never commits."""
    call_command("seed_demo", allow_production=True, stdout=io.StringIO())
    search_index.refresh(Article.objects.values_list("pk", flat=True))
    search_engine.rebuild()
    return Article.objects.all()
