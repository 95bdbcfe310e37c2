"""The queue's operations: enqueue in the caller's transaction, claim with a lease, finish.

Claiming is one UPDATE of the oldest ready rows chosen by a sub-select: on PostgreSQL the
sub-select takes `FOR UPDATE SKIP LOCKED`, so concurrent workers pass over each other's rows
and never take the same job; on SQLite the claim runs in a BEGIN IMMEDIATE transaction
(db.writer), which holds the one write lock. A claim leases each row for LEASE_SECONDS: a
worker that dies holding it leaves the row to be taken again once the lease has passed.
complete/fail name the worker and the attempt, so a worker whose lease was taken over
cannot finish the job that is now someone else's.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from app.db import utcnow, writer
from app.jobs.models import MAX_ERROR_LENGTH, Job

BATCH_SIZE = 10  # jobs one claim takes at most
LEASE_SECONDS = 300  # how long a claimed job is a worker's; then another may take it
MAX_ATTEMPTS = 5  # attempts of a job unless its enqueue says otherwise
BACKOFF_BASE_SECONDS = 30  # the wait after the first failed attempt; doubled after each
BACKOFF_MAX_SECONDS = 6 * 3600  # the longest wait between two attempts

_READY = sa.or_(
    sa.and_(col(Job.status) == "pending", col(Job.run_at) <= sa.bindparam("now")),
    sa.and_(
        col(Job.status) == "running",
        col(Job.lease_until) < sa.bindparam("now"),
        col(Job.attempts) < col(Job.max_attempts),
    ),
)


def enqueue(
    session: Session,
    kind: str,
    payload: dict[str, Any],
    *,
    run_at: datetime | None = None,
    key: str | None = None,
    max_attempts: int = MAX_ATTEMPTS,
) -> bool:
    """Add a job in the caller's transaction (the caller commits); False when a job with
    this `key` exists already (then nothing is added)."""
    values = {
        "kind": kind,
        "payload": payload,
        "key": key,
        "status": "pending",
        "run_at": run_at or utcnow(),
        "attempts": 0,
        "max_attempts": max_attempts,
        "created_at": utcnow(),
    }
    if key is None:
        session.execute(sa.insert(Job).values(values))
        return True
    dialect = session.get_bind().dialect.name
    insert = (postgresql if dialect == "postgresql" else sqlite).insert(Job).values(values)
    added = insert.on_conflict_do_nothing(index_elements=["key"]).returning(col(Job.id))
    return session.execute(added).scalar() is not None


def backoff(attempts: int) -> timedelta:
    """The wait before the next attempt after `attempts` failed ones."""
    seconds = BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, BACKOFF_MAX_SECONDS))


def claim(
    engine: Engine,
    worker_id: str,
    kinds: Iterable[str] | None = None,
    limit: int = BATCH_SIZE,
    *,
    lease_seconds: float = LEASE_SECONDS,
) -> list[Job]:
    """Lease up to `limit` ready jobs (of `kinds`, or any) to this worker, oldest first."""
    now = utcnow()
    ready = sa.select(col(Job.id)).where(_READY)
    if kinds is not None:
        ready = ready.where(col(Job.kind).in_(list(kinds)))
    ready = ready.order_by(col(Job.run_at), col(Job.id)).limit(limit)
    ready = ready.with_for_update(skip_locked=True)  # SQLite renders none: BEGIN IMMEDIATE
    with Session(writer(engine), expire_on_commit=False) as session:
        # A job whose last lease ran out after its last attempt is failed, not run again.
        session.execute(
            sa.update(Job)
            .where(
                col(Job.status) == "running",
                col(Job.lease_until) < now,
                col(Job.attempts) >= col(Job.max_attempts),
            )
            .values(status="failed", finished_at=now, last_error="the last attempt's lease ran out")
        )
        ids = list(session.execute(ready, {"now": now}).scalars())
        if not ids:
            session.commit()
            return []
        session.execute(
            sa.update(Job)
            .where(col(Job.id).in_(ids))
            .values(
                status="running",
                attempts=col(Job.attempts) + 1,
                lease_until=now + timedelta(seconds=lease_seconds),
                locked_by=worker_id,
            )
        )
        jobs = list(
            session.scalars(sa.select(Job).where(col(Job.id).in_(ids)).order_by(col(Job.run_at)))
        )
        session.commit()
    return jobs


def _mine(job: Job, worker_id: str) -> Any:
    return sa.and_(
        col(Job.id) == job.id,
        col(Job.status) == "running",
        col(Job.locked_by) == worker_id,
        col(Job.attempts) == job.attempts,
    )


def renew(engine: Engine, job: Job, worker_id: str, lease_seconds: float = LEASE_SECONDS) -> bool:
    """Lease the job for `lease_seconds` from now again; False when it is no longer this
    worker's (its lease ran out and another took it)."""
    lease = utcnow() + timedelta(seconds=lease_seconds)
    with Session(writer(engine)) as session:
        result = session.execute(
            sa.update(Job).where(_mine(job, worker_id)).values(lease_until=lease)
        )
        session.commit()
    if not result.rowcount:  # type: ignore[attr-defined]
        return False
    job.lease_until = lease
    return True


def complete(engine: Engine, job: Job, worker_id: str) -> bool:
    """Mark the job done; False when its lease was lost to another worker meanwhile."""
    with Session(writer(engine)) as session:
        result = session.execute(
            sa.update(Job)
            .where(_mine(job, worker_id))
            .values(status="done", finished_at=utcnow(), lease_until=None, last_error=None)
        )
        session.commit()
    return bool(result.rowcount)  # type: ignore[attr-defined]


def fail(
    engine: Engine,
    job: Job,
    worker_id: str,
    error: str,
    *,
    retry_in: float | None = None,
    final: bool = False,
) -> str:
    """Record a failed attempt: pending again after backoff (or `retry_in` seconds), or
    failed for good after max_attempts or when `final`. The job's new status ("" if the
    lease was lost)."""
    now = utcnow()
    final = final or job.attempts >= job.max_attempts
    delay = timedelta(seconds=retry_in) if retry_in is not None else backoff(job.attempts)
    values: dict[str, Any] = {"last_error": error[:MAX_ERROR_LENGTH], "lease_until": None}
    if final:
        values.update(status="failed", finished_at=now)
    else:
        values.update(status="pending", run_at=now + delay, locked_by=None)
    with Session(writer(engine)) as session:
        result = session.execute(sa.update(Job).where(_mine(job, worker_id)).values(values))
        session.commit()
    if not result.rowcount:  # type: ignore[attr-defined]
        return ""
    return str(values["status"])


def stats(session: Session) -> dict[str, Any]:
    """The queue at a glance: jobs per status, and the age in seconds of the oldest one
    waiting to run (pending and due, or running past its lease)."""
    now = utcnow()
    counts = dict.fromkeys(("pending", "running", "done", "failed"), 0)
    for status, number in session.execute(
        sa.select(col(Job.status), sa.func.count()).group_by(col(Job.status))
    ):
        counts[status] = number
    oldest = session.execute(
        sa.select(sa.func.min(col(Job.run_at))).where(_READY), {"now": now}
    ).scalar()
    if isinstance(oldest, str):  # SQLite's min() returns the stored text
        oldest = datetime.fromisoformat(oldest + "+00:00")
    age = round((now - oldest).total_seconds(), 1) if oldest is not None else None
    return {**counts, "oldest_ready_age_seconds": age}
