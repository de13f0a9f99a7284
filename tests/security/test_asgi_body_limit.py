"""The ASGI entry point refuses a body over the limit before Django reads it: from its length, or, for
a body without one, as soon as the limit is passed."""

import asyncio
import importlib
import os
from concurrent.futures import ThreadPoolExecutor


def body_limit():
    # kaltengkop.asgi defaults DEBUG to off for the server; the test process keeps what it had.
    before = os.environ.get("DEBUG")
    try:
        return importlib.import_module("kaltengkop.asgi").BodyLimit
    finally:
        if before is None:
            os.environ.pop("DEBUG", None)
        else:
            os.environ["DEBUG"] = before


def serve(headers, chunks, limit_mb=1):
    seen = {}

    async def app(scope, receive, send):
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        seen["body"] = body
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    guard = body_limit()(app)
    guard.limit = limit_mb * 1024 * 1024
    messages = [
        {"type": "http.request", "body": c, "more_body": i < len(chunks) - 1} for i, c in enumerate(chunks)
    ]
    sent = []

    async def receive():
        return messages.pop(0)

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/", "headers": headers}
    # In a thread of its own: the browser tests leave an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, guard(scope, receive, send)).result()
    return sent[0]["status"], seen.get("body")


def test_a_declared_length_over_the_limit_is_refused_unread():
    status, body = serve([(b"content-length", b"300000000")], [b""])
    assert status == 413 and body is None


def test_a_chunked_body_over_the_limit_is_refused_as_it_arrives():
    status, body = serve([], [b"x" * 700_000, b"x" * 700_000])
    assert status == 413 and body is None


def test_a_body_within_the_limit_reaches_the_app_whole():
    status, body = serve([], [b"a" * 1000, b"b" * 1000])
    assert status == 200 and body == b"a" * 1000 + b"b" * 1000
    status, body = serve([(b"content-length", b"5")], [b"hallo"])
    assert status == 200 and body == b"hallo"
