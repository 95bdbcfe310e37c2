"""The morning digest: a scheduler step in every worker, and the job that sends one digest.

Exactly one digest per user per local day: the scan claims the day by inserting the
(user_id, local_date) delivery row, whose primary key makes a second insert do nothing, and
enqueues the send job in the same transaction. So two workers scanning at once, a restart or
a scan that runs hours late claim each day once, and a day is the user's own (their time
zone's date, so a daylight-saving change moves nothing). The job sends only a claimed row and
marks it sent after the SMTP server accepted the message: a crash before that is retried (the
same Message-ID), a recorded success is never sent again. The day over before the job ran:
nothing is sent (expired).
"""

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from app.auth.models import User
from app.auth.service import today_for
from app.config import Settings
from app.db import utcnow
from app.jobs import registry, service
from app.mail import messages, outbox
from app.notifications import content, tokens
from app.notifications.models import DEFAULT_DIGEST_HOUR, DigestDelivery, NotificationSettings

KIND = "digest.send"
DIGEST_SCAN_SECONDS = 60  # how often each worker looks for users whose hour has come
DIGEST_CLAIMS_PER_TRANSACTION = 500  # delivery rows one scan transaction inserts at most
DIGEST_MAX_ATTEMPTS = 6  # SMTP retries of one digest (about half an hour with backoff)
NEWLY_PAST_MAX_DAYS = 7  # "just closed" looks back to the last digest, this far at most

_S = NotificationSettings


def digest_day(now: datetime, timezone: str, hour: int, weekdays_only: bool) -> date | None:
    """The local day whose digest is due at `now` (its hour has come), or None."""
    local = now.astimezone(ZoneInfo(timezone))
    if local.hour < hour or (weekdays_only and local.weekday() >= 5):
        return None
    return local.date()


def _candidates(session: Session, now: datetime) -> list[tuple[int, date]]:
    """(user, local day) of every user whose digest hour has come and whose day is unclaimed."""
    earliest = (now - timedelta(days=1)).date()  # no zone's today is before UTC's yesterday
    delivered = sa.and_(
        col(DigestDelivery.user_id) == col(User.id), col(DigestDelivery.local_date) >= earliest
    )
    query = (
        sa.select(
            col(User.id),
            col(User.timezone),
            sa.func.coalesce(col(_S.digest_hour), DEFAULT_DIGEST_HOUR),
            sa.func.coalesce(col(_S.weekdays_only), sa.true()),
            col(DigestDelivery.local_date),
        )
        .outerjoin(_S, col(_S.user_id) == col(User.id))
        .outerjoin(DigestDelivery, delivered)
        .where(sa.func.coalesce(col(_S.digest_enabled), sa.true()))
    )
    days: dict[int, date | None] = {}
    taken: set[tuple[int, date]] = set()
    for user_id, timezone, hour, weekdays_only, claimed in session.execute(query):
        if user_id not in days:
            days[user_id] = digest_day(now, timezone, hour, bool(weekdays_only))
        if claimed is not None:
            taken.add((user_id, claimed))
    return [(u, d) for u, d in days.items() if d is not None and (u, d) not in taken]


def _claim(session: Session, user_id: int, day: date) -> bool:
    """Insert the day's delivery row; False when it was claimed already."""
    dialect = session.get_bind().dialect.name
    values = {"user_id": user_id, "local_date": day, "status": "claimed", "claimed_at": utcnow()}
    insert = (postgresql if dialect == "postgresql" else sqlite).insert(DigestDelivery)
    added = (
        insert.values(values)
        .on_conflict_do_nothing(index_elements=["user_id", "local_date"])
        .returning(col(DigestDelivery.user_id))
    )
    return session.execute(added).scalar() is not None


