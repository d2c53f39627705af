"""Background work of the public site, run by the Celery worker (newsroom/celery.py)."""

from celery import shared_task

from . import search_index, versions


@shared_task
def refresh_search_documents(release_ids, shown):
    """Rebuild the search documents of these releases after a change (public.invalidation),
    off the request that made it. If readers could see the change, the page generation moves
    again: a search page cached before the documents were rebuilt is not served. Idempotent:
    documents are rebuilt from the rows as they are now."""
    search_index.refresh(release_ids)
    if shown:
        versions.advance_page_generation()
