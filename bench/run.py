"""Touchbase's load benchmark: seed N applications across 100 users, serve the app, load it.

    make bench BENCH_ARGS="--n 10000 --n 100000 --db sqlite --db postgres \
        --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres"

See bench/README.md for what it measures and the targets it checks.
"""

import argparse
import json
import os
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

import load
import memory
from load import Result, Target, hello, measure, touchbase
from seed import (
    USERS,
    due_counts,
    forget_created,
    fresh_postgres,
    migrate,
    seed,
    seeded_count,
    token_of,
)

REPO = Path(__file__).resolve().parent.parent
BENCH_DAY = date(2026, 6, 15)  # a Monday
DUE_LIST = "/api/v1/follow-ups"
TODAY = "/api/v1/follow-ups/today"
RENDER = "/api/v1/applications/{application_id}/render"
RENDER_TEMPLATE = "builtin-follow-up-email"
ONE = "/api/v1/applications/{application_id}"
CREATE = "/api/v1/applications"
CREATE_BODY = {
    "company": "Bench Co",
    "position": "Engineer",
    "applied_on": "2026-06-10",
}
HELLO = "hello (bare sync FastAPI)"
ORDER = [
    HELLO,
    "GET /api/health",
    "GET /me",
    "GET /follow-ups (due list)",
    "GET /follow-ups/today (Today)",
    "GET /applications (list)",
    "GET /applications/{id}",
    "POST /applications/{id}/render",
    "POST /applications (create)",
]


def _sizes(values: list[str]) -> list[int]:
    sizes = [int(v.replace("_", "")) for raw in values for v in raw.split(",") if v]
    for n in sizes:
        if n < USERS or n % USERS:
            raise SystemExit(f"--n {n}: use a multiple of {USERS} (one share per user)")
    return sizes


def targets(
    spec: dict, day: date, hello_url: str | None = None
) -> tuple[list[Target], list[Result]]:
    """The endpoints to load, and a note for each one this build does not have yet."""
    users = range(1, USERS + 1)
    paths = spec["paths"]
    found = [Target("GET /me", "GET", ["/api/v1/me"] * USERS)]
    if hello_url:
        found.insert(0, Target(HELLO, "GET", ["/hello"] * USERS, base=hello_url))
    found.insert(
        1 if hello_url else 0, Target("GET /api/health", "GET", ["/api/health"] * USERS)
    )
    missing: list[Result] = []
    if "get" in paths.get(DUE_LIST, {}):
        path = f"{DUE_LIST}?on={day.isoformat()}&limit=50"
        found.append(Target("GET /follow-ups (due list)", "GET", [path] * USERS))
    else:
        missing.append(
            Result("GET /follow-ups (due list)", 0, 0, 0, 0, 0, "not in this build")
        )
    if "get" in paths.get(
        TODAY, {}
    ):  # the whole Today page: counts and a page per group
        path = f"{TODAY}?on={day.isoformat()}"
        found.append(Target("GET /follow-ups/today (Today)", "GET", [path] * USERS))
    found.append(
        Target(
            "GET /applications (list)", "GET", ["/api/v1/applications?limit=50"] * USERS
        )
    )
    if "post" in paths.get(RENDER, {}):
        # Application u is bench user u's first one (ids go round-robin over the users).
        body = json.dumps({"template_id": RENDER_TEMPLATE})
        render_paths = [RENDER.format(application_id=u) for u in users]
        found.append(
            Target("POST /applications/{id}/render", "POST", render_paths, body)
        )
    else:
        missing.append(Result("POST .../render", 0, 0, 0, 0, 0, "not in this build"))
    one_paths = [ONE.format(application_id=u) for u in users]
    found.append(Target("GET /applications/{id}", "GET", one_paths))
    # Last: every create adds an application (to the bench user's share; reseed to undo).
    found.append(
        Target(
            "POST /applications (create)",
            "POST",
            [CREATE] * USERS,
            json.dumps(CREATE_BODY),
        )
    )
    return found, missing


