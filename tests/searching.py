"""Making releases searchable in a test, as the task worker does after a commit (a test's
transaction never commits)."""

from public.tasks import refresh_search_documents


def searchable(*articles):
    """Build the search documents and index entries of `articles`; returns them."""
    refresh_search_documents(release_ids=[article.pk for article in articles], shown=False)
    return articles
