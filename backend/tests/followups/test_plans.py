"""followups.plans' session hook: any write through the ORM keeps stored plans fresh, even one
that calls no service function, and a rolled-back flush leaves nothing behind."""

from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from app import events
from app.applications import postings
from app.applications import service as applications
from app.applications.models import Application, ApplicationCreate, Contact, Event
from app.followups import plans, stored
from app.followups import policy as engine
from app.followups.models import Policy, StoredPlan
from tests.factories import Person, make_application
from tests.queries import recorded

Kept = tuple[date | None, date | None, str | None, str | None]


def kept(db: Session, app_id: int) -> Kept:
    """The stored dates and plan, read afresh."""
    db.expire_all()
    app = db.get(Application, app_id)
    assert app is not None
    row = db.get(StoredPlan, app_id)
    assert row is None or row.version == stored.VERSION
    return app.next_due_on, app.window_closes_on, row and row.state, row and row.plan


def computed(db: Session, app_id: int) -> Kept:
    """The dates and plan the engine gives from scratch."""
    app = db.get(Application, app_id)
    assert app is not None
    contacts = plans.contacts_of(db, [app_id])[app_id]
    policy = plans.policy_for(db, app)
    found = engine.plans_by_state(
        plans.facts_of(app, contacts), plans.timeline_of(db, app), plans.settings_of(policy)
    )
    if not found:
        return None, None, None, None
    state, plan, _ = stored.encode(found, plans.policy_ref(policy))
    return found[0].due_on, found[0].window_closes_on, state, plan


def test_writes_that_call_no_service_still_refresh(db: Session, alice: Person) -> None:
    app = make_application(db, alice.user, applied_on="2026-03-02")
    assert app.id is not None
    before = kept(db, app.id)
    assert before[:3] == (date(2026, 3, 9), date(2026, 3, 23), "due")

    row = plans.default_policy(db, alice.user.id)  # type: ignore[arg-type]
    row.wait_days = 3
    db.add(row)
    db.commit()
    assert kept(db, app.id) == computed(db, app.id) != before
    assert kept(db, app.id)[0] == date(2026, 3, 5)

    db.add(Contact(application_id=app.id, name="Pat", email="pat@example.com"))
    db.commit()
    assert kept(db, app.id) == computed(db, app.id)

    db.add(Event(application_id=app.id, kind="follow_up", occurred_on=date(2026, 3, 5)))
    db.commit()
    assert kept(db, app.id) == computed(db, app.id) == (None, None, None, None)  # done

    fresh = db.get(Application, app.id)
    assert fresh is not None
    fresh.applied_on, fresh.status = None, "saved"
    db.add(fresh)
    db.commit()
    assert kept(db, app.id) == computed(db, app.id)


def test_a_new_application_reads_no_contacts_and_no_stored_plan(db: Session, alice: Person) -> None:
    data = ApplicationCreate(company="Acme", position="Engineer", applied_on=date(2026, 3, 2))
    with recorded(db.get_bind()) as seen:  # type: ignore[arg-type]
        app = applications.create(db, alice.user.id, data)
        db.commit()
    read = [statement for statement, _ in seen if statement.lstrip().startswith("SELECT")]
    assert read and not [s for s in read if "FROM contacts" in s or "FROM stored_plans" in s]
    assert app.id is not None
    assert kept(db, app.id) == computed(db, app.id)
    assert kept(db, app.id)[:3] == (date(2026, 3, 9), date(2026, 3, 23), "due")


POSTING = (
    "We review applications on a rolling basis and reply within 10 business days. "
    "Applications close on 30 March 2026. Please no phone calls."
)
CREATES: list[dict[str, Any]] = [
    {},
    {"applied_on": date(2026, 3, 2)},
    {"applied_on": date(2026, 3, 2), "status": "interviewing"},
    {"applied_on": date(2026, 3, 2), "archived": True},
    {"applied_on": date(2026, 3, 2), "closes_on": date(2026, 3, 10), "no_phone_calls": True},
    {"applied_on": date(2026, 3, 2), "response_expected_on": date(2026, 3, 20)},
    {"applied_on": date(2026, 3, 2), "posting_text": POSTING},
    {"applied_on": date(2026, 3, 2), "policy": True},
    {"policy": True, "no_contact": True},
]


