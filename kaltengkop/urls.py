from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kaltengkop.views import LoginView, healthz
from targets.forms import LoginForm

urlpatterns = [
    path(
        "masuk/",
        LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("healthz/", healthz, name="healthz"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("targets.urls")),
    path("", include("reports.urls")),
]
