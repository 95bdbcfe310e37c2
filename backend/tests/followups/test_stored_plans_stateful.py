"""Stored plans stay fresh whatever writes come, in whatever order (followups.plans' hook).

A state machine drives the real service functions on the real database (each database of
the suite in turn): applications created and edited, events and follow-ups recorded and
removed, contacts added, changed and removed, policies created, changed, made the default and
deleted, and the day moving. After every step each application's stored dates and plans
must be what the engine computes from scratch, and the plan served on the day must be the
engine's plan on that day; each row's stored summary, the row as the lists show it.

Run size: EXAMPLES runs of up to STEPS steps per database.
"""

from datetime import date, timedelta
from typing import Any

import orjson
import sqlalchemy as sa
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.applications import service as applications
from app.applications import summaries
from app.applications.models import (
    Application,
    ApplicationCreate,
    ApplicationUpdate,
    Contact,
    ContactCreate,
    ContactUpdate,
    Event,
    EventCreate,
)
from app.auth.models import User
from app.errors import AppError
from app.followups import plans, stored
from app.followups import policy as engine
from app.followups import service as followups
from app.followups.models import FollowUpCreate, Policy, PolicyCreate, PolicyUpdate, StoredPlan
from app.vocabulary import EVENT_KINDS, STATUSES
from tests.conftest import _clean, check_summaries
from tests.factories import make_user

EXAMPLES = 30
STEPS = 30
START = date(2026, 3, 2)

days = st.integers(min_value=-20, max_value=60).map(lambda n: START + timedelta(days=n))
maybe_days = st.none() | days
flags = st.none() | st.booleans()
policy_fields = st.fixed_dictionaries(
    {},
    optional={
        "wait_days": st.integers(1, 20),
        "window_days": st.integers(1, 20),
        "max_follow_ups": st.integers(0, 3),
        "response_grace_days": st.integers(0, 5),
        "business_days": st.booleans(),
        "holiday_country": st.sampled_from(["DE", "US"]),
        "avoid_weekends": st.booleans(),
        "channels": st.sampled_from([["email"], ["phone"], ["email", "phone"], ["phone", "email"]]),
        "name": st.sampled_from(["Quick", "Patient", "Default"]),
    },
)