@pytest.mark.parametrize("fields", CREATES)
def test_a_create_stores_the_plan_the_keeper_would(
    db: Session, alice: Person, fields: dict[str, Any]
) -> None:
    """create computes a new row's plan before its INSERT (plans.plan_new), past the flush
    hook: what it stores is what the hook stores for the same row written through the ORM,
    and what a refresh computes afresh (which then changes and announces nothing)."""
    fields = dict(fields)
    if fields.pop("policy", False):
        row = Policy(owner_id=alice.user.id, name="Slow", wait_days=9, business_days=True)  # type: ignore[arg-type]
        db.add(row)
        db.commit()
        fields["policy_id"] = row.id
    data = ApplicationCreate(company="Acme", position="Engineer", **fields)
    app = applications.create(db, alice.user.id, data)
    db.commit()
    assert app.id is not None

    # The same row through the ORM: the flush hook computes its plan after the INSERT.
    twin = Application(owner_id=alice.user.id, company="Acme", position="Engineer", **fields)  # type: ignore[arg-type]
    if twin.applied_on is not None and "status" not in fields:
        twin.status = "applied"
    postings.note_explicit(twin, data.model_fields_set)
    postings.autofill(twin)
    db.add(twin)
    db.flush()
    if twin.applied_on is not None:
        db.add(Event(application_id=twin.id, kind="applied", occurred_on=twin.applied_on))  # type: ignore[arg-type]
        db.flush()
    db.commit()
    assert twin.id is not None

    def whole(app_id: int) -> tuple[Any, ...]:
        db.expire_all()
        row = db.get(StoredPlan, app_id)
        columns = None if row is None else (row.version, row.state, row.plan, row.others)
        return (*kept(db, app_id)[:2], columns)

    assert whole(app.id) == whole(twin.id)
    assert kept(db, app.id) == computed(db, app.id)
    created = db.get(Application, app.id)
    assert created is not None
    events.drain(db)
    plans.refresh_many(db, [created], plans.policy_for(db, created))
    assert not db.dirty and not db.new and not db.deleted  # nothing to change
    assert not [e for e in events.drain(db) if e.type == "plan.changed"]
    db.rollback()


def test_a_contact_added_with_a_new_application_is_read_for_its_plan(
    db: Session, alice: Person
) -> None:
    # The row and its contact in one flush (an id given, so the contact can name it): the
    # refresh must read the contact of a row it also sees inserted.
    app = Application(id=2**30, owner_id=alice.user.id, company="Acme", position="Engineer")  # type: ignore[arg-type]
    app.applied_on, app.status = date(2026, 3, 2), "applied"
    db.add(app)
    db.add(Event(application_id=app.id, kind="applied", occurred_on=app.applied_on))  # type: ignore[arg-type]
    db.add(Contact(application_id=app.id, name="Pat", email="pat@example.com"))  # type: ignore[arg-type]
    db.flush()
    db.commit()
    assert app.id is not None
    without = Application(owner_id=alice.user.id, company="Acme", position="Engineer")  # type: ignore[arg-type]
    without.applied_on, without.status = app.applied_on, "applied"
    db.add(without)
    db.commit()
    assert kept(db, app.id) == computed(db, app.id)
    assert kept(db, app.id)[3] != kept(db, without.id)[3]  # type: ignore[arg-type]  # the contact counts


def test_a_deleted_policy_hands_its_applications_to_the_default(db: Session, alice: Person) -> None:
    quick = Policy(owner_id=alice.user.id, name="Quick", wait_days=3)  # type: ignore[arg-type]
    db.add(quick)
    db.commit()
    app = make_application(db, alice.user, applied_on="2026-03-02", policy_id=quick.id)
    assert app.id is not None
    assert kept(db, app.id)[0] == date(2026, 3, 5)
    db.delete(quick)  # no service: the database sets the application's policy_id null
    db.commit()
    assert kept(db, app.id) == computed(db, app.id)
    assert kept(db, app.id)[0] == date(2026, 3, 9)
    assert '"name":"Default"' in (kept(db, app.id)[3] or "")


def test_a_failed_flush_leaves_no_refresh_pending(db: Session, alice: Person) -> None:
    app = make_application(db, alice.user, applied_on="2026-03-02")
    db.add(Event(application_id=10**9, kind="interview", occurred_on=date(2026, 3, 4)))
    try:
        db.commit()  # no such application
    except sa.exc.IntegrityError:
        db.rollback()
    assert "touchbase.followups.stale_plans" not in db.info
    assert db.exec(select(Event).where(Event.application_id == app.id)).all() != []
