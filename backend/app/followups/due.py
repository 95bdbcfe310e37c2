"""The due list: a user's applications with their plans, soonest due first, a page at a time.

The stored dates (applications.next_due_on, window_closes_on) pick a page's rows through an
index, the stored plans (followups.stored) give each row's plan on the day asked about and
the stored summaries (applications.summaries) its application as the lists show it;
followups.plans and applications.summaries keep them current on every write.
"""

import functools
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import orjson
import sqlalchemy as sa
from sqlmodel import Session, col, select

from app.applications import service as applications
from app.applications import summaries
from app.applications.models import Application, ApplicationSummary
from app.db import CursorSelect
from app.followups import policy as engine
from app.followups import stored
from app.followups.models import DueState, Policy, StoredPlan
from app.followups.plans import (
    FACT_COLUMNS,
    contacts_of,
    facts_of,
    plan_json,
    settings_of,
    timelines_of,
)
from app.pagination import decode_cursor, encode_cursor, invalid_cursor

# window_closes_on - next_due_on is at most 90 business days: under 150 calendar days even in
# the countries with the most public holidays (tests/followups/test_service.py checks).
# This lower bound keeps the due query to a bounded stretch of the index, however many
# old applications a user keeps; window_closes_on is in the index, so rows that closed long
# ago are skipped without reading the table.
MAX_WINDOW_SPAN = timedelta(days=200)


def window_span(window_days: int, business_days: bool) -> timedelta:
    """The longest window_closes_on - next_due_on a policy with these settings can give.

    Counted in calendar days a window is exactly window_days long, so the due query reads
    that stretch of the index and no more; business days keep the bound for all countries.
    """
    return MAX_WINDOW_SPAN if business_days else timedelta(days=window_days)


def _decode(cursor: str) -> tuple[date, int]:
    marker, day, last_id = decode_cursor(cursor, 3)
    try:
        if marker != "due" or not isinstance(last_id, int) or not isinstance(day, str):
            raise ValueError("not a due-list cursor")
        return date.fromisoformat(day), last_id
    except ValueError:
        raise invalid_cursor() from None


def _due_conditions(until: bool, state: DueState | None) -> list[Any]:
    """The due list's filter on the parameters :on, :until and :recent (_due_params)."""
    due, closes = col(Application.next_due_on), col(Application.window_closes_on)
    on, last, recent = (sa.bindparam(name, type_=sa.Date) for name in ("on", "until", "recent"))
    bound = [due <= last] if until else []
    if state == "waiting":
        return [due > on, *bound]
    if state == "too_late":
        return [closes < on, *bound]
    # Open on `on`: falling due by `until` (or by `on`), the window not closed before `on`.
    window = [due <= last if until and state != "due" else due <= on, closes >= on, due >= recent]
    rejected = col(Application.status) == "rejected"
    if state == "due":
        return [*window, ~rejected]
    if state == "post_rejection":
        return [*window, rejected]
    return window


def _due_params(
    on: date, until: date | None, state: DueState | None, span: timedelta
) -> dict[str, Any]:
    by = until if until is not None and state != "due" else on
    return {"on": on, "until": until, "recent": min(on, by) - span}


_SPANS = CursorSelect(
    sa.select(col(Policy.window_days), col(Policy.business_days)).where(
        col(Policy.owner_id) == sa.bindparam("owner_id")
    )
)


def _longest_window(conn: sa.Connection, owner_id: int) -> timedelta:
    """The longest window any of the owner's policies gives (every stored date is under one)."""
    spans = _SPANS.rows(conn, {"owner_id": owner_id})
    return max((window_span(days, business) for days, business in spans), default=MAX_WINDOW_SPAN)


