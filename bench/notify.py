"""Touchbase's notification benchmark: the morning digest and webhook delivery, on PostgreSQL.

    make bench-notify                              # 2,000 users; 20 webhooks x 50 events
    make bench-notify BENCH_ARGS="--users 10000 --events 100 \
        --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres"   # the issue's size

1. Seed (COPY) --users users, each wanting the digest now (hour 0, every day, UTC), each with
   --apps-per-user applications of which --due-per-user are due today (stored plans from
   the pure policy engine, as bench/seed.py makes them).
2. For each worker count: empty the digest rows and the job queue, start real
   `python -m app.cli worker` processes against a real SMTP server (aiosmtpd, in this
   process), and wait until every digest has arrived. Report the wall time from the workers'
   start, digests/s, the exactly-once check (one message per user, no Message-ID twice, every
   delivery row `sent`) and each worker's peak RSS (VmHWM in /proc).
3. Webhooks: --subscriptions subscriptions, --events events each (one delivery per event
   and subscription, COPY), sent by the same workers to a real HTTP receiver in this
   process; deliveries/s, and each delivery received once.

See bench/README.md. Not part of `make test`.
"""

import argparse
import email.parser
import email.policy
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import psycopg
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from seed import DEFAULT_POLICY, _application, _copy, _schedule, fresh_postgres, migrate

from app.auth.service import password_hash
from app.config import BACKEND_DIR
from app.webhooks import signing

REPO = Path(__file__).resolve().parent.parent
DATABASE = "touchbase_bench_notify"
SECRET_KEY = "bench-secret-key-of-sixteen-or-more"
POLL_SECONDS = 0.05  # how often the bench looks at what arrived
WAIT_SECONDS = 600  # a run that has not delivered everything by then is reported as stuck


# --- the receivers -----------------------------------------------------------------------------


class Inbox:
    """aiosmtpd's handler: counts messages by Message-ID and recipient, with arrival times."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.clear()
        self._headers = email.parser.BytesHeaderParser(policy=email.policy.default)

    def clear(self) -> None:
        self.message_ids: list[str] = []
        self.recipients: list[str] = []
        self.times: list[float] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        headers = self._headers.parsebytes(envelope.content)
        with self.lock:
            self.message_ids.append(str(headers["Message-ID"]))
            self.recipients.extend(envelope.rcpt_tos)
            self.times.append(time.perf_counter())
        return "250 Message accepted"


class Receiver:
    """A real HTTP server on 127.0.0.1 (a thread per request) that counts webhook-ids."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ids: list[str] = []
        self.times: list[float] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with receiver.lock:
                    receiver.ids.append(self.headers.get("webhook-id", ""))
                    receiver.times.append(time.perf_counter())
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- seeding -----------------------------------------------------------------------------------


def _plain(url: str) -> str:
    return sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def seed_users(url: str, users: int, apps_per_user: int, due_per_user: int) -> float:
    """Migrate and COPY the users, their settings and applications; the seconds it took."""
    started = time.perf_counter()
    migrate(url)
    rng = random.Random(20261202)
    now = datetime.now(UTC)
    today = now.date()  # the digest is about the users' real day (UTC)
    hashed = password_hash.hash("bench password")  # argon2: once for everyone
    with psycopg.connect(_plain(url)) as conn, conn.cursor() as cur:
        for first in range(1, users + 1, 1000):
            ids = range(first, min(first + 1000, users + 1))
            _copy(cur, "users", [
                {"id": u, "email": f"bench{u:05d}@example.com", "name": f"Bench User {u}",
                 "password_hash": hashed, "timezone": "UTC", "created_at": now, "updated_at": now}
                for u in ids
            ])
            _copy(cur, "policies", [
                {"id": u, "owner_id": u, "name": "Default", "wait_days": DEFAULT_POLICY.wait_days,
                 "window_days": DEFAULT_POLICY.window_days,
                 "max_follow_ups": DEFAULT_POLICY.max_follow_ups,
                 "response_grace_days": DEFAULT_POLICY.response_grace_days,
                 "business_days": False, "holiday_country": None, "avoid_weekends": True,
                 "channels": "email phone", "is_default": True, "created_at": now,
                 "updated_at": now}
                for u in ids
            ])
            _copy(cur, "notification_settings", [
                {"user_id": u, "digest_enabled": True, "digest_hour": 0, "weekdays_only": False,
                 "updated_at": now}
                for u in ids
            ])
            apps, events, plans = [], [], []
            for u in ids:
                for k in range(apps_per_user):
                    app_id = (u - 1) * apps_per_user + k + 1
                    row, timeline, contact = _application(rng, app_id, u, k, due_per_user, today)
                    due, closes, plan = _schedule(row, timeline, contact)
                    if plan is not None:
                        plans.append(plan)
                    row.update(next_due_on=due, window_closes_on=closes, policy_id=None,
                               constraints_set="", created_at=now, updated_at=now, version=1)
                    apps.append(row)
                    events.extend(
                        {"application_id": app_id, "kind": kind, "occurred_on": on,
                         "created_at": now}
                        for kind, on in timeline
                    )
            _copy(cur, "applications", apps)
            _copy(cur, "events", events)
            _copy(cur, "stored_plans", plans)
        for table in ("users", "policies", "applications", "events"):
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


