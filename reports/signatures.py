"""django-tables2 reads a callable's signature (inspect.signature) for every cell it renders or
exports, to pass only the arguments it takes: half the time of a bureau's CSV export. A function's
signature does not change, so here it is read once per function; ReportsConfig.ready() installs it.
"""

from functools import lru_cache

from django_tables2 import utils

read_signature = utils.signature


@lru_cache(maxsize=1024)
def _of_function(function) -> tuple[tuple[str, ...], str | None]:
    return read_signature(function)


def signature(fn) -> tuple[tuple[str, ...], str | None]:
    """django_tables2.utils.signature, remembered per function; a bound method's first argument is
    the instance it is bound to, so it is dropped as inspect.signature does."""
    function = getattr(fn, "__func__", None)
    try:
        if function is not None:
            args, keywords = _of_function(function)
            return args[1:], keywords
        return _of_function(fn)
    except TypeError:  # an unhashable callable
        return read_signature(fn)


def install() -> None:
    utils.signature = signature