class StoredPlans(RuleBasedStateMachine):
    engine: Engine  # set on the class by each test run
    steps = checked = 0  # invariant checks and applications checked, over the whole run

    def __init__(self) -> None:
        super().__init__()
        _clean(self.engine)
        with self.session() as session:
            self.user: User = make_user(session, "state@example.com")
        self.today = START

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def ids(self, model: Any, **where: Any) -> list[int]:
        with self.session() as session:
            query = select(model.id)
            for name, value in where.items():
                query = query.where(getattr(model, name) == value)
            return list(session.exec(query.order_by(col(model.id))))

    def write(self, action: Any) -> None:
        """One request's worth of work; a refusal rolls back like the API's error handler."""
        with self.session() as session:
            try:
                action(session)
            except AppError:
                session.rollback()

    def app(self, session: Session, app_id: int) -> Application:
        return applications.get(session, self.user, app_id)

    # --- applications ------------------------------------------------------------------------

    @rule(
        applied_on=maybe_days,
        status=st.none() | st.sampled_from(STATUSES),
        archived=flags,
        no_phone_calls=flags,
        only_shortlisted=flags,
        response_expected_on=maybe_days,
        policy=st.integers(0, 3),
    )
    def create(self, policy: int, **fields: Any) -> None:
        policy_ids = [None, *self.ids(Policy, owner_id=self.user.id)]
        data = {k: v for k, v in fields.items() if v is not None}
        data["policy_id"] = policy_ids[policy % len(policy_ids)]

        def run(session: Session) -> None:
            applications.create(
                session,
                self.user.id,
                ApplicationCreate(company="Acme", position="Engineer", **data),
            )
            session.commit()

        self.write(run)

    @precondition(lambda self: self.ids(Application))
    @rule(
        data=st.data(),
        changes=st.fixed_dictionaries(
            {},
            optional={
                "applied_on": maybe_days,
                "status": st.sampled_from(STATUSES),
                "archived": st.booleans(),
                "no_contact": st.booleans(),
                "no_phone_calls": st.booleans(),
                "response_expected_on": maybe_days,
                "company": st.sampled_from(["Acme", "Globex"]),
            },
        ),
        policy=st.none() | st.integers(0, 3),
    )
    def edit(self, data: st.DataObject, changes: dict[str, Any], policy: int | None) -> None:
        app_id = data.draw(st.sampled_from(self.ids(Application)))
        if policy is not None:
            policy_ids = [None, *self.ids(Policy, owner_id=self.user.id)]
            changes["policy_id"] = policy_ids[policy % len(policy_ids)]

        def run(session: Session) -> None:
            update = ApplicationUpdate(**changes)
            applications.update(session, self.app(session, app_id), update, None)

        self.write(run)

    @precondition(lambda self: self.ids(Application))
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        app_id = data.draw(st.sampled_from(self.ids(Application)))
        self.write(lambda s: applications.delete(s, self.app(s, app_id), None))

    # --- the timeline ------------------------------------------------------------------------

    @precondition(lambda self: self.ids(Application))
    @rule(data=st.data(), kind=st.sampled_from(EVENT_KINDS), occurred_on=maybe_days)
    def add_event(self, data: st.DataObject, kind: str, occurred_on: date | None) -> None:
        app_id = data.draw(st.sampled_from(self.ids(Application)))
        event = EventCreate(kind=kind, occurred_on=occurred_on)  # type: ignore[arg-type]
        self.write(lambda s: applications.create_event(s, self.app(s, app_id), event, self.today))

    @precondition(lambda self: self.ids(Application))
    @rule(data=st.data(), channel=st.sampled_from(["email", "phone"]), sent_on=maybe_days)
    def follow_up(self, data: st.DataObject, channel: str, sent_on: date | None) -> None:
        app_id = data.draw(st.sampled_from(self.ids(Application)))
        if sent_on is not None and sent_on > self.today:
            sent_on = self.today
        follow = FollowUpCreate(channel=channel, sent_on=sent_on, override_reason="test")  # type: ignore[arg-type]
        self.write(lambda s: followups.record_follow_up(s, self.app(s, app_id), follow, self.today))

    @precondition(lambda self: self.ids(Event))
    @rule(data=st.data())
    def delete_event(self, data: st.DataObject) -> None:
        event_id = data.draw(st.sampled_from(self.ids(Event)))

        def run(session: Session) -> None:
            event = session.get(Event, event_id)
            assert event is not None
            app = self.app(session, event.application_id)
            applications.delete_event(session, app, event)

        self.write(run)

    # --- contacts ----------------------------------------------------------------------------

    @precondition(lambda self: self.ids(Application))
    @rule(data=st.data(), email=st.booleans(), phone=st.booleans())
    def add_contact(self, data: st.DataObject, email: bool, phone: bool) -> None:
        app_id = data.draw(st.sampled_from(self.ids(Application)))
        contact = ContactCreate(
            name="Pat",
            email="pat@example.com" if email else None,
            phone="+49 30 1234567" if phone else None,
        )
        self.write(lambda s: applications.create_contact(s, self.app(s, app_id), contact))

    @precondition(lambda self: self.ids(Contact))
    @rule(data=st.data(), email=st.booleans(), phone=st.booleans())
    def edit_contact(self, data: st.DataObject, email: bool, phone: bool) -> None:
        contact_id = data.draw(st.sampled_from(self.ids(Contact)))
        changes = ContactUpdate(
            email="pat@example.com" if email else None, phone="+49 30 1234567" if phone else None
        )

        def run(session: Session) -> None:
            contact = session.get(Contact, contact_id)
            assert contact is not None
            app = self.app(session, contact.application_id)
            applications.update_contact(session, app, contact, changes)

        self.write(run)

    @precondition(lambda self: self.ids(Contact))
    @rule(data=st.data())
    def delete_contact(self, data: st.DataObject) -> None:
        contact_id = data.draw(st.sampled_from(self.ids(Contact)))

        def run(session: Session) -> None:
            contact = session.get(Contact, contact_id)
            assert contact is not None
            app = self.app(session, contact.application_id)
            applications.delete_contact(session, app, contact)

        self.write(run)

    # --- policies ----------------------------------------------------------------------------

    @rule(fields=policy_fields, is_default=st.booleans())
    def create_policy(self, fields: dict[str, Any], is_default: bool) -> None:
        data = PolicyCreate(**{"name": "New", **fields, "is_default": is_default})
        self.write(lambda s: followups.create_policy(s, self.user, data))

    @rule(data=st.data(), fields=policy_fields, make_default=st.booleans())
    def edit_policy(self, data: st.DataObject, fields: dict[str, Any], make_default: bool) -> None:
        policy_id = data.draw(st.sampled_from(self.ids(Policy, owner_id=self.user.id)))
        update = PolicyUpdate(**fields, **({"is_default": True} if make_default else {}))

        def run(session: Session) -> None:
            followups.update_policy(
                session, followups.get_policy(session, self.user, policy_id), update
            )

        self.write(run)

    @rule(data=st.data())
    def delete_policy(self, data: st.DataObject) -> None:
        policy_id = data.draw(st.sampled_from(self.ids(Policy, owner_id=self.user.id)))
        self.write(
            lambda s: followups.delete_policy(s, followups.get_policy(s, self.user, policy_id))
        )

    # --- the day -----------------------------------------------------------------------------

    @rule(days=st.integers(1, 20))
    def time_passes(self, days: int) -> None:
        self.today += timedelta(days=days)

    # --- what must hold ----------------------------------------------------------------------

    @invariant()
    def stored_plans_are_the_engines(self) -> None:
        StoredPlans.steps += 1
        with self.session() as session:
            apps = list(session.exec(select(Application).order_by(col(Application.id))))
            kept = {p.application_id: p for p in session.exec(select(StoredPlan))}
            assert kept.keys() <= {a.id for a in apps}
            for app in apps:
                assert app.id is not None
                StoredPlans.checked += 1
                row = plans.policy_for(session, app)
                settings_ = plans.settings_of(row)
                contacts = list(
                    session.exec(select(Contact).where(Contact.application_id == app.id))
                )
                facts = plans.facts_of(app, contacts)
                timeline = [
                    engine.Event(e.kind, e.occurred_on)
                    for e in session.exec(select(Event).where(Event.application_id == app.id))
                ]
                expected = engine.plans_by_state(facts, timeline, settings_)
                if not expected:
                    assert (app.next_due_on, app.window_closes_on) == (None, None)
                    assert app.id not in kept
                    continue
                assert (app.next_due_on, app.window_closes_on) == (
                    expected[0].due_on,
                    expected[0].window_closes_on,
                )
                stored_row = kept[app.id]
                state, plan, others = stored.encode(expected, plans.policy_ref(row))
                assert (stored_row.version, stored_row.state) == (stored.VERSION, state)
                assert (stored_row.plan, stored_row.others) == (plan, others)
                # ...and the plan served today is the engine's plan today.
                due_on, closes_on = expected[0].due_on, expected[0].window_closes_on
                assert due_on is not None and closes_on is not None
                today = stored.state_on(state, others is not None, due_on, closes_on, self.today)
                served = stored.plan_in(today, state, plan, others)
                live = engine.plan(facts, timeline, settings_, self.today)
                assert orjson.loads(orjson.dumps(served)) == orjson.loads(
                    orjson.dumps(plans.plan_json(live, row))
                )

    @invariant()
    def stored_summaries_are_the_rows(self) -> None:
        """...and every application's row as the lists show it is stored, as they would
        build it from its columns (applications.summaries)."""
        with self.engine.connect() as conn:
            versions = conn.execute(sa.select(col(Application.summary_version))).scalars()
            assert set(versions) <= {summaries.VERSION}
        check_summaries(self.engine)


def test_stored_plans_follow_every_write(engine: Engine, db: Session) -> None:
    """db: every table is emptied after the run, like any database test."""
    StoredPlans.engine, StoredPlans.steps, StoredPlans.checked = engine, 0, 0
    run_state_machine_as_test(
        StoredPlans,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=STEPS,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
    print(f"{StoredPlans.steps} checks of {StoredPlans.checked} stored plans")
    # Hypothesis may end a run early; most steps must run, and find applications to check.
    assert StoredPlans.steps >= EXAMPLES * STEPS // 2
    assert StoredPlans.checked >= EXAMPLES
