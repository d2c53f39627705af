from django.urls import path

from . import (
    converters,  # noqa: F401 - registers <kind:…>
    views,
)

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("releases/", views.release_list, name="release_list"),
    path("releases/type/<kind:kind>/", views.release_list, name="kind"),
    path("releases/<slug:slug>/", views.article_detail, name="article"),
    path("archive/", views.archive_index, name="archive"),
    path("archive/<int:year>/", views.archive_period, name="archive_year"),
    path("archive/<int:year>/<int:month>/", views.archive_period, name="archive_month"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    path("people/", views.person_list, name="people"),
    path("embargoed/<str:token>/", views.embargoed, name="embargoed"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
    path("organizations/", views.organization_list, name="organizations"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization"),
    path("initiatives/", views.initiative_list, name="initiatives"),
    path("initiatives/<slug:slug>/", views.initiative_detail, name="initiative"),
    path("search/", views.search, name="search"),
    path("contact/", views.contact, name="contact"),
    path("about/", views.about, name="about"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
]
