"""The HTTP edge: ASGI middlewares every request passes (allowed hosts, body size, methods and
their Allow header, security headers), and the JSON answer of pages built as JSON."""
