"""Authorization from outside: for every role and every model in the admin, a crafted request
for something the role may not do (add, change, delete, bulk delete) is refused, and nothing
changes. The workflow's state changes are covered the same way in test_workflow.py."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core import serializers
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from taggit.models import Tag

from articles import models, roles
from articles.workflow.embargo import create_embargo_link
from distribution.models import (
    Delivery,
    PublicationEvent,
    Subscriber,
    WebhookDelivery,
    WebhookEndpoint,
)
from newsroom.security.models import SignInEvent, SignInEventKind
from tests.admin_forms import article_post_data
from tests.factories import (
    ImageFactory,
    InitiativeFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    release_in_state,
)
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db

ROLES = [roles.WRITER, roles.EDITOR, roles.RELEASE_AUTHORITY, None]  # None: staff, no role


@pytest.fixture
def one_of_everything():
    """One instance of every model the admin manages, so every change and delete is tried."""
    owner = UserFactory(username="owner", roles=[roles.EDITOR])
    article = release_in_state("published", headline="Original headline")
    models.StateChange.objects.create(
        article=article,
        action=models.WorkflowAction.PUBLISHED,
        from_status=models.ArticleStatus.CLEARED,
        to_status=models.ArticleStatus.PUBLISHED,
        user=owner,
    )
    models.Correction.objects.create(article=article, note="Fixed a name.", created_by=owner)
    transcript = models.Transcript.objects.create(parent=article, region="body", ordering=90)
    models.TranscriptTurn.objects.create(transcript=transcript, role="reporter", text="<p>Q?</p>")
    create_embargo_link(
        article=release_in_state("cleared"),
        user=owner,
        label="Wire service",
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    models.WatchTerm.objects.create(term="classified", reason="Never in a release.")
    models.ImagePurge.objects.create(
        title="Gate photo", image_id=1, reason="Shows a guard post.", purged_by=owner
    )
    PersonFactory(), OrganizationFactory(), InitiativeFactory(), ImageFactory()
    Tag.objects.create(name="engineering")
    AccessAttempt.objects.create(
        username="owner", ip_address="198.51.100.1", failures_since_start=1
    )
    AccessLog.objects.create(username="owner", ip_address="198.51.100.1")
    AccessFailureLog.objects.create(username="owner", ip_address="198.51.100.1")
    TOTPDevice.objects.create(user=owner, name="Phone")
    StaticDevice.objects.create(user=owner, name="Backup codes")
    SignInEvent.objects.create(kind=SignInEventKind.SIGNED_IN, username="owner", user=owner)
    subscriber = Subscriber.objects.create(email="reader@example.org", language="en")
    endpoint = WebhookEndpoint.objects.create(name="Partner", url="https://partner.example/h")
    event = PublicationEvent.objects.first()  # recorded with the lines above
    Delivery.objects.create(event=event, subscriber=subscriber)
    WebhookDelivery.objects.create(event=event, endpoint=endpoint)
    missing = [m._meta.label for m in admin.site._registry if not m._default_manager.exists()]
    assert not missing, f"no instance to attack for {missing}"


def snapshot():
    """Every row of every admin-managed model, serialized: any change shows up as a difference."""
    return {
        model._meta.label: serializers.serialize("json", model._default_manager.order_by("pk"))
        for model in admin.site._registry
    }


def may(user, action, model):
    return user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def crafted_body(model, instance):
    """What a browser would send for this model's form, with text fields changed."""
    if model is models.Article:
        return article_post_data(fields={"headline": "Defaced", "slug": instance.slug})
    body = {}
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        value = field.value_from_object(instance)
        if field.get_internal_type() in ("CharField", "TextField"):
            value = "Defaced"
        if value is not None:
            body[field.attname.removesuffix("_id")] = str(value)
    return body


@pytest.mark.parametrize("role", ROLES)
def test_a_role_cannot_do_in_the_admin_what_its_permissions_do_not_allow(role, one_of_everything):
    user = UserFactory(username="attacker", roles=[role] if role else [])
    client = sign_in(Client(), user)
    before = snapshot()
    tried = 0
    for model in admin.site._registry:
        instance = model._default_manager.order_by("pk").first()
        body = crafted_body(model, instance)
        if not may(user, "add", model):
            assert client.post(url(model, "add"), body).status_code == 403, model
            tried += 1
        if not may(user, "change", model):
            assert client.post(url(model, "change", instance.pk), body).status_code == 403, model
            if not may(user, "view", model):
                assert client.get(url(model, "change", instance.pk)).status_code == 403, model
                assert client.get(url(model, "changelist")).status_code == 403, model
            tried += 1
        if not may(user, "delete", model):
            response = client.post(url(model, "delete", instance.pk), {"post": "yes"})
            assert response.status_code == 403, model
            client.post(
                url(model, "changelist"),
                {"action": "delete_selected", "_selected_action": [instance.pk], "post": "yes"},
            )
            tried += 1
    assert tried > 20
    assert snapshot() == before


def test_staff_status_alone_or_no_sign_in_reaches_nothing(one_of_everything):
    outsider = UserFactory(username="former-employee", is_staff=False)
    for client in (Client(), sign_in(Client(), outsider)):
        before = snapshot()
        for model in admin.site._registry:
            instance = model._default_manager.order_by("pk").first()
            for view, args in (("changelist", ()), ("add", ()), ("change", (instance.pk,))):
                response = client.post(url(model, view, *args), crafted_body(model, instance))
                assert response.status_code == 302, (model, view)
                assert response.url.startswith(reverse("admin:login"))
        assert snapshot() == before


def test_only_site_administrators_manage_accounts_and_roles(one_of_everything):
    editor = UserFactory(username="ambitious-editor", roles=[roles.EDITOR])
    client = sign_in(Client(), editor)
    authority = Group.objects.get(name=roles.RELEASE_AUTHORITY)
    response = client.post(
        url(type(editor), "change", editor.pk),
        {"username": "ambitious-editor", "groups": [authority.pk], "is_superuser": "on"},
    )
    assert response.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == [roles.EDITOR]
