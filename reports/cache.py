"""The expensive parts of the pages, rendered once per data version and kept in the shared cache.

A key is made of the page, the data version, the language and the page's validated choices (year,
quarter, bureau, sort, ...): a new figure raises the version, so the very next request misses and
renders afresh, and a crafted query string can only ever name a value the page accepts. A fragment
is rendered without the reader's request (at most with a stand-in carrying the validated choices),
so it never holds a CSRF token, a message or the reader's name; what differs by role or person stays
outside it and is rendered on every request.
"""

import pickle
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from targets import version

# A value in a key: a validated choice, never free text from the request.
KEY_VALUE = re.compile(r"^[A-Za-z0-9_.\-]{0,80}$")
# The cached HTML marks where a page puts what it renders per request (a form with a CSRF token).
SLOT = "<!--per-request-->"


def data_version(request) -> int:
    """The data version, read once per request."""
    if not hasattr(request, "_data_version"):
        request._data_version = version.current()
    return request._data_version


# Part of every key: a release that keeps its fragments in another form never reads the older ones.
KEPT_FORM = 2


def page_key(request, page: str, **choices) -> str:
    """The cache key of a page's fragment for this data version, language and set of choices.

    Every choice must be a validated value (an int, None, or a short code); a later filter is one
    more keyword here."""
    parts = [f"page{KEPT_FORM}:{page}", f"v{data_version(request)}", get_language() or ""]
    for name, value in sorted(choices.items()):
        text = "" if value is None else str(value)
        if not KEY_VALUE.match(text):
            raise ValueError(f"{name}={text!r} is not a validated choice")
        parts.append(f"{name}={text}")
    return ":".join(parts)


# The values many pages need (the bureaus, the latest period, the regency index), kept in each process
# for the current data version only: building one again is one small query, where the shared cache's
# miss and set on PostgreSQL cost four. (data version, {name: value})
_process_values: tuple[int | None, dict] = (None, {})


def shared(request, name: str, build: Callable):
    """A value read from the data that many pages need (the bureaus, the latest period), kept in the
    process under the data version: a write raises the version, and the next request builds it again."""
    global _process_values
    version = data_version(request)
    kept_version, values = _process_values
    if kept_version != version:
        values = {}
        _process_values = (version, values)
    if name not in values:
        values[name] = build()
    return values[name]


def forget_shared() -> None:
    """Forgets the values `shared` keeps in this process, as a new data version would (the tests do it
    between tests, whose databases may reuse a version number; the bench before a cold request)."""
    global _process_values
    _process_values = (None, {})


def stored(key: str):
    """What the cache keeps under `key`, or None.

    Values are kept compressed: a page's HTML shrinks some fifteen times, in a millisecond, and on
    PostgreSQL writing a third of a megabyte to the cache table took ten. A value of another form
    (kept before they were compressed) counts as none."""
    packed = cache.get(key)
    if not isinstance(packed, bytes):
        return None
    return pickle.loads(zlib.decompress(packed))


def keep(key: str, value) -> None:
    cache.set(key, zlib.compress(pickle.dumps(value, pickle.HIGHEST_PROTOCOL), 1))


def kept(key: str, build: Callable):
    """The value under `key` (made by `page_key`), else `build()`'s, kept: for a page's computed rows."""
    found = stored(key)
    if found is None:
        found = (build(),)
        keep(key, found)
    return found[0]


def validated_request(request, **choices) -> HttpRequest:
    """A stand-in for `request` that carries only the validated choices, for the templates that build
    their links from the query string (table sorting, exports): what one reader typed in the URL
    never reaches the HTML that every reader is shown."""
    clean = HttpRequest()
    clean.method = "GET"
    clean.path = clean.path_info = request.path
    clean.GET = QueryDict(mutable=True)
    for name, value in choices.items():
        if value not in (None, ""):
            clean.GET[name] = str(value)
    clean.GET._mutable = False
    return clean


@dataclass
class Fragment:
    """A rendered part of a page, kept as the UTF-8 it is sent in, with the few plain values its page
    still needs around it. A page puts it in its response as it is (`page_response`): a dashboard's
    360 KB is never decoded, marked safe, copied into the page and encoded again on every request."""

    content: bytes
    values: dict = field(default_factory=dict)
    has_charts: bool = False
    has_slot: bool = False

    @classmethod
    def of(cls, html: str, values: dict | None = None) -> "Fragment":
        return cls(html.encode(), values or {}, has_charts="data-chart=" in html, has_slot=SLOT in html)

    @property
    def html(self) -> str:
        return self.content.decode()

    def filled(self, filler: str = "") -> bytes:
        """The content with its slot filled (with nothing, unless `filler` is given)."""
        return self.content.replace(SLOT.encode(), filler.encode()) if self.has_slot else self.content


def fragment(key: str, template_name: str, build: Callable[[], dict], values=None, request=None) -> Fragment:
    """The fragment under `key`, else rendered from `build()`'s context and kept.

    `values(context)` picks the plain values the page needs beside the HTML (a title, a flag);
    `request`, when the template needs one, is a `validated_request`, never the reader's own."""
    found = stored(key)
    if found is not None:
        return found
    context = build()
    html = render_to_string(template_name, context, request=request)
    if "csrfmiddlewaretoken" in html:
        raise ValueError(f"{template_name} holds a CSRF token and cannot be shared")
    made = Fragment.of(html, values(context) if values else {})
    keep(key, made)
    return made


# Where a page's template puts its kept body (`{{ kept_body }}`): the response has the body's bytes there.
BODY_MARK = mark_safe("<!--kept-body-->")


def page_response(
    request, template_name: str, context: dict, body: Fragment, filler: str = ""
) -> HttpResponse:
    """The page rendered around its kept `body`, whose slot holds `filler` (a form with the reader's
    CSRF token, say): the page's own template is rendered with a mark where the body goes, and the
    response is the two parts of it with the body's bytes between them."""
    html = render_to_string(template_name, {**context, "body": body, "kept_body": BODY_MARK}, request=request)
    before, mark, after = html.partition(BODY_MARK)
    if not mark:
        raise ValueError(f"{template_name} does not show its kept body ({{{{ kept_body }}}})")
    return HttpResponse(b"".join((before.encode(), body.filled(filler), after.encode())))
