"""Today: the due list as an inbox, in one answer, and what its actions write.

Every scheduled application of a user falls in one group by its stored dates alone
(applications.next_due_on, window_closes_on) and the day: waiting (due after it), past the
window (closed before it; imported applications apart, so an import does not flood Today),
closing soon (open, closing within CLOSING_SOON_DAYS) or due now.
A snoozed one (models.Snooze, until after the day) is in none: a snooze changes the listing,
never the plan. One grouped count and one keyset page per group make the page, with each
item's plan from the stored plans (due.plans_of_rows), however many applications there are.
"""

import functools
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from app.applications import service as applications
from app.applications.models import Application
from app.auth.models import User
from app.db import utcnow
from app.errors import field_error
from app.followups import due
from app.followups.models import (
    ARCHIVE_AT_ONCE,
    CLOSING_SOON_DAYS,
    MAX_SNOOZE_DAYS,
    TODAY_GROUPS,
    Snooze,
    StoredPlan,
    TodayGroupKey,
)
from app.pagination import decode_cursor, encode_cursor, invalid_cursor

_DUE_ON, _CLOSES = col(Application.next_due_on), col(Application.window_closes_on)
_KEY, _UNTIL = col(Application.id), col(Snooze.until)
_IMPORTED = col(Application.imported_at).is_not(None)
_ON = sa.bindparam("on", type_=sa.Date)
_SOON = sa.bindparam("soon_by", type_=sa.Date)  # the first day a window is not closing soon
_OWNER = sa.bindparam("owner_id", type_=sa.Integer)

# A user's applications with something scheduled, not archived, and snoozes joined.
_SCHEDULED = [
    col(Application.owner_id) == _OWNER,
    _DUE_ON.is_not(None),
    ~col(Application.archived),
    applications.live(),
]
_SNOOZE_JOIN = (Snooze, col(Snooze.application_id) == _KEY)
_NOT_SNOOZED = sa.or_(_UNTIL.is_(None), _UNTIL <= _ON)

# Each group: its condition (besides _SCHEDULED and _NOT_SNOOZED) and its order, soonest
# first: the day that decides (due for waiting, the window's end otherwise), then the id.
_GROUPS: dict[str, tuple[Any, Any, bool]] = {
    "waiting": (_DUE_ON > _ON, _DUE_ON, False),
    "past_window": (sa.and_(_CLOSES < _ON, ~_IMPORTED), _CLOSES, True),  # latest missed first
    "imported_past_window": (sa.and_(_CLOSES < _ON, _IMPORTED), _CLOSES, True),
    "closing_soon": (sa.and_(_DUE_ON <= _ON, _CLOSES >= _ON, _CLOSES < _SOON), _CLOSES, False),
    "due_now": (sa.and_(_DUE_ON <= _ON, _CLOSES >= _SOON), _CLOSES, False),
}

_GROUP = sa.case(
    (_UNTIL > _ON, "snoozed"),
    *((condition, key) for key, (condition, _, _) in _GROUPS.items()),
    else_="none",  # due after its window closes: no such stored dates
).label("grp")
# Grouped in a subquery: PostgreSQL does not see a CASE with parameters in GROUP BY as the
# same expression as in the select list.
_INNER = (
    sa.select(_GROUP, _DUE_ON.label("due"), _UNTIL.label("until"))
    .select_from(Application)
    .outerjoin(*_SNOOZE_JOIN)
    .where(*_SCHEDULED)
    .subquery()
)
_COUNTS = sa.select(
    _INNER.c.grp, sa.func.count(), sa.func.min(_INNER.c.due), sa.func.min(_INNER.c.until)
).group_by(_INNER.c.grp)


def _params(user: User, on: date) -> dict[str, Any]:
    return {"owner_id": user.id, "on": on, "soon_by": on + timedelta(days=CLOSING_SOON_DAYS)}


def counts(session: Session, user: User, on: date) -> dict[str, Any]:
    """How many applications each group holds on `on`, and when the next falls due (TodayCounts)."""
    found = {key: (0, None, None) for key in (*TODAY_GROUPS, "snoozed")}
    for key, number, first_due, first_until in session.connection().execute(
        _COUNTS, _params(user, on)
    ):
        found[key] = (number, first_due, first_until)
    return {
        **{key: number for key, (number, _, _) in found.items() if key != "none"},
        "next_due_on": found["waiting"][1],
        "next_snooze_ends_on": found["snoozed"][2],
    }


@functools.cache
def _page_query(key: str, after: bool) -> sa.Select[Any]:
    """One group's page, built once per shape (its parameters: _params, limit, after_*)."""
    condition, day, descending = _GROUPS[key]
    query = (
        sa.select(*due.DUE_COLUMNS, *due.STORED_COLUMNS, *due.FACT_ROW_COLUMNS)
        .outerjoin(StoredPlan, col(StoredPlan.application_id) == _KEY)
        .outerjoin(*_SNOOZE_JOIN)
        .where(*_SCHEDULED, _NOT_SNOOZED, condition)
    )
    if after:  # the keyset cursor: after (day, id) of the last row shown
        last_day = sa.bindparam("after_day", type_=sa.Date)
        last_id = sa.bindparam("after_id", type_=sa.Integer)
        if descending:
            later = sa.or_(day < last_day, sa.and_(day == last_day, last_id > _KEY))
        else:
            later = sa.or_(day > last_day, sa.and_(day == last_day, last_id < _KEY))
        query = query.where(later)
    order = (day.desc(), _KEY.desc()) if descending else (day, _KEY)
    return query.order_by(*order).limit(sa.bindparam("limit"))


