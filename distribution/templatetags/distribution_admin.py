from django import template

from distribution.models import PublicationEvent

register = template.Library()


@register.inclusion_tag("distribution/admin/release_deliveries.html", takes_context=True)
def release_deliveries(context, article):
    """What the release's alerts and webhooks did, per publication event, on its admin page."""
    user = context["request"].user
    if not user.has_perm("distribution.view_publicationevent"):
        return {"events": None}
    return {"events": list(PublicationEvent.objects.filter(article=article).with_counts())}
