"""What the API says about each public thing. Links are absolute; a release's body comes as
typed blocks: rich text (sanitized HTML), quotes (speaker and attribution as of the release
date), initiative tables, images with their renditions, transcripts (each turn's speaker as of
the release date)."""

from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from articles.models import ImageBlock, InitiativeTable, Quote, RichText, Transcript


def absolute(context, url):
    return context["request"].build_absolute_uri(url)


@extend_schema_field({"type": "string", "format": "uri"})
class PageUrl(serializers.Field):
    """The object's public page."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return absolute(self.context, obj.get_absolute_url())


class OrganizationRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    abbreviation = serializers.CharField()
    url = PageUrl()


class OrganizationSerializer(OrganizationRefSerializer):
    kind = serializers.CharField()
    website = serializers.CharField()
    description = serializers.CharField()
    parent = serializers.SlugField(source="parent.slug", allow_null=True, default=None)


class PersonRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField(source="full_name")
    url = PageUrl()


class PersonSerializer(PersonRefSerializer):
    service = serializers.CharField()
    rank = serializers.CharField()
    title = serializers.CharField()
    organization = OrganizationRefSerializer(allow_null=True)
    bio = serializers.CharField()


class InitiativeRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    url = PageUrl()


class InitiativeSerializer(InitiativeRefSerializer):
    summary = serializers.CharField()
    status = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    lead_organization = OrganizationRefSerializer(allow_null=True)


class TagSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, tag) -> str:
        return absolute(self.context, reverse("public:tag", kwargs={"slug": tag.slug}))


class RenditionSerializer(serializers.Serializer):
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    format = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, rendition) -> str:
        return absolute(self.context, rendition.file.url)


class ImageSerializer(serializers.Serializer):
    title = serializers.CharField()
    alt = serializers.CharField()
    caption = serializers.CharField()
    credit = serializers.CharField()
    virin = serializers.CharField()
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    original_url = serializers.SerializerMethodField()
    renditions = RenditionSerializer(many=True, source="renditions.all")

    def get_original_url(self, image) -> str | None:
        return absolute(self.context, image.file.url) if image.allow_download else None


class RichTextBlockSerializer(serializers.Serializer):
    type = serializers.SerializerMethodField()
    html = serializers.CharField(source="text", help_text="Sanitized HTML.")

    def get_type(self, block) -> str:
        return "rich_text"


class QuoteBlockSerializer(serializers.Serializer):
    type = serializers.SerializerMethodField()
    text = serializers.CharField()
    context = serializers.CharField()
    speaker = PersonRefSerializer()
    attribution = serializers.CharField(
        help_text="The speaker's rank, name and title as they were on the release date."
    )

    def get_type(self, block) -> str:
        return "quote"


class TableRowSerializer(serializers.Serializer):
    initiative = InitiativeRefSerializer()
    cells = serializers.ListField(child=serializers.CharField())


class TableBlockSerializer(serializers.Serializer):
    type = serializers.SerializerMethodField()
    caption = serializers.CharField()
    headings = serializers.ListField(child=serializers.CharField())
    rows = TableRowSerializer(many=True, source="rows.all")

    def get_type(self, block) -> str:
        return "initiative_table"


class ImageBlockSerializer(serializers.Serializer):
    type = serializers.SerializerMethodField()
    caption = serializers.SerializerMethodField()
    image = ImageSerializer()

    def get_type(self, block) -> str:
        return "image"

    def get_caption(self, block) -> str:
        return block.caption or block.image.caption


class TranscriptTurnSerializer(serializers.Serializer):
    role = serializers.CharField(help_text="speaker, reporter or moderator.")
    speaker = PersonRefSerializer(allow_null=True)
    heading = serializers.CharField(
        help_text="Who speaks, as the release prints it: the speaker's rank, name and title as "
        "they were on the release date, or the reporter's or moderator's label."
    )
    interpreted = serializers.BooleanField()
    html = serializers.CharField(source="text", help_text="Sanitized HTML.")


class TranscriptBlockSerializer(serializers.Serializer):
    type = serializers.SerializerMethodField()
    turns = TranscriptTurnSerializer(many=True, source="turns.all")

    def get_type(self, block) -> str:
        return "transcript"


BLOCK_SERIALIZERS = {
    RichText: RichTextBlockSerializer,
    Quote: QuoteBlockSerializer,
    InitiativeTable: TableBlockSerializer,
    ImageBlock: ImageBlockSerializer,
    Transcript: TranscriptBlockSerializer,
}


@extend_schema_field(
    PolymorphicProxySerializer(
        component_name="BodyBlock",
        serializers=list(BLOCK_SERIALIZERS.values()),
        resource_type_field_name="type",
        many=True,
    )
)
class BodyField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, article):
        # Attributions (ranks, titles) as the release prints them, in its own language.
        with translation.override(article.language):
            return [
                BLOCK_SERIALIZERS[type(block)](block, context=self.context).data
                for block in article.body_blocks
            ]


class CorrectionSerializer(serializers.Serializer):
    note = serializers.CharField()
    at = serializers.DateTimeField(source="created_at")


class ReleaseSummarySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    kind = serializers.CharField()
    headline = serializers.CharField()
    subheadline = serializers.CharField()
    summary = serializers.CharField()
    dateline = serializers.CharField()
    release_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField(source="revised_at", allow_null=True)
    url = PageUrl()
    api_url = serializers.SerializerMethodField()

    def get_api_url(self, article) -> str:
        return absolute(self.context, reverse("api:release-detail", kwargs={"slug": article.slug}))


class ReleaseSerializer(ReleaseSummarySerializer):
    byline = serializers.SerializerMethodField()
    authors = PersonRefSerializer(many=True, source="byline_people.all")
    hero_image = ImageSerializer(allow_null=True)
    body = BodyField()
    corrections = CorrectionSerializer(many=True, source="corrections.all")
    tags = TagSerializer(many=True, source="tags.all")
    organizations = OrganizationRefSerializer(many=True, source="organizations.all")
    people = PersonRefSerializer(many=True, source="people.all")
    initiatives = InitiativeRefSerializer(many=True, source="initiatives.all")

    def get_byline(self, article) -> str:
        with translation.override(article.language):
            return ", ".join(str(person) for person in article.byline_people.all()) or (
                article.byline_text
            )
