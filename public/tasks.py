"""Background work of the public site, run by the Celery worker (newsroom/celery.py)."""

from celery import shared_task

from . import search_engine, search_index, versions


@shared_task(
    autoretry_for=(search_engine.IndexBusy,), retry_backoff=30, retry_jitter=True, max_retries=8
)
def refresh_search_documents(release_ids, shown):
    """Rebuild the search documents of these releases after a change (public.invalidation), and
    their entries in the search index, off the request that made it. If readers could see the
    change, the page generation moves again: a search page cached before the index changed is
    not served. Idempotent: both are rebuilt from the rows as they are now, so a try again after
    the index was busy (a rebuild of 100,000 releases holds it about a minute) does it all again."""
    search_index.refresh(release_ids)
    search_engine.index_releases(release_ids)
    if shown:
        versions.advance_page_generation()
