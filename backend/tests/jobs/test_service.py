"""The queue: enqueue in the caller's transaction, claims that never overlap, leases that run
out, retries with backoff, and the queue's figures; on both databases."""

import threading
from collections import Counter
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.config import Settings
from app.db import utcnow
from app.jobs import registry, service
from app.jobs.models import Job
from app.jobs.worker import Worker
from tests.factories import execute

KIND = "test.noop"


def _jobs(db: Session) -> list[Job]:
    db.rollback()  # a fresh snapshot (SQLite keeps a read transaction's view)
    db.expire_all()
    return list(db.exec(select(Job).order_by(Job.id)))  # type: ignore[arg-type]


def test_a_job_is_added_in_the_callers_transaction_and_a_rollback_adds_none(
    db: Session, engine: Engine
) -> None:
    service.enqueue(db, KIND, {"n": 1})
    db.rollback()
    assert _jobs(db) == []
    service.enqueue(db, KIND, {"n": 2})
    db.commit()
    [job] = _jobs(db)
    assert (job.kind, job.payload, job.status, job.attempts) == (KIND, {"n": 2}, "pending", 0)


def test_a_key_enqueues_once(db: Session) -> None:
    assert service.enqueue(db, KIND, {}, key="once")
    db.commit()
    assert not service.enqueue(db, KIND, {"other": True}, key="once")
    db.commit()
    assert [j.payload for j in _jobs(db)] == [{}]


def test_a_claim_leases_ready_jobs_oldest_first_and_not_future_ones(
    db: Session, engine: Engine
) -> None:
    service.enqueue(db, KIND, {"n": 1}, run_at=utcnow() - timedelta(minutes=2))
    service.enqueue(db, KIND, {"n": 2}, run_at=utcnow() - timedelta(minutes=5))
    service.enqueue(db, KIND, {"n": 3}, run_at=utcnow() + timedelta(hours=1))
    service.enqueue(db, "other.kind", {"n": 4})
    db.commit()
    claimed = service.claim(engine, "w1", [KIND], limit=10)
    assert [j.payload["n"] for j in claimed] == [2, 1]
    assert all(j.status == "running" and j.locked_by == "w1" and j.attempts == 1 for j in claimed)
    assert service.claim(engine, "w2", [KIND]) == []  # leased to w1


def test_two_workers_claiming_at_once_never_take_the_same_job(db: Session, engine: Engine) -> None:
    for n in range(120):
        service.enqueue(db, KIND, {"n": n})
    db.commit()
    taken: list[int] = []
    start = threading.Barrier(4)

    def work(name: str) -> None:
        start.wait()
        while batch := service.claim(engine, name, [KIND], limit=3):
            taken.extend(j.id for j in batch if j.id is not None)
            for job in batch:
                assert service.complete(engine, job, name)

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(taken) == 120 and Counter(taken).most_common(1)[0][1] == 1
    assert Counter(j.status for j in _jobs(db)) == {"done": 120}


def test_a_job_whose_lease_ran_out_is_taken_again_and_the_first_worker_cannot_finish_it(
    db: Session, engine: Engine
) -> None:
    service.enqueue(db, KIND, {})
    db.commit()
    [first] = service.claim(engine, "stuck", [KIND], lease_seconds=-1)  # died holding it
    [again] = service.claim(engine, "alive", [KIND])
    assert again.id == first.id and again.attempts == 2
    assert not service.complete(engine, first, "stuck")
    assert service.complete(engine, again, "alive")
    assert [j.status for j in _jobs(db)] == ["done"]


def test_the_last_attempts_lease_running_out_fails_the_job(db: Session, engine: Engine) -> None:
    service.enqueue(db, KIND, {}, max_attempts=1)
    db.commit()
    service.claim(engine, "stuck", [KIND], lease_seconds=-1)
    assert service.claim(engine, "next", [KIND]) == []
    [job] = _jobs(db)
    assert job.status == "failed" and "lease" in (job.last_error or "")


def test_a_failed_attempt_waits_with_exponential_backoff_then_fails_for_good(
    db: Session, engine: Engine
) -> None:
    assert [service.backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert service.backoff(100).total_seconds() == service.BACKOFF_MAX_SECONDS
    service.enqueue(db, KIND, {}, max_attempts=2)
    db.commit()
    [job] = service.claim(engine, "w", [KIND])
    before = utcnow()
    assert service.fail(engine, job, "w", "boom") == "pending"
    [waiting] = _jobs(db)
    assert waiting.last_error == "boom" and waiting.locked_by is None
    assert timedelta(seconds=29) < waiting.run_at - before < timedelta(seconds=31)
    assert service.claim(engine, "w", [KIND]) == []  # not before its time
    execute(engine, sa.update(Job).values(run_at=utcnow()))  # the wait is over
    [job] = service.claim(engine, "w", [KIND])
    assert job.attempts == 2
    assert service.fail(engine, job, "w", "boom again") == "failed"
    assert _jobs(db)[0].finished_at is not None


def test_the_worker_runs_handlers_retries_errors_and_gives_up_when_told(
    db: Session, engine: Engine, settings: Settings
) -> None:
    seen: list[object] = []

    @registry.register("test.ok")
    def ok(ctx: registry.Context) -> None:
        seen.append(ctx.payload["n"])

    @registry.register("test.flaky")
    def flaky(ctx: registry.Context) -> None:
        raise RuntimeError("not yet")

    @registry.register("test.hopeless")
    def hopeless(ctx: registry.Context) -> None:
        raise registry.GiveUp("never")

    try:
        service.enqueue(db, "test.ok", {"n": 7})
        service.enqueue(db, "test.flaky", {})
        service.enqueue(db, "test.hopeless", {})
        db.commit()
        assert Worker(engine, settings).drain() == 3
    finally:
        for kind in ("test.ok", "test.flaky", "test.hopeless"):
            registry.HANDLERS.pop(kind)
    assert seen == [7]
    by_kind = {j.kind: j for j in _jobs(db)}
    assert by_kind["test.ok"].status == "done"
    assert by_kind["test.flaky"].status == "pending"
    assert by_kind["test.flaky"].last_error == "RuntimeError: not yet"
    assert (by_kind["test.hopeless"].status, by_kind["test.hopeless"].last_error) == (
        "failed",
        "never",
    )


def test_one_handler_per_kind() -> None:
    registry.register("test.twice")(lambda ctx: None)
    try:
        with pytest.raises(ValueError, match="already has a handler"):
            registry.register("test.twice")(lambda ctx: None)
    finally:
        registry.HANDLERS.pop("test.twice")


def test_the_queue_figures_count_statuses_and_the_oldest_ready_age(
    db: Session, engine: Engine
) -> None:
    assert service.stats(db) == {
        "pending": 0,
        "running": 0,
        "done": 0,
        "failed": 0,
        "oldest_ready_age_seconds": None,
    }
    service.enqueue(db, KIND, {}, run_at=utcnow() - timedelta(minutes=10))
    service.enqueue(db, KIND, {}, run_at=utcnow() + timedelta(minutes=10))
    db.commit()
    figures = service.stats(db)
    assert (figures["pending"], figures["running"]) == (2, 0)
    assert 595 < figures["oldest_ready_age_seconds"] < 700
