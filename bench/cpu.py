"""CPU time per request in process: the app through httpx's ASGI transport, no server, no wrk.

Steadier than requests/s on a shared machine (the neighbours take wall time, not this
process's CPU time). Not part of `make test`.

    cd backend && .venv/bin/python ../bench/cpu.py [--postgres URL] [--batches 5 --size 300]
    cd backend && .venv/bin/python ../bench/cpu.py --seeded ../data/bench/touchbase-10000.db

With --seeded, a copy of a database bench/run.py seeded (SQLite): /me, the due list, the
applications list, the render and the create as `make bench` asks for them, each batch one request of
each bench user, the ASGI app called directly (no client's work counted): --batches 20.

Prints, per endpoint, the best and median of the batches' CPU µs a request (the client's own
work included, so compare endpoints within one run: /me is the floor).
"""

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BENCH_DAY, CREATE, CREATE_BODY, RENDER, RENDER_TEMPLATE  # noqa: E402
from seed import USERS, fresh_postgres, migrate, token_of  # noqa: E402

from app.applications import service as applications  # noqa: E402
from app.applications.models import ApplicationCreate  # noqa: E402
from app.auth import service as auth  # noqa: E402
from app.auth.models import TokenCreate, User  # noqa: E402
from app.config import Settings  # noqa: E402
from app.main import create_app  # noqa: E402

BODY = {"company": "Bench Co", "position": "Engineer", "applied_on": "2026-06-10"}


async def _measure(
    name: str, call: Callable[[], Awaitable[httpx.Response]], batches: int, size: int
) -> None:
    for _ in range(20):  # warm-up: statement caches, the posting reader's cache
        (await call()).raise_for_status()
    costs = []
    for _ in range(batches):
        start = time.process_time()
        for _ in range(size):
            await call()
        costs.append((time.process_time() - start) / size * 1e6)
    print(f"{name:32} best {min(costs):7.0f} µs   median {statistics.median(costs):7.0f} µs")


def _service_create(app: object, user: User, batches: int, size: int) -> None:
    """applications.service.create_once alone: a session, the create, its commit."""
    engine = app.state.write_engine  # type: ignore[attr-defined]
    data = ApplicationCreate(**BODY)  # type: ignore[arg-type]

    def once() -> None:
        with Session(engine, expire_on_commit=False) as session:
            applications.create_once(session, user.id, data, None)  # type: ignore[arg-type]

    for _ in range(20):
        once()
    costs = []
    for _ in range(batches):
        start = time.process_time()
        for _ in range(size):
            once()
        costs.append((time.process_time() - start) / size * 1e6)
    name = "create_once (the service)"
    print(f"{name:32} best {min(costs):7.0f} µs   median {statistics.median(costs):7.0f} µs")


async def _direct(app: object, method: str, path: str, query: bytes, body: bytes, user: int) -> int:
    """One request through the ASGI app, no HTTP client: its status."""
    headers = [(b"host", b"localhost"), (b"authorization", f"Bearer {token_of(user)}".encode())]
    if body:
        headers += [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query,
        "root_path": "", "headers": headers, "client": ("127.0.0.1", 1),
        "server": ("localhost", 80),
    }  # fmt: skip
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    status = []

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop()
        await asyncio.sleep(3600)  # the client stays connected
        raise AssertionError

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    await app(scope, receive, send)  # type: ignore[operator]
    return status[0]


async def seeded(path: str, args: argparse.Namespace) -> None:
    """The hot read endpoints on a copy of a seeded SQLite database: the ASGI app called
    directly (no HTTP client), each batch one request of each bench user in turn."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "seeded.db"
        shutil.copyfile(path, copy)
        app = create_app(Settings(database_url=f"sqlite:///{copy}"))
        day = BENCH_DAY.isoformat().encode()
        render = json.dumps({"template_id": RENDER_TEMPLATE}).encode()
        create = json.dumps(CREATE_BODY).encode()
        ends: dict[str, Callable[[int], Awaitable[int]]] = {
            "GET /me": lambda u: _direct(app, "GET", "/api/v1/me", b"", b"", u),
            "GET /follow-ups (due list)": lambda u: _direct(
                app, "GET", "/api/v1/follow-ups", b"on=" + day + b"&limit=50", b"", u
            ),
            "GET /applications (list)": lambda u: _direct(
                app, "GET", "/api/v1/applications", b"limit=50", b"", u
            ),
            "POST .../render": lambda u: _direct(
                app, "POST", RENDER.format(application_id=u), b"", render, u
            ),
            # Each batch adds one application a user (to the copy): 201.
            "POST /applications (create)": lambda u: _direct(app, "POST", CREATE, b"", create, u),
        }
        for name, end in ends.items():
            if args.only and name != "GET /me" and not any(o in name for o in args.only):
                continue
            for u in range(1, USERS + 1):
                assert await end(u) in (200, 201), name
            costs = []
            for _ in range(args.batches):
                start = time.process_time()
                for u in range(1, USERS + 1):
                    await end(u)
                costs.append((time.process_time() - start) / USERS * 1e6)
            print(
                f"{name:32} best {min(costs):7.0f} µs   median {statistics.median(costs):7.0f} µs"
            )
        app.state.engine.dispose()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="a PostgreSQL server URL (default: a SQLite file)")
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--only", action="append", help="endpoints whose name contains this")
    parser.add_argument("--seeded", help="a SQLite file bench/run.py seeded (copied first)")
    args = parser.parse_args()
    if args.seeded:
        await seeded(args.seeded, args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        if args.postgres:
            url = fresh_postgres(args.postgres, "touchbase_bench_cpu")
        else:
            url = f"sqlite:///{tmp}/cpu.db"
        migrate(url)
        app = create_app(Settings(database_url=url))
        with Session(app.state.engine, expire_on_commit=False) as session:
            user = User(email="cpu@example.com", name="CPU", password_hash="x")
            session.add(user)
            session.commit()
            data = TokenCreate(name="cpu", scopes=["read", "write"])  # type: ignore[call-arg]
            token = auth.create_token(session, user, data).token
        headers = {"Authorization": f"Bearer {token}"}
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://localhost", headers=headers
        ) as client:
            first = await client.post("/api/v1/applications", json=BODY)
            one = f"/api/v1/applications/{first.json()['id']}"
            calls: dict[str, Callable[[], Awaitable[httpx.Response]]] = {
                "GET /me": lambda: client.get("/api/v1/me"),
                "GET /applications/{id}": lambda: client.get(one),
                "POST /applications (create)": lambda: client.post(
                    "/api/v1/applications", json=BODY
                ),
            }
            for name, call in calls.items():
                if args.only and name != "GET /me" and not any(o in name for o in args.only):
                    continue
                await _measure(name, call, args.batches, args.size)
        if not args.only or any(o in "create" for o in args.only):
            _service_create(app, user, args.batches, args.size)
        app.state.engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
