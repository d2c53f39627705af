"""Embargoed preview links of a release in the admin: create, list, revoke."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.workflow.embargo import create_embargo_link, revoke_embargo_link
from articles.workflow.rules import Action, refusal
from articles.zones import zone_label

from .workflow import get_release, posted, render_release_page

DEFAULT_LIFETIME = datetime.timedelta(days=2)


class EmbargoLinkForm(forms.Form):
    label = forms.CharField(
        label=_("Shared with"),
        max_length=200,
        help_text=_("Who receives this link, e.g. “Wire services” or “Prensa Latina desk”."),
        error_messages={"required": _("Say who receives the link, so it can be revoked later.")},
    )
    expires_at = forms.DateTimeField(
        label=_("Link expires"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        # By default the link dies when the release goes public: the public page takes over.
        future_release = article.release_at and article.release_at > timezone.now()
        expires = article.release_at if future_release else timezone.now() + DEFAULT_LIFETIME
        self.fields["expires_at"].initial = timezone.localtime(expires)
        self.fields["expires_at"].help_text = _("Time zone: %(zone)s.") % {"zone": zone_label()}


class EmbargoViews:
    """Admin views for embargoed previews; mixed into ArticleAdmin."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/embargo/",
                view(self.embargo_view),
                name="articles_article_embargo",
            ),
            path(
                "<path:object_id>/embargo/<int:link_id>/revoke/",
                view(self.revoke_embargo_view),
                name="articles_article_embargo_revoke",
            ),
            *super().get_urls(),
        ]

    def embargo_view(self, request, object_id):
        article = get_release(self, request, object_id)
        if not request.user.has_perm("articles.share_embargoed_article"):
            raise PermissionDenied
        cannot_share = refusal(request.user, Action.SHARE, article)
        form = EmbargoLinkForm(posted(request), article=article)
        new_link_url = ""
        if request.method == "POST" and not cannot_share and form.is_valid():
            try:
                _link, token = create_embargo_link(
                    article=article, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                # Shown once, on this response only: the token itself is never stored.
                new_link_url = request.build_absolute_uri(
                    reverse("public:embargoed", kwargs={"token": token})
                )
                form = EmbargoLinkForm(article=article)
        return render_release_page(
            self,
            request,
            article,
            "admin/articles/article/embargo.html",
            gettext("Embargoed previews of “%(release)s”") % {"release": article},
            form=form,
            cannot_share=" ".join(cannot_share.messages) if cannot_share else "",
            new_link_url=new_link_url,
            links=article.embargo_links.select_related("created_by", "revoked_by"),
        )

    def revoke_embargo_view(self, request, object_id, link_id):
        article = get_release(self, request, object_id)
        link = get_object_or_404(article.embargo_links, pk=link_id)
        if request.method == "POST":
            revoke_embargo_link(link=link, user=request.user)
            messages.success(
                request,
                gettext("The link for “%(label)s” no longer works.") % {"label": link.label},
            )
        return redirect("admin:articles_article_embargo", article.pk)
