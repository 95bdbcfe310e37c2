"""Plans' one home: an application's facts, timeline, policy and contacts, and its stored plan.

Stored plans stay fresh structurally: a session hook (below) notes, at every flush, which
applications had a plan input change (their own fields, their events or contacts, or the
policy governing them) and, once the flush is written, stores their dates and plans afresh
in the same transaction. No write path calls a refresh by hand, so none can forget one;
the lower packages (auth, applications) never import this one. The one write that passes the
ORM by, a new application's (applications.service.create: its rows go in with a Core INSERT
each), asks the keepers it holds, where plan_new (below) registers: the plan is computed
before the INSERT, by the same `computed` a refresh uses.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import UOWTransaction
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from app import events
from app.applications import service as applications
from app.applications.models import Application, Contact
from app.applications.models import Event as EventRow
from app.auth.models import User
from app.db import CursorInsert, CursorSelect, PerTransaction
from app.followups import policy as engine
from app.followups import stored
from app.followups.models import PlanPublic, Policy, StoredPlan

# Keys per query when many applications are read at once.
BATCH = 500
# A policy as a model, or a row of its table (what the plan reads of it: its settings, id, name).
PolicyRow = Policy | sa.Row[Any]


def settings_of(row: PolicyRow) -> engine.PolicySettings:
    """The engine's view of a stored policy."""
    return engine.PolicySettings(
        wait_days=row.wait_days,
        window_days=row.window_days,
        max_follow_ups=row.max_follow_ups,
        response_grace_days=row.response_grace_days,
        business_days=row.business_days,
        holiday_country=row.holiday_country,
        avoid_weekends=row.avoid_weekends,
        channels=tuple(row.channels.split()),
    )


# The reads every write that refreshes a plan makes: built once, their values bound at each
# run (`ids` expands to the batch's ids). (refresh_many's own read of the stored plans stays
# as it is: its text is part of the plan version's fingerprint, stored.PLAN_CODE.)
_IDS: sa.BindParameter[Any] = sa.bindparam("ids", expanding=True)
_DEFAULT_POLICY = select(Policy).where(
    col(Policy.owner_id) == sa.bindparam("owner_id"), col(Policy.is_default).is_(True)
)
_TIMELINES = select(
    col(EventRow.application_id),
    col(EventRow.kind),
    col(EventRow.occurred_on),
    col(EventRow.answered_asks),
).where(col(EventRow.application_id).in_(_IDS))
_CONTACTS = select(Contact).where(col(Contact.application_id).in_(_IDS))


def default_policy(session: Session, owner_id: int) -> Policy:
    """The user's default policy (made at registration, or by the migration for old accounts)."""
    row = session.exec(_DEFAULT_POLICY, params={"owner_id": owner_id}).first()
    if row is None:
        raise LookupError(f"user {owner_id} has no default policy")
    return row


def policy_for(session: Session, app: Application) -> Policy:
    """The policy the application names, else its owner's default."""
    if app.policy_id is not None:
        row = session.get(Policy, app.policy_id)
        if row is not None and row.owner_id == app.owner_id:
            return row
    return default_policy(session, app.owner_id)


# What facts_of reads besides an ApplicationSummary's fields (a row read for plans has these).
FACT_COLUMNS = (
    "response_window_days",
    "response_window_business",
    "window_counts_from",
    "constraints_set",
)


def facts_of(app: Any, contacts: Iterable[Any] = ()) -> engine.Facts:
    """The engine's view of an application (or a row with its columns) and its contacts."""
    people = list(contacts)
    return engine.Facts(
        applied_on=app.applied_on,
        status=app.status,
        archived=app.archived,
        no_phone_calls=app.no_phone_calls,
        no_contact=app.no_contact,
        only_shortlisted=app.only_shortlisted,
        response_expected_on=app.response_expected_on,
        closes_on=app.closes_on,
        response_window_days=app.response_window_days,
        response_window_business=app.response_window_business,
        window_counts_from=app.window_counts_from,
        user_set=frozenset(app.constraints_set.split()),
        has_contact_email=any(c.email for c in people),
        has_contact_phone=any(c.phone for c in people),
        has_contact_name=bool(people),
        company=app.company,
    )


def timeline_of(session: Session, app: Application) -> list[engine.Event]:
    """The application's events as the engine reads them."""
    assert app.id is not None
    return timelines_of(session, [app.id])[app.id]


