"""The messages of the code, extracted without system gettext, against the English catalogue.

Python files go through Babel's extractor with Django's gettext names; templates are first turned
into gettext calls by Django's own `templatize` (what `makemessages` does), so `{% translate %}` and
`{% blocktranslate %}` give exactly the msgids that Django looks up at run time.
"""

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel.messages.extract import extract, extract_python
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation.template import templatize

KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
SOURCES = ("kaltengkop", "reports", "targets", "templates")
SKIPPED_FOLDERS = {"migrations", "__pycache__"}
CATALOGUE = settings.BASE_DIR / "kaltengkop" / "locale" / "en" / "LC_MESSAGES" / "django.po"


@dataclass(frozen=True)
class Message:
    msgid: str
    context: str | None = None


def _messages(code: bytes) -> set[Message]:
    found = set()
    for _line, message, _comments, context in extract(extract_python, BytesIO(code), KEYWORDS):
        singular = message[0] if isinstance(message, tuple) else message
        found.add(Message(singular, context))
    return found


def messages_in_file(path: Path) -> set[Message]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        return _messages(text.encode())
    # templatize keeps the template's indentation, which Python's tokenizer would refuse.
    code = "\n".join(line.lstrip() for line in templatize(text, origin=str(path)).splitlines())
    return _messages(code.encode())


def messages_in(folders) -> set[Message]:
    found = set()
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix in {".py", ".html", ".txt"} and not SKIPPED_FOLDERS & set(path.parts):
                found |= messages_in_file(path)
    return found


def catalogue_messages(path: Path = CATALOGUE) -> dict[Message, bool]:
    """Each msgid of the catalogue, and whether it has an English translation."""
    with path.open("rb") as po:
        catalogue = read_po(po)
    translated = {}
    for entry in catalogue:
        if not entry.id:
            continue
        msgid = entry.id[0] if isinstance(entry.id, tuple) else entry.id
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        translated[Message(msgid, entry.context)] = all(strings) and not entry.fuzzy
    return translated


def compare(used: set[Message], catalogue: dict[Message, bool]) -> tuple[list[str], list[str]]:
    """The msgids used but not translated, and the msgids of the catalogue that nothing uses."""
    missing = sorted(m.msgid for m in used if not catalogue.get(m))
    unused = sorted(m.msgid for m in catalogue if m not in used)
    return missing, unused
