from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("releases", views.ReleaseViewSet, basename="release")
router.register("people", views.PersonViewSet, basename="person")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("tags", views.TagViewSet, basename="tag")

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("", include(router.urls)),
]
