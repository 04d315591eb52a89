"""What every request to a live talk must pass before it reaches the pages: the
speaker notes are private, and a venue's network is anyone's.

- With `--lan`, the token made at start, as `?t=…` or `Authorization:
  Bearer …`; without it, 403, for pages, pictures, the API and the WebSocket.
- A WebSocket or a request that changes the talk, sent by a browser from
  another site (its `Origin` is not this server), is refused: a page on the
  web cannot advance the slides or listen to the talk.
- No request carries headers past `MAX_HEAD` or a body past `MAX_BODY` (the
  API takes none).
- Every response says: no caching of pages that hold notes, no referrer
  (the token is in the address), only this server's scripts.
"""

from __future__ import annotations

import secrets
from urllib.parse import parse_qs

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse

MAX_BODY = 1024  # bytes; the API's requests have no body
MAX_HEAD = 16 * 1024  # bytes of a request's headers: a browser's are a few hundred
TOKEN_BYTES = 18  # 24 characters of URL-safe base64

SECURITY_HEADERS = [
    (b"cache-control", b"no-store"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' blob:; media-src 'self' blob:; connect-src 'self'; "
        b"style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    ),
]


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class Guard:
    def __init__(self, app, token: str | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if sum(len(name) + len(value) for name, value in scope.get("headers", [])) > MAX_HEAD:
            await _refuse(scope, receive, send, 431, f"request headers past {MAX_HEAD} bytes")
            return
        if self.token is not None and not self._carries_token(scope, headers):
            await _refuse(scope, receive, send, 403, "this talk needs the address with its token (?t=…), as printed at start")
            return
        if scope["type"] == "http" and _body_too_large(headers):
            await _refuse(scope, receive, send, 413, f"requests here carry no body (at most {MAX_BODY} bytes)")
            return
        changes = scope["type"] == "websocket" or scope.get("method") not in ("GET", "HEAD")
        if changes and not _same_origin(headers):
            await _refuse(scope, receive, send, 403, "refused: sent from another site")
            return
        if scope["type"] == "http":
            await self.app(scope, receive, _with_headers(send))
        else:
            await self.app(scope, receive, send)

    def _carries_token(self, scope, headers: Headers) -> bool:
        given = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("t", [""])[-1]
        authorization = headers.get("authorization", "")
        if authorization.lower().startswith("bearer "):
            given = given or authorization[7:].strip()
        return secrets.compare_digest(given.encode(), self.token.encode())


def _body_too_large(headers: Headers) -> bool:
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return True
    length = headers.get("content-length", "0")
    return not length.isdigit() or int(length) > MAX_BODY


def _same_origin(headers: Headers) -> bool:
    """No Origin (a script, curl, a clicker), or this server's own."""
    origin = headers.get("origin")
    if origin is None:
        return True
    host = headers.get("host", "")
    return origin in (f"http://{host}", f"https://{host}")


async def _refuse(scope, receive, send, status: int, message: str) -> None:
    if scope["type"] == "websocket":
        await receive()  # websocket.connect
        await send({"type": "websocket.close", "code": 1008})  # before accepting: the client gets HTTP 403
        return
    response = PlainTextResponse(message + "\n", status_code=status)
    await response(scope, receive, _with_headers(send))


def _with_headers(send):
    async def sending(message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
        await send(message)

    return sending