def seed_webhooks(url: str, receiver: Receiver, subscriptions: int, events: int) -> int:
    """Replace every subscription and delivery: `subscriptions` webhooks (one per user), each
    with `events` pending deliveries of an application-sized payload; how many deliveries."""
    now = datetime.now(UTC)
    with psycopg.connect(_plain(url)) as conn, conn.cursor() as cur:
        cur.execute("TRUNCATE webhook_deliveries, webhook_subscriptions RESTART IDENTITY")
        _copy(cur, "webhook_subscriptions", [
            {"id": s, "owner_id": s, "url": f"{receiver.url}/{s}", "description": "bench",
             "event_types": "application.created", "enabled": True,
             "secret": signing.new_secret(), "created_at": now, "updated_at": now}
            for s in range(1, subscriptions + 1)
        ])
        cur.execute("SELECT setval(pg_get_serial_sequence('webhook_subscriptions', 'id'), %s)",
                    (subscriptions,))
        data = {"id": 1, "company": "Acme 1", "position": "Engineer", "status": "applied",
                "notes": "x" * 400, "applied_on": now.date().isoformat()}
        rows = []
        for e in range(events):
            payload = json.dumps({"type": "application.created",
                                  "timestamp": now.isoformat().replace("+00:00", "Z"),
                                  "data": {**data, "id": e + 1}})
            rows.extend(
                {"subscription_id": s, "event_id": signing.new_event_id(),
                 "event_type": "application.created", "payload": payload, "status": "pending",
                 "attempt": 0, "next_attempt_at": now, "created_at": now}
                for s in range(1, subscriptions + 1)
            )
        _copy(cur, "webhook_deliveries", rows)
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE webhook_deliveries")
    return len(rows)


def reset_digests(url: str) -> None:
    with psycopg.connect(_plain(url), autocommit=True) as conn:
        conn.execute("TRUNCATE digest_deliveries, jobs RESTART IDENTITY")
        conn.execute("VACUUM ANALYZE")


# --- the workers -------------------------------------------------------------------------------


@dataclass
class Workers:
    """`count` real `python -m app.cli worker` processes."""

    count: int
    env: dict[str, str]
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: list[Any] = field(default_factory=list)
    started: float = 0.0

    def start(self) -> None:
        self.started = time.perf_counter()
        for _ in range(self.count):
            # A file, not a pipe: a pipe nobody reads fills up with the log and stalls the worker.
            log = tempfile.TemporaryFile()
            self.logs.append(log)
            self.procs.append(subprocess.Popen(
                [sys.executable, "-m", "app.cli", "worker"], cwd=BACKEND_DIR, env=self.env,
                stdout=subprocess.DEVNULL, stderr=log,
            ))

    def peak_rss_mib(self) -> list[float]:
        """Each worker's peak resident memory so far (VmHWM)."""
        peaks = []
        for p in self.procs:
            status = Path(f"/proc/{p.pid}/status").read_text()
            kib = next(int(line.split()[1]) for line in status.splitlines()
                       if line.startswith("VmHWM:"))
            peaks.append(kib / 1024)
        return peaks

    def check_alive(self) -> None:
        for p, log in zip(self.procs, self.logs, strict=True):
            if p.poll() is not None:
                log.seek(0)
                err = log.read().decode(errors="replace")
                raise SystemExit(f"a worker exited with {p.returncode}:\n{err[-3000:]}")

    def stop(self) -> None:
        for p in self.procs:  # SIGTERM: each finishes the job at hand, then stops
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in self.procs:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        for log in self.logs:
            log.close()


