"""The site's own pages: contact, about, accessibility, privacy, and the 404 page."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from articles.models import (
    Person,
)
from public.seo import PageMeta

from .common import agency


def _static_page(request, template, title, description):
    return render(request, template, {"meta": PageMeta(title=title, description=description)})


def contact(request):
    meta = PageMeta(
        title=_("Contact the press office"),
        description=_(
            "How journalists and the public reach the %(agency)s: e-mail, phone and media contacts."
        )
        % agency(),
    )
    return render(
        request,
        "public/contact.html",
        {
            "meta": meta,
            "contacts": Person.objects.press_contacts().select_related("organization"),
            "email": settings.NEWSROOM_CONTACT_EMAIL,
            "phone": settings.NEWSROOM_CONTACT_PHONE,
            "address": settings.NEWSROOM_CONTACT_ADDRESS,
        },
    )


def about(request):
    return _static_page(
        request,
        "public/about.html",
        _("About this newsroom"),
        _("What the %(agency)s publishes here, and how to follow it by feed or search.") % agency(),
    )


def accessibility(request):
    return _static_page(
        request,
        "public/accessibility.html",
        _("Accessibility statement"),
        _("How this website meets Section 508 and WCAG 2.1 AA, and how to report a problem."),
    )


def privacy(request):
    meta = PageMeta(
        title=_("Privacy policy"),
        description=_(
            "What this website collects about visitors: no cookies, no tracking, no accounts."
        ),
    )
    return render(
        request,
        "public/privacy.html",
        {"meta": meta, "unconfirmed_days": settings.DISTRIBUTION_UNCONFIRMED_DAYS},
    )


def page_not_found(request, exception):
    meta = PageMeta(
        title=_("Page not found"),
        description=_("There is no page at this address. Search the releases or start again."),
        noindex=True,
    )
    return render(request, "404.html", {"meta": meta}, status=404)
