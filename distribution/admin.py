"""Distribution in the admin: partners' webhook endpoints (editors register them), the
publication events with their delivery counts, and the logs of messages and webhook
deliveries, where failures show with their last error."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from newsroom.admin_mixins import ReadOnlyAdminMixin

from .models import (
    Delivery,
    DeliveryStatus,
    PublicationEvent,
    Subscriber,
    Subscription,
    WebhookDelivery,
    WebhookEndpoint,
)
from .webhooks import checked_address


class SubscriptionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Subscription
    fields = ["label", "created_at", "confirmed_at"]
    readonly_fields = fields
    extra = 0


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Addresses are personal data: site administrators may look one up (to answer a reader)
    and delete it; nobody adds or edits them here."""

    list_display = ["email", "language", "created_at", "confirmed_at"]
    list_filter = ["language", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    fields = ["email", "language", "created_at", "confirmed_at"]
    readonly_fields = fields
    inlines = [SubscriptionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class WebhookEndpointForm(forms.ModelForm):
    url = forms.URLField(
        label=_("address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("An https:// address on the public internet."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "is_active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            checked_address(url)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return url


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = ["name", "url", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "url"]
    readonly_fields = ["secret", "created_at"]

    def get_fields(self, request, obj=None):
        fields = ["name", "url", "is_active"]
        return [*fields, "secret", "created_at"] if obj else fields


class CountsMixin:
    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("messages sent"))
    def sent(self, obj):
        return obj.sent

    @admin.display(description=_("waiting"))
    def waiting(self, obj):
        return obj.waiting

    @admin.display(description=_("failed"))
    def failed(self, obj):
        return obj.failed

    @admin.display(description=_("webhooks delivered"))
    def webhooks_sent(self, obj):
        return obj.webhooks_sent

    @admin.display(description=_("webhooks failed"))
    def webhooks_failed(self, obj):
        return obj.webhooks_failed


@admin.register(PublicationEvent)
class PublicationEventAdmin(CountsMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "article",
        "kind",
        "occurred_at",
        "sent",
        "waiting",
        "failed",
        "webhooks_sent",
        "webhooks_failed",
        "staff_notice",
    ]
    list_filter = ["kind"]
    search_fields = ["article__headline"]
    date_hierarchy = "occurred_at"
    list_select_related = ["article"]


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["event", "subscriber", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status"]
    search_fields = ["subscriber__email", "event__article__headline"]
    list_select_related = ["event__article", "subscriber"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "event",
        "endpoint",
        "status",
        "response_status",
        "attempts",
        "delivered_at",
        "last_error",
    ]
    list_filter = ["status", "endpoint"]
    list_select_related = ["event__article", "endpoint"]
    actions = ["deliver_again"]

    @admin.action(description=_("Deliver the selected failed webhooks again"))
    def deliver_again(self, request, queryset):
        from newsroom.tasks import run_after_commit

        from .tasks import deliver_webhook

        failed = list(queryset.filter(status=DeliveryStatus.FAILED).values_list("pk", flat=True))
        WebhookDelivery.objects.filter(pk__in=failed).update(status=DeliveryStatus.PENDING)
        for pk in failed:
            run_after_commit(deliver_webhook, delivery_id=pk)
        self.message_user(request, _("%(count)d deliveries queued again.") % {"count": len(failed)})