def _wait(arrived: Any, wanted: int, workers: Workers, what: str) -> float:
    """Seconds from the workers' start until `arrived()` reaches `wanted`."""
    deadline = time.perf_counter() + WAIT_SECONDS
    while arrived() < wanted:
        workers.check_alive()
        if time.perf_counter() > deadline:
            raise SystemExit(f"{what}: only {arrived()} of {wanted} within {WAIT_SECONDS} s")
        time.sleep(POLL_SECONDS)
    return time.perf_counter() - workers.started


POOL_SETTINGS = ("TOUCHBASE_DB_POOL_SIZE", "TOUCHBASE_DB_MAX_OVERFLOW")


def _env(url: str, smtp_port: int | None) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "TOUCHBASE_DATABASE_URL": url,
        "TOUCHBASE_WEBHOOKS_ALLOW_PRIVATE": "true",
        "TOUCHBASE_FRONTEND_DIR": "",
    }
    # The pool of the bench's environment reaches the workers, as bench/run.py's servers.
    env |= {k: v for k, v in os.environ.items() if k in POOL_SETTINGS}
    if smtp_port is not None:
        env |= {"TOUCHBASE_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}",
                "TOUCHBASE_SECRET_KEY": SECRET_KEY}
    return env


def digest_run(url: str, count: int, users: int, inbox: Inbox, smtp_port: int) -> dict[str, Any]:
    """One digest round with `count` workers: timings, the exactly-once check, memory."""
    reset_digests(url)
    with inbox.lock:
        inbox.clear()
    workers = Workers(count, _env(url, smtp_port))
    workers.start()
    try:
        wall = _wait(lambda: len(inbox.message_ids), users, workers, "digests")
        time.sleep(2)  # anything sent twice would arrive now
        rss = workers.peak_rss_mib()
    finally:
        workers.stop()
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        statuses = dict(conn.execute(sa.text(
            "SELECT status, count(*) FROM digest_deliveries GROUP BY status")).all())
        jobs = dict(conn.execute(sa.text(
            "SELECT status, count(*) FROM jobs GROUP BY status")).all())
    engine.dispose()
    with inbox.lock:
        ids, rcpts, times = list(inbox.message_ids), list(inbox.recipients), list(inbox.times)
    first = times[0] - workers.started
    exactly_once = (len(ids) == len(set(ids)) == users and len(set(rcpts)) == users
                    and statuses == {"sent": users})
    return {
        "workers": count, "digests": len(ids), "distinct_message_ids": len(set(ids)),
        "distinct_recipients": len(set(rcpts)), "delivery_rows": statuses, "jobs": jobs,
        "exactly_once": exactly_once, "wall_s": round(wall, 2),
        "first_digest_s": round(first, 2),
        "digests_per_s": round(len(ids) / wall, 1),
        "digests_per_s_after_first": round(len(ids) / max(times[-1] - times[0], 1e-9), 1),
        "peak_rss_mib": [round(r, 1) for r in rss],
    }


def webhook_run(url: str, count: int, receiver: Receiver, subscriptions: int,
                events: int) -> dict[str, Any]:
    """One webhook round with `count` workers: deliveries/s and each one received once."""
    wanted = seed_webhooks(url, receiver, subscriptions, events)
    with receiver.lock:
        receiver.ids.clear()
        receiver.times.clear()
    workers = Workers(count, _env(url, None))
    workers.start()
    try:
        wall = _wait(lambda: len(receiver.ids), wanted, workers, "webhook deliveries")
        time.sleep(2)
        rss = workers.peak_rss_mib()
    finally:
        workers.stop()
    with receiver.lock:
        ids, times = list(receiver.ids), list(receiver.times)
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        statuses = dict(conn.execute(sa.text(
            "SELECT status, count(*) FROM webhook_deliveries GROUP BY status")).all())
    engine.dispose()
    return {
        "workers": count, "deliveries": wanted, "received": len(ids),
        "distinct_webhook_ids": len(set(ids)), "delivery_rows": statuses,
        "once_each": len(ids) == len(set(ids)) == wanted and statuses == {"delivered": wanted},
        "wall_s": round(wall, 2), "first_s": round(times[0] - workers.started, 2),
        "deliveries_per_s": round(wanted / wall, 1),
        "deliveries_per_s_after_first": round(wanted / max(times[-1] - times[0], 1e-9), 1),
        "peak_rss_mib": [round(r, 1) for r in rss],
    }


