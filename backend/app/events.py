"""Domain events, held with the transaction that caused them: a low floor's outbox.

A service says what happened with one call, `events.emit(session, owner_id, type, data)`,
and knows nothing of who listens. The events wait in the session until the transaction
writes; an upper package (webhooks) registers `drain` on the session's flush and commit and
writes what they mean (deliveries) in that same transaction. A rollback forgets them, so a
write that did not happen announces nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session as OrmSession

from app.db import PerTransaction, utcnow

# The resource as the REST API shows it, or a function that builds it when someone listens
# (so a write with no subscriber pays nothing).
Data = dict[str, Any] | Callable[[], dict[str, Any]]


@dataclass
class Pending:
    """One event waiting for its transaction: whose, what, when, and the resource."""

    owner_id: int
    type: str
    data: Data
    occurred_at: datetime = field(default_factory=utcnow)

    def resource(self) -> dict[str, Any]:
        """The event's resource (built now when it was given as a function)."""
        return self.data() if callable(self.data) else self.data


# Emitted and not yet drained; events nobody drained (no listener in this process) go with
# the commit, and a rollback takes them back.
_PENDING: PerTransaction[list[Pending]] = PerTransaction("events.pending", list)


def emit(session: OrmSession, owner_id: int, type: str, data: Data) -> None:
    """Announce that something happened to an owner's data, in this session's transaction."""
    _PENDING.get(session).append(Pending(owner_id, type, data))


def drain(session: OrmSession) -> list[Pending]:
    """The events emitted since the last drain, oldest first (they are the caller's now)."""
    return _PENDING.take(session) or []
