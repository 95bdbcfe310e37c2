"""Follow-ups in the database: policies, plans, the stored dates and plans, autofill."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from app.applications.models import (
    FIRST_DAY,
    LAST_DAY,
    Application,
    Contact,
)
from app.applications.models import Event as EventRow
from app.auth.models import User
from app.db import apply_changes, lock_key, utcnow
from app.errors import AppError, Conflict, NotFound, Unprocessable
from app.followups import policy as engine
from app.followups import stored
from app.followups.models import (
    MAX_POLICIES,
    FollowUpCreate,
    PlanPublic,
    Policy,
    PolicyCreate,
    PolicyFields,
    PolicyUpdate,
    SimulateRequest,
    StoredPlan,
)
from app.followups.postings import analyze

CONSTRAINTS = ("no_phone_calls", "no_contact", "only_shortlisted", "response_expected_on")


def settings_of(row: Policy) -> engine.PolicySettings:
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


def create_default_policy(session: Session, user: User) -> Policy:
    """The policy every account starts with (DOMAIN.md's defaults); flushed, not committed."""
    # Ignored on the next line: SQLModel types table ids int | None
    row = Policy(owner_id=user.id, name="Default", is_default=True)  # type: ignore[arg-type]
    session.add(row)
    session.flush()
    return row


def default_policy(session: Session, owner_id: int) -> Policy:
    """The user's default policy (created on the spot for accounts that predate policies)."""
    row = session.exec(
        select(Policy).where(Policy.owner_id == owner_id, col(Policy.is_default).is_(True))
    ).first()
    if row is None:
        row = Policy(owner_id=owner_id, name="Default", is_default=True)
        session.add(row)
        session.flush()
    return row


def policy_for(session: Session, app: Application) -> Policy:
    """The policy the application names, else its owner's default."""
    if app.policy_id is not None:
        row = session.get(Policy, app.policy_id)
        if row is not None and row.owner_id == app.owner_id:
            return row
    return default_policy(session, app.owner_id)


def facts_of(app: Application, contacts: Iterable[Contact] = ()) -> engine.Facts:
    """The engine's view of an application and what is known about its contacts."""
    people = list(contacts)
    return engine.Facts(
        applied_on=app.applied_on,
        status=app.status,
        archived=app.archived,
        no_phone_calls=app.no_phone_calls,
        no_contact=app.no_contact,
        only_shortlisted=app.only_shortlisted,
        response_expected_on=app.response_expected_on,
        has_contact_email=any(c.email for c in people),
        has_contact_phone=any(c.phone for c in people),
        has_contact_name=bool(people),
        company=app.company,
    )


def timeline_of(session: Session, app: Application) -> list[engine.Event]:
    """The application's events as the engine reads them."""
    assert app.id is not None
    return timelines_of(session, [app.id])[app.id]


def refresh(session: Session, app: Application, row: Policy | None = None) -> None:
    """Store the plan's dates and plans for the application (in the caller's transaction).

    Every write that can change a plan calls this with the application's row locked: its
    fields, events and contacts, and the policy that governs it.
    """
    refresh_many(session, [app], row or policy_for(session, app))


def note_explicit_constraints(app: Application, fields_set: Iterable[str]) -> None:
    """Remember which posting constraints the user set by hand; those always win."""
    explicit = set(app.constraints_set.split()) | (set(fields_set) & set(CONSTRAINTS))
    app.constraints_set = " ".join(sorted(explicit))


def autofill(app: Application) -> None:
    """Fill the constraints the user has not set from the posting text (reference: applied_on)."""
    found = analyze(app.posting_text or "", app.applied_on)
    explicit = set(app.constraints_set.split())
    for name in CONSTRAINTS:
        if name not in explicit:
            setattr(app, name, getattr(found, name))
    stated = app.response_expected_on
    if stated is not None and not FIRST_DAY <= stated <= LAST_DAY:
        app.response_expected_on = None  # "closes 31 December 9999": no date to plan from


# --- policies --------------------------------------------------------------------------------


def _field_error(field: str, message: str, detail: str, slug: str) -> Unprocessable:
    problem = {"loc": ["body", field], "field": field, "message": message, "type": "value_error"}
    return Unprocessable(detail, slug=slug, extra={"errors": [problem]})


def check_policy_choice(session: Session, owner_id: int, policy_id: int | None) -> None:
    """422 naming policy_id unless it is None or one of the owner's policies.

    Takes the owner's policy lock (before any application row lock, the order policy writes
    use too), so a policy being deleted cannot be named at the same moment.
    """
    if policy_id is None:
        return
    _lock_policies(session, owner_id)
    row = session.get(Policy, policy_id)
    if row is None or row.owner_id != owner_id:
        raise _field_error(
            "policy_id",
            "no such policy",
            f"You have no policy {policy_id}.",
            "unknown-policy",
        )


def list_policies(session: Session, user: User) -> list[Policy]:
    """The caller's policies, the default first."""
    # Ignored on the next line: SQLModel types table ids int | None
    default_policy(session, user.id)  # type: ignore[arg-type]
    query = select(Policy).where(Policy.owner_id == user.id)
    return list(session.exec(query.order_by(col(Policy.is_default).desc(), col(Policy.id))))


def get_policy(session: Session, user: User, policy_id: int) -> Policy:
    """The caller's policy, or 404 (another user's id is a 404 too)."""
    row = session.get(Policy, policy_id)
    if row is None or row.owner_id != user.id:
        raise NotFound(f"There is no policy {policy_id}.", slug="policy-not-found")
    return row


def _lock_policies(session: Session, owner_id: int) -> None:
    """Serialize the owner's policy writes (the one-default rule and the cap)."""
    lock_key(session, f"policies:{owner_id}")


def _relock(session: Session, row: Policy) -> Policy:
    """Take the owner's policy lock and read the policy again (404 if it went meanwhile)."""
    _lock_policies(session, row.owner_id)
    query = select(Policy).where(Policy.id == row.id).execution_options(populate_existing=True)
    fresh = session.exec(query).first()
    if fresh is None:
        raise NotFound(f"There is no policy {row.id}.", slug="policy-not-found")
    return fresh


def _clear_default(session: Session, owner_id: int) -> None:
    session.execute(
        sa.update(Policy)
        .where(col(Policy.owner_id) == owner_id, col(Policy.is_default).is_(True))
        .values(is_default=False)
        .execution_options(synchronize_session="fetch")
    )


def _stored(fields: dict[str, Any]) -> dict[str, Any]:
    """Policy fields as the table keeps them (channels as one space-separated string)."""
    if "channels" in fields:
        return {**fields, "channels": " ".join(fields["channels"])}
    return fields


def create_policy(session: Session, user: User, data: PolicyCreate) -> Policy:
    """Add a policy (at most MAX_POLICIES); as the new default it takes over from the old."""
    owner_id: int = user.id  # type: ignore[assignment]  # SQLModel types table ids int | None
    _lock_policies(session, owner_id)
    default_policy(session, owner_id)  # so "exactly one default" holds from here on
    count = session.exec(
        select(func.count()).select_from(Policy).where(Policy.owner_id == owner_id)
    ).one()
    if count >= MAX_POLICIES:
        raise Conflict(f"You can keep at most {MAX_POLICIES} policies.", slug="too-many-policies")
    fields = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    row = Policy(owner_id=owner_id, **_stored(fields))  # name is required, so it is in fields
    if row.is_default:
        _clear_default(session, owner_id)
    session.add(row)
    session.flush()
    if row.is_default:
        refresh_governed(session, row)
    session.commit()
    return row


def update_policy(session: Session, row: Policy, data: PolicyUpdate) -> Policy:
    """Change a policy and, in the same transaction, the stored dates of what it governs."""
    row = _relock(session, row)
    fields = data.model_dump(exclude_unset=True)
    if fields.get("is_default") is False and row.is_default:
        raise Conflict(
            "There must always be a default policy: make another policy the default instead.",
            slug="default-policy",
        )
    if fields.get("is_default") and not row.is_default:
        _clear_default(session, row.owner_id)
        session.flush()
    apply_changes(row, _stored(fields))
    session.add(row)
    session.flush()
    refresh_governed(session, row)  # even a rename: stored plans name their policy
    session.commit()
    return row


def delete_policy(session: Session, row: Policy) -> None:
    """Delete a policy; its applications go back to the default. The default stays (409)."""
    row = _relock(session, row)
    if row.is_default:
        raise Conflict(
            "The default policy cannot be deleted: make another policy the default first.",
            slug="default-policy",
        )
    default = default_policy(session, row.owner_id)
    moved = _governed(session, row)
    now = utcnow()
    for app in moved:
        app.policy_id = None
        app.updated_at, app.version = now, app.version + 1
        session.add(app)
    session.flush()
    refresh_many(session, moved, default)
    session.delete(row)
    session.commit()


def _governed(session: Session, row: Policy) -> list[Application]:
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


def timelines_of(session: Session, ids: Sequence[int]) -> dict[int, list[engine.Event]]:
    """The timelines of many applications, in one query per 500 of them."""
    found: dict[int, list[engine.Event]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        rows = session.exec(
            select(
                col(EventRow.application_id), col(EventRow.kind), col(EventRow.occurred_on)
            ).where(col(EventRow.application_id).in_(ids[start : start + 500]))
        )
        for app_id, kind, day in rows:
            found[app_id].append(engine.Event(kind, day))
    return found


def contacts_of(session: Session, ids: Sequence[int]) -> dict[int, list[Contact]]:
    """The contacts of many applications, in one query per 500 of them."""
    found: dict[int, list[Contact]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        query = select(Contact).where(col(Contact.application_id).in_(ids[start : start + 500]))
        for contact in session.exec(query):
            found[contact.application_id].append(contact)
    return found


def refresh_many(session: Session, apps: Sequence[Application], row: Policy) -> None:
    """Store the dates and every plan (stored.encode) of applications under one policy.

    Timelines, contacts and stored plans are read in one query each per 500 applications.
    """
    settings = settings_of(row)
    # Ignored on the next line: SQLModel types table ids int | None
    ids: list[int] = [a.id for a in apps]  # type: ignore[misc]
    timelines = timelines_of(session, ids)
    contacts = contacts_of(session, ids)
    kept = {
        p.application_id: p
        for start in range(0, len(ids), 500)
        for p in session.exec(
            select(StoredPlan).where(col(StoredPlan.application_id).in_(ids[start : start + 500]))
        )
    }
    for app in apps:
        assert app.id is not None
        facts = facts_of(app, contacts.get(app.id, ()))
        plans = engine.plans_by_state(facts, timelines.get(app.id, []), settings)
        dates = (plans[0].due_on, plans[0].window_closes_on) if plans else (None, None)
        if dates != (app.next_due_on, app.window_closes_on):
            app.next_due_on, app.window_closes_on = dates
            session.add(app)
        old = kept.get(app.id)
        if not plans:
            if old is not None:
                session.delete(old)
            continue
        state, plan, others = stored.encode(plans, policy_ref(row))
        fresh = StoredPlan(
            application_id=app.id, version=stored.VERSION, state=state, plan=plan, others=others
        )
        if old is None:
            session.add(fresh)
        elif old.model_dump() != fresh.model_dump():
            old.sqlmodel_update(fresh.model_dump())
            session.add(old)
    session.flush()


def refresh_governed(session: Session, row: Policy) -> None:
    """Store fresh dates on every application the policy governs (after it changed)."""
    refresh_many(session, _governed(session, row), row)


def refresh_all(session: Session) -> int:
    """Store fresh dates and plans on every application, one policy at a time; how many.

    For after a change to the engine or the holiday data (see followups.stored).
    """
    count = 0
    for policy_id in session.exec(select(Policy.id).order_by(col(Policy.id))).all():
        row = session.get(Policy, policy_id)
        try:
            row = _relock(session, row) if row is not None else None
        except NotFound:
            row = None
        if row is None:  # deleted meanwhile: its applications moved to the default
            session.rollback()
            continue
        apps = _governed(session, row)
        refresh_many(session, apps, row)
        session.commit()
        count += len(apps)
    return count


# --- plans -----------------------------------------------------------------------------------


def policy_ref(row: Policy | None) -> dict[str, Any] | None:
    return {"id": row.id, "name": row.name} if row is not None else None


def plan_json(plan: engine.Plan, row: Policy | None) -> dict[str, Any]:
    """The engine's plan as PlanPublic's JSON (dates as dates)."""
    return stored.plan_fields(plan, policy_ref(row))


def plan_public(plan: engine.Plan, row: Policy | None) -> PlanPublic:
    """The engine's plan as the API shows it."""
    return PlanPublic.model_validate(plan_json(plan, row))


def plan_of(session: Session, app: Application, on: date) -> PlanPublic:
    """The application's plan on a day, from its policy, timeline and contacts."""
    row = policy_for(session, app)
    # Ignored on the next line: SQLModel types table ids int | None
    contacts = contacts_of(session, [app.id])[app.id]  # type: ignore[list-item,index]
    result = engine.plan(facts_of(app, contacts), timeline_of(session, app), settings_of(row), on)
    return plan_public(result, row)


def _settings_from(fields: PolicyFields) -> engine.PolicySettings:
    given = fields.model_dump(exclude_none=True, exclude={"name", "is_default"})
    if "channels" in given:
        given["channels"] = tuple(given["channels"])
    return engine.PolicySettings(**given)


def simulate(session: Session, user: User, data: SimulateRequest) -> PlanPublic:
    """The plan for made-up facts and events under a saved or inline policy; nothing stored."""
    row: Policy | None = None
    if data.policy is not None:
        settings = _settings_from(data.policy)
    else:
        if data.policy_id is None:
            # Ignored on the next line: SQLModel types table ids int | None
            row = default_policy(session, user.id)  # type: ignore[arg-type]
        else:
            # Ignored on the next line: SQLModel types table ids int | None
            check_policy_choice(session, user.id, data.policy_id)  # type: ignore[arg-type]
            row = session.get(Policy, data.policy_id)
        assert row is not None
        settings = settings_of(row)
    facts = engine.Facts(**data.application.model_dump())
    events = [engine.Event(e.kind, e.occurred_on) for e in data.events]
    return plan_public(engine.plan(facts, events, settings, data.on), row)


# --- recording a follow-up -------------------------------------------------------------------


class FollowUpRefused(AppError):
    """The policy refuses this follow-up; status and type come from the engine's Refusal."""

    def __init__(self, refusal: engine.Refusal) -> None:
        super().__init__(
            refusal.detail,
            slug=refusal.type,
            title=refusal.title,
            extra={"overridable": refusal.overridable},
        )
        self.status = refusal.status


def record_follow_up(
    session: Session, app: Application, data: FollowUpCreate, today: date
) -> EventRow:
    """Record a sent follow-up if the policy allows it (or an override reason is given).

    The application is locked before the timeline is read, so two concurrent follow-ups are
    judged one after the other and a limit of one lets only one through.
    """
    from app.applications import service as applications  # it imports this module

    sent_on = data.sent_on or today
    if sent_on > today:
        raise _field_error(
            "sent_on",
            "in the future",
            "A follow-up can only be recorded once it was sent: sent_on is after today.",
            "sent-in-future",
        )
    app = applications.lock(session, app)
    reason = data.override_reason if data.override_reason and data.override_reason.strip() else None
    refusal = engine.guard_follow_up(
        facts_of(app),
        timeline_of(session, app),
        settings_of(policy_for(session, app)),
        data.channel,
        sent_on,
        reason,
    )
    if refusal is not None:
        raise FollowUpRefused(refusal)
    event = EventRow(
        application_id=app.id,  # type: ignore[arg-type]  # SQLModel types table ids int | None
        kind="follow_up",
        occurred_on=sent_on,
        channel=data.channel,
        summary=data.note,
        subject=data.subject,
        body=data.body,
        template_id=data.template_id,
        override_reason=reason,
    )
    applications.add_event(session, app, event)
    session.commit()
    return event
