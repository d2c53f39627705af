"""Helpers for the shared-records tests: releases taken through the real workflow, and the
POST bodies of the people, organization, initiative and photo admin forms."""

import datetime

from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from articles import roles
from articles.checks import release_check_warnings
from articles.models import Image, Initiative, Organization, Person
from articles.workflow import transitions
from articles.workflow.gates import clearance_checklist
from tests.factories import ArticleFactory, UserFactory

ADMIN_FIELDS = {
    Person: [
        "service",
        "rank",
        "given_name",
        "family_name",
        "slug",
        "title",
        "organization",
        "bio",
        "portrait",
        "is_press_contact",
        "email",
        "phone",
    ],
    Organization: [
        "name",
        "abbreviation",
        "slug",
        "kind",
        "country",
        "parent",
        "website",
        "description",
        "logo",
    ],
    Initiative: [
        "name",
        "slug",
        "summary",
        "status",
        "start_date",
        "end_date",
        "lead_organization",
        "partners",
    ],
    Image: [
        "title",
        "alt_text",
        "is_decorative",
        "caption",
        "credit",
        "virin",
        "date_taken",
        "allow_download",
    ],
}


def _posted(value):
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, list):
        return [getattr(item, "pk", item) for item in value]
    if hasattr(value, "pk"):
        return str(value.pk)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def translated_fields(model):
    from modeltranslation.translator import NotRegistered, translator

    try:
        return translator.get_options_for_model(model).fields
    except NotRegistered:
        return ()


def record_post_data(record, roles=None, **changes):
    """The admin change form of `record` as the browser posts it, with `changes` applied.

    `roles` (people only): the earlier ranks the inline posts, as dicts of field values; the
    stored ones are posted unchanged when omitted.
    """
    model = type(record)
    values = model_to_dict(record, fields=ADMIN_FIELDS[model])
    values.update(changes)
    data = {name: _posted(value) for name, value in values.items()}
    data = {name: value for name, value in data.items() if value is not None}
    # Names, titles and descriptions are edited per language: the English field stands for
    # the value the release shows in English.
    for name in translated_fields(model):
        if name in data:
            data[f"{name}_en"] = data.pop(name)
    if model is Initiative:
        data["tags"] = ""
    if model is Person:
        stored = list(record.roles.all()) if record.pk else []
        data.update(_roles_inline(stored, roles or []))
    return data


def _roles_inline(stored, added):
    data = {
        "roles-TOTAL_FORMS": str(len(stored) + len(added)),
        "roles-INITIAL_FORMS": str(len(stored)),
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "1000",
    }
    # An earlier title is edited per language too: "title" stands for the English one.
    rows = [{"id": role.pk, **model_to_dict(role)} for role in stored] + [
        {"title_en": row.get("title"), **row} for row in added
    ]
    for index, row in enumerate(rows):
        for name in ("id", "service", "rank", "title_en", "title_es", "organization", "held_until"):
            value = _posted(row.get(name))
            if value is not None:
                data[f"roles-{index}-{name}"] = value
    return data


def change_url(record):
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


def add_url(model):
    return reverse(f"admin:articles_{model._meta.model_name}_add")


def delete_url(record):
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[record.pk])


def through_the_workflow(*, publish=True, **fields):
    """A release written, cleared and (by default) published by three colleagues, through the
    same services the admin uses: its photos are frozen at clearance like any real one."""
    writer = UserFactory(roles=[roles.WRITER])
    authority = UserFactory(roles=[roles.RELEASE_AUTHORITY])
    article = ArticleFactory(
        status="draft",
        release_at=timezone.now() - datetime.timedelta(days=30),
        created_by=writer,
        **fields,
    )
    transitions.submit_for_review(article=article, user=writer)
    transitions.clear(
        article=article,
        user=authority,
        checklist=clearance_checklist(),
        acknowledged_warnings=[finding.key for finding in release_check_warnings(article)],
    )
    if publish:
        # Published a month ago: the release date is in the past, as for an archived release.
        transitions.publish(article=article, user=authority)
        type(article).objects.filter(pk=article.pk).update(
            release_at=timezone.now() - datetime.timedelta(days=30)
        )
    article.refresh_from_db()
    return article