# The columns a due-list item shows, read as plain rows (ORM objects cost more than a page).
SUMMARY = tuple(ApplicationSummary.model_fields)
_ID = SUMMARY.index("id")
# The stored dates follow, unless the summary shows them already (it shows next_due_on).
_DUE_NAMES = (*SUMMARY, *(n for n in ("next_due_on", "window_closes_on") if n not in SUMMARY))
DUE_COLUMNS = [getattr(Application, name) for name in _DUE_NAMES]
_DUE_ON, _CLOSES_ON, _STORED = (
    _DUE_NAMES.index("next_due_on"),
    _DUE_NAMES.index("window_closes_on"),
    len(_DUE_NAMES),
)
# Labelled: applications have a version (their ETag's) too. The other states' changes are
# read only for the rows that need them.
STORED_COLUMNS = [
    col(StoredPlan.version).label("stored_version"),
    col(StoredPlan.state).label("stored_state"),
    col(StoredPlan.plan).label("stored_plan"),
    (col(StoredPlan.others).is_not(None)).label("stored_scheduled"),
]
FACT_ROW_COLUMNS = [getattr(Application, name) for name in FACT_COLUMNS]  # last: live plans
# Where a row read with DUE_COLUMNS, STORED_COLUMNS (and FACT_ROW_COLUMNS) keeps its id, its
# two dates and its stored plan's columns.
FULL_AT = (_ID, _DUE_ON, _CLOSES_ON, _STORED)
# The due list's own page: each row's stored summary (applications.summaries) beside its
# dates and stored plan; the facts of the rows whose plan is not stored are read by id.
PAGE_COLUMNS = [
    col(Application.id),
    col(Application.next_due_on),
    col(Application.window_closes_on),
    col(Application.summary_version),
    col(Application.summary),
]
PAGE_AT = (0, 1, 2, len(PAGE_COLUMNS))
_FACTS_OF = sa.select(*DUE_COLUMNS, *FACT_ROW_COLUMNS).where(
    col(Application.id).in_(sa.bindparam("ids", expanding=True))
)


def live_plans(
    session: Session, rows: Sequence[Any], governs: dict[int, Policy], on: date
) -> dict[int, tuple[str, dict[str, Any]]]:
    """(state, plan JSON) computed by the engine, for rows without a current stored plan."""
    ids: list[int] = [r.id for r in rows]
    timelines, contacts = timelines_of(session, ids), contacts_of(session, ids)
    settings = {p.id: settings_of(p) for p in governs.values()}
    plans = {}
    for r in rows:
        row = governs[r.id]
        facts = facts_of(r, contacts.get(r.id, ()))  # a row reads like an Application
        plan = engine.plan(facts, timelines.get(r.id, []), settings[row.id], on)
        plans[r.id] = plan.state, plan_json(plan, row)
    return plans


@functools.cache
def _due_query(until: bool, state: DueState | None, after: bool) -> CursorSelect:
    """The due list's query for one shape of request, built once (its parameters: page)."""
    due, key = col(Application.next_due_on), col(Application.id)
    query = (
        sa.select(*PAGE_COLUMNS, *STORED_COLUMNS)
        .outerjoin(StoredPlan, col(StoredPlan.application_id) == key)
        .where(col(Application.owner_id) == sa.bindparam("owner_id"), due.is_not(None))
        .where(col(Application.deleted_at).is_(None))  # (soft) deleted ones are gone
        .where(*_due_conditions(until, state))
    )
    if after:  # the keyset cursor: after (next_due_on, id) of the last row shown
        after_day = sa.bindparam("after_day", type_=sa.Date)
        later = sa.or_(due > after_day, sa.and_(due == after_day, key > sa.bindparam("after_id")))
        query = query.where(later)
    return CursorSelect(query.order_by(due, key).limit(sa.bindparam("limit")))


def stored_plans(
    conn: sa.Connection, rows: Sequence[Any], on: date, at: tuple[int, int, int, int] = FULL_AT
) -> dict[int, tuple[str, Any]]:
    """(state, plan JSON) on `on` of rows with a current stored plan (followups.stored); `at`:
    where the rows keep their id, dates and stored plan (FULL_AT, PAGE_AT)."""
    found: dict[int, tuple[str, str, str]] = {}  # id -> (state on `on`, stored state, plan)
    key, due, closes, kept = at
    for r in rows:  # unpacked by position: a row's attributes cost more, fifty times a page
        _, stored_state, plan, scheduled = r[kept : kept + 4]
        state = stored.state_on(stored_state, scheduled, r[due], r[closes], on)
        found[r[key]] = state, stored_state, plan
    others: dict[int, str | None] = {}
    if moved := [app_id for app_id, (state, was, _) in found.items() if state != was]:
        owner = col(StoredPlan.application_id)
        query = sa.select(owner, col(StoredPlan.others)).where(owner.in_(moved))
        others = {app_id: text for app_id, text in conn.execute(query)}
    return {
        key: (state, stored.plan_in(state, was, plan, others.get(key)))
        for key, (state, was, plan) in found.items()
    }


