"""State changes that touch more than one model. Views and the admin call these; models don't."""

from django.db import transaction
from django.utils.text import slugify

from .models import Initiative, InitiativeTable, InitiativeTableRow, Quote, TranscriptTurn
from .translation import in_any_language


def unique_slug(model, text, *, max_length=200):
    base = slugify(text)[: max_length - 5].strip("-") or "item"
    slug, counter = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def initiative_named(name):
    """The Initiative with this name in any case and either language, created if missing:
    (initiative, created)."""
    existing = Initiative.objects.filter(in_any_language("name", name)).first()
    if existing:
        return existing, False
    return Initiative.objects.create(name=name, slug=unique_slug(Initiative, name)), True


@transaction.atomic
def replace_table_rows(*, table, rows):
    """Store `rows` (lists of cells, initiative name first); return Initiatives created for them."""
    created = []
    table.rows.all().delete()
    for position, (name, *cells) in enumerate(rows):
        initiative, is_new = initiative_named(name)
        if is_new:
            created.append(initiative)
        InitiativeTableRow.objects.create(
            table=table, initiative=initiative, cells=cells, position=position
        )
    return created


def body_mentions(article):
    """People quoted or speaking and initiatives listed in the article's body, as two sets of
    ids."""
    speakers = set(Quote.objects.filter(parent=article).values_list("speaker", flat=True))
    speakers |= set(
        TranscriptTurn.objects.filter(transcript__parent=article, speaker__isnull=False)
        .values_list("speaker", flat=True)
        .distinct()
    )
    initiatives = set(
        InitiativeTableRow.objects.filter(
            table__in=InitiativeTable.objects.filter(parent=article)
        ).values_list("initiative", flat=True)
    )
    return speakers, initiatives


def sync_mentions(*, article, before=(frozenset(), frozenset())):
    """Relate the article to everyone its body quotes or gives the floor and every initiative
    its tables list.

    `before` is body_mentions() from before the edit: people and initiatives that were only
    there because of a quote or table row that is now gone are unlinked again.
    """
    speakers, initiatives = body_mentions(article)
    speakers_before, initiatives_before = before
    article.people.remove(*(speakers_before - speakers))
    article.initiatives.remove(*(initiatives_before - initiatives))
    article.people.add(*speakers)
    article.initiatives.add(*initiatives)


def body_saved(*, article, before=(frozenset(), frozenset())):
    """After a release's body was saved (in the admin, by an import or the demo seeding): link
    the people and initiatives it mentions (`before` as for sync_mentions), then run the
    release checks on the whole body and store them. Returns the ReleaseCheckReport."""
    from .checks import refresh_release_checks

    sync_mentions(article=article, before=before)
    return refresh_release_checks(article=article)
