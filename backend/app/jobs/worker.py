"""The worker: run periodic steps when due, claim a batch of jobs, run each, repeat.

`python -m app.cli worker` runs one in the foreground (any number of them, on any number of
machines, share the queue); with SQLite the server runs one in a thread (run_in_thread).
"""

import logging
import os
import socket
import threading
import time
import uuid
from datetime import timedelta

from sqlalchemy.engine import Engine

from app.config import Settings
from app.db import utcnow, writer
from app.jobs import (
    registry,
    retention,  # noqa: F401  (registers the prune step)
    service,
)
from app.jobs.models import Job

POLL_SECONDS = 1.0  # how long an idle worker waits before it looks at the queue again
# A claimed batch shares one lease and runs one job after another: a job that starts with
# less than this left of it renews the lease first, so each job has at least this long.
RENEW_BELOW = timedelta(seconds=service.LEASE_SECONDS / 2)
log = logging.getLogger("touchbase.worker")


def new_worker_id() -> str:
    """A name for this worker: host, process and a random part (unique per worker)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Worker:
    """One worker: its id, the database and settings, and when its periodic steps last ran."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        *,
        worker_id: str | None = None,
        batch_size: int = service.BATCH_SIZE,
    ) -> None:
        self.engine = engine
        self.write_engine = writer(engine)
        self.settings = settings
        self.worker_id = worker_id or new_worker_id()
        self.batch_size = batch_size
        self._last_run: dict[str, float] = {}  # this worker's own timing, nothing shared

    def _context(self, job: Job | None) -> registry.Context:
        return registry.Context(
            job=job,
            engine=self.engine,
            write_engine=self.write_engine,
            settings=self.settings,
            worker_id=self.worker_id,
        )

    def run_periodic(self, *, force: bool = False) -> None:
        """Run each periodic step whose interval has passed (every one when `force`)."""
        now = time.monotonic()
        for name, (seconds, step) in list(registry.PERIODIC.items()):
            if not force and now - self._last_run.get(name, -seconds) < seconds:
                continue
            self._last_run[name] = now
            try:
                step(self._context(None))
            except Exception:
                log.exception("periodic step %s failed", name)

    def run_job(self, job: Job) -> str:
        """Run one claimed job and record how it went; its new status."""
        left = job.lease_until - utcnow() if job.lease_until is not None else timedelta(0)
        if left < RENEW_BELOW and not service.renew(self.engine, job, self.worker_id):
            log.warning("job %s (%s): its lease went to another worker", job.id, job.kind)
            return ""  # it is that worker's now: running it here could do it twice
        handler = registry.HANDLERS.get(job.kind)
        if handler is None:
            error = f"no handler for job kind {job.kind!r}"
            return service.fail(self.engine, job, self.worker_id, error, final=True)
        try:
            handler(self._context(job))
        except registry.GiveUp as e:
            return service.fail(self.engine, job, self.worker_id, str(e), final=True)
        except registry.RetryLater as e:
            return service.fail(self.engine, job, self.worker_id, str(e), retry_in=e.seconds)
        except Exception as e:
            log.warning("job %s (%s) attempt %s failed: %r", job.id, job.kind, job.attempts, e)
            return service.fail(self.engine, job, self.worker_id, f"{type(e).__name__}: {e}")
        return "done" if service.complete(self.engine, job, self.worker_id) else ""

    def run_once(self, *, force_periodic: bool = False) -> int:
        """One round: the periodic steps that are due, then one batch; how many jobs ran."""
        self.run_periodic(force=force_periodic)
        jobs = service.claim(self.engine, self.worker_id, registry.HANDLERS.keys(), self.batch_size)
        for job in jobs:
            self.run_job(job)
        return len(jobs)

    def drain(self) -> int:
        """Run the periodic steps once, then jobs until none is ready; how many ran."""
        ran = self.run_once(force_periodic=True)
        total = ran
        while ran:
            ran = self.run_once()
            total += ran
        return total

    def run(self, stop: threading.Event) -> None:
        """Work until `stop` is set; a database error is logged and the loop goes on."""
        log.info("worker %s started", self.worker_id)
        while not stop.is_set():
            try:
                ran = self.run_once()
            except Exception:
                log.exception("worker round failed")
                ran = 0
            if ran < self.batch_size:
                stop.wait(POLL_SECONDS)
        log.info("worker %s stopped", self.worker_id)


def run_in_thread(engine: Engine, settings: Settings) -> tuple[threading.Thread, threading.Event]:
    """Start a worker in a daemon thread (the embedded SQLite setup); set the event to stop."""
    stop = threading.Event()
    thread = threading.Thread(
        target=Worker(engine, settings).run, args=(stop,), name="touchbase-worker", daemon=True
    )
    thread.start()
    return thread, stop
