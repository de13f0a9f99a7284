"""Python's garbage collector tuned for a server process whose start-up objects live for ever.

A full collection walks every object in the process; after start-up most of them are Django's,
the templates' and plotly's, and never become garbage. Measured at 200 indicators, full collections
took 3.5–4.8 s of a summary PDF and about 110 ms now and then during the dashboard. Freezing what
start-up made takes those objects out of every later collection, and a higher first threshold lets
the many short-lived objects of a page be freed by reference counting before a collection looks.
"""

import gc
from contextlib import contextmanager

THRESHOLDS = (50_000, 20, 20)


def tune() -> None:
    """Freeze what exists now and raise the thresholds; called once a worker has loaded the app."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)


@contextmanager
def tuned():
    """The same tuning for the duration of a block (the bench, in a process that goes on), then undone."""
    thresholds = gc.get_threshold()
    tune()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
