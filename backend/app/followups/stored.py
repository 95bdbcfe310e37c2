"""Stored plans: every plan a day can give an application, as the JSON the due list serves.

A plan depends on `today` only through the state of a scheduled follow-up (waiting, due or
too late: policy.plans_by_state). So every write that can change a plan stores them all
beside the application's dates (models.StoredPlan): the plan on its due date as the API
shows it, and what differs on the days before and after the window. The due list then
serves a row's plan on `on` without the engine, and on a due day without even parsing it
(an orjson.Fragment is written into the response as it is).

VERSION names the code that decides a plan (PLAN_VERSION, bumped by hand whenever the code
PLAN_CODE lists changes: tests/followups/test_plan_version.py fingerprints it) and the
holiday data. A plan stored under another version is not served: the due list computes that
row afresh until the application is written again or `touchbase refresh-plans` runs.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

import holidays
import orjson

from app.followups import policy as engine

# Bump by one whenever the code below changes what a stored plan holds (and record the new
# fingerprint in tests/followups/test_plan_version.py), then run `touchbase refresh-plans`.
PLAN_VERSION = 6
# The code that decides a stored plan: whole modules (None) or some of their functions.
PLAN_CODE: dict[str, tuple[str, ...] | None] = {
    "app/followups/policy.py": None,  # the engine
    "app/followups/stored.py": None,  # the stored JSON (this module)
    # The words a plan is made of (their labels are presentation and do not count).
    "app/vocabulary.py": (
        "Status",
        "EventKind",
        "MessageChannel",
        "TemplateKind",
        "PlanState",
        "STATUSES",
        "EVENT_KINDS",
        "CHANNELS",
        "TEMPLATE_KINDS",
        "STATES",
    ),
    "app/followups/plans.py": (
        "settings_of",
        "facts_of",
        "policy_ref",
        "engine_events",
        "computed",
        "refresh_many",
        "plan_new",
    ),
}
# At most 16 characters: models.StoredPlan.version's length.
VERSION = f"{PLAN_VERSION}:{holidays.version.__version__}"[:16]


def plan_fields(plan: engine.Plan, policy: dict[str, Any] | None) -> dict[str, Any]:
    """The plan as PlanPublic's JSON, with its policy's {id, name} (dates stay dates)."""
    template = plan.recommended_template
    return {
        "state": plan.state,
        "due_on": plan.due_on,
        "window_closes_on": plan.window_closes_on,
        "follow_ups_sent": plan.follow_ups_sent,
        "follow_ups_allowed": plan.follow_ups_allowed,
        "channels_allowed": list(plan.channels_allowed),
        "recommended_channel": plan.recommended_channel,
        "recommended_template": (
            {"kind": template.kind, "channel": template.channel} if template else None
        ),
        "next_steps": [
            {
                "action": step.action,
                "label": step.label,
                "template_kind": step.template_kind,
                "due_on": step.due_on,
            }
            for step in plan.next_steps
        ],
        "contact_gap": plan.contact_gap,
        "reasons": [{"rule": r.rule, "message": r.message} for r in plan.reasons],
        "policy": policy,
    }


def encode(
    plans: Sequence[engine.Plan], policy: dict[str, Any] | None
) -> tuple[str, str, str | None]:
    """plans_by_state's plans as (state, plan JSON, JSON of what the other states change)."""
    first = plan_fields(plans[0], policy)  # dates compare as their JSON does
    others = {}
    for plan in plans[1:]:
        fields = plan_fields(plan, policy)
        others[plan.state] = {k: v for k, v in fields.items() if first[k] != v}
    text = orjson.dumps(first).decode()
    return plans[0].state, text, orjson.dumps(others).decode() if others else None


def state_on(state: str, scheduled: bool, due_on: date, window_closes_on: date, on: date) -> str:
    """The state on `on` of a stored row: `state` is its plan's, `scheduled` if it has others."""
    return engine.scheduled_state(due_on, window_closes_on, on) if scheduled else state


def plan_in(
    state: str, stored_state: str, plan: str, others: str | None
) -> orjson.Fragment | dict[str, Any]:
    """The stored plan in `state`: its JSON as is in its own state (`stored_state`), else with
    that state's changes (`others`, needed only then)."""
    if state == stored_state:
        return orjson.Fragment(plan)
    if others is None:
        raise ValueError(f"a {stored_state} plan stores no {state} plan")
    return {**orjson.loads(plan), **orjson.loads(others)[state]}