def table(title: str, results: list[Result]) -> str:
    def rate(name: str) -> float:
        return next((r.requests_per_s for r in results if r.name == name), 0.0)

    base, hello = rate("GET /me"), rate(HELLO)
    lines = [
        title,
        (
            f"{'endpoint':34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs hello':>8} "
            f"{'vs /me':>7}  note"
        ),
    ]
    for r in results:
        if r.note and not r.requests_per_s:
            lines.append(
                f"{r.name:34} {'-':>8} {'-':>8} {'-':>8} {'-':>8} {'-':>7}  {r.note}"
            )
            continue
        ratio = f"{r.requests_per_s / base:.2f}" if base else "-"
        vs_hello = f"{r.requests_per_s / hello:.2f}" if hello else "-"
        note = r.note or (
            f"{r.non_2xx} non-2xx, {r.errors} socket errors"
            if r.non_2xx or r.errors
            else ""
        )
        figures = f"{r.requests_per_s:8.0f} {r.p50_ms:8.2f} {r.p99_ms:8.2f} {vs_hello:>8} {ratio:>7}"
        lines.append(f"{r.name:34} {figures}  {note}")
    return "\n".join(lines)


def run_one(
    url: str, n: int, args: argparse.Namespace
) -> tuple[list[Result], list[memory.Memory]]:
    """Serve the seeded database and load each endpoint in turn; the results, and the
    server's memory (and its PostgreSQL backends') right after the load."""
    server = touchbase(url, workers=args.workers)
    yardstick = hello(workers=args.workers)
    try:
        server.wait_ready()
        yardstick.wait_ready()
        found, results = targets(server.openapi(), args.day, yardstick.url)
        if args.only:
            always = {HELLO, "GET /me"}
            found = [t for t in found if t.name in always or any(o in t.name for o in args.only)]
        tokens = [token_of(u) for u in range(1, USERS + 1)]
        working = []
        for target in found:
            status, body = server.call(target, tokens[0])
            if status >= 300:
                note = f"answered {status}: {body[:120].decode(errors='replace')}"
                results.append(Result(target.name, 0, 0, 0, 0, 0, note))
            else:
                working.append(target)
        results += measure(
            server, working, tokens, args.duration, args.connections, args.rounds
        )
        held = server_memory(server.process.pid, url)
    finally:
        server.stop()
        yardstick.stop()
        forget_created(url, CREATE_BODY["company"])
    ordered = sorted(results, key=lambda r: ORDER.index(r.name) if r.name in ORDER else 99)
    return ordered, held


def server_memory(pid: int, url: str) -> list[memory.Memory]:
    """The server's processes as memory.processes reads them, then its PostgreSQL backends
    (each, and their sums) when the database is PostgreSQL on this machine."""
    if url.startswith("sqlite:///"):
        return memory.processes(pid, Path(url.removeprefix("sqlite:///")))
    found = memory.processes(pid)
    backends = memory.postgres_backends(url)
    return found + ([memory.total("PostgreSQL backends", backends)] if backends else [])


