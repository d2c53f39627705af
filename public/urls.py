from django.urls import path

from . import converters  # noqa: F401 - registers <kind:…>
from .views import directory, pages, photos, releases, search

app_name = "public"

urlpatterns = [
    path("", releases.home, name="home"),
    path("releases/", releases.release_list, name="release_list"),
    path("releases/type/<kind:kind>/", releases.release_list, name="kind"),
    path("releases/<slug:slug>/", releases.article_detail, name="article"),
    path("releases/<slug:slug>/photos/", photos.release_photos_page, name="photos"),
    path("archive/", releases.archive_index, name="archive"),
    path("archive/<int:year>/", releases.archive_period, name="archive_year"),
    path("archive/<int:year>/<int:month>/", releases.archive_period, name="archive_month"),
    path("tags/<slug:slug>/", directory.tag_detail, name="tag"),
    path("people/", directory.person_list, name="people"),
    path("embargoed/<str:token>/", releases.embargoed, name="embargoed"),
    path("people/<slug:slug>/", directory.person_detail, name="person"),
    path("organizations/", directory.organization_list, name="organizations"),
    path("organizations/<slug:slug>/", directory.organization_detail, name="organization"),
    path("initiatives/", directory.initiative_list, name="initiatives"),
    path("initiatives/<slug:slug>/", directory.initiative_detail, name="initiative"),
    path("search/", search.search, name="search"),
    path("contact/", pages.contact, name="contact"),
    path("about/", pages.about, name="about"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
]
