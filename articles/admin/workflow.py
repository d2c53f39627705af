"""The workflow on the release admin: the status panel, one page per transition, the staff
preview. Every view re-checks the rules on the server (articles.workflow.rules); the buttons
only mirror them."""

from csp.constants import SELF
from csp.decorators import csp_replace
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin

from articles.checks import release_check_warnings, run_release_checks, warning_text
from articles.models import Article, ArticleStatus, WorkflowAction
from articles.revisions import (
    changes_since_version,
    diff,
    first_revision_since,
    snapshot_of_article,
    snapshot_of_forms,
    snapshot_of_revision,
)
from articles.workflow import transitions
from articles.workflow.gates import blocking_problems, clearance_checklist
from articles.workflow.rules import Action, allowed_actions, edit_refusal, refusal
from articles.zones import zone_label
from public.rendering import Preview, render_release


def user_name(user):
    return user.get_full_name() or user.get_username()


def local(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def posted(request):
    """The submitted data of a POST (even an empty one), None for any other request."""
    return request.POST if request.method == "POST" else None


def get_release(model_admin, request, object_id):
    """The release for an admin view, or 404; 403 for someone who may not even view it."""
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404(gettext("No such release."))
    if not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied
    return article


def render_release_page(model_admin, request, article, template, title, **context):
    """An admin page about one release, with the admin's header and breadcrumbs."""
    return TemplateResponse(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "original": article,
            "title": title,
            "change_url": reverse("admin:articles_article_change", args=[article.pk]),
            **context,
        },
    )


def _field_anchor(form, name):
    """The id of the input to fix `name` on the form ('' if it isn't there to fix)."""
    if name not in form.fields:
        return ""
    bound = form[name]
    # Split widgets (date and time) label no single input: point at the first one.
    return bound.id_for_label or f"{bound.auto_id}_0"


def framed_by_admin(view):
    """Let the admin's own pages show this page in a frame (the clearance view and the
    read-only release show the staff preview); other sites still may not."""
    return csp_replace({"frame-ancestors": [SELF]})(xframe_options_sameorigin(view))


def changes_since_clearance(article):
    """What changed since the release was last cleared: the clearance and the changed lines,
    or None if it was never cleared (or no revision of that moment is kept)."""
    clearance = article.clearances.select_related("cleared_by").first()
    if clearance is None:
        return None
    revision = first_revision_since(article, clearance.cleared_at)
    if revision is None:
        return None
    return {
        "clearance": clearance,
        "who": user_name(clearance.cleared_by),
        "lines": diff(snapshot_of_revision(revision).lines, snapshot_of_article(article).lines),
    }


class StateFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "state"
    SCHEDULED = "scheduled"

    def lookups(self, request, model_admin):
        return [
            (ArticleStatus.DRAFT, ArticleStatus.DRAFT.label),
            (ArticleStatus.IN_REVIEW, ArticleStatus.IN_REVIEW.label),
            (ArticleStatus.CLEARED, ArticleStatus.CLEARED.label),
            (self.SCHEDULED, _("Scheduled")),
            (ArticleStatus.PUBLISHED, ArticleStatus.PUBLISHED.label),
            (ArticleStatus.WITHDRAWN, ArticleStatus.WITHDRAWN.label),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.SCHEDULED:
            return queryset.filter(status=ArticleStatus.PUBLISHED, release_at__gt=timezone.now())
        if value == ArticleStatus.PUBLISHED:
            return queryset.published()
        if value:
            return queryset.filter(status=value)
        return queryset


class OwnerFilter(admin.SimpleListFilter):
    title = _("created by")
    parameter_name = "owner"

    def lookups(self, request, model_admin):
        return [("mine", _("Me"))]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.filter(created_by=request.user)
        return queryset


# --- One form per transition; field names match the services' error keys ------------------


class SubmitForm(forms.Form):
    comment = forms.CharField(
        label=_("Note for the reviewer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def run(self, *, article, user):
        return transitions.submit_for_review(
            article=article, user=user, comment=self.cleaned_data["comment"]
        )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What the writer should change"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The writer sees this comment on the release."),
        error_messages={"required": _("Tell the writer what to change: the comment is required.")},
    )

    def run(self, *, article, user):
        return transitions.return_to_draft(
            article=article, user=user, comment=self.cleaned_data["comment"]
        )


class ShownVersionForm(forms.Form):
    """A step that signs for the release as the user was shown it: the page carries the edit
    version it showed, and the service refuses it when the release changed since."""

    shown_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    # Confirmations that belonged to the text as it was shown: given again for the new text.
    reconfirmed = ("shown_version", "checklist", "acknowledged_warnings")

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shown_version"].initial = article.edit_version

    def with_current_version(self, article):
        """The same form, unbound, for the version now stored: what the user typed is kept,
        what they confirmed must be confirmed again."""
        kept = {
            name: value for name, value in self.cleaned_data.items() if name not in self.reconfirmed
        }
        return type(self)(article=article, initial=kept)


class ClearForm(ShownVersionForm):
    checklist = forms.MultipleChoiceField(
        label=_("I confirm that"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _(
                "Confirm every item of the checklist. If one does not hold, return the "
                "release to draft with a comment instead."
            )
        },
    )
    acknowledged_warnings = forms.MultipleChoiceField(
        label=_("I have read these release-check warnings and accept them"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, article, findings=None, **kwargs):
        super().__init__(*args, article=article, **kwargs)
        self.findings = findings
        self.fields["checklist"].choices = [(item, item) for item in clearance_checklist()]
        # The clearance view lists each warning with its own checkbox, where it is explained.
        self.warnings = warnings = release_check_warnings(article, findings=findings)
        if warnings:
            self.fields["acknowledged_warnings"].choices = [
                (finding.key, warning_text(finding)) for finding in warnings
            ]
        else:
            del self.fields["acknowledged_warnings"]

    def run(self, *, article, user):
        return transitions.clear(
            article=article,
            user=user,
            checklist=self.cleaned_data["checklist"],
            acknowledged_warnings=self.cleaned_data.get("acknowledged_warnings", []),
            comment=self.cleaned_data["comment"],
            findings=self.findings,
            shown_version=self.cleaned_data["shown_version"],
        )


class PublishForm(ShownVersionForm):
    NOW, SCHEDULE = "now", "schedule"
    when = forms.ChoiceField(
        label=_("When"),
        widget=forms.RadioSelect,
        choices=[(NOW, _("Publish now")), (SCHEDULE, _("Schedule for the time below"))],
        initial=NOW,
    )
    at = forms.DateTimeField(
        label=_("Release date and time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, article=article, **kwargs)
        self.fields["at"].help_text = _("Time zone: %(zone)s.") % {"zone": zone_label()}
        if article.release_at and article.release_at > timezone.now():
            self.fields["at"].initial = timezone.localtime(article.release_at)
            self.fields["when"].initial = self.SCHEDULE

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("when") == self.SCHEDULE and not cleaned.get("at"):
            self.add_error("at", _("Choose the date and time to publish at."))
        return cleaned

    def run(self, *, article, user):
        at = self.cleaned_data["at"] if self.cleaned_data["when"] == self.SCHEDULE else None
        return transitions.publish(
            article=article, user=user, at=at, shown_version=self.cleaned_data["shown_version"]
        )


class UnscheduleForm(forms.Form):
    comment = forms.CharField(
        label=_("Reason (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def run(self, *, article, user):
        return transitions.unschedule(
            article=article, user=user, comment=self.cleaned_data["comment"]
        )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, shown to readers"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The release's address stays and shows this notice instead of the text, e.g. "
            "“This release was withdrawn because the event was postponed.”"
        ),
        error_messages={
            "required": _("Explain why the release is withdrawn: readers will see it.")
        },
    )

    def run(self, *, article, user):
        return transitions.withdraw(article=article, user=user, reason=self.cleaned_data["reason"])


TRANSITION_FORMS = {
    Action.SUBMIT: SubmitForm,
    Action.RETURN: ReturnForm,
    Action.CLEAR: ClearForm,
    Action.PUBLISH: PublishForm,
    Action.UNSCHEDULE: UnscheduleForm,
    Action.WITHDRAW: WithdrawForm,
}

DONE_MESSAGES = {
    Action.SUBMIT: _("Submitted for review."),
    Action.RETURN: _("Returned to draft. The writer sees your comment on the release."),
    Action.CLEAR: _("Cleared for release. A release authority can now publish or schedule it."),
    Action.UNSCHEDULE: _("Taken off the schedule. The release is cleared and not public."),
    Action.WITHDRAW: _("Withdrawn. Its address now shows the withdrawal notice."),
}


class WorkflowViews:
    """Admin views for the lifecycle of a release; mixed into ArticleAdmin."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/workflow/<str:action>/",
                view(self.transition_view),
                name="articles_article_transition",
            ),
            path(
                "<path:object_id>/preview/",
                view(framed_by_admin(self.preview_view)),
                name="articles_article_preview",
            ),
            *super().get_urls(),
        ]

    def transition_view(self, request, object_id, action):
        article = get_release(self, request, object_id)
        try:
            action = Action(action)
            form_class = TRANSITION_FORMS[action]
        except (ValueError, KeyError) as error:
            raise Http404(gettext("No such step.")) from error
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        error = refusal(request.user, action, article)
        if isinstance(error, PermissionDenied):
            raise error
        if error is not None:
            messages.error(request, " ".join(error.messages))
            return redirect(change_url)
        if request.method != "POST":
            return self._transition_page(request, article, action, form_class)
        # The release stays as read here until the step is done: a clearance acknowledges the
        # warnings of exactly the text it clears, and the checks run once for the request.
        with transaction.atomic():
            article = transitions.locked(article)
            return self._transition_page(request, article, action, form_class)

    def _transition_page(self, request, article, action, form_class):
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        findings = run_release_checks(article) if action == Action.CLEAR else None
        signs = issubclass(form_class, ShownVersionForm)
        kwargs = {"article": article} if signs else {}
        if form_class is ClearForm:
            kwargs["findings"] = findings
        form = form_class(posted(request), **kwargs)
        stale = None
        if request.method == "POST" and form.is_valid():
            try:
                done = form.run(article=article, user=request.user)
            except ValidationError as invalid:
                if signs and "shown_version" in getattr(invalid, "error_dict", {}):
                    stale = self.stale_page(article, form, invalid)
                    form = form.with_current_version(stale["article"])
                else:
                    form.add_error(None, invalid)
            else:
                messages.success(request, self.done_message(action, done))
                return redirect(change_url)
        context = {
            "form": form,
            "action": action,
            "problems": blocking_problems(article, findings=findings)
            if action in (Action.CLEAR, Action.PUBLISH)
            else [],
            "author": user_name(article.created_by) if article.created_by else "",
            "stale": stale,
        }
        if action == Action.CLEAR:
            return render_release_page(
                self,
                request,
                article,
                "admin/articles/article/clearance.html",
                gettext("Clearance: %(release)s") % {"release": article},
                **context,
                proof_url=reverse("admin:articles_article_preview", args=[article.pk]),
                return_url=reverse(
                    "admin:articles_article_transition", args=[article.pk, Action.RETURN.value]
                ),
                changes=changes_since_clearance(article),
            )
        return render_release_page(
            self,
            request,
            article,
            "admin/articles/article/transition.html",
            f"{action.label}: {article}",
            **context,
        )

    @staticmethod
    def stale_page(article, form, invalid):
        """After a refused stale confirmation: why, and what changed since the page was shown."""
        current = Article.objects.get(pk=article.pk)
        return {
            "article": current,
            "message": " ".join(invalid.error_dict["shown_version"][0].messages),
            "lines": changes_since_version(current, form.cleaned_data["shown_version"]),
        }

    @staticmethod
    def done_message(action, article):
        if action != Action.PUBLISH:
            return DONE_MESSAGES[action]
        if article.is_scheduled:
            return gettext(
                "Scheduled: the release becomes public on %(when)s, without anyone acting."
            ) % {"when": local(article.release_at)}
        return gettext("Published: the release is on the site now.")

    def preview_view(self, request, object_id):
        article = get_release(self, request, object_id)
        return render_release(request, article, preview=Preview.for_staff(article))

    def workflow_context(self, request, article, context, *, findings):
        """What the status panel on the change form shows (`findings`: the release checks,
        run once for the page)."""
        user = request.user
        log = list(article.state_changes.select_related("user")[:10])
        latest = log[0] if log else None
        was_returned = latest is not None and latest.action == WorkflowAction.RETURNED
        returned = latest if was_returned and article.status == ArticleStatus.DRAFT else None
        active = article.status in (
            ArticleStatus.DRAFT,
            ArticleStatus.IN_REVIEW,
            ArticleStatus.CLEARED,
        )
        released = article.status in (ArticleStatus.PUBLISHED, ArticleStatus.WITHDRAWN)
        return {
            "workflow": {
                "actions": [
                    (
                        action,
                        reverse(
                            "admin:articles_article_transition", args=[article.pk, action.value]
                        ),
                    )
                    for action in allowed_actions(user, article)
                    if action in TRANSITION_FORMS
                ],
                "edit_refusal": edit_refusal(user, article),
                "problems": self.problems_with_anchors(article, context, findings)
                if active
                else [],
                "returned": returned,
                "clearance": article.clearances.select_related("cleared_by").first()
                if article.status == ArticleStatus.CLEARED or released
                else None,
                "log": log,
                "log_url": reverse("admin:articles_statechange_changelist")
                + f"?article__id__exact={article.pk}",
                "preview_url": reverse("admin:articles_article_preview", args=[article.pk]),
                "revisions_url": reverse("admin:articles_article_revisions", args=[article.pk]),
                "embargo_url": reverse("admin:articles_article_embargo", args=[article.pk])
                if user.has_perm("articles.share_embargoed_article")
                else "",
                "conflict": self.conflict_diff(article, context),
            }
        }

    @staticmethod
    def problems_with_anchors(article, context, findings):
        """The gates' problems, each linked to its field on the form when it is there."""
        form = context["adminform"].form
        return [
            {
                "message": problem.message,
                "anchor": _field_anchor(form, problem.field),
            }
            for problem in blocking_problems(article, findings=findings)
        ]

    @staticmethod
    def conflict_diff(article, context):
        """After a stale save: the stored release against what this user posted."""
        form = context["adminform"].form
        if not getattr(form, "last_save", None):
            return None
        formsets = [inline.formset for inline in context["inline_admin_formsets"]]
        theirs = snapshot_of_article(Article.objects.get(pk=article.pk))
        yours = snapshot_of_forms(form.instance, getattr(form, "cleaned_data", {}), formsets)
        return {
            "lines": diff(theirs.lines, yours.lines),
            "who": user_name(form.last_save.user) if form.last_save.user else "",
        }
