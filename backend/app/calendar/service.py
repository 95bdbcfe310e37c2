"""The private calendar feed: every upcoming follow-up and open post-rejection ask, as iCalendar.

The feed URL carries a secret (a capability: whoever has the URL can read the feed), so the
.ics route (calendar.router) takes no other authentication. Rotating the secret kills the
old URL at once.
"""

import secrets
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from icalendar import Calendar
from icalendar import Event as CalendarEvent
from sqlalchemy import event
from sqlmodel import Session, SQLModel, col, select

from app.applications.models import Application, Contact
from app.auth.models import User
from app.db import lock_key, utcnow
from app.followups import policy as engine
from app.followups.models import CalendarFeed, Policy
from app.followups.plans import FACT_COLUMNS, facts_of, settings_of, timelines_of
from app.vocabulary import ASK_LABELS

# A feed holds at most this many applications: those with the latest due dates.
MAX_FEED_APPLICATIONS = 1000
FEED_STATES = ("waiting", "due", "post_rejection")
# What each event is called in a calendar, and the step part of its UID.
_COLUMNS = (
    col(Application.id),
    col(Application.company),
    col(Application.position),
    col(Application.applied_on),
    col(Application.status),
    col(Application.archived),
    col(Application.no_phone_calls),
    col(Application.no_contact),
    col(Application.only_shortlisted),
    col(Application.response_expected_on),
    col(Application.closes_on),
    col(Application.policy_id),
    *(col(getattr(Application, name)) for name in FACT_COLUMNS),
)


class CalendarFeedPublic(SQLModel):
    """The private feed URL to subscribe to in a calendar app; keep it secret."""

    url: str
    created_at: datetime  # when this URL was issued: with the account, or the last rotation


def public(feed: CalendarFeed, public_url: str) -> CalendarFeedPublic:
    """The feed as the API shows it: its URL under `public_url`."""
    url = f"{public_url.rstrip('/')}/api/v1/calendar/{feed.secret}.ics"
    return CalendarFeedPublic(url=url, created_at=feed.created_at)


def _feed_of(session: Session, user_id: int) -> CalendarFeed | None:
    return session.exec(select(CalendarFeed).where(CalendarFeed.user_id == user_id)).first()


def new_secret() -> str:
    """A feed secret: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


@event.listens_for(User, "after_insert")
def _create_feed(_mapper: Any, connection: sa.Connection, user: User) -> None:
    """Every account gets its feed in the same insert, so showing it never writes."""
    connection.execute(
        sa.insert(CalendarFeed).values(user_id=user.id, secret=new_secret(), created_at=utcnow())
    )


def get(session: Session, user: User) -> CalendarFeed:
    """The user's feed (made with the account, or by the migration for older accounts)."""
    assert user.id is not None
    feed = _feed_of(session, user.id)
    if feed is None:
        raise LookupError(f"user {user.id} has no calendar feed")
    return feed


def rotate(session: Session, user: User) -> CalendarFeed:
    """Give the user's feed a new secret; the old URL stops working at once."""
    lock_key(session, f"calendar:{user.id}")  # two rotations at once: the last one's URL holds
    feed = get(session, user)
    feed.secret = new_secret()
    feed.created_at = utcnow()
    session.add(feed)
    session.commit()
    return feed


def _plans(session: Session, user_id: int, today: date) -> list[tuple[Any, engine.Plan]]:
    """The plans of the user's scheduled applications, from five queries in all."""
    rows = session.execute(
        sa.select(*_COLUMNS)
        .where(col(Application.owner_id) == user_id, col(Application.next_due_on).is_not(None))
        .where(col(Application.deleted_at).is_(None))
        .order_by(col(Application.next_due_on).desc(), col(Application.id).desc())
        .limit(MAX_FEED_APPLICATIONS)
    ).all()
    if not rows:
        return []
    ids = [r.id for r in rows]
    events = timelines_of(session, ids)
    contacts: dict[int, list[Any]] = defaultdict(list)  # plain rows: all facts_of reads
    for contact in session.execute(
        sa.select(col(Contact.application_id), col(Contact.email), col(Contact.phone)).where(
            col(Contact.application_id).in_(ids)
        )
    ):
        contacts[contact.application_id].append(contact)
    policies = list(session.exec(select(Policy).where(Policy.owner_id == user_id)))
    by_id = {p.id: settings_of(p) for p in policies}
    default = next((settings_of(p) for p in policies if p.is_default), engine.PolicySettings())
    out = []
    for r in rows:
        facts = facts_of(r, contacts.get(r.id, ()))  # a row reads like an Application
        settings = by_id.get(r.policy_id, default)
        out.append((r, engine.plan(facts, events.get(r.id, []), settings, today)))
    return out


def _entries(plan: engine.Plan) -> list[tuple[str, str, date, str]]:
    """(UID step, title, date, first line) of each calendar entry a plan makes."""
    if plan.state in ("waiting", "due") and plan.due_on is not None:
        step = next((s for s in plan.next_steps if s.due_on is not None), None)
        label = step.label if step else "Follow up"
        return [(f"follow-up-{plan.follow_ups_sent + 1}", "Follow up", plan.due_on, label)]
    if plan.state == "post_rejection":
        return [
            (s.action.replace("_", "-"), ASK_LABELS[s.action], s.due_on, s.label)
            for s in plan.next_steps
            if s.action in ASK_LABELS and s.due_on is not None
        ]
    return []


def build_calendar(session: Session, user_id: int, today: date, public_url: str) -> bytes:
    """The user's feed as an RFC 5545 document: one all-day event per follow-up or ask."""
    cal = Calendar()
    cal.add("prodid", "-//Touchbase//Follow-ups//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Touchbase follow-ups")
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    stamp = datetime.now(UTC).replace(microsecond=0)
    link = public_url.rstrip("/") + "/"
    for row, plan in _plans(session, user_id, today):
        if plan.state not in FEED_STATES:
            continue
        reasons = "\n".join(r.message for r in plan.reasons)
        for step, title, day, label in _entries(plan):
            event = CalendarEvent()
            event.add("uid", f"application-{row.id}-{step}@touchbase")
            event.add("dtstamp", stamp)
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            event.add("summary", f"{title}: {row.position} at {row.company}")
            event.add("description", f"{label}\n\n{reasons}")
            event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
            event.add("url", link)
            cal.add_component(event)
    ical: bytes = cal.to_ical()  # icalendar leaves to_ical() unannotated
    return ical
