"""Counting the database queries a page costs."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def get(client, url, **kwargs):
    """The page and the number of database queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
    return response, len(queries)


def queries_for(client, url):
    """The number of queries of a page that must answer 200."""
    response, queries = get(client, url)
    assert response.status_code == 200, url
    return queries
