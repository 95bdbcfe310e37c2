"""The board's status moves and the list's bulk actions: each writes what the timeline
implies, all of it or none of it, in one transaction (the stored plans follow on flush)."""

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from app.applications.models import (
    MAX_BULK_IDS,
    MAX_EVENTS,
    PURGE_AFTER_DAYS,
    Application,
    BulkRequest,
    Contact,
    Event,
)
from app.applications.service import (
    STATUS_OF_EVENT,
    _touch,
    add_event,
    check_if_match,
    live,
    lock,
)
from app.auth.models import User
from app.db import utcnow
from app.errors import Conflict, NotFound

# The event a move to each status records (applied: the applied event, when not applied yet).
EVENT_OF_STATUS = {status: kind for kind, status in STATUS_OF_EVENT.items()}
PURGE_AFTER = timedelta(days=PURGE_AFTER_DAYS)
PURGE_BATCH = 500  # applications per purge statement


def _status_setter(session: Session, app: Application) -> Event | None:
    """The latest timeline event that sets the status, if any."""
    return session.exec(
        select(Event)
        .where(Event.application_id == app.id, col(Event.kind).in_(STATUS_OF_EVENT))
        .order_by(col(Event.occurred_on).desc(), col(Event.id).desc())
        .limit(1)
    ).first()


def _kept_by(event: Event, app: Application, target: str) -> Conflict:
    return Conflict(
        f"Application {app.id} is {STATUS_OF_EVENT[event.kind]} because of the {event.kind} "
        f"event on {event.occurred_on.isoformat()}: delete that event from its timeline to move it "
        f"to {target}.",
        slug="status-follows-timeline",
    )


def move(session: Session, app: Application, target: str, on: date) -> Application:
    """Move a locked application to `target`, recording the event it implies (flushed, not
    committed). Already there: nothing changes. 409 when the timeline keeps another status."""
    if app.status == target:
        return app
    kind = EVENT_OF_STATUS.get(target)
    if kind is None and target == "applied" and app.applied_on is None:
        kind = "applied"
    if kind is not None:
        add_event(session, app, Event(application_id=app.id, kind=kind, occurred_on=on))  # type: ignore[arg-type]
    else:  # back to applied or saved: only over a status no event sets
        if (setter := _status_setter(session, app)) is not None:
            raise _kept_by(setter, app, target)
        if target == "saved" and app.applied_on is not None:
            raise Conflict(
                f"Application {app.id} was applied on {app.applied_on.isoformat()}: clear its "
                "applied date to move it back to saved.",
                slug="status-follows-timeline",
            )
        app.status = target
        _touch(app)
        session.add(app)
    session.flush()
    if app.status != target and (setter := _status_setter(session, app)) is not None:
        raise _kept_by(setter, app, target)  # a later event on the timeline wins
    return app


def move_status(
    session: Session, app: Application, target: str, on: date, if_match: str | None
) -> Application:
    """Move one application (the board's drag), if If-Match (when sent) names its version."""
    app = lock(session, app)
    check_if_match(app, if_match)
    move(session, app, target, on)
    session.commit()
    return app


def _move_many(session: Session, apps: list[Application], target: str, on: date) -> None:
    """move() for many locked applications, in one flush (so the plans are refreshed in one
    batch, not once per application) when the move records a status event."""
    movers = [a for a in apps if a.status != target]
    kind = EVENT_OF_STATUS.get(target)
    if kind is None or not movers:  # to applied or saved: each its own way
        for app in movers:
            move(session, app, target, on)
        return
    ids = [a.id for a in movers]
    counted = select(col(Event.application_id), func.count()).where(
        col(Event.application_id).in_(ids)
    )
    counts = dict(session.exec(counted.group_by(col(Event.application_id))).all())
    for app in movers:
        if counts.get(app.id or 0, 0) >= MAX_EVENTS:
            raise Conflict(
                f"Application {app.id} holds {MAX_EVENTS} events, the most it can.",
                slug="too-many-events",
            )
        session.add(Event(application_id=app.id, kind=kind, occurred_on=on))  # type: ignore[arg-type]
        app.status = target  # what the timeline gives unless a later event wins (checked)
        _touch(app)
        session.add(app)
    session.flush()  # one flush: the plans are refreshed in one batch
    for app in movers:
        setter = _status_setter(session, app)
        if setter is not None and STATUS_OF_EVENT[setter.kind] != target:
            raise _kept_by(setter, app, target)  # a later event on the timeline wins


def _lock_all(session: Session, user: User, ids: list[int], *, deleted: bool) -> list[Application]:
    """The caller's applications among `ids`, locked in id order (so two bulk requests never
    deadlock); 404 naming the ids that are not the caller's (live, or restorable, ones)."""
    wanted = sorted(set(ids))[:MAX_BULK_IDS]
    which = (
        sa.and_(
            col(Application.deleted_at).is_not(None),
            col(Application.deleted_at) > utcnow() - PURGE_AFTER,
        )
        if deleted
        else live()
    )
    query = (
        select(Application)
        .where(col(Application.owner_id) == user.id, col(Application.id).in_(wanted), which)
        .order_by(col(Application.id))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    apps = list(session.exec(query))
    if missing := sorted(set(wanted) - {a.id for a in apps}):
        shown = ", ".join(str(i) for i in missing[:10]) + (" ..." if len(missing) > 10 else "")
        what = "deleted application" if deleted else "application"
        raise NotFound(
            f"You have no {what} {shown}: nothing was changed.", slug="application-not-found"
        )
    return apps


def bulk(
    session: Session, user: User, data: BulkRequest, today: date
) -> tuple[list[int], datetime | None]:
    """Apply one action to the caller's applications among data.ids, all or none: their ids
    and, after a delete, until when they can be restored."""
    apps = _lock_all(session, user, data.ids, deleted=False)
    restore_until = None
    if data.action == "status":
        assert data.status is not None  # BulkRequest checks
        _move_many(session, apps, data.status, data.on or today)
    else:
        now = utcnow()
        for app in apps:
            if data.action == "delete":
                app.deleted_at = now
            else:
                app.archived = data.action == "archive"
            _touch(app)
            session.add(app)
        if data.action == "delete":
            restore_until = now + PURGE_AFTER
    ids = [a.id for a in apps if a.id is not None]
    session.commit()
    return ids, restore_until


def restore(session: Session, user: User, ids: list[int]) -> list[int]:
    """Bring back the caller's deleted applications among `ids` (all, or 404 and none)."""
    apps = _lock_all(session, user, ids, deleted=True)
    for app in apps:
        app.deleted_at = None
        _touch(app)
        session.add(app)
    restored = [a.id for a in apps if a.id is not None]
    session.commit()
    return restored


def purge_deleted(session: Session, now: datetime) -> int:
    """Delete for good the applications deleted more than PURGE_AFTER_DAYS before `now`."""
    query = select(col(Application.id)).where(col(Application.deleted_at) <= now - PURGE_AFTER)
    ids = list(session.exec(query))
    for start in range(0, len(ids), PURGE_BATCH):
        batch = ids[start : start + PURGE_BATCH]
        for table in (Contact, Event):
            session.execute(sa.delete(table).where(col(table.application_id).in_(batch)))
        session.execute(sa.delete(Application).where(col(Application.id).in_(batch)))
    session.commit()
    return len(ids)