def scan(
    engine: Engine, write_engine: Engine, settings: Settings, now: datetime | None = None
) -> int:
    """Claim the digest day of every user whose hour has come, enqueueing its send job; how
    many days this call claimed (mail off: none)."""
    if not settings.mail_enabled:
        return 0
    now = now or utcnow()
    with Session(engine) as session:
        found = _candidates(session, now)
    claimed = 0
    for start in range(0, len(found), DIGEST_CLAIMS_PER_TRANSACTION):
        with Session(write_engine) as session:
            for user_id, day in found[start : start + DIGEST_CLAIMS_PER_TRANSACTION]:
                if _claim(session, user_id, day):
                    payload = {"user_id": user_id, "on": day.isoformat()}
                    key = f"digest:{user_id}:{day.isoformat()}"
                    service.enqueue(
                        session, KIND, payload, key=key, max_attempts=DIGEST_MAX_ATTEMPTS
                    )
                    claimed += 1
            session.commit()
    return claimed


@registry.every(DIGEST_SCAN_SECONDS, name="digest.scan")
def _scan(ctx: registry.Context) -> None:
    scan(ctx.engine, ctx.write_engine, ctx.settings)


def _finish(engine: Engine, user_id: int, day: date, status: str, items: int = 0) -> None:
    """Move a claimed delivery row to its final status (only a claimed one)."""
    row = sa.and_(
        col(DigestDelivery.user_id) == user_id,
        col(DigestDelivery.local_date) == day,
        col(DigestDelivery.status) == "claimed",
    )
    values: dict[str, Any] = {"status": status, "items": items}
    if status == "sent":
        values["sent_at"] = utcnow()
    with Session(engine) as session:
        session.execute(sa.update(DigestDelivery).where(row).values(values))
        session.commit()


def _since(session: Session, user_id: int, day: date) -> date:
    """The first day whose closed windows are news: the day after the last digest day."""
    last = session.execute(
        sa.select(sa.func.max(col(DigestDelivery.local_date))).where(
            col(DigestDelivery.user_id) == user_id,
            col(DigestDelivery.local_date) < day,
            col(DigestDelivery.status).in_(["sent", "empty"]),
        )
    ).scalar()
    floor = day - timedelta(days=NEWLY_PAST_MAX_DAYS)
    return max(last + timedelta(days=1), floor) if last else day - timedelta(days=1)


def message_of(settings: Settings, user: User, digest: content.Digest) -> Any:
    """The digest email, with its unsubscribe link and headers and a Message-ID of its own
    day (a retried send is recognizably the same message)."""
    assert user.id is not None
    base = content.base_url(settings)
    unsubscribe = f"{base}/api/v1/unsubscribe/{tokens.sign(settings, user.id)}"
    links = {"today": f"{base}/#/today", "unsubscribe": unsubscribe}
    return messages.build(
        sender=settings.mail_from,
        to=user.email,
        subject=content.subject(digest),
        text=content.text(digest, user, links),
        html=content.html_body(digest, user, links),
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
        message_id=f"<digest.{user.id}.{digest.on.isoformat()}@touchbase>",
    )


@registry.register(KIND)
def send(ctx: registry.Context) -> None:
    """Send one claimed digest (a job of the scan's)."""
    user_id, day = int(ctx.payload["user_id"]), date.fromisoformat(ctx.payload["on"])
    with Session(ctx.engine) as session:
        row = session.get(DigestDelivery, (user_id, day))
        user = session.get(User, user_id)
        if row is None or user is None or row.status != "claimed":
            return  # sent (or judged) already, or the account is gone
        wanted = session.get(NotificationSettings, user_id)
        if wanted is not None and not wanted.digest_enabled:
            status = "off"
        elif today_for(user) > day:
            status = "expired"
        else:
            base = content.base_url(ctx.settings)
            digest = content.digest_of(session, user, day, _since(session, user_id, day), base)
            status = "empty" if digest is None else "send"
    if status != "send":
        _finish(ctx.write_engine, user_id, day, status)
        return
    assert digest is not None
    outbox.deliver(ctx.settings, message_of(ctx.settings, user, digest))
    _finish(ctx.write_engine, user_id, day, "sent", digest.items)