def _decode(cursor: str) -> tuple[str, date, int]:
    marker, key, day, last_id = decode_cursor(cursor, 4)
    try:
        if marker != "today" or key not in _GROUPS or not isinstance(last_id, int):
            raise ValueError("not a Today cursor")
        return key, date.fromisoformat(day), last_id
    except (ValueError, TypeError):
        raise invalid_cursor() from None


def page(
    session: Session,
    user: User,
    *,
    on: date,
    limit: int,
    group: TodayGroupKey | None,
    cursor: str | None,
) -> dict[str, Any]:
    """Today on `on` as TodayPage JSON for orjson: the counts and `limit` items of each group
    (of `group` only, or of the cursor's group after the cursor)."""
    after = _decode(cursor) if cursor else None
    if after is not None and group is not None and after[0] != group:
        raise invalid_cursor()
    keys = [after[0]] if after else [group] if group else list(TODAY_GROUPS)
    numbers = counts(session, user, on)
    params = {**_params(user, on), "limit": limit + 1}
    if after is not None:
        params["after_day"], params["after_id"] = after[1], after[2]
    pages = {}
    for key in keys:
        rows = session.connection().execute(_page_query(key, after is not None), params).all()
        next_cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            day = rows[-1].next_due_on if key == "waiting" else rows[-1].window_closes_on
            next_cursor = encode_cursor(["today", key, day, rows[-1].id])
        pages[key] = rows, next_cursor
    shown = [r for rows, _ in pages.values() for r in rows]
    plans = due.plans_of_rows(session.connection(), user.id, shown, on)  # type: ignore[arg-type]
    groups = [
        {
            "key": key,
            "count": numbers[key],
            "items": [due.item_of(r, plans[r.id][1]) for r in rows],
            "next_cursor": next_cursor,
        }
        for key, (rows, next_cursor) in pages.items()
    ]
    return {"on": on, "closing_soon_days": CLOSING_SOON_DAYS, "counts": numbers, "groups": groups}


# --- the inbox's actions --------------------------------------------------------------------


def snooze(session: Session, app: Application, until: date, today: date) -> Snooze:
    """Leave the application off Today until `until` (after today, within MAX_SNOOZE_DAYS)."""
    if until <= today:
        detail = f"A snooze ends after your today ({today.isoformat()}); pick a later day."
        raise field_error("until", "must be after today", detail, "snooze-not-in-future")
    if until > today + timedelta(days=MAX_SNOOZE_DAYS):
        detail = f"A snooze ends at most {MAX_SNOOZE_DAYS} days from today; pick an earlier day."
        raise field_error("until", "too far ahead", detail, "snooze-too-far")
    app = applications.lock(session, app)  # one writer per application: no racing inserts
    row = session.get(Snooze, app.id)
    if row is None:
        row = Snooze(application_id=app.id, until=until)  # type: ignore[arg-type]
    else:
        row.until, row.created_at = until, utcnow()
    session.add(row)
    session.commit()
    return row


def unsnooze(session: Session, app: Application) -> None:
    """Bring the application back to Today now (nothing to do when it is not snoozed)."""
    app = applications.lock(session, app)
    session.execute(sa.delete(Snooze).where(col(Snooze.application_id) == app.id))
    session.commit()


def _archive(session: Session, apps: list[Application], archived: bool) -> list[int]:
    for app in apps:  # as applications.service.update does: a new version, the plan follows
        app.archived, app.updated_at, app.version = archived, utcnow(), app.version + 1
        session.add(app)
    ids = [app.id for app in apps if app.id is not None]
    session.commit()  # the flush stores their plans afresh (followups.plans)
    return ids


def archive_past_window(session: Session, user: User, today: date) -> tuple[list[int], int]:
    """Archive the caller's applications past their window on `today` (not snoozed ones), at
    most ARCHIVE_AT_ONCE: (their ids, how many are left). Calling again changes nothing new.

    The rows are locked, and PostgreSQL checks the filter again on a row another call
    archived meanwhile, so two concurrent calls never archive an application twice.
    """
    past = (
        select(Application)
        .outerjoin(*_SNOOZE_JOIN)
        .where(*_SCHEDULED, _NOT_SNOOZED, _CLOSES < _ON)  # imported or not
        .params(_params(user, today))
        .order_by(_KEY)
        .with_for_update(of=Application)
        .execution_options(populate_existing=True)
    )
    archived = _archive(session, list(session.exec(past.limit(ARCHIVE_AT_ONCE))), True)
    left = counts(session, user, today)
    return archived, left["past_window"] + left["imported_past_window"]


def unarchive(session: Session, user: User, ids: list[int]) -> list[int]:
    """Take the caller's archived applications among `ids` out of the archive; their ids."""
    query = (
        select(Application)
        .where(Application.owner_id == user.id, col(Application.archived), _KEY.in_(set(ids)))
        .where(applications.live())
        .order_by(_KEY)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return _archive(session, list(session.exec(query)), False)
