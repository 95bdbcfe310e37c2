"""Touchbase beside MadGapun/PBP, a peer tracker (FastAPI over raw sqlite3), under the same load.

    make bench-pbp BENCH_ARGS="--touchbase-results data/bench/results.json"

Extracts PBP at its commit into data/bench/pbp/, installs it (and so its dependencies, from
its own pyproject) into a venv there, seeds N applications through PBP's own schema in a
fresh data directory, serves PBP's dashboard app with uvicorn pinned to core 1 and loads it
with wrk pinned to core 0 (bench/load.py). See bench/README.md.
"""

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import urllib.request
from dataclasses import asdict
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from load import Result, Server, Target, measure

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "data" / "bench" / "pbp"
MIRROR = Path("/work/.mirror/MadGapun+PBP/repo")
BENCH_DAY = date(2026, 6, 15)  # bench/run.py's
IDS = 100  # the single-application read rotates over this many ids, as run.py over its users
LIST_LIMIT = 50  # Touchbase's list page in bench/run.py (PBP's own default is 30)
# bench/seed.py's shape: company "<name> <id % 997>", six positions, two years of dates
COMPANIES = ("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell")
POSITIONS = ("Engineer", "Designer", "Analyst", "Product manager", "Data scientist", "SRE")
# PBP's statuses, in about bench/seed.py's shares (rejected 15%, interviewing 8%, offers 3%,
# withdrawn 4%, expired 4% for Touchbase's archived; the rest applied)
STATUSES = (
    ("abgelehnt", 15), ("interview", 8), ("angebot", 3), ("zurueckgezogen", 4),
    ("abgelaufen", 4), ("beworben", 66),
)  # fmt: skip
CREATE_BODY = {"title": "Engineer", "company": "Bench Co", "applied_at": "2026-06-10"}
# Touchbase's names in data/bench/results.json, by bench/run.py
COMPARED = {
    "list": "GET /applications (list)",
    "by id": "GET /applications/{id}",
    "create": "POST /applications (create)",
}

# Serves PBP's dashboard as its own start_dashboard() does: a Database over BA_DATA_DIR,
# handed to the module before uvicorn runs `app`.
APP_MODULE = '''"""uvicorn pbp_bench_app:app -- PBP's dashboard over the database in BA_DATA_DIR."""
from bewerbungs_assistent import dashboard
from bewerbungs_assistent.database import Database

_db = Database()
_db.initialize()
dashboard._db = _db
app = dashboard.app
'''

INIT = """
from bewerbungs_assistent.database import Database
db = Database()
db.initialize()
print(db.create_profile("Bench user", "bench@example.com"))
"""


def _interpreter() -> str | None:
    """A Python 3.12 or newer on the PATH (or pyenv's), to run PBP."""
    pyenv = sorted(Path.home().glob(".pyenv/versions/3.1[2-9]*/bin/python3"))
    for candidate in [shutil.which("python3.12"), shutil.which("python3.13"), *pyenv]:
        if candidate and subprocess.run(
            [str(candidate), "-c", "import sys; sys.exit(sys.version_info < (3, 12))"],
            capture_output=True,
            check=False,
        ).returncode == 0:
            return str(candidate)
    return None


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, text=True, capture_output=True, **kwargs)


def install(mirror: Path, commit: str, root: Path, interpreter: str) -> dict[str, str]:
    """PBP's tree at `commit` in root/src and installed into root/venv by `interpreter`
    (kept while both are the same); the venv's installed versions."""
    python = root / "venv" / "bin" / "python"
    marker = root / "installed"
    stamp = f"{commit} {interpreter}"
    if not (marker.exists() and marker.read_text().strip() == stamp and python.exists()):
        shutil.rmtree(root / "src", ignore_errors=True)
        shutil.rmtree(root / "venv", ignore_errors=True)
        (root / "src").mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(mirror), "archive", commit], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(root / "src")], input=archive, check=True)
        print(f"installing PBP {commit[:12]} and its dependencies into {root / 'venv'}")
        _run([interpreter, "-m", "venv", str(root / "venv")])
        _run([str(python), "-m", "pip", "install", "--quiet", str(root / "src")])
        marker.write_text(stamp + "\n")
    (root / "pbp_bench_app.py").write_text(APP_MODULE)
    frozen = _run([str(python), "-m", "pip", "list", "--format", "json"]).stdout
    return {p["name"]: p["version"] for p in json.loads(frozen)}


