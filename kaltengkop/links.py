"""Links to objects named by a slug, reversed once per URL pattern instead of once per table row.

A dashboard of 200 indicators links each of them several times; reverse() for each link was more
than 600 calls per page."""

from collections.abc import Callable
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse

# A valid slug that no URL pattern contains.
MARKER = "slug-3f9c1e7a"


def slug_url(name: str, slug: str) -> str:
    """The same as reverse(name, args=[slug]) for a pattern whose only argument is a slug."""
    return slug_urls(name)(slug)


def slug_urls(name: str) -> Callable[[str], str]:
    """slug_url for the many slugs of one table: the URL configuration and prefix of the request, read
    from its context-local state at some microseconds each, are looked up once."""
    url = _url_with_marker(name, get_urlconf(), get_script_prefix())
    return lambda slug: url.replace(MARKER, slug)


@lru_cache(maxsize=64)
def _url_with_marker(name: str, urlconf: str | None, prefix: str) -> str:
    return reverse(name, urlconf=urlconf, args=[MARKER])
