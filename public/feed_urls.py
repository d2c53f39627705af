"""/feeds/…: RSS and Atom for every release, and per kind, tag, organization and initiative."""

from django.urls import path

from . import converters  # noqa: F401 - registers <kind:…>
from .feeds import ReleaseAtomFeed, ReleaseFeed

app_name = "feeds"

urlpatterns = []
for format_name, feed in (("rss", ReleaseFeed()), ("atom", ReleaseAtomFeed())):
    urlpatterns += [
        path(f"releases/{format_name}/", feed, name=f"all_{format_name}"),
        path(f"type/<kind:kind>/{format_name}/", feed, name=f"kind_{format_name}"),
        path(
            f"tags/<slug:slug>/{format_name}/",
            feed,
            {"scope": "tag"},
            name=f"tag_{format_name}",
        ),
        path(
            f"organizations/<slug:slug>/{format_name}/",
            feed,
            {"scope": "organization"},
            name=f"organization_{format_name}",
        ),
        path(
            f"initiatives/<slug:slug>/{format_name}/",
            feed,
            {"scope": "initiative"},
            name=f"initiative_{format_name}",
        ),
    ]
