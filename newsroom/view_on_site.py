"""The admin's "View on site" redirect (/admin/r/<content type>/<id>/), for what one may change.

Django's own version sends any staff member to any object's public address, and the address
of a draft release carries its slug, which is made from the headline. Here the object must be
one the user may change in the admin, and have a public address the admin would link to
(ModelAdmin.view_on_site: a draft release has none). Anything else is a 404, whether the
object exists or not.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect


def _public_address(model_admin, obj):
    if callable(model_admin.view_on_site):
        return model_admin.view_on_site(obj)
    if model_admin.view_on_site and hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    return None


def view_on_site(request, content_type_id, object_id):
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404("No such content type") from None
    model_admin = admin.site._registry.get(model)
    if model_admin is None:
        raise Http404("Not in the admin")
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None or not model_admin.has_change_permission(request, obj):
        raise Http404("Not an object this user may change")
    address = _public_address(model_admin, obj)
    if not address:
        raise Http404("No public address")
    return redirect(address)
