"""Stored plans: what the due list serves from storage is the engine's plan for that day."""

from datetime import date, timedelta

import holidays
import orjson
from hypothesis import given

from app.followups.models import StoredPlan
from app.followups.policy import Event, Facts, PolicySettings, plan, plans_by_state, schedule
from app.followups.stored import PLAN_VERSION, VERSION, encode, plan_fields, plan_in, state_on
from tests.followups.test_policy import FAST, applications, policies

POLICY = {"id": 3, "name": "Default"}


def served(
    facts: Facts, events: list[Event], policy: PolicySettings, on: date
) -> tuple[str, dict] | None:
    """What the due list reads for this application on `on`, through the stored JSON."""
    plans = plans_by_state(facts, events, policy)
    if not plans:
        return None
    state, text, others = encode(plans, POLICY)
    due_on, closes_on = plans[0].due_on, plans[0].window_closes_on
    assert due_on is not None and closes_on is not None
    today = state_on(state, others is not None, due_on, closes_on, on)
    found = plan_in(today, state, text, others)
    state = today
    body = orjson.dumps(found if isinstance(found, dict) else {"plan": found})
    loaded = orjson.loads(body)
    return state, loaded if isinstance(found, dict) else loaded["plan"]


def live(facts: Facts, events: list[Event], policy: PolicySettings, on: date) -> dict:
    return orjson.loads(orjson.dumps(plan_fields(plan(facts, events, policy, on), POLICY)))


@FAST
@given(applications, policies)
def test_property_the_stored_plan_is_the_engines_plan_on_every_day(
    application: tuple[Facts, list[Event], date], policy: PolicySettings
) -> None:
    facts, events, today = application
    found = served(facts, events, policy, today)
    if schedule(facts, events, policy) == (None, None):
        assert found is None  # nothing scheduled: never in the due list, nothing stored
        return
    assert found is not None
    state, stored_plan = found
    assert stored_plan == live(facts, events, policy, today)
    assert state == stored_plan["state"]


@FAST
@given(applications, policies)
def test_property_encode_writes_what_its_json_round_trip_would(
    application: tuple[Facts, list[Event], date], policy: PolicySettings
) -> None:
    """encode compares the plans' fields as values (dates as dates): the text is the one that
    comparing their JSON forms gave (PLAN_VERSION 5), byte for byte."""
    facts, events, _ = application
    plans = plans_by_state(facts, events, policy)
    if not plans:
        return
    first = orjson.loads(orjson.dumps(plan_fields(plans[0], POLICY)))
    others = {}
    for later in plans[1:]:
        fields = orjson.loads(orjson.dumps(plan_fields(later, POLICY)))
        others[later.state] = {k: v for k, v in fields.items() if first[k] != v}
    expected = (orjson.dumps(first).decode(), orjson.dumps(others).decode() if others else None)
    assert encode(plans, POLICY) == (plans[0].state, *expected)


def test_a_scheduled_follow_up_stores_three_plans_and_serves_each_in_its_time() -> None:
    facts = Facts(applied_on=date(2026, 3, 2), status="applied", company="Acme")
    policy = PolicySettings()
    plans = plans_by_state(facts, [Event("applied", date(2026, 3, 2))], policy)
    assert [p.state for p in plans] == ["due", "waiting", "too_late"]
    for day, state in [
        (date(2026, 3, 8), "waiting"),
        (date(2026, 3, 9), "due"),
        (date(2026, 3, 23), "due"),
        (date(2026, 3, 24), "too_late"),
    ]:
        found = served(facts, [], policy, day)
        assert found is not None and found[0] == state
        assert found[1] == live(facts, [], policy, day)


def test_the_due_days_plan_is_served_as_stored_without_parsing() -> None:
    facts = Facts(applied_on=date(2026, 3, 2), status="applied")
    state, text, others = encode(plans_by_state(facts, [], PolicySettings()), POLICY)
    assert state == "due" and others is not None
    assert isinstance(plan_in("due", "due", text, others), orjson.Fragment)
    changed = orjson.loads(others)
    assert set(changed) == {"waiting", "too_late"}
    assert "channels_allowed" not in changed["waiting"]  # only what differs is kept


def test_a_rejection_stores_one_plan_for_every_day() -> None:
    facts = Facts(applied_on=date(2026, 3, 2), status="rejected")
    events = [Event("rejection", date(2026, 3, 10))]
    plans = plans_by_state(facts, events, PolicySettings())
    assert [p.state for p in plans] == ["post_rejection"]
    state, _, others = encode(plans, POLICY)
    assert others is None
    later = date(2026, 3, 10) + timedelta(days=60)
    assert state_on(state, False, date(2026, 3, 10), date(2026, 3, 24), later) == "post_rejection"


def test_the_version_names_the_code_and_the_holidays_that_stored_a_plan() -> None:
    assert f"{PLAN_VERSION}:{holidays.version.__version__}" == VERSION
    assert len(VERSION) <= StoredPlan.model_fields["version"].metadata[0].max_length
