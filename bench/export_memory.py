"""Peak memory of the CSV export (GET /api/v1/export.csv) for 100,000 applications, not a test.

    cd backend && .venv/bin/python ../bench/export_memory.py [--applications 100000]

Builds a throwaway SQLite database with the real migrations, inserts the applications (each
with a contact and a stored plan row's worth of dates), then drains data.export.csv_lines,
the generator the route streams, under tracemalloc. Prints the peak of Python allocations
while exporting, the size of the CSV, and the process's maximum RSS. Flat means the peak
does not grow with the number of applications (try --applications 10000 beside it).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "backend"))

import sqlalchemy as sa  # noqa: E402
from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402

from app.config import BACKEND_DIR  # noqa: E402
from app.data.export import csv_lines  # noqa: E402
from app.data.models import EXPORT_BATCH  # noqa: E402


def build(url: str, count: int) -> int:
    config = Config(str(BACKEND_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(BACKEND_DIR / "app" / "migrations"))
    config.attributes["database_url"] = url
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    meta = sa.MetaData()
    meta.reflect(engine)
    users, apps, contacts = meta.tables["users"], meta.tables["applications"], meta.tables["contacts"]
    now = datetime.now(UTC)
    with engine.begin() as conn:
        user_id = conn.execute(
            users.insert().values(email="bench@example.com", name="Bench", password_hash="x",
                                  timezone="UTC", created_at=now, updated_at=now)
        ).inserted_primary_key[0]
        start = date(2026, 1, 1)
        for first in range(0, count, 10_000):
            batch = range(first, min(first + 10_000, count))
            conn.execute(apps.insert(), [
                {"owner_id": user_id, "company": f"Company {i}", "position": "Engineer",
                 "posting_url": f"https://jobs.example/{i}", "applied_on": start + timedelta(i % 300),
                 "status": "applied", "archived": False, "notes": "=SUM(A1) and some notes " * 3,
                 "no_phone_calls": False, "no_contact": False, "only_shortlisted": False,
                 "response_window_business": False, "constraints_set": "",
                 "next_due_on": start + timedelta(i % 300 + 7), "version": 1,
                 "created_at": now, "updated_at": now}
                for i in batch
            ])
            ids = conn.execute(sa.select(apps.c.id).where(apps.c.id > first)).scalars().all()
            conn.execute(contacts.insert(), [
                {"application_id": i, "name": f"Recruiter {i}", "email": f"r{i}@jobs.example",
                 "role": "recruiter", "created_at": now, "updated_at": now}
                for i in ids[: len(batch)]
            ])
    engine.dispose()
    return int(user_id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--applications", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        began = time.perf_counter()
        user_id = build(url, args.applications)
        built = time.perf_counter() - began
        engine = sa.create_engine(url)
        tracemalloc.start()
        began = time.perf_counter()
        size = lines = 0
        for chunk in csv_lines(engine, user_id):
            size += len(chunk.encode())
            lines += chunk.count("\r\n")
        took = time.perf_counter() - began
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"applications: {args.applications:,} (built in {built:.1f} s)")
        print(f"export: {lines - 1:,} rows, {size / 2**20:.1f} MiB of CSV in {took:.1f} s "
              f"({EXPORT_BATCH} per query)")
        print(f"peak Python memory while exporting (tracemalloc): {peak / 2**20:.2f} MiB")
        print(f"max RSS of the process: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
