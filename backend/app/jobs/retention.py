"""Retention: finished jobs are deleted after a while, so the queue table stays small.

Done jobs are kept TOUCHBASE_JOBS_KEEP_DONE_DAYS (7), failed ones
TOUCHBASE_JOBS_KEEP_FAILED_DAYS (30, to read what went wrong); pending and running jobs are
never deleted. Every worker prunes about once an hour, PRUNE_BATCH rows per statement and at
most PRUNE_MAX_PER_STEP per step, so one step never holds the table long; workers pruning at
once delete each row once. A job's key stops guarding against a second enqueue once the job
is deleted: the keys in use (a digest's user and day, a test email's minute) are long past
by then, and the digest's own delivery row keeps its day claimed for good.
"""

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from app.db import utcnow
from app.jobs import registry
from app.jobs.models import Job

PRUNE_SECONDS = 3600  # how often each worker prunes
PRUNE_BATCH = 1000  # rows one DELETE removes at most
PRUNE_MAX_PER_STEP = 20_000  # rows one step removes at most (the rest: next hour)


def _old(status: str, cutoff: datetime) -> sa.ColumnElement[bool]:
    # run_at <= finished_at for every finished job, so the (status, run_at) index finds them.
    return sa.and_(
        col(Job.status) == status, col(Job.run_at) < cutoff, col(Job.finished_at) < cutoff
    )


def prune(
    engine: Engine,
    now: datetime,
    *,
    keep_done_days: int,
    keep_failed_days: int,
    batch: int = PRUNE_BATCH,
    most: int = PRUNE_MAX_PER_STEP,
) -> int:
    """Delete done jobs finished over `keep_done_days` ago and failed ones over
    `keep_failed_days` ago, at most `most` rows in statements of `batch`; how many went."""
    old = sa.or_(
        _old("done", now - timedelta(days=keep_done_days)),
        _old("failed", now - timedelta(days=keep_failed_days)),
    )
    deleted = 0
    while deleted < most:
        ids = sa.select(col(Job.id)).where(old).limit(min(batch, most - deleted))
        with Session(engine) as session:
            result = session.execute(sa.delete(Job).where(col(Job.id).in_(ids.scalar_subquery())))
            session.commit()
        count = int(result.rowcount)  # type: ignore[attr-defined]
        deleted += count
        if count < batch:
            break
    return deleted


@registry.every(PRUNE_SECONDS, name="jobs.prune")
def _prune(ctx: registry.Context) -> None:
    prune(
        ctx.write_engine,
        utcnow(),
        keep_done_days=ctx.settings.jobs_keep_done_days,
        keep_failed_days=ctx.settings.jobs_keep_failed_days,
    )
