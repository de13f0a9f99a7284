"""The favicon and app icons come from static/, linked from every page, the admin's included."""

import json
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

ICONS = ["icons/icon.svg", "icons/icon-32.png", "icons/apple-touch-icon.png", "icons/site.webmanifest"]


def test_the_login_page_and_the_admin_link_every_icon(client, db):
    for url in (reverse("login"), reverse("admin:login")):
        page = client.get(url).content.decode()
        for icon in ICONS:
            assert static(icon) in page, (url, icon)


def test_every_linked_icon_and_the_manifests_icons_are_in_static():
    for icon in ICONS:
        assert finders.find(icon), icon
    manifest = json.loads(Path(finders.find("icons/site.webmanifest")).read_text(encoding="utf-8"))
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert finders.find(f"icons/{icon['src']}"), icon["src"]


def test_the_png_icons_have_the_size_they_claim():
    for name, size in [("icon-32.png", 32), ("apple-touch-icon.png", 180), ("icon-192.png", 192)]:
        header = Path(finders.find(f"icons/{name}")).read_bytes()[:24]
        width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
        assert (width, height) == (size, size), name
    assert re.search(r'viewBox="0 0 64 64"', Path(finders.find("icons/icon.svg")).read_text())
