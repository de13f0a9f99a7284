"""Log filters: a refused request is one line, not a traceback an operator would read as a crash."""

import logging


class RefusalsInOneLine(logging.Filter):
    """Drop the traceback of 4xx answers (403, 404, 400 for a bad host or a suspicious request).

    Django logs them with the exception attached; 5xx keep theirs, since those are real faults.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        refused = (status is not None and 400 <= status < 500) or record.name.startswith("django.security")
        if refused and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
