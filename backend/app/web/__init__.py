"""The HTTP edge: ASGI middlewares every request passes (allowed hosts, body size, methods and
their Allow header, security headers), the app's route class, and the JSON answer of pages
built as JSON."""
