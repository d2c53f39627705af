"""The read-only JSON API: releases, people, organizations, initiatives and tags.

Only what the public site shows: releases through Article.objects.published(), the others
through their public() definitions, so a person or unit named only by a draft or an embargoed
release is unknown here (404). No authentication and no cookies; ETag/304 and the shared page
cache come from the same middleware as the public pages; CORS allows GET from anywhere.
"""

from content_editor.contents import contents_for_item
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination

from articles.images.services import prefetch_photos
from articles.models import (
    BODY_BLOCK_MODELS,
    Article,
    ArticleKind,
    Initiative,
    Organization,
    Person,
)
from public.filters import FACET, FACETS, apply_filters

from . import serializers


class Cursor(CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class ReleaseCursor(Cursor):
    ordering = ("-release_at", "-pk")


class NameCursor(Cursor):
    ordering = ("name", "pk")


class PersonCursor(Cursor):
    ordering = ("family_name", "given_name", "pk")


class ReadOnlyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"


RELEASE_FILTERS = [
    OpenApiParameter(
        "kind", OpenApiTypes.STR, enum=ArticleKind.values, description="Only this kind."
    ),
    *(
        OpenApiParameter(
            facet.param,
            OpenApiTypes.STR,
            description=f"Only releases naming this {facet.param} "
            "(its slug); an unknown slug is a 404.",
        )
        for facet in FACETS
    ),
    OpenApiParameter(
        "released_after", OpenApiTypes.DATETIME, description="Released at or after (ISO 8601)."
    ),
    OpenApiParameter(
        "released_before", OpenApiTypes.DATETIME, description="Released before (ISO 8601)."
    ),
]


def _datetime_param(request, name):
    value = request.query_params.get(name)
    if not value:
        return None
    try:
        parsed = parse_datetime(value)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise ValidationError({name: "Give a date and time with its offset, ISO 8601."})
    return parsed


@extend_schema_view(
    list=extend_schema(summary="Published releases, newest first", parameters=RELEASE_FILTERS),
    retrieve=extend_schema(summary="One published release with its full body"),
)
class ReleaseViewSet(ReadOnlyViewSet):
    pagination_class = ReleaseCursor

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ReleaseSerializer
        return serializers.ReleaseSummarySerializer

    def get_queryset(self):
        releases = Article.objects.published().prefetch_related("corrections")
        if self.action == "retrieve":
            return releases.select_related("hero_image").prefetch_related(
                "tags",
                "byline_people",
                "organizations",
                "people",
                "initiatives",
                "hero_image__renditions",
            )
        return self._filtered(releases)

    def _filtered(self, releases):
        kind = self.request.query_params.get("kind")
        if kind:
            if kind not in ArticleKind.values:
                raise ValidationError({"kind": f"One of: {', '.join(ArticleKind.values)}."})
            releases = releases.filter(kind=kind)
        after = _datetime_param(self.request, "released_after")
        before = _datetime_param(self.request, "released_before")
        if after:
            releases = releases.filter(release_at__gte=after)
        if before:
            releases = releases.filter(release_at__lt=before)
        releases, _active = apply_filters(self.request, releases)
        return releases

    def get_object(self):
        article = super().get_object()
        contents = contents_for_item(article, BODY_BLOCK_MODELS)
        prefetch_photos([article], {article: contents})
        article.body_blocks = contents.body
        return article


@extend_schema_view(list=extend_schema(summary="People named by published releases"))
class PersonViewSet(ReadOnlyViewSet):
    serializer_class = serializers.PersonSerializer
    pagination_class = PersonCursor

    def get_queryset(self):
        people = Person.objects.select_related("organization")
        if self.action == "retrieve":
            return people.public(one=True)
        return people.public()


@extend_schema_view(list=extend_schema(summary="Organizations public releases name"))
class OrganizationViewSet(ReadOnlyViewSet):
    serializer_class = serializers.OrganizationSerializer
    pagination_class = NameCursor

    def get_queryset(self):
        return Organization.objects.public().select_related("parent")


@extend_schema_view(list=extend_schema(summary="Initiatives public releases name"))
class InitiativeViewSet(ReadOnlyViewSet):
    serializer_class = serializers.InitiativeSerializer
    pagination_class = NameCursor

    def get_queryset(self):
        return Initiative.objects.public().select_related("lead_organization")


@extend_schema_view(list=extend_schema(summary="Tags of published releases"))
class TagViewSet(ReadOnlyViewSet):
    serializer_class = serializers.TagSerializer
    pagination_class = NameCursor

    def get_queryset(self):
        return FACET["tag"].public()