def _status(i: int) -> str:
    share = (i * 37) % 100  # spread the states over the ids
    for status, percent in STATUSES:
        if share < percent:
            return status
        share -= percent
    return "beworben"


def _rows(n: int, profile: str) -> tuple[list[tuple], list[tuple]]:
    """N applications over the two years before the bench day, with their events: the
    'Bewerbung erstellt' event add_application writes, and one for a later status."""
    rng = random.Random(7)
    apps, events = [], []
    for i in range(1, n + 1):
        applied = BENCH_DAY - timedelta(days=rng.randrange(1, 730))
        at = datetime.combine(applied, time(9 + i % 8, i % 60), UTC).isoformat()
        status = _status(i)
        company = f"{COMPANIES[i % len(COMPANIES)]} {i % 997}"
        app_id = f"{i:08x}"
        apps.append((app_id, profile, POSITIONS[i % len(POSITIONS)], company, status, at, at, at))
        events.append((app_id, "beworben", at, "Bewerbung erstellt"))
        if status != "beworben":
            later = (datetime.fromisoformat(at) + timedelta(days=1 + i % 30)).isoformat()
            events.append((app_id, status, later, None))
    return apps, events


def seed(root: Path, n: int) -> tuple[Path, Path]:
    """A fresh home and data directory holding N applications; (home, data dir)."""
    home = root / f"home-{n}"
    shutil.rmtree(home, ignore_errors=True)
    data = home / "data"
    data.mkdir(parents=True)
    env = {**os.environ, "HOME": str(home), "BA_DATA_DIR": str(data)}
    profile = _run([str(root / "venv" / "bin" / "python"), "-c", INIT], env=env, cwd=root)
    profile_id = profile.stdout.strip().splitlines()[-1]
    apps, events = _rows(n, profile_id)
    with sqlite3.connect(data / "pbp.db") as conn:
        conn.executemany(
            "INSERT INTO applications (id, profile_id, title, company, status, applied_at,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            apps,
        )
        conn.executemany(
            "INSERT INTO application_events (application_id, status, event_date, notes)"
            " VALUES (?, ?, ?, ?)",
            events,
        )
        conn.execute("ANALYZE")
    with sqlite3.connect(data / "pbp.db") as conn:
        stored = conn.execute("SELECT count(*) FROM applications").fetchone()[0]
    if stored != n:
        raise SystemExit(f"seeded {stored} applications, not {n}")
    return home, data


def pbp_server(root: Path, home: Path, data: Path) -> Server:
    """`uvicorn pbp_bench_app:app` from PBP's venv, pinned like Touchbase's."""
    env = {"HOME": str(home), "BA_DATA_DIR": str(data)}
    python = str(root / "venv" / "bin" / "python")
    return Server(["pbp_bench_app:app"], cwd=root, env=env, python=python, ready_path="/api/status")


def targets() -> list[Target]:
    ids = [f"{i:08x}" for i in range(1, IDS + 1)]
    return [
        Target("list", "GET", [f"/api/applications?limit={LIST_LIMIT}"] * IDS),
        Target("by id", "GET", [f"/api/application/{i}/timeline" for i in ids]),
        Target("create", "POST", ["/api/applications"] * IDS, json.dumps(CREATE_BODY)),
    ]


PATHS = {
    "list": f"GET /api/applications?limit={LIST_LIMIT}",
    "by id": "GET /api/application/{id}/timeline (PBP has no plain GET by id)",
    "create": "POST /api/applications",
}


def answers(url: str) -> dict[str, str]:
    """The size of one answer of each read, PBP's default list page too."""
    sizes = {}
    for name, path in (
        ("list", f"/api/applications?limit={LIST_LIMIT}"),
        ("list, PBP's default page", "/api/applications"),
        ("by id", "/api/application/00000001/timeline"),
    ):
        with urllib.request.urlopen(url + path, timeout=30) as r:
            body = r.read()
        shown = json.loads(body)
        rows = len(shown.get("applications", [])) if name.startswith("list") else 1
        total = f", total {shown['total']}" if "total" in shown else ""
        sizes[name] = f"{len(body):,} bytes, {rows} application(s){total}"
    return sizes


