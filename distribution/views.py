"""The reader's pages of e-mail alerts: subscribe, confirm, manage, unsubscribe.

Readers get no cookie here either: the forms carry a signed, expiring form token instead of
Django's CSRF cookie (so the views are csrf_exempt and check the token), and the links in
messages are signed. Every page is personal or carries a fresh token: never cached.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from newsroom.client_address import client_address
from public.seo import PageMeta

from . import ratelimit, services, tokens
from .forms import ManageForm, SubscribeForm
from .services import normalize_email


def _page(request, template, title, context=None, *, status=200, description=""):
    meta = PageMeta(title=title, description=description or title, noindex=template != "subscribe")
    response = render(
        request,
        f"distribution/{template}.html",
        {"meta": meta, **(context or {})},
        status=status,
    )
    add_never_cache_headers(response)
    return response


def _invalid_link(request):
    return _page(
        request,
        "invalid_link",
        _("This link does not work"),
        status=404,
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    title = _("E-mail alerts")
    description = _(
        "Get every release of the %(agency)s, or the ones about a topic, by e-mail."
    ) % {"agency": settings.NEWSROOM_AGENCY_NAME}
    if request.method != "POST":
        # Links from a feed's page preselect its alerts (?alerts=tag:aviation).
        form = SubscribeForm(initial={"alerts": request.GET.get("alerts", "")})
        return _page(request, "subscribe", title, {"form": form}, description=description)
    if not ratelimit.within_limit(
        "client",
        client_address(request),
        settings.DISTRIBUTION_CLIENT_LIMIT_PER_HOUR,
    ):
        return _page(request, "too_many", _("Too many requests"), status=429)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _page(request, "subscribe", title, {"form": form}, status=400)
    email = normalize_email(form.cleaned_data["email"])
    # Bots (the honeypot) and addresses over their limit see the same answer as everyone.
    if not form.is_bot and ratelimit.within_limit(
        "address", email, settings.DISTRIBUTION_ADDRESS_LIMIT_PER_HOUR
    ):
        services.request_subscription(
            email=email, language=form.cleaned_data["language"], facet=form.facet()
        )
    return _page(
        request,
        "check_inbox",
        _("Check your inbox"),
        {"email": email, "days": settings.DISTRIBUTION_UNCONFIRMED_DAYS},
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button, POST confirms: mail scanners that open links confirm nothing."""
    subscriber = tokens.subscriber_for(token, tokens.CONFIRM)
    if subscriber is None:
        return _invalid_link(request)
    if request.method != "POST":
        pending = subscriber.subscriptions.filter(confirmed_at__isnull=True)
        return _page(
            request,
            "confirm",
            _("Confirm your alerts"),
            {"subscriber": subscriber, "pending": pending},
        )
    services.confirm(subscriber=subscriber)
    return _page(
        request,
        "confirmed",
        _("Your alerts are on"),
        {"manage_token": tokens.link_token(subscriber, tokens.MANAGE)},
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    subscriber = tokens.subscriber_for(token, tokens.MANAGE)
    if subscriber is None or subscriber.confirmed_at is None:
        return _invalid_link(request)
    context = {
        "subscriber": subscriber,
        "unsubscribe_token": tokens.link_token(subscriber, tokens.UNSUBSCRIBE),
    }
    if request.method != "POST":
        form = ManageForm(subscriber=subscriber)
        return _page(request, "manage", _("Your e-mail alerts"), {**context, "form": form})
    form = ManageForm(request.POST, subscriber=subscriber)
    if not form.is_valid():
        return _page(
            request, "manage", _("Your e-mail alerts"), {**context, "form": form}, status=400
        )
    kept = services.update_subscriptions(
        subscriber=subscriber,
        keep=form.cleaned_data["keep"],
        language=form.cleaned_data["language"],
    )
    if not kept:
        return _page(request, "unsubscribed", _("You are unsubscribed"))
    return _page(
        request,
        "manage",
        _("Your e-mail alerts"),
        {**context, "form": ManageForm(subscriber=subscriber), "saved": True},
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """RFC 8058 one-click unsubscribe: a POST (body "List-Unsubscribe=One-Click", from the
    mail client) unsubscribes with no further step; the signed address is the authority.
    GET, which link scanners also send, only shows the button."""
    subscriber = tokens.subscriber_for(token, tokens.UNSUBSCRIBE)
    if request.method == "POST":
        if subscriber is not None:
            services.unsubscribe(subscriber=subscriber)
        # Also for a link already used: the address is gone either way.
        return _page(request, "unsubscribed", _("You are unsubscribed"))
    if subscriber is None:
        return _invalid_link(request)
    return _page(request, "unsubscribe", _("Unsubscribe"), {"subscriber": subscriber})