def timelines_of(session: Session, ids: Sequence[int]) -> dict[int, list[engine.Event]]:
    """The timelines of many applications, in one query per BATCH of them."""
    found: dict[int, list[engine.Event]] = defaultdict(list)
    for start in range(0, len(ids), BATCH):
        rows = session.exec(_TIMELINES, params={"ids": ids[start : start + BATCH]})
        for app_id, kind, day, answered in rows:
            found[app_id].extend(engine_events(kind, day, answered))
    return found


def engine_events(kind: str, day: date, answered: str | None) -> list[engine.Event]:
    """One timeline row as the engine reads it: its event, and the asks it answered."""
    # a reply that already answered an ask (feedback refused, openings invited) made it
    return [engine.Event(kind, day), *(engine.Event(ask, day) for ask in (answered or "").split())]


def contacts_of(session: Session, ids: Sequence[int]) -> dict[int, list[Contact]]:
    """The contacts of many applications, in one query per BATCH of them."""
    found: dict[int, list[Contact]] = defaultdict(list)
    for start in range(0, len(ids), BATCH):
        for contact in session.exec(_CONTACTS, params={"ids": ids[start : start + BATCH]}):
            found[contact.application_id].append(contact)
    return found


def policy_ref(row: PolicyRow | None) -> dict[str, Any] | None:
    return {"id": row.id, "name": row.name} if row is not None else None


def plan_json(plan: engine.Plan, row: PolicyRow | None) -> dict[str, Any]:
    """The engine's plan as PlanPublic's JSON (dates as dates)."""
    return stored.plan_fields(plan, policy_ref(row))


def plan_public(plan: engine.Plan, row: PolicyRow | None) -> PlanPublic:
    """The engine's plan as the API shows it."""
    return PlanPublic.model_validate(plan_json(plan, row))


def plan_of(session: Session, app: Application, on: date) -> PlanPublic:
    """The application's plan on a day, from its policy, timeline and contacts."""
    row = policy_for(session, app)
    contacts = contacts_of(session, [app.id])[app.id]  # type: ignore[list-item,index]
    result = engine.plan(facts_of(app, contacts), timeline_of(session, app), settings_of(row), on)
    return plan_public(result, row)


