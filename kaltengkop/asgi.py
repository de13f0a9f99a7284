"""The ASGI entry point that gunicorn's asyncio worker serves (kaltengkop/deploy/gunicorn.conf.py).

Django's ASGI handler reads a request's whole body before any middleware runs, so the body limit is
enforced here first: from Content-Length, or while a body without one arrives.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kaltengkop.settings")
# Served by gunicorn means production: DEBUG is off unless it is asked for by name.
os.environ.setdefault("DEBUG", "false")

django_application = get_asgi_application()


class BodyLimit:
    def __init__(self, app):
        from django.conf import settings

        self.app = app
        self.limit = settings.REQUEST_MAX_MB * 1024 * 1024
        self.message = f"Berkas atau isian terlalu besar; batasnya {settings.REQUEST_MAX_MB} MB.\n".encode()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None:
            if not length.isdigit() or int(length) > self.limit:
                return await self.refuse(send)
            return await self.app(scope, receive, send)
        # No length (a chunked body): count it as it comes, then hand Django what arrived.
        messages, received = [], 0
        while True:
            message = await receive()
            messages.append(message)
            received += len(message.get("body", b""))
            if received > self.limit:
                return await self.refuse(send)
            if message["type"] != "http.request" or not message.get("more_body"):
                break

        async def replay():
            return messages.pop(0) if messages else await receive()

        return await self.app(scope, replay, send)

    async def refuse(self, send):
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": self.message})


application = BodyLimit(django_application)
