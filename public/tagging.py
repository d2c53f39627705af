"""Tags of releases (taggit stores every tagged model's links in one generic table)."""

from taggit.models import TaggedItem


def tagged_releases():
    """TaggedItems that tag a release. The content type is matched with a join rather than
    looked up first, so queries that use this never cost an extra query."""
    return TaggedItem.objects.filter(
        content_type__app_label="articles", content_type__model="article"
    )
