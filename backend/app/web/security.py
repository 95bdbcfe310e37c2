"""Security headers on every response: the web UI's files, the API's answers and its errors.

deploy/nginx.conf states the same values (tests/test_deployment.py reads them from here).
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The web UI loads only its own files: no inline script, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
# /api/docs: Swagger UI comes from its CDN and starts with an inline script.
DOCS_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "img-src 'self' data: https://fastapi.tiangolo.com; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _encoded(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(k.lower().encode(), v.encode()) for k, v in headers.items()]


class SecurityHeaders:
    """Add the security headers to every HTTP response (the app's own win where it set one)."""

    def __init__(self, app: ASGIApp, docs_path: str | None) -> None:
        self.app = app
        self.docs_path = docs_path
        self.headers = _encoded(SECURITY_HEADERS)
        self.docs_headers = _encoded(
            {**SECURITY_HEADERS, "Content-Security-Policy": DOCS_CONTENT_SECURITY_POLICY}
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.docs_headers if scope["path"] == self.docs_path else self.headers

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in extra if h[0] not in present)
            await send(message)

        await self.app(scope, receive, send_with_headers)
