"""The Host header: only configured hosts get an answer, since links are built from it."""

from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import problem_response

_PASSED = "touchbase.trusted_host"


class TrustedHosts:
    """Starlette's TrustedHostMiddleware, answering a foreign Host with a problem+json 400."""

    def __init__(self, app: ASGIApp, allowed_hosts: list[str]) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts
        self.check = TrustedHostMiddleware(self._passed, allowed_hosts, www_redirect=False)

    async def _passed(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope[_PASSED] = True
        await self.app(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_unless_refused(message: Message) -> None:
            if scope.get(_PASSED):  # the check's own plain-text refusal is dropped
                await send(message)

        await self.check(scope, receive, send_unless_refused)
        if not scope.get(_PASSED):
            detail = (
                "This server does not answer to that Host; it answers to "
                f"{', '.join(self.allowed_hosts)} (TOUCHBASE_ALLOWED_HOSTS)."
            )
            await problem_response(400, "invalid-host", "Invalid Host header", detail)(
                scope, receive, send
            )
