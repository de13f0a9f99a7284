"""gunicorn for KaltengKop: `gunicorn --config kaltengkop/deploy/gunicorn.conf.py kaltengkop.asgi`.

gunicorn's asyncio (ASGI) worker reads requests without tying up the worker, so clients that send
slowly, or not at all, do not take the workers from everyone else, with or without nginx in front;
the synchronous and threaded workers each fall to a handful of such clients. Values can be set by
environment variables (GUNICORN_BIND, GUNICORN_WORKERS).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "asgi"
# Connections held open per worker, slow ones included.
worker_connections = 1000
# A summary PDF of every bureau takes seconds; a request longer than this is a fault.
timeout = 120
graceful_timeout = 30
keepalive = 5
# Headers are small here; anything larger is refused before the app sees it.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# Recycle workers now and then, so that memory taken by one large PDF is given back.
max_requests = 1000
max_requests_jitter = 100
# nginx on the same machine passes the client's scheme and address.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"


def post_worker_init(worker):
    """The collector tuned once the worker has loaded the application (kaltengkop/collector.py)."""
    from kaltengkop import collector

    collector.tune()
