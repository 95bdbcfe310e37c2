"""Job kinds and periodic steps, registered by the packages that own them (jobs imports none).

    from app.jobs import registry

    @registry.register("mail.send")
    def send(ctx: registry.Context) -> None: ...      # ctx.job.payload, ctx.settings, ...

    @registry.every(60)
    def scan(ctx: registry.Context) -> None: ...      # each worker, about once a minute

A handler that returns has done the job; one that raises has failed this attempt (retried
with backoff); `RetryLater(seconds)` picks the delay, `GiveUp(reason)` fails it for good.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine

from app.config import Settings
from app.jobs.models import Job


@dataclass(frozen=True)
class Context:
    """What a handler gets: the job (None for a periodic step), the engines and settings."""

    job: Job | None
    engine: Engine  # reads
    write_engine: Engine  # transactions that write (BEGIN IMMEDIATE on SQLite)
    settings: Settings
    worker_id: str

    @property
    def payload(self) -> dict[str, Any]:
        """The job's payload (empty for a periodic step)."""
        return self.job.payload if self.job is not None else {}


class RetryLater(Exception):  # noqa: N818  (a signal, not an error)
    """Raise from a handler to try again after `seconds` (counts as an attempt)."""

    def __init__(self, reason: str, seconds: float) -> None:
        super().__init__(reason)
        self.seconds = seconds


class GiveUp(Exception):  # noqa: N818
    """Raise from a handler when trying again cannot help: the job is failed now."""


Handler = Callable[[Context], None]

HANDLERS: dict[str, Handler] = {}
PERIODIC: dict[str, tuple[float, Handler]] = {}


def register(kind: str) -> Callable[[Handler], Handler]:
    """Make `fn` the handler of jobs of `kind` (one handler per kind)."""

    def add(fn: Handler) -> Handler:
        if HANDLERS.get(kind, fn) is not fn:
            raise ValueError(f"job kind {kind!r} already has a handler")
        HANDLERS[kind] = fn
        return fn

    return add


def every(seconds: float, name: str | None = None) -> Callable[[Handler], Handler]:
    """Run `fn` in each worker about every `seconds` (it must be safe to run on many at once)."""

    def add(fn: Handler) -> Handler:
        PERIODIC[name or f"{fn.__module__}.{fn.__qualname__}"] = (seconds, fn)
        return fn

    return add