def page(
    conn: sa.Connection,
    owner_id: int,
    *,
    on: date,
    until: date | None,
    state: DueState | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of the owner's due list as DueItem JSON for orjson, soonest due first.

    The stored dates pick the rows and each row's stored plans give its plan on `on`
    (followups.stored: an orjson.Fragment on a due day), so no plan is computed; a row whose
    plans were stored by other code is computed afresh (its facts read by id). Each item's
    application is its stored summary, or read from its columns (applications.summary_items).
    With a state filter the dates pick the rows and the plan confirms the state, so a page
    can hold fewer than `limit` items (an application with a rejection on its timeline but
    another status) while next_cursor still leads on.
    """
    span = _longest_window(conn, owner_id)
    params = {"owner_id": owner_id, "limit": limit + 1, **_due_params(on, until, state, span)}
    if cursor:
        params["after_day"], params["after_id"] = _decode(cursor)
    query = _due_query(until is not None, state, bool(cursor))
    rows = query.rows(conn, params)  # the DBAPI cursor: no ORM, no result objects
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(["due", rows[-1].next_due_on, rows[-1].id])
    if not rows:
        return [], next_cursor
    if (served := _as_stored(rows, on, state)) is not None:
        return served, next_cursor
    current = [r for r in rows if r.stored_version == stored.VERSION]
    plans = stored_plans(conn, current, on, PAGE_AT)
    if len(plans) < len(rows):  # the facts of the rest, for the engine
        ids = [r.id for r in rows if r.id not in plans]
        plans.update(
            computed_plans(conn, owner_id, conn.execute(_FACTS_OF, {"ids": ids}).all(), on)
        )
    summaries = applications.summary_items(conn, rows)
    items = []
    for r, summary in zip(rows, summaries, strict=True):
        plan_state, plan = plans[r.id]
        if state is None or plan_state == state:
            items.append({"application": summary, "plan": plan})
    return items, next_cursor


def _as_stored(rows: Sequence[Any], on: date, state: DueState | None) -> list[Any] | None:
    """The page's items when every row's stored summary and stored plan are current and the
    plan on `on` is the stored one as it is (the usual page on a due day): each item one
    fragment of the two stored texts, no plan or summary looked at. None when any row needs
    more (page's way then serves them all)."""
    plans, summary = stored.VERSION, summaries.VERSION
    items = []
    for _, due_on, closes_on, summary_version, text, version, was, plan, scheduled in rows:
        if summary_version != summary or version != plans:
            return None
        if stored.state_on(was, scheduled, due_on, closes_on, on) != was:
            return None
        if state is None or was == state:
            items.append(orjson.Fragment(f'{{"application":{text},"plan":{plan}}}'))
    return items


def plans_of_rows(
    conn: sa.Connection, owner_id: int, rows: Sequence[Any], on: date
) -> dict[int, tuple[str, Any]]:
    """(state, plan JSON) on `on` of rows read with DUE_COLUMNS, STORED_COLUMNS and
    FACT_ROW_COLUMNS: stored where current, computed by the engine where not."""
    plans = stored_plans(conn, [r for r in rows if r.stored_version == stored.VERSION], on)
    if stale := [r for r in rows if r.id not in plans]:
        plans.update(computed_plans(conn, owner_id, stale, on))
    return plans


def computed_plans(
    conn: sa.Connection, owner_id: int, rows: Sequence[Any], on: date
) -> dict[int, tuple[str, Any]]:
    """(state, plan JSON) on `on` of rows read with DUE_COLUMNS and FACT_ROW_COLUMNS, each
    computed by the engine under the policy that governs it."""
    with Session(bind=conn) as session:  # joins conn's transaction
        mine = select(Policy).where(Policy.owner_id == owner_id)
        policies = {p.id: p for p in session.exec(mine)}
        default = next(p for p in policies.values() if p.is_default)  # made with the account
        governs = {r.id: policies.get(r.policy_id, default) for r in rows}
        return live_plans(session, rows, governs, on)


def item_of(row: Any, plan: Any) -> dict[str, Any]:
    """A DueItem's JSON from a row read with DUE_COLUMNS first, and its plan."""
    return {"application": dict(zip(SUMMARY, row, strict=False)), "plan": plan}
