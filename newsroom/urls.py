import os

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from newsroom.view_on_site import view_on_site
from public.sitemaps import SITEMAPS, news_sitemap, robots_txt

urlpatterns = [
    path("admin/mfa/", include("newsroom.security.urls")),
    # Before the admin's own "r/…" at the same address, which the admin's links (reversing
    # "admin:view_on_site") therefore reach: only objects the user may change.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    # Before sitemap-<section>.xml, which would take "news" for a section name.
    path("sitemap-news.xml", news_sitemap, name="news-sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", robots_txt, name="robots"),
]
# Public pages in every interface language: English at /, Spanish at /es/. The language comes
# from the address alone, so choosing one sets no cookie (issue 3: no cookies for readers).
# Feeds too: /feeds/… carries the releases written in English, /es/feeds/… those in Spanish.
urlpatterns += i18n_patterns(
    path("feeds/", include("public.feed_urls")),
    path("", include("public.urls")),
    path("", include("distribution.urls")),
    prefix_default_language=False,
)

handler404 = "public.views.pages.page_not_found"

if os.environ.get("NEWSROOM_BENCH_FLOOR") == "1":
    from newsroom.bench_floor import floor

    urlpatterns.append(path("bench/floor/", floor))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler500 = "newsroom.errors.server_error"
