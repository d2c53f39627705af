from django.urls import path

from . import views

app_name = "security"

urlpatterns = [
    path("verify/", views.verify, name="mfa_verify"),
    path("setup/", views.setup, name="mfa_setup"),
]