def memory_table(held: list[memory.Memory]) -> str:
    title = (
        "memory right after the load, MB (/proc/<pid>/smaps_rollup; USS: private to the "
        "process, PSS: with its share of shared pages, RSS: what monitors show)"
    )
    return "\n".join([title] + [m.line() for m in held])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--n", action="append", default=[], help="applications (repeat, or 1,2)"
    )
    parser.add_argument(
        "--db", action="append", choices=["sqlite", "postgres"], default=[]
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("TOUCHBASE_BENCH_POSTGRES_URL"),
        help="a PostgreSQL server URL; the bench creates and uses its own database there",
    )
    parser.add_argument(
        "--pg-database",
        default="touchbase_bench",
        help="the bench's database on that server (give each concurrent bench its own)",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="load the endpoints in turn this many times",
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="uvicorn worker processes"
    )
    parser.add_argument(
        "--server-cores",
        default=load.SERVER_CORE,
        help="taskset's list for the servers (default 1; e.g. 0,1 to give the workers both)",
    )
    parser.add_argument(
        "--client-cores", default=load.CLIENT_CORE, help="taskset's list for wrk (default 0)"
    )
    parser.add_argument("--day", type=date.fromisoformat, default=BENCH_DAY)
    parser.add_argument(
        "--reseed", action="store_true", help="seed even if the data is there"
    )
    parser.add_argument("--seed-only", action="store_true", help="seed, then stop")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        help="load only the endpoints whose name contains this (repeat); hello and /me always",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO / "data" / "bench",
        help="databases and results.json",
    )
    args = parser.parse_args()
    load.SERVER_CORE, load.CLIENT_CORE = args.server_cores, args.client_cores
    sizes = _sizes(args.n) or [10_000]
    databases = args.db or ["sqlite"]
    if "postgres" in databases and not args.postgres:
        raise SystemExit(
            "--db postgres needs --postgres URL (or TOUCHBASE_BENCH_POSTGRES_URL)"
        )
    args.out.mkdir(parents=True, exist_ok=True)
    report: list[dict] = []
    for db in databases:
        for n in sizes:
            if db == "sqlite":
                url = f"sqlite:///{args.out / f'touchbase-{n}.db'}"
                if args.reseed or seeded_count(url) != n:
                    Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
            else:
                url = sa_url = args.postgres.rsplit("/", 1)[0] + "/" + args.pg_database
                if args.reseed or seeded_count(sa_url) != n:
                    url = fresh_postgres(args.postgres, args.pg_database)
            if seeded_count(url) != n:
                print(f"[{db} N={n:,}] seeding ...", flush=True)
                seconds = seed(url, n, args.day)
                print(f"[{db} N={n:,}] seeded in {seconds:.1f} s", flush=True)
            else:
                migrate(
                    url
                )  # data kept from an older build: the newer migrations (indexes)
            total, fewest = due_counts(url, args.day)
            print(
                f"[{db} N={n:,}] due on {args.day}: {total:,} (each user at least {fewest})"
            )
            if args.seed_only:
                continue
            try:
                results, held = run_one(url, n, args)
            except RuntimeError as exc:  # the server did not start: report, go on
                print(f"[{db} N={n:,}] {exc}", flush=True)
                continue
            title = (
                f"\n{db}, N={n:,} applications / {USERS} users, uvicorn {args.workers} worker(s) "
                f"on core {args.server_cores}, wrk -t1 -c{args.connections} on core "
                f"{args.client_cores}, {args.duration} s per "
                f"endpoint in {args.rounds} rounds"
            )
            print(table(title, results), flush=True)
            print(memory_table(held), flush=True)
            report.append(
                {
                    "db": db,
                    "n": n,
                    "workers": args.workers,
                    "results": [asdict(r) for r in results],
                    "memory": [m.as_dict() for m in held],
                }
            )
    if report:
        print(targets_summary(report))
        (args.out / "results.json").write_text(json.dumps(report, indent=2))


# (endpoint, what it is compared with, the least ratio of their req/s): issues 3, 4 and 16.
RATIO_TARGETS = [
    ("GET /me", HELLO, 0.6),
    ("GET /follow-ups (due list)", "GET /me", 0.6),
    ("GET /applications (list)", "GET /me", 0.6),
    ("POST /applications/{id}/render", "GET /me", 0.8),
    ("POST /applications (create)", "GET /me", 0.4),
]
SCALED = [
    "GET /follow-ups (due list)",
    "GET /applications (list)",
]  # p50 at 1M <= 1.3 x 10k


def targets_summary(report: list[dict]) -> str:
    """The targets this run measured what they compare: req/s ratios within each run, and
    the lists' median latency at N=1,000,000 against N=10,000 on the same database."""

    def pick(db: str, n: int, name: str) -> dict | None:
        for entry in report:
            if entry["db"] == db and entry["n"] == n:
                return next((r for r in entry["results"] if r["name"] == name), None)
        return None

    lines = ["\nTargets"]
    for entry in report:
        db, n = entry["db"], entry["n"]
        for name, base, least in RATIO_TARGETS:
            got, than = pick(db, n, name), pick(db, n, base)
            if got and than and got["requests_per_s"] and than["requests_per_s"]:
                ratio = got["requests_per_s"] / than["requests_per_s"]
                verdict = "met" if ratio >= least else "MISSED"
                lines.append(
                    f"  {db} N={n:,}: {name} = {ratio:.2f} x {base} (>= {least:.2f}): {verdict}"
                )
    for db in sorted({e["db"] for e in report}):
        for name in SCALED:
            small, big = pick(db, 10_000, name), pick(db, 1_000_000, name)
            if small and big and small["p50_ms"] and big["p50_ms"]:
                ratio = big["p50_ms"] / small["p50_ms"]
                verdict = "met" if ratio <= 1.3 else "MISSED"
                lines.append(
                    f"  {db}: {name} p50 at N=1,000,000 / N=10,000 = {ratio:.2f} (<= 1.30): "
                    f"{verdict}"
                )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
