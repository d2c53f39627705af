"""schema.org JSON-LD for releases, people and organizations (search engines, news aggregators).

Built as plain dicts here and written into the page by json_ld().
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from articles.models import TranscriptTurn, spoken_parts
from articles.ranks import rank_in

from .html_format import format_html
from .search_index import plain_text

CONTEXT = "https://schema.org"
# Inside <script>, "</script>" or "<!--" in a headline would end the element early; escaping
# <, > and & as JSON unicode escapes keeps the data intact and the markup closed.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    """<script type="application/ld+json"> with `data`.

    It carries no CSP nonce: browsers never execute a data block, so script-src does not
    apply, and a page without a nonce is the same bytes for every reader (public.page_cache).
    Markup it wrote before (the release cache keeps a release's) is passed through as it is.
    """
    if not data:
        return ""
    if isinstance(data, SafeString):
        return data
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


def _absolute(request, url):
    return request.build_absolute_uri(url)


def publisher(request):
    return {
        "@type": "GovernmentOrganization",
        "name": settings.NEWSROOM_AGENCY_NAME,
        "url": _absolute(request, reverse("public:home")),
    }


def _organization_ref(request, organization):
    data = {
        "@type": "Organization",
        "name": organization.name,
        "url": _absolute(request, organization.get_absolute_url()),
    }
    if organization.abbreviation:
        data["alternateName"] = organization.abbreviation
    return data


def _person_ref(request, person, *, role=None):
    """A Person; with `role` (a PersonRole), the rank, title and organization they held then."""
    affiliation = role.organization if role and role.organization_id else person.organization
    role = role or person
    data = {
        "@type": "Person",
        "name": person.full_name,
        "givenName": person.given_name,
        "familyName": person.family_name,
        "url": _absolute(request, person.get_absolute_url()),
    }
    if role.rank:
        # As the release prints it: structured data is built in the release's language.
        data["honorificPrefix"] = rank_in(get_language(), role.rank, service=role.service)
    if role.title:
        data["jobTitle"] = role.title
    if affiliation is not None:
        data["affiliation"] = _organization_ref(request, affiliation)
    return data


def _image(request, image):
    data = {"@type": "ImageObject", "url": _absolute(request, image.file.url)}
    if image.width and image.height:
        data |= {"width": image.width, "height": image.height}
    if image.caption:
        data["caption"] = image.caption
    if image.credit:
        data["creditText"] = image.credit
    return data


def _version_ref(request, version):
    url = _absolute(request, version.get_absolute_url())
    return {"@type": "NewsArticle", "@id": url, "url": url, "inLanguage": version.language}


def news_article(request, article, *, body, authors, topics, versions=None):
    """`versions`: {language: release} of the published versions of this release
    (public.versions); the others become workTranslation / translationOfWork."""
    url = _absolute(request, article.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": article.headline,
        "inLanguage": article.language,
        "datePublished": article.release_at.isoformat(),
        "dateModified": (article.revised_at or article.release_at).isoformat(),
        "articleSection": article.get_kind_display(),
        "publisher": publisher(request),
        # Authors and speakers as they were on the release date, as the page shows them.
        "author": [_person_ref(request, person, role=person.held_role) for person in authors]
        or [publisher(request)],
    }
    if article.subheadline or article.summary:
        data["description"] = article.summary or article.subheadline
    if article.subheadline:
        data["alternativeHeadline"] = article.subheadline
    if article.dateline:
        data["dateline"] = article.dateline
    if article.hero_image_id:
        data["image"] = [_image(request, article.hero_image)]
    if topics["tag"]:
        data["keywords"] = [topic.name for topic in topics["tag"]]
    for key, kind, schema_type in (
        ("about", "initiative", "Thing"),
        ("mentions", "organization", "Organization"),
    ):
        if topics[kind]:
            data[key] = [
                {
                    "@type": schema_type,
                    "name": topic.name,
                    "url": _absolute(request, topic.get_absolute_url()),
                }
                for topic in topics[kind]
            ]
    corrections = list(article.corrections.all())
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": correction.note,
                "datePublished": correction.created_at.isoformat(),
            }
            for correction in corrections
        ]
    others = [version for version in (versions or {}).values() if version.pk != article.pk]
    translations = [
        _version_ref(request, version)
        for version in others
        if version.pk != article.translation_source_id
    ]
    if translations:
        data["workTranslation"] = translations
    for version in others:
        if version.pk == article.translation_source_id:
            data["translationOfWork"] = _version_ref(request, version)
    # Quotes and the named speakers' transcript turns, each credited as of the release date.
    spoken = list(spoken_parts(body.body))
    if spoken:
        data["hasPart"] = [
            {
                "@type": "Quotation",
                "text": plain_text(part.text) if isinstance(part, TranscriptTurn) else part.text,
                "creator": _person_ref(request, part.speaker, role=part.speaker_role),
                "isPartOf": {"@id": url},
            }
            for part in spoken
        ]
    return data


def person(request, person):
    data = {"@context": CONTEXT, **_person_ref(request, person)}
    if person.bio:
        data["description"] = person.bio
    if person.portrait_id:
        data["image"] = _absolute(request, person.portrait.file.url)
    if person.is_press_contact and person.email:
        data["email"] = person.email
    if person.is_press_contact and person.phone:
        data["telephone"] = person.phone
    return data


def organization(request, organization, *, parent=None, children=()):
    data = {"@context": CONTEXT, **_organization_ref(request, organization)}
    if organization.description:
        data["description"] = organization.description
    if organization.website:
        data["sameAs"] = [organization.website]
    if organization.logo_id:
        data["logo"] = _absolute(request, organization.logo.file.url)
    if organization.country:
        data["location"] = {"@type": "Country", "name": str(organization.country.name)}
    if parent is not None:
        data["parentOrganization"] = _organization_ref(request, parent)
    if children:
        data["subOrganization"] = [_organization_ref(request, child) for child in children]
    return data
