from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("releases/<slug:slug>/", views.article_detail, name="article"),
    path("embargoed/<str:token>/", views.embargoed, name="embargoed"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization"),
    path("initiatives/<slug:slug>/", views.initiative_detail, name="initiative"),
]
