"""sitemap.xml (an index of one sitemap per section: every page in English and Spanish with
hreflang alternates; each release version at its own address, paired only with its real
versions in other languages), a Google News sitemap of the last 48 hours, and robots.txt."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe
from taggit.models import Tag

from articles.models import Article, ArticleKind, Initiative, Organization, Person

from .tagging import tagged_releases

NEWS_WINDOW = datetime.timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per news sitemap


class _Bilingual(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class ReleaseSitemap(Sitemap):
    """Each published version once, at its own language's address; a release in one language
    only has no alternates (the other interface's page of it is a noindex fallback)."""

    def items(self):
        return Article.objects.published().order_by("-release_at", "-pk")

    def lastmod(self, article):
        return max(article.updated_at, article.release_at)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        groups = {url["item"].translation_group for url in urls}
        versions = {}
        for version in Article.objects.published().filter(translation_group__in=groups):
            versions.setdefault(version.translation_group, {})[version.language] = version
        for url in urls:
            found = versions.get(url["item"].translation_group, {})
            if len(found) < 2:
                continue
            parts = urlsplit(url["location"])
            base = f"{parts.scheme}://{parts.netloc}"
            url["alternates"] = [
                {"location": f"{base}{found[code].get_absolute_url()}", "lang_code": code}
                for code, _name in settings.LANGUAGES
                if code in found
            ]
            default = found.get(settings.LANGUAGE_CODE) or next(iter(found.values()))
            url["alternates"].append(
                {"location": f"{base}{default.get_absolute_url()}", "lang_code": "x-default"}
            )
        return urls


class PageSitemap(_Bilingual):
    """The lists and fixed pages."""

    def items(self):
        return [
            ("public:home", {}),
            ("public:release_list", {}),
            *(("public:kind", {"kind": kind}) for kind in ArticleKind.values),
            ("public:archive", {}),
            ("public:organizations", {}),
            ("public:initiatives", {}),
            ("public:people", {}),
            ("public:contact", {}),
            ("public:about", {}),
            ("public:accessibility", {}),
            ("public:privacy", {}),
        ]

    def location(self, item):
        name, kwargs = item
        return reverse(name, kwargs=kwargs)


class _Dated(_Bilingual):
    def lastmod(self, obj):
        return obj.updated_at


class PersonSitemap(_Dated):
    def items(self):
        return Person.objects.public().order_by("pk")


class OrganizationSitemap(_Dated):
    def items(self):
        return Organization.objects.public().order_by("pk")


class InitiativeSitemap(_Dated):
    def items(self):
        return Initiative.objects.public().order_by("pk")


class TagSitemap(_Bilingual):
    def items(self):
        tagged = tagged_releases().filter(object_id__in=Article.objects.published().values("pk"))
        return Tag.objects.filter(pk__in=tagged.values("tag")).order_by("pk")

    def location(self, tag):
        return reverse("public:tag", kwargs={"slug": tag.slug})


SITEMAPS = {
    "releases": ReleaseSitemap,
    "pages": PageSitemap,
    "people": PersonSitemap,
    "organizations": OrganizationSitemap,
    "initiatives": InitiativeSitemap,
    "tags": TagSitemap,
}


@require_safe
def news_sitemap(request):
    """Releases of the last 48 hours in Google's news-sitemap format."""
    releases = Article.objects.published().filter(release_at__gte=timezone.now() - NEWS_WINDOW)[
        :NEWS_LIMIT
    ]
    return render(
        request,
        "sitemaps/news.xml",
        {"releases": releases, "base": request.build_absolute_uri("/").rstrip("/")},
        content_type="application/xml; charset=utf-8",
    )


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", f"Disallow: {reverse('admin:index')}"]
    # Search results are endless variations of the same releases: one rule per language.
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            lines.append(f"Disallow: {reverse('public:search')}")
    lines += [
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('news-sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
