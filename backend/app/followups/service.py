"""Follow-ups in the database: policies, simulating a plan, recording a follow-up.

Stored plans are kept fresh by followups.plans on every flush; nothing here refreshes them.
"""

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from app import events
from app.applications import service as applications
from app.applications.models import Application, EventPublic
from app.applications.models import Event as EventRow
from app.auth.models import User
from app.db import apply_changes, utcnow
from app.errors import AppError, Conflict, NotFound, field_error
from app.followups import plans
from app.followups import policy as engine
from app.followups.models import (
    MAX_POLICIES,
    FollowUpCreate,
    PlanPublic,
    Policy,
    PolicyCreate,
    PolicyFields,
    PolicyUpdate,
    SimulateRequest,
)

# --- policies --------------------------------------------------------------------------------


def list_policies(session: Session, user: User) -> list[Policy]:
    """The caller's policies, the default first."""
    query = select(Policy).where(Policy.owner_id == user.id)
    return list(session.exec(query.order_by(col(Policy.is_default).desc(), col(Policy.id))))


def get_policy(session: Session, user: User, policy_id: int) -> Policy:
    """The caller's policy, or 404 (another user's id is a 404 too)."""
    row = session.get(Policy, policy_id)
    if row is None or row.owner_id != user.id:
        raise _no_policy(policy_id)
    return row


def _no_policy(policy_id: int | None) -> NotFound:
    return NotFound(f"There is no policy {policy_id}.", slug="policy-not-found")


def _relock(session: Session, row: Policy) -> Policy:
    """Take the owner's policy lock and read the policy again (404 if it went meanwhile)."""
    applications.lock_policies(session, row.owner_id)
    query = select(Policy).where(Policy.id == row.id).execution_options(populate_existing=True)
    fresh = session.exec(query).first()
    if fresh is None:
        raise _no_policy(row.id)
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
    owner_id: int = user.id  # type: ignore[assignment]
    applications.lock_policies(session, owner_id)
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
    session.commit()  # as the new default it governs more: followups.plans stores their plans
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
    session.commit()  # followups.plans stores what it governs afresh, even on a rename
    return row


def delete_policy(session: Session, row: Policy) -> None:
    """Delete a policy; its applications go back to the default. The default stays (409)."""
    row = _relock(session, row)
    if row.is_default:
        raise Conflict(
            "The default policy cannot be deleted: make another policy the default first.",
            slug="default-policy",
        )
    moved = plans.governed(session, row)
    now = utcnow()
    for app in moved:
        app.policy_id = None
        app.updated_at, app.version = now, app.version + 1
        session.add(app)
    session.flush()  # followups.plans stores their plans under the default
    session.delete(row)
    session.commit()


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
        apps = plans.governed(session, row)
        plans.refresh_many(session, apps, row)
        session.commit()
        count += len(apps)
    return count


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
            row = plans.default_policy(session, user.id)  # type: ignore[arg-type]
        else:
            applications.check_policy_choice(session, user.id, data.policy_id)  # type: ignore[arg-type]
            row = session.get(Policy, data.policy_id)
        assert row is not None
        settings = plans.settings_of(row)
    facts = data.application.as_facts()
    events = [engine.Event(e.kind, e.occurred_on) for e in data.events]
    return plans.plan_public(engine.plan(facts, events, settings, data.on), row)


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
    sent_on = data.sent_on or today
    if sent_on > today:
        raise field_error(
            "sent_on",
            "in the future",
            "A follow-up can only be recorded once it was sent: sent_on is after today.",
            "sent-in-future",
        )
    app = applications.lock(session, app)
    reason = data.override_reason if data.override_reason and data.override_reason.strip() else None
    refusal = engine.guard_follow_up(
        plans.facts_of(app),
        plans.timeline_of(session, app),
        plans.settings_of(plans.policy_for(session, app)),
        data.channel,
        sent_on,
        reason,
    )
    if refusal is not None:
        raise FollowUpRefused(refusal)
    event = EventRow(
        application_id=app.id,  # type: ignore[arg-type]
        kind="follow_up",
        occurred_on=sent_on,
        channel=data.channel,
        summary=data.note,
        subject=data.subject,
        body=data.body,
        template_id=data.template_id,
        override_reason=reason,
    )
    events.emit(  # before add_event's flush, so it comes before the plan.changed it causes
        session,
        app.owner_id,
        "follow_up.recorded",
        lambda: EventPublic.of(event).model_dump(mode="json"),
    )
    applications.add_event(session, app, event)
    session.commit()
    return event