def table(results: list[Result], touchbase: dict[str, dict] | None) -> str:
    head = f"{'endpoint':<70} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}"
    if touchbase:
        head += f" {'Touchbase req/s':>16} {'TB/PBP req/s':>13} {'TB p50 ms':>10}"
    lines = [head, "-" * len(head)]
    for r in results:
        line = f"{PATHS[r.name]:<70} {r.requests_per_s:>8.1f} {r.p50_ms:>8.1f} {r.p99_ms:>8.1f}"
        tb = (touchbase or {}).get(COMPARED[r.name])
        if tb and r.requests_per_s:
            ratio = tb["requests_per_s"] / r.requests_per_s
            line += f" {tb['requests_per_s']:>16.1f} {ratio:>12.2f}x {tb['p50_ms']:>10.1f}"
        elif touchbase:
            line += f" {'no ratio':>16}"
        if not r.requests_per_s:
            line += "  (no request completed: is the machine busy?)"
        if r.non_2xx or r.errors:
            line += f"  ({r.non_2xx} non-2xx, {r.errors} errors)"
        lines.append(line)
    return "\n".join(lines)


def _touchbase(path: Path | None, n: int) -> dict[str, dict] | None:
    if path is None:
        return None
    path = path if path.is_absolute() else REPO / path  # make runs this from backend/
    if not path.exists():
        raise SystemExit(f"{path} does not exist: run `make bench` first, or give another path")
    for entry in json.loads(path.read_text()):
        if entry["db"] == "sqlite" and entry["n"] == n:
            return {r["name"]: r for r in entry["results"]}
    print(f"{path} has no SQLite run at N={n}: no ratios")
    return {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=lambda v: int(v.replace("_", "")), default=10_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--mirror", type=Path, default=MIRROR, help="PBP's git directory")
    parser.add_argument("--commit", default="HEAD", help="PBP's commit to measure")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--python",
        default=_interpreter(),
        help="PBP's interpreter: 3.12 or newer (its dashboard uses PEP 701 f-strings)",
    )
    parser.add_argument(
        "--touchbase-results",
        type=Path,
        help="bench/run.py's results.json (a relative path is from the repo), for ratios",
    )
    args = parser.parse_args()
    touchbase = _touchbase(args.touchbase_results, args.n)

    commit = _run(["git", "-C", str(args.mirror), "rev-parse", args.commit]).stdout.strip()
    if not args.python:
        raise SystemExit("PBP needs Python 3.12 or newer: give --python")
    versions = install(args.mirror, commit, args.out, args.python)
    shown = ("bewerbungs-assistent", "fastapi", "starlette", "uvicorn", "pydantic")
    print(f"PBP {commit}: " + ", ".join(f"{p} {versions.get(p, '?')}" for p in shown))
    home, data = seed(args.out, args.n)
    print(f"seeded {args.n:,} applications into {data / 'pbp.db'}")

    server = pbp_server(args.out, home, data)
    try:
        server.wait_ready()
        sizes = answers(server.url)
        for name, size in sizes.items():
            print(f"answer of {name}: {size}")
        # PBP has no authentication: the wrk script's Authorization header is ignored.
        tokens = ["pbp-has-no-authentication"] * IDS
        # The reads first, in turn over the rounds, so every list page counts and sorts
        # exactly N rows; then the creates (PBP adds about 1,000 a second).
        reads, creates = targets()[:2], targets()[2:]
        load = (tokens, args.duration, args.connections, args.rounds)
        results = measure(server, reads, *load) + measure(server, creates, *load)
    finally:
        server.stop()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nPBP at N={args.n:,}, {args.connections} connections, {args.rounds} rounds;"
          f" load average {load} (other work on the machine skews every figure)")
    print(table(results, touchbase))
    report = {
        "pbp_commit": commit,
        "n": args.n,
        "duration": args.duration,
        "rounds": args.rounds,
        "connections": args.connections,
        "load_average_after": os.getloadavg(),
        "answers": sizes,
        "python": args.python,
        "installed": versions,
        "results": [asdict(r) for r in results],
    }
    if touchbase:
        report["touchbase"] = {k: touchbase.get(v) for k, v in COMPARED.items()}
    (args.out.parent / "pbp.json").write_text(json.dumps(report, indent=2))
    print(f"\nfigures in {args.out.parent / 'pbp.json'}")


if __name__ == "__main__":
    main()
