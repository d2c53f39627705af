"""The policy for shared records (docs/workflow.md, "Shared records"): people and their earlier
ranks, organizations, initiatives and photos are shown by many releases, so a change to one is
a change to every release that shows it.

- Anyone may create a record for their draft, or change one that no cleared, scheduled or
  published release shows yet.
- A change to a record such a release shows needs the Editor role and a reason, and leaves an
  audit-log line on every one of those releases.
- A change to the words a published release prints (a name, a rank, a title, an affiliation,
  an initiative's name, a photo's caption or credit) is refused, with the list of releases,
  unless the editor gives a correction note: it becomes a correction on each of them. A cleared
  or scheduled release whose text changes goes back to review. Adding an earlier rank and title
  for a promotion keeps old releases as they were, so it needs no note.
- A photo's file is never replaced once a release showing it was cleared.
- Who is a press contact, and their contact details, are an editor's decision.

`review_change` decides before anything is saved (the admin form shows its errors at the
fields); `apply_change` records the change once saved and checks the rules again.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from .models import (
    Article,
    ArticleStatus,
    Image,
    ImageBlock,
    Initiative,
    InitiativeTableRow,
    Organization,
    Person,
    Quote,
    WorkflowAction,
)
from .models.people import held_on
from .revisions import snapshot_of_article

# Releases in these states show what a release authority signed for.
SIGNED_STATES = (ArticleStatus.CLEARED, ArticleStatus.PUBLISHED)
CHANGE_PERMISSION = "articles.change_released_record"
PRESS_CONTACT_PERMISSION = "articles.manage_press_contacts"
PRESS_CONTACT_FIELDS = ("is_press_contact", "email", "phone")


def _people_links(person_ids):
    """Releases naming any of these people: author, related person, media contact, speaker."""
    return (
        Q(byline_people__in=person_ids)
        | Q(people__in=person_ids)
        | Q(media_contacts__in=person_ids)
        | Q(pk__in=Quote.objects.filter(speaker__in=person_ids).values("parent"))
    )


def _links(record):
    if isinstance(record, Person):
        return _people_links([record.pk])
    if isinstance(record, Organization):
        people = Person.objects.filter(organization=record).values("pk")
        return Q(organizations=record) | _people_links(people)
    if isinstance(record, Initiative):
        rows = InitiativeTableRow.objects.filter(initiative=record).values("table__parent")
        return Q(initiatives=record) | Q(pk__in=rows)
    if isinstance(record, Image):
        blocks = ImageBlock.objects.filter(image=record).values("parent")
        return Q(hero_image=record) | Q(pk__in=blocks)
    raise TypeError(f"{type(record).__name__} is not a shared record")


def releases_showing(record):
    """The cleared, scheduled and published releases that show `record`."""
    if record.pk is None:
        return Article.objects.none()
    matching = Article.objects.filter(_links(record)).values("pk")
    return Article.objects.filter(status__in=SIGNED_STATES, pk__in=matching).order_by("headline")


# --- The words a release prints about a record -------------------------------------------


def printed_words(record, release, *, roles=None):
    """What `release` prints about `record`, as comparable text, in the release's language (a
    Spanish title or name changes only what Spanish releases print).

    For a person that is the attribution with the rank and title held on the release date
    (`roles`: their earlier ranks, the stored ones unless given), and their organization then.
    """
    with translation.override(release.language):
        return _printed_words(record, release, roles=roles)


def _printed_words(record, release, *, roles):
    if isinstance(record, Person):
        roles = list(record.roles.all()) if roles is None else roles
        role = held_on(roles, release.release_date)
        affiliation = role.organization if role and role.organization_id else record.organization
        return (record.attribution(role=role), str(affiliation or ""))
    if isinstance(record, Organization):
        return (record.name, record.abbreviation)
    if isinstance(record, Initiative):
        return (record.name,)
    if isinstance(record, Image):
        return (record.alt_text, record.caption, record.credit)
    raise TypeError(f"{type(record).__name__} is not a shared record")


@dataclass
class SharedChange:
    """What a change to a shared record does, decided before it is saved."""

    record: object
    showing: list = field(default_factory=list)  # the signed releases showing the record
    reworded: list = field(default_factory=list)  # those whose printed words change
    errors: dict = field(default_factory=dict)  # field name ("" for none) -> messages

    def refuse(self, field_name, message):
        self.errors.setdefault(field_name, []).append(message)

    def raise_errors(self):
        if self.errors:
            raise ValidationError(
                {name or "__all__": messages for name, messages in self.errors.items()}
            )


def release_list(releases):
    return "; ".join(f"“{release.headline}”" for release in releases)


def file_refusal(image):
    """Why the file of `image` (as stored) may not be replaced; None if it may."""
    if not image.cleared_at:
        return None
    when = formats.date_format(timezone.localtime(image.cleared_at), "DATE_FORMAT")
    return _(
        "This photo was cleared for release on %(when)s, so its file can no longer be "
        "replaced: readers and the clearance record rely on it. To use a different picture, "
        "upload it as a new photo and choose the new photo in the release."
    ) % {"when": when}


def review_change(*, record, stored, user, changed, roles=None, reason="", correction_note=""):
    """Decide whether `user` may save `record` (with its new values, not saved yet).

    `stored` is the record as stored (None for a new one), `changed` the names of the fields
    that changed, `roles` a person's earlier ranks as they will be saved (None: unchanged).
    """
    change = SharedChange(record=record)
    changed = set(changed)
    if (
        isinstance(record, Person)
        and _press_contact_changed(record, stored, changed)
        and not user.has_perm(PRESS_CONTACT_PERMISSION)
    ):
        change.refuse(
            "is_press_contact",
            _(
                "Who is a press contact, and the e-mail and phone the site shows for them, "
                "is an editor's decision: ask an editor to make this change."
            ),
        )
    if stored is None or not (changed or roles is not None):
        return change
    if isinstance(record, Image) and "file" in changed and stored.cleared_at:
        change.refuse("file", file_refusal(stored))
    change.showing = list(releases_showing(stored))
    if not change.showing:
        return change
    if not user.has_perm(CHANGE_PERMISSION):
        change.refuse(
            "",
            _(
                "These cleared or published releases show this record, so only an editor can "
                "change it: %(releases)s."
            )
            % {"releases": release_list(change.showing)},
        )
        return change
    if not reason.strip():
        change.refuse(
            "change_reason",
            _(
                "Say why you change it: the reason goes into the audit log of each release "
                "that shows it."
            ),
        )
    change.reworded = [
        release
        for release in change.showing
        if printed_words(stored, release) != printed_words(record, release, roles=roles)
    ]
    public = [release for release in change.reworded if release.is_live]
    if public and not correction_note.strip():
        change.refuse(
            "correction_note",
            _(
                "This changes words that published releases print: %(releases)s. Write a "
                "correction note (readers see it on each of them), or, for a promotion, add the "
                "earlier rank and title under “Earlier ranks and titles” so those releases keep "
                "them."
            )
            % {"releases": release_list(public)},
        )
    return change


def _press_contact_changed(record, stored, changed):
    if stored is None:
        return record.is_press_contact
    was_or_is = stored.is_press_contact or record.is_press_contact
    return "is_press_contact" in changed or (was_or_is and changed & set(PRESS_CONTACT_FIELDS))


def apply_change(*, change, user, changed, reason="", correction_note=""):
    """Record a saved change to a shared record on every signed release that shows it.

    Each gets an audit-log line with the reason; a published one whose words changed gets the
    correction note as a correction; a cleared or scheduled one whose text no longer matches
    its clearance goes back to review. The rules of review_change are enforced again here.
    """
    from .workflow.editing import record_edit
    from .workflow.transitions import locked, log

    if change.showing and not user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied(_("Only an editor can change a record that releases show."))
    change.raise_errors()
    record = change.record
    what = _("%(kind)s “%(name)s” changed (%(fields)s): %(reason)s") % {
        "kind": record._meta.verbose_name,
        "name": record,
        "fields": ", ".join(sorted(changed)),
        "reason": reason.strip(),
    }
    reworded = {release.pk for release in change.reworded}
    for release in change.showing:
        release = locked(release)
        log(release, user=user, action=WorkflowAction.RECORD_CHANGED, comment=what)
        if release.is_live and release.pk in reworded:
            record_edit(
                article=release, user=user, text_changed=True, correction_note=correction_note
            )
        elif not release.is_live and (release.pk in reworded or _changed_since_clearance(release)):
            # Cleared or scheduled: the text it was cleared with changed, so review it again.
            record_edit(article=release, user=user, text_changed=True)


def _changed_since_clearance(release):
    clearance = release.clearances.first()
    if clearance is None or not clearance.snapshot_digest:
        return False
    return clearance.snapshot_digest != snapshot_of_article(release).digest


def delete_refusal(record):
    """Why `record` may not be deleted (None if it may): releases signed for it show it, or
    (a photo) a release showing it was cleared; a photo can then only be purged."""
    showing = list(releases_showing(record))
    if showing:
        return _(
            "These cleared or published releases show it: %(releases)s. Remove it from them first."
        ) % {"releases": release_list(showing)}
    if isinstance(record, Image) and record.cleared_at:
        return _(
            "A release showing this photo was cleared, so it is kept. A site administrator "
            "can purge it, with a reason, if it must go."
        )
    return None
