"""Pick the pages to load and count each one's database queries, in process.

Run by bench/run.py with the benchmark's environment (production settings, the bench database);
prints one JSON object: {"urls": {page: path}, "queries": {page: [uncached, cached, cold]}}:
uncached with the page cache off, cached from the page cache, cold with the release cache off too.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from taggit.models import Tag  # noqa: E402

from articles.models import Article, Person  # noqa: E402
from public import versions  # noqa: E402


def pages():
    article = Article.objects.published().order_by("-release_at")[5]
    tag = Tag.objects.annotate(uses=Count("taggit_taggeditem_items")).order_by("-uses")[0]
    person = Person.objects.annotate(uses=Count("authored_articles")).order_by("-uses")[0]
    search = reverse("public:search")
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "tag": reverse("public:tag", kwargs={"slug": tag.slug}),
        "person": person.get_absolute_url(),
        "search (1 word)": f"{search}?q=bridge",
        "search (3 words)": f"{search}?q=jungle+river+crossing",
        "feed": reverse("feeds:all_rss"),
    }


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return len(queries)


def main():
    urls = pages()
    client = Client(HTTP_HOST="127.0.0.1")
    result = {}
    for name, url in urls.items():
        with override_settings(PAGE_CACHE_ENABLED=False):
            count(client, url)  # one-off queries (content types, connection setup)
            uncached = count(client, url)
        with override_settings(PAGE_CACHE_ENABLED=False, RELEASE_CACHE_ENABLED=False):
            cold = count(client, url)
        versions.advance_page_generation()
        count(client, url)
        result[name] = [uncached, count(client, url), cold]
    cache.close()
    print(json.dumps({"urls": urls, "queries": result}))


if __name__ == "__main__":
    main()
