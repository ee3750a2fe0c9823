"""ASGI middleware: request body cap and security headers.

Pure ASGI (not BaseHTTPMiddleware) so the body cap is enforced before the
app parses anything: an oversized upload is refused, never buffered whole.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casus.web.inputs import MAX_BODY_BYTES, too_large_message

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")


class BodyLimit:
    """Answer 413 with a clear message when a request body exceeds MAX_BODY_BYTES.

    A declared Content-Length is checked before anything is read (the server
    enforces that the body matches it). A chunked body has no length, so it is
    read here, up to the limit, and replayed to the app.
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None:
            if declared > self.limit:
                await _reply_413(scope, send, declared)
                return
            await self.app(scope, receive, send)
            return
        if scope.get("method") in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # client went away
                return
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.limit:
                await _reply_413(scope, send, seen)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _reply_413(scope: Scope, send: Send, size: int) -> None:
    message = too_large_message(size)
    if scope["path"].startswith("/api/"):
        body = json.dumps({"detail": message}).encode()
        ctype = b"application/json"
    else:
        from html import escape

        body = (f"<!doctype html><html lang=en><meta charset=utf-8><title>Too large · casus</title>"
                f"<link rel=stylesheet href=/static/casus.css><main class=page><section class='notice error'>"
                f"<h1>413 · Too large</h1><p>{escape(message)}</p><p><a href='/'>Back to Analyse</a></p>"
                f"</section></main>").encode()
        ctype = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """CSP without inline scripts, no sniffing, no framing, no referrer: defence in depth behind escaping."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = CSP.encode()

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", csp), (b"x-content-type-options", b"nosniff"),
                            (b"x-frame-options", b"DENY"), (b"referrer-policy", b"no-referrer")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, add_headers)
