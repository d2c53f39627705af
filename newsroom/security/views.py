"""Setting up and entering the second factor (see mfa.py for who must)."""

from base64 import b32encode
from textwrap import wrap
from urllib.parse import urlencode

import segno
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import record_sign_in_event
from .forms import TokenForm
from .mfa import BACKUP_CODE_COUNT, mfa_required
from .models import SignInEventKind


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _render(request, template, context):
    context = {**admin.site.each_context(request), "next": _next_url(request), **context}
    return render(request, template, context)


# Security pages (never_cache: no-store, private): a code form, a TOTP secret and QR code, or
# backup codes must never stay in a browser's or a proxy's cache.
@never_cache
@login_required
def verify(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            record_sign_in_event(
                kind=SignInEventKind.MFA_VERIFIED, request=request, user=request.user
            )
            return redirect(_next_url(request))
        record_sign_in_event(kind=SignInEventKind.MFA_FAILED, request=request, user=request.user)
        form.add_error(
            "token",
            _("That code is not valid. Check the time on your phone, or use a backup code."),
        )
    return _render(request, "security/mfa_verify.html", {"form": form, "title": _("Second step")})


def _new_backup_codes(user):
    """Replaces the user's backup codes; returns them for showing once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Backup codes"))
    codes = [StaticToken.random_token() for _i in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@never_cache
@login_required
def setup(request):
    """Shows a QR code for a new authenticator app and confirms it with the first code."""
    # Replacing an existing second factor needs that factor first: a password alone must
    # never be enough to enrol the attacker's phone.
    if user_has_device(request.user) and not request.user.is_verified():
        return redirect(f"{reverse('security:mfa_verify')}?{urlencode({'next': request.path})}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name=_("Authenticator app"), confirmed=False
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _new_backup_codes(request.user)
            otp_login(request, device)
            record_sign_in_event(
                kind=SignInEventKind.MFA_ENROLLED, request=request, user=request.user
            )
            return _render(
                request,
                "security/backup_codes.html",
                {"codes": codes, "title": _("Your backup codes")},
            )
        form.add_error(
            "token", _("That code does not match. Enter the code your app shows right now.")
        )
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "qr_data_uri": qr.svg_data_uri(scale=5, border=2),
        # Spaced in groups of four for typing it in by hand.
        "manual_key": " ".join(wrap(b32encode(device.bin_key).decode(), 4)),
        "title": _("Set up two-step sign-in"),
        "required": mfa_required(request.user),
    }
    return _render(request, "security/mfa_setup.html", context)
