"""What the reader-side caches are checked against. Both live in the database, next to the
content they describe, so an invalidation is written (and committed) with the change itself
and cannot be lost to a cache that was unreachable at that moment (public.versions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageGeneration(models.Model):
    """One row: the generation of every cached public page. Cached pages are keyed by it, so
    moving it on makes all of them unreachable at once."""

    value = models.BigIntegerField(_("value"))

    class Meta:
        verbose_name = _("page generation")

    def __str__(self):
        return str(self.value)


class ReleaseVersion(models.Model):
    """The version of one release's own page content: the release cache keeps the content
    together with the version it was built at and uses it only while the two match.

    A plain id rather than a foreign key: invalidation writes it in the transaction of the
    change, which may be the one deleting the release, and a saved release always gets a new
    version, so a reused id never meets an old entry."""

    release_id = models.BigIntegerField(_("release"), primary_key=True)
    version = models.BigIntegerField(_("version"))

    class Meta:
        verbose_name = _("release version")

    def __str__(self):
        return f"{self.release_id}: {self.version}"


class TopicKind(models.TextChoices):
    INITIATIVE = "initiative", _("initiative")
    ORGANIZATION = "organization", _("organization")
    TAG = "tag", _("tag")


class TopicVersion(models.Model):
    """The version of one topic's set of releases (an initiative, organization or tag a release
    is linked to): a release page's related releases are those sharing a topic with it, kept
    together with the versions of its topics and used only while those are unchanged
    (public.related_cache). Renewed whenever a release that has or had the topic changes.

    A plain id, as for ReleaseVersion: written in the transaction that may delete the topic."""

    kind = models.CharField(_("kind"), max_length=12, choices=TopicKind.choices)
    topic_id = models.BigIntegerField(_("topic"))
    version = models.BigIntegerField(_("version"))

    class Meta:
        verbose_name = _("topic version")
        constraints = [
            models.UniqueConstraint(fields=["kind", "topic_id"], name="one_version_per_topic")
        ]

    def __str__(self):
        return f"{self.kind} {self.topic_id}: {self.version}"