# --- the report --------------------------------------------------------------------------------


def _counts(values: list[str]) -> list[int]:
    return [int(v) for raw in values for v in raw.split(",") if v]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=os.environ.get(
        "TOUCHBASE_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"),
        help=f"a PostgreSQL server; the bench drops and creates its database {DATABASE} there")
    parser.add_argument("--users", type=int, default=2_000, help="10000: the issue's size")
    parser.add_argument("--apps-per-user", type=int, default=3)
    parser.add_argument("--due-per-user", type=int, default=2)
    parser.add_argument("--workers", action="append", default=[],
                        help="worker counts, e.g. --workers 1,3 (default)")
    parser.add_argument("--subscriptions", type=int, default=20)
    parser.add_argument("--events", type=int, default=50, help="per subscription")
    parser.add_argument("--skip-webhooks", action="store_true")
    parser.add_argument("--skip-digest", action="store_true")
    args = parser.parse_args()
    counts = _counts(args.workers) or [1, 3]
    if args.subscriptions > args.users:
        raise SystemExit("--subscriptions: at most one per user, so at most --users")

    url = fresh_postgres(args.postgres, DATABASE)
    seconds = seed_users(url, args.users, args.apps_per_user, args.due_per_user)
    print(f"seeded {args.users:,} users, {args.users * args.apps_per_user:,} applications "
          f"({args.due_per_user} due per user) in {seconds:.1f} s; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}, {os.cpu_count()} cores")
    results: dict[str, Any] = {"users": args.users, "digest": [], "webhooks": []}

    if not args.skip_digest:
        inbox, port = Inbox(), _free_port()
        smtp = Controller(inbox, hostname="127.0.0.1", port=port)
        smtp.start()
        try:
            print(f"\ndigest, {args.users:,} users (SMTP: aiosmtpd in the bench process)")
            print(f"{'workers':>7} {'wall s':>7} {'1st s':>6} {'digests/s':>10} "
                  f"{'after 1st':>10} {'once':>5}  peak RSS MiB per worker")
            for count in counts:
                r = digest_run(url, count, args.users, inbox, port)
                results["digest"].append(r)
                print(f"{count:7d} {r['wall_s']:7.1f} {r['first_digest_s']:6.1f} "
                      f"{r['digests_per_s']:10.1f} {r['digests_per_s_after_first']:10.1f} "
                      f"{'yes' if r['exactly_once'] else 'NO':>5}  {r['peak_rss_mib']}"
                      f"   load {os.getloadavg()[0]:.2f}")
                if not r["exactly_once"]:
                    print(f"        NOT exactly once: {r}")
        finally:
            smtp.stop()

    if not args.skip_webhooks:
        receiver = Receiver()
        try:
            total = args.subscriptions * args.events
            print(f"\nwebhooks, {args.subscriptions} subscriptions x {args.events} events = "
                  f"{total:,} deliveries (receiver: http.server in the bench process)")
            print(f"{'workers':>7} {'wall s':>7} {'1st s':>6} {'deliv/s':>10} "
                  f"{'after 1st':>10} {'once':>5}  peak RSS MiB per worker")
            for count in counts:
                r = webhook_run(url, count, receiver, args.subscriptions, args.events)
                results["webhooks"].append(r)
                print(f"{count:7d} {r['wall_s']:7.1f} {r['first_s']:6.1f} "
                      f"{r['deliveries_per_s']:10.1f} {r['deliveries_per_s_after_first']:10.1f} "
                      f"{'yes' if r['once_each'] else 'NO':>5}  {r['peak_rss_mib']}"
                      f"   load {os.getloadavg()[0]:.2f}")
                if not r["once_each"]:
                    print(f"        NOT once each: {r}")
        finally:
            receiver.stop()

    results["load_average"] = os.getloadavg()
    out = REPO / "data" / "bench" / "notify.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str))
    print(f"\nfigures in {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
