"""A method a path does not have is a 405 whose `Allow` lists the methods it does have."""

import re
from collections.abc import Callable
from typing import Any

from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import problem_response


class AllowedMethods:
    """405 with `Allow` for a method a known path does not have; 404 for an unknown /api path.

    The paths and their methods come from the app's OpenAPI document (so from its routes):
    a literal path wins over a templated one (`/policies/simulate` over `/policies/{id}`), as
    OpenAPI says. Other paths (the web UI's files) go through untouched.
    """

    def __init__(
        self,
        app: ASGIApp,
        paths: Callable[[], dict[str, list[str]]],
        prefix: str = "/api/",
    ) -> None:
        self.app = app
        self.paths = paths
        self.prefix = prefix
        self._matcher: tuple[re.Pattern[str], list[tuple[frozenset[str], str]]] | None = None

    def matcher(self) -> tuple[re.Pattern[str], list[tuple[frozenset[str], str]]]:
        """One regex of every path, the most literal first, and (methods, Allow) per path."""
        if self._matcher is None:
            rows = []
            for path, methods in self.paths().items():
                regex, _, convertors = compile_path(path)
                bare = re.sub(r"\(\?P<\w+>", "(?:", regex.pattern)  # group names repeat
                upper = frozenset(m.upper() for m in methods)
                rows.append((len(convertors), bare, upper, ", ".join(sorted(upper))))
            rows.sort(key=lambda row: row[0])
            pattern = "|".join(f"(?P<p{i}>{bare})" for i, (_, bare, _, _) in enumerate(rows))
            self._matcher = (re.compile(pattern), [(m, allow) for _, _, m, allow in rows])
        return self._matcher

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        regex, rows = self.matcher()
        match = regex.match(path)
        if match is None:
            detail = "There is nothing at this address."
            response = problem_response(404, "not-found", "Not Found", detail)
        else:
            methods, allow = rows[int(match.lastgroup[1:])]  # type: ignore[index]
            if scope["method"] == "HEAD" and "GET" in methods:
                await self.app({**scope, "method": "GET"}, receive, _without_body(send))
                return
            if scope["method"] in methods:
                await self.app(scope, receive, send)
                return
            detail = f"This address accepts only {allow}."
            headers = {"Allow": allow}
            response = problem_response(
                405, "method-not-allowed", "Method Not Allowed", detail, headers=headers
            )
        await response(scope, receive, send)


def _without_body(send: Send) -> Send:
    """HEAD is GET without the body: the same status and headers, Content-Length included."""

    async def head_send(message: Message) -> None:
        if message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)

    return head_send


def spec_paths(openapi: Callable[[], dict[str, Any]], *extra: str | None) -> dict[str, list[str]]:
    """Each path of the OpenAPI document with its methods; a path with GET answers HEAD too
    (HTTP says so, and OpenAPI leaves it implicit); `extra` paths answer GET and HEAD."""
    document = openapi()
    paths = {
        path: [m for m in operations if m in {"get", "put", "post", "patch", "delete", "options"}]
        for path, operations in document["paths"].items()
    }
    for methods in paths.values():
        if "get" in methods:
            methods.append("head")
    for path in extra:
        if path:
            paths[path] = ["get", "head"]
    return paths
