"""Retention and leases: old finished jobs are deleted (bounded), live ones never; a job of a
claimed batch renews its lease before it runs, and one lost to another worker is not run."""

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.config import Settings
from app.db import utcnow, writer
from app.jobs import registry, retention, service
from app.jobs.models import Job
from app.jobs.worker import Worker
from tests.factories import execute


def _job(engine: Engine, status: str, days_ago: float, n: int) -> None:
    at = utcnow() - timedelta(days=days_ago)
    finished = at if status in ("done", "failed") else None
    values = {
        "kind": "test.old",
        "payload": {"n": n},
        "status": status,
        "run_at": at,
        "attempts": 1,
        "max_attempts": 5,
        "created_at": at,
        "finished_at": finished,
    }
    execute(engine, sa.insert(Job).values(values))


def _left(db: Session) -> list[int]:
    db.rollback()
    return sorted(j.payload["n"] for j in db.exec(select(Job)))


def test_done_jobs_go_after_a_week_failed_after_a_month_and_live_ones_stay(
    db: Session, engine: Engine
) -> None:
    for n, (status, days) in enumerate(
        [("done", 8), ("done", 6), ("failed", 31), ("failed", 8), ("pending", 90), ("running", 90)]
    ):
        _job(engine, status, days, n)
    settings = Settings()
    assert (settings.jobs_keep_done_days, settings.jobs_keep_failed_days) == (7, 30)
    gone = retention.prune(writer(engine), utcnow(), keep_done_days=7, keep_failed_days=30)
    assert gone == 2
    assert _left(db) == [1, 3, 4, 5]
    assert retention.prune(writer(engine), utcnow(), keep_done_days=1, keep_failed_days=1) == 2
    assert _left(db) == [4, 5]  # pending and running jobs are never pruned, however old


def test_one_prune_step_deletes_at_most_its_bound_in_batches(db: Session, engine: Engine) -> None:
    for n in range(7):
        _job(engine, "done", 10, n)
    kept = {"keep_done_days": 7, "keep_failed_days": 30}
    assert retention.prune(writer(engine), utcnow(), batch=2, most=5, **kept) == 5
    assert len(_left(db)) == 2
    assert retention.prune(writer(engine), utcnow(), batch=2, most=5, **kept) == 2
    assert _left(db) == []


def test_every_worker_prunes_with_the_settings_retention(
    db: Session, engine: Engine, settings: Settings
) -> None:
    assert registry.PERIODIC["jobs.prune"][0] == retention.PRUNE_SECONDS
    _job(engine, "done", 3, 0)
    _job(engine, "done", 1, 1)
    short = settings.model_copy(update={"jobs_keep_done_days": 2})
    Worker(engine, short).run_periodic(force=True)
    assert _left(db) == [1]


def test_a_job_starting_late_in_its_batch_lease_renews_it_first(
    db: Session, engine: Engine, settings: Settings
) -> None:
    leases: list[datetime | None] = []

    @registry.register("test.lease")
    def record(ctx: registry.Context) -> None:
        with Session(ctx.engine) as s:
            leases.append(s.get_one(Job, ctx.job.id).lease_until)  # type: ignore[union-attr]

    try:
        service.enqueue(db, "test.lease", {})
        db.commit()
        [job] = service.claim(engine, "w1", ["test.lease"], lease_seconds=10)  # nearly spent
        assert Worker(engine, settings, worker_id="w1").run_job(job) == "done"
        [lease] = leases
        assert lease is not None and lease > utcnow() + timedelta(seconds=200)
    finally:
        registry.HANDLERS.pop("test.lease")


def test_a_job_whose_lease_went_to_another_worker_is_not_run_by_the_first(
    db: Session, engine: Engine, settings: Settings
) -> None:
    ran: list[str] = []

    @registry.register("test.taken")
    def record(ctx: registry.Context) -> None:
        ran.append(ctx.worker_id)

    try:
        service.enqueue(db, "test.taken", {})
        db.commit()
        [first] = service.claim(engine, "w1", ["test.taken"], lease_seconds=-1)
        [second] = service.claim(engine, "w2", ["test.taken"])  # the lease ran out: w2's now
        assert Worker(engine, settings, worker_id="w1").run_job(first) == ""
        assert ran == []
        assert Worker(engine, settings, worker_id="w2").run_job(second) == "done"
        assert ran == ["w2"]
    finally:
        registry.HANDLERS.pop("test.taken")
