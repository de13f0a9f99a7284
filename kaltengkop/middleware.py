import logging
from urllib.parse import unquote

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

logger = logging.getLogger("kaltengkop.security")


class ChosenLanguageMiddleware:
    """Indonesian unless the person chose English with the language switch.

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is ignored: many office
    computers run an English browser, and the department works in Bahasa Indonesia.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response


LOOPBACK = {"127.0.0.1", "::1"}


def client_ip(request) -> str:
    """The client's address: nginx's X-Real-IP when the request came through the local proxy."""
    remote = request.META.get("REMOTE_ADDR", "")
    if remote in LOOPBACK:
        return request.META.get("HTTP_X_REAL_IP", "").strip() or remote
    return remote


class RefuseOddRequestsMiddleware:
    """Requests no page of ours sends, refused with 400 before they reach code that would fail on them.

    A NUL byte in the path or the query string: PostgreSQL refuses it in a query with an error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            return HttpResponseBadRequest(_("Permintaan tidak dapat dibaca."))
        # The admin looks up a field named by a present but empty `_to_field` and fails with a 500.
        if request.GET.get("_to_field", None) == "":
            return HttpResponseBadRequest(_("Permintaan tidak dapat dibaca."))
        return self.get_response(request)


class RequestBodyLimitMiddleware:
    """Refuse a body larger than allowed from its Content-Length, before a byte of it is read.

    Logged-in users may send REQUEST_MAX_MB (evidence files, imports); anyone else only a login form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponseBadRequest(_("Panjang permintaan tidak dapat dibaca."))
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            limit = settings.REQUEST_MAX_MB * 1024 * 1024
        else:
            limit = settings.ANONYMOUS_REQUEST_MAX_BYTES
        if length > limit:
            logger.warning(
                "Permintaan %s %s ditolak: %s bita melebihi batas %s",
                request.method,
                request.path,
                length,
                limit,
            )
            response = HttpResponse(
                _("Berkas atau isian terlalu besar; batasnya %(limit)s MB.")
                % {"limit": settings.REQUEST_MAX_MB},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
            # The unread body must not be taken for the next request on this connection.
            response["Connection"] = "close"
            return response
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Nothing the app itself answers may be kept by a shared cache or the browser's disk: every page
    is behind the login, and the login page carries a CSRF token."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_cache_control(response, private=True, no_store=True)
        return response
