"""The project's URLs plus the yardstick page that `bench` and `loadtest` measure every page against."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import include, path

BASE_PAGE = "bench-base"


@login_required
def base_page(request):
    """The yardstick: the layout with no data of its own, for a logged-in user."""
    return render(request, "base.html")


urlpatterns = [
    path("bench/base/", base_page, name=BASE_PAGE),
    path("", include("kaltengkop.urls")),
]