def governed(session: Session, row: Policy) -> list[Application]:
    """The applications a policy governs, locked (the default governs those naming none)."""
    named = col(Application.policy_id) == row.id
    which = sa.or_(named, col(Application.policy_id).is_(None)) if row.is_default else named
    query = (
        select(Application)
        .where(Application.owner_id == row.owner_id, which)
        .order_by(col(Application.id))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return list(session.exec(query))


def refresh_many(
    session: Session, apps: Sequence[Application], row: Policy, new: Set[int] = frozenset()
) -> None:
    """Store the dates and every plan (stored.encode) of applications under one policy.

    Timelines, contacts and stored plans are read in one query each per BATCH applications;
    `new` names applications just inserted with no contact since, whose contacts and stored
    plans are not read (they have none). The changes are left to the session's next flush
    (this runs inside one, see below).
    """
    settings = settings_of(row)
    ids: list[int] = [a.id for a in apps]  # type: ignore[misc]
    known = [i for i in ids if i not in new]
    timelines = timelines_of(session, ids)
    contacts = contacts_of(session, known)
    kept = {
        p.application_id: p
        for start in range(0, len(known), BATCH)
        for p in session.exec(
            select(StoredPlan).where(
                col(StoredPlan.application_id).in_(known[start : start + BATCH])
            )
        )
    }
    ref = policy_ref(row)
    for app in apps:
        assert app.id is not None
        plans, columns = computed(
            app, contacts.get(app.id, ()), timelines.get(app.id, []), settings, ref
        )
        dates = dates_of(plans)
        if dates != (app.next_due_on, app.window_closes_on):
            app.next_due_on, app.window_closes_on = dates
            session.add(app)
        old = kept.get(app.id)
        if columns is None:
            if old is not None:
                session.delete(old)
                _announce(session, app, None, row)
            continue
        fresh = StoredPlan(application_id=app.id, **columns)
        state, plan, others = columns["state"], columns["plan"], columns["others"]
        if old is None:
            session.add(fresh)
            _announce(session, app, plans[0], row)
        elif old.model_dump() != fresh.model_dump():
            if (old.state, old.plan, old.others) != (state, plan, others):
                _announce(session, app, plans[0], row)
            old.sqlmodel_update(fresh.model_dump())
            session.add(old)


def computed(
    app: Any,
    contacts: Iterable[Any],
    timeline: Sequence[engine.Event],
    settings: engine.PolicySettings,
    ref: dict[str, Any] | None,
) -> tuple[tuple[engine.Plan, ...], dict[str, Any] | None]:
    """An application's plans by state and its stored plan's columns (None: nothing scheduled;
    it stores none), from its facts, contacts, timeline and policy (`ref`: its {id, name})."""
    plans = engine.plans_by_state(facts_of(app, contacts), timeline, settings)
    if not plans:
        return plans, None
    state, plan, others = stored.encode(plans, ref)
    return plans, {"version": stored.VERSION, "state": state, "plan": plan, "others": others}


def dates_of(plans: Sequence[engine.Plan]) -> tuple[date | None, date | None]:
    """The application's (next_due_on, window_closes_on) for its plans by state."""
    return (plans[0].due_on, plans[0].window_closes_on) if plans else (None, None)


# A new application's policy, as policy_for chooses it: the one it names if the owner's, else
# the owner's default; read as a row (plan_new).
_POLICIES: sa.Table = Policy.__table__  # type: ignore[attr-defined]  # SQLModel's table
# (Both statements of a create run on the DBAPI cursor: about 50 µs less than
# Connection.execute.)
_POLICY_OF_NEW = CursorSelect(
    sa.select(_POLICIES)
    .where(
        _POLICIES.c.owner_id == sa.bindparam("owner_id"),
        sa.or_(_POLICIES.c.id == sa.bindparam("id"), _POLICIES.c.is_default.is_(True)),
    )
    .order_by(_POLICIES.c.is_default)  # the named one first
    .limit(1)
)
# A new application's stored plan goes in straight, as its row does (plan_new).
_INSERT_PLAN = CursorInsert(StoredPlan.__table__)  # type: ignore[attr-defined]  # SQLModel's table


def plan_new(
    session: Session, app: Application, timeline: Sequence[Mapping[str, Any]]
) -> Callable[[], None]:
    """A new application's plan, for a create that writes its rows straight, past the flush
    hooks below (applications.service.NEW_ROW_KEEPERS): its dates are set on the row before
    its INSERT; the function returned stores its plan once the row has its id.

    What refresh_many would store for it (the same `computed`): a new row has no contacts
    and no stored plan, and its timeline is the rows going in with it (`timeline`, each as an
    events row's kind, occurred_on and answered_asks).
    """
    connection = session.connection()
    found = _POLICY_OF_NEW.rows(connection, {"owner_id": app.owner_id, "id": app.policy_id})
    if not found:
        raise LookupError(f"user {app.owner_id} has no default policy")
    row = found[0]
    events_in = [
        e
        for r in timeline
        for e in engine_events(r["kind"], r["occurred_on"], r.get("answered_asks"))
    ]
    plans, columns = computed(app, (), events_in, settings_of(row), policy_ref(row))
    app.next_due_on, app.window_closes_on = dates_of(plans)

    def store() -> None:
        if columns is not None:
            _INSERT_PLAN.insert(connection, {"application_id": app.id, **columns})
            _announce(session, app, plans[0], row)

    return store


applications.NEW_ROW_KEEPERS.append(plan_new)


def _announce(session: Session, app: Application, plan: engine.Plan | None, row: PolicyRow) -> None:
    """plan.changed: the application's plan on its due date as the API shows it (or none)."""

    def resource() -> dict[str, Any]:
        shown = plan_public(plan, row).model_dump(mode="json") if plan is not None else None
        return {"application_id": app.id, "plan": shown}

    events.emit(session, app.owner_id, "plan.changed", resource)


# --- the unit-of-work hook ---------------------------------------------------------------------

# Application columns a plan does not read: the plan's own outputs and the bookkeeping.
NOT_PLAN_INPUTS = frozenset(
    {"next_due_on", "window_closes_on", "updated_at", "version", "deleted_at"}
)
_APP_INPUTS = tuple(
    c.key for c in sa.inspect(Application).column_attrs if c.key not in NOT_PLAN_INPUTS
)


@dataclass
class Stale:
    """What a flush changed that plans read; refreshed once the flush is written."""

    apps: list[Application] = field(default_factory=list)  # new ones have no id yet
    inserted: list[Application] = field(default_factory=list)  # of apps, the new ones
    app_ids: set[int] = field(default_factory=set)
    contacted: set[int] = field(default_factory=set)  # applications a contact changed in
    policies: list[Policy] = field(default_factory=list)
    gone: set[int] = field(default_factory=set)  # deleted applications
    orphaned: set[int] = field(default_factory=set)  # their policy deleted (SET NULL)


# What this transaction's flushes changed, until the flush (or the held block) refreshes it.
_PENDING: PerTransaction[Stale] = PerTransaction("followups.stale_plans", Stale)


def _changed(obj: Any, names: Iterable[str]) -> bool:
    state = sa.inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def _owner_of(obj: Any) -> set[int]:
    """The applications a contact or an event belongs (or belonged) to."""
    history = sa.inspect(obj).attrs.application_id.history
    return {i for i in (*history.added, *history.unchanged, *history.deleted) if i is not None}


def _note_child(stale: Stale, obj: EventRow | Contact) -> None:
    owners = _owner_of(obj)
    stale.app_ids |= owners
    if isinstance(obj, Contact):
        stale.contacted |= owners


@event.listens_for(OrmSession, "before_flush")
def _note_stale(session: OrmSession, _context: UOWTransaction, _instances: Any) -> None:
    stale = _PENDING.get(session)
    for obj in session.new:
        if isinstance(obj, Application):
            stale.apps.append(obj)
            stale.inserted.append(obj)
        elif isinstance(obj, EventRow | Contact):
            _note_child(stale, obj)
        elif isinstance(obj, Policy):
            stale.policies.append(obj)
    for obj in session.dirty:
        if isinstance(obj, Application) and _changed(obj, _APP_INPUTS):
            stale.apps.append(obj)
        elif isinstance(obj, EventRow | Contact) and session.is_modified(obj):
            _note_child(stale, obj)
        elif isinstance(obj, Policy) and session.is_modified(obj):
            stale.policies.append(obj)
    for obj in session.deleted:
        if isinstance(obj, Application) and obj.id is not None:  # a stored row has its id
            stale.gone.add(obj.id)
        elif isinstance(obj, EventRow | Contact):
            _note_child(stale, obj)
        elif isinstance(obj, Policy):  # its applications fall back to the default
            named = sa.select(col(Application.id)).where(col(Application.policy_id) == obj.id)
            orphans = {i for i in session.execute(named).scalars() if i is not None}
            stale.app_ids |= orphans
            stale.orphaned |= orphans


@event.listens_for(OrmSession, "after_flush_postexec")
def _refresh_stale(session: OrmSession, _context: UOWTransaction | None = None) -> None:
    stale = _PENDING.take(session)
    if stale is not None:
        refresh_stale(session, stale)  # type: ignore[arg-type]


def refresh_stale(session: Session, stale: Stale) -> None:
    """Store fresh plans for what a flush changed, one policy's applications at a time."""
    groups: dict[int | None, tuple[Policy, dict[int | None, Application]]] = {}
    for row in stale.policies:
        if row in session and not sa.inspect(row).deleted:
            groups[row.id] = (row, {a.id: a for a in governed(session, row)})
    done = {app_id for _, apps in groups.values() for app_id in apps}
    ids = ({a.id for a in stale.apps if a.id is not None} | stale.app_ids) - stale.gone - done
    apps: dict[int | None, Application] = {
        a.id: a for a in stale.apps if a.id in ids and a in session
    }
    if missing := ids - apps.keys():
        query = select(Application).where(col(Application.id).in_(missing))
        apps.update({a.id: a for a in session.exec(query)})
    defaults: dict[int, Policy] = {}
    for app_id, app in apps.items():
        if app_id in stale.orphaned:  # the database set it null
            set_committed_value(app, "policy_id", None)
        named = session.get(Policy, app.policy_id) if app.policy_id is not None else None
        if named is None or named.owner_id != app.owner_id:
            if app.owner_id not in defaults:
                defaults[app.owner_id] = default_policy(session, app.owner_id)
            named = defaults[app.owner_id]
        groups.setdefault(named.id, (named, {}))[1][app_id] = app
    # Inserted since the last refresh, and no contact since: no contacts, no stored plan yet.
    new = {a.id for a in stale.inserted if a.id is not None} - stale.contacted
    for row, group in groups.values():
        refresh_many(session, list(group.values()), row, new)


# --- every account starts with a default policy --------------------------------------------------


@event.listens_for(User, "after_insert")
def _create_default_policy(_mapper: Any, connection: sa.Connection, user: User) -> None:
    """The policy every account starts with (docs/domain.md's defaults), in the same insert."""
    row = Policy(owner_id=user.id, name="Default", is_default=True)  # type: ignore[arg-type]
    connection.execute(sa.insert(Policy).values(row.model_dump(exclude={"id"})))
