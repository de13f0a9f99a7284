import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@require_safe
@never_cache
def healthz(request):
    """For the load balancer: 200 when this app server reaches its database, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("Pemeriksaan kesehatan: basis data tidak terjangkau")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def locked_out(request, original_response=None, credentials=None):
    """What django-axes answers to a client locked out after too many wrong passwords."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else None
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)


class LoginView(auth_views.LoginView):
    """After logging in, the worklist: also when the site's front page (the dashboard) sent the user here,
    since that is where anyone typing the site's address starts."""

    def get_redirect_url(self):
        url = super().get_redirect_url()
        return "" if url == reverse("reports:dashboard") else url
