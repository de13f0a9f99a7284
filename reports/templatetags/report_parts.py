"""The small pieces that a page repeats once per indicator or follow-up, built in Python.

A badge, a track mark or a follow-up line was an {% include %} per row: on a dashboard of 200
indicators that was thousands of template renders for a few dozen distinct strings. The markup is
the same as the partials' it replaced, byte for byte.
"""

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import dateformat, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from targets.choices import CLOSED_FOLLOW_UP_STATUSES, Category, FollowUpStatus

register = template.Library()

# A follow-up number that no URL contains, replaced by the real one.
PK_MARKER = 987654321


@lru_cache(maxsize=64)
def _badge(category: str | None, language: str) -> SafeString:
    if category:
        return format_html(
            '<span class="badge category-{}"><span class="swatch" aria-hidden="true"></span>{}</span>\n',
            category,
            Category(category).label,
        )
    return format_html(
        '<span class="badge badge-empty category-none">'
        '<span class="swatch" aria-hidden="true"></span>{}</span>\n',
        _("belum ada data"),
    )


@register.simple_tag
def category_badge(category):
    """A category's badge: its colour and its word; an empty badge where there is no figure."""
    return _badge(category or None, translation.get_language())


@lru_cache(maxsize=16)
def _track(on_track: bool | None, language: str) -> SafeString:
    if on_track is None:
        return mark_safe('<span class="muted">–</span>\n')
    if on_track:
        return format_html('<span class="track track-on">✓ {}</span>\n', _("sesuai rencana"))
    return format_html('<span class="track track-off">✗ {}</span>\n', _("tertinggal"))


@register.simple_tag
def on_track(value):
    """Whether a figure keeps to its planned path, in a mark and a word (None: no path to compare)."""
    return _track(value, translation.get_language())


@lru_cache(maxsize=8)
def _follow_up_url(urlconf, prefix) -> str:
    return reverse("targets:follow_up", urlconf=urlconf, args=[PK_MARKER])


@lru_cache(maxsize=1024)
def _due(date, language: str) -> str:
    return dateformat.format(date, "j M Y")


@lru_cache(maxsize=32)
def _status(status: str, language: str) -> str:
    return str(FollowUpStatus(status).label)


@register.simple_tag
def follow_up_line(follow_up, today=None):
    """One follow-up on one line: its action linked, PIC, due date, status, and whether it is late
    (with `today`)."""
    language = translation.get_language()
    url = _follow_up_url(get_urlconf(), get_script_prefix()).replace(str(PK_MARKER), str(follow_up.pk))
    late = ""
    if today and follow_up.status not in CLOSED_FOLLOW_UP_STATUSES and follow_up.due_date < today:
        late = format_html(' <span class="overdue">{}</span>', _("lewat batas waktu"))
    return format_html(
        '<a href="{}">{}</a>\n<span class="muted">· {}: {} · {} {}</span>\n'
        '<span class="follow-up-status follow-up-{}">{}</span>{}\n\n',
        url,
        follow_up.action,
        _("PIC"),
        follow_up.pic,
        _("batas"),
        _due(follow_up.due_date, language),
        follow_up.status,
        _status(follow_up.status, language),
        late,
    )
