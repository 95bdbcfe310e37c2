"""The follow-up policy engine: tables of cases, then hypothesis properties."""

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.followups.policy import (
    Event,
    Facts,
    NextStep,
    PolicySettings,
    Reason,
    TemplateRef,
    _holiday_names,
    add_days,
    channels_allowed,
    guard_follow_up,
    is_holiday_country,
    plan,
    schedule,
)
from app.vocabulary import CHANNELS, EVENT_KINDS, STATES, STATUSES, TEMPLATE_KINDS

D = date
DEFAULT = PolicySettings()
MONDAY = D(2026, 3, 2)
APPLIED = Facts(
    applied_on=MONDAY,
    status="applied",
    company="Acme",
    has_contact_email=True,
    has_contact_phone=True,
    has_contact_name=True,
)


def facts(**overrides: Any) -> Facts:
    return replace(APPLIED, **overrides)


def ev(kind: str, day: date) -> Event:
    return Event(kind, day)


def rules(reasons: tuple[Reason, ...]) -> list[str]:
    return [r.rule for r in reasons]


def actions(steps: tuple[NextStep, ...]) -> list[str]:
    return [s.action for s in steps]


# --- the worked cases -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (D(2026, 3, 2), "waiting"),
        (D(2026, 3, 5), "waiting"),
        (D(2026, 3, 8), "waiting"),
        (D(2026, 3, 9), "due"),
        (D(2026, 3, 16), "due"),
        (D(2026, 3, 23), "due"),
        (D(2026, 3, 24), "too_late"),
        (D(2026, 6, 1), "too_late"),
    ],
)
def test_state_follows_the_calendar_after_applying_on_a_monday(today: date, state: str) -> None:
    p = plan(APPLIED, [], DEFAULT, today)
    assert (p.state, p.due_on, p.window_closes_on) == (state, D(2026, 3, 9), D(2026, 3, 23))


@pytest.mark.parametrize(
    ("case", "the_facts", "policy", "due_on", "closes_on"),
    [
        ("default week", facts(), DEFAULT, D(2026, 3, 9), D(2026, 3, 23)),
        (
            "stated response date pushes it later",
            facts(response_expected_on=D(2026, 3, 16)),
            DEFAULT,
            D(2026, 3, 18),
            D(2026, 4, 1),
        ),
        (
            "an earlier response date does not pull it earlier",
            facts(response_expected_on=D(2026, 3, 3)),
            DEFAULT,
            D(2026, 3, 9),
            D(2026, 3, 23),
        ),
        (
            "applied on a Saturday, due date moves off the weekend",
            facts(applied_on=D(2026, 3, 7)),
            DEFAULT,
            D(2026, 3, 16),
            D(2026, 3, 30),
        ),
        (
            "weekend kept when the policy allows it",
            facts(applied_on=D(2026, 3, 7)),
            PolicySettings(avoid_weekends=False),
            D(2026, 3, 14),
            D(2026, 3, 28),
        ),
        (
            "response date plus grace landing on a Sunday",
            facts(response_expected_on=D(2026, 3, 20)),
            DEFAULT,
            D(2026, 3, 23),
            D(2026, 4, 6),
        ),
        (
            "business days skip Good Friday and Easter Monday",
            facts(applied_on=D(2026, 4, 2)),
            PolicySettings(wait_days=5, business_days=True, holiday_country="DE"),
            D(2026, 4, 13),
            D(2026, 5, 4),
        ),
        (
            "business days without a holiday country",
            facts(applied_on=D(2026, 4, 2)),
            PolicySettings(wait_days=5, business_days=True),
            D(2026, 4, 9),
            D(2026, 4, 29),
        ),
        (
            "wait 0 on a Saturday with business days skips to the next working day",
            facts(applied_on=D(2026, 4, 4)),
            PolicySettings(wait_days=0, business_days=True, holiday_country="DE"),
            D(2026, 4, 7),
            D(2026, 4, 27),
        ),
    ],
)
def test_due_dates(
    case: str, the_facts: Facts, policy: PolicySettings, due_on: date, closes_on: date
) -> None:
    assert schedule(the_facts, [], policy) == (due_on, closes_on), case
    p = plan(the_facts, [], policy, due_on)
    assert (p.state, p.due_on, p.window_closes_on) == ("due", due_on, closes_on), case


# --- every state ------------------------------------------------------------------------

TODAY = D(2026, 3, 10)


@pytest.mark.parametrize(
    ("case", "the_facts", "events", "policy", "state"),
    [
        ("waiting", facts(), [], DEFAULT, "waiting"),
        ("saved, no date", facts(applied_on=None, status="saved"), [], DEFAULT, "not_applied"),
        ("due", facts(), [], DEFAULT, "due"),
        ("one sent, limit one", facts(), [ev("follow_up", D(2026, 3, 9))], DEFAULT, "done"),
        ("limit zero", facts(), [], PolicySettings(max_follow_ups=0), "done"),
        ("status interviewing", facts(status="interviewing"), [], DEFAULT, "responded"),
        ("interview event", facts(), [ev("interview", D(2026, 3, 8))], DEFAULT, "responded"),
        ("response event", facts(), [ev("response", D(2026, 3, 4))], DEFAULT, "responded"),
        ("response before applying", facts(), [ev("response", D(2026, 3, 1))], DEFAULT, "due"),
        ("no contact", facts(no_contact=True), [], DEFAULT, "blocked"),
        ("status rejected", facts(status="rejected"), [], DEFAULT, "post_rejection"),
        ("rejection event", facts(), [ev("rejection", D(2026, 3, 6))], DEFAULT, "post_rejection"),
        ("status offer", facts(status="offer"), [], DEFAULT, "closed"),
        ("status withdrawn", facts(status="withdrawn"), [], DEFAULT, "closed"),
        ("archived", facts(archived=True), [], DEFAULT, "closed"),
        ("offer event", facts(), [ev("offer", D(2026, 3, 8))], DEFAULT, "closed"),
        ("withdrawn event", facts(), [ev("withdrawn", D(2026, 3, 8))], DEFAULT, "closed"),
        (
            "all three asks made",
            facts(status="rejected"),
            [ev(k, D(2026, 3, 8)) for k in ("rejection", *list(EVENT_KINDS[-3:]))],
            DEFAULT,
            "closed",
        ),
        (
            "offer beats rejection",
            facts(status="rejected"),
            [ev("offer", D(2026, 3, 8))],
            DEFAULT,
            "closed",
        ),
        (
            "rejection beats interview",
            facts(status="rejected"),
            [ev("interview", D(2026, 3, 5))],
            DEFAULT,
            "post_rejection",
        ),
        (
            "response beats no contact",
            facts(status="interviewing", no_contact=True),
            [],
            DEFAULT,
            "responded",
        ),
        (
            "not applied beats no contact",
            facts(applied_on=None, no_contact=True),
            [],
            DEFAULT,
            "not_applied",
        ),
        (
            "no contact beats the limit",
            facts(no_contact=True),
            [ev("follow_up", D(2026, 3, 9))],
            DEFAULT,
            "blocked",
        ),
    ],
)
def test_every_state(
    case: str, the_facts: Facts, events: list[Event], policy: PolicySettings, state: str
) -> None:
    today = D(2026, 3, 5) if state == "waiting" else TODAY
    p = plan(the_facts, events, policy, today)
    assert p.state == state, case
    assert p.state in STATES
    assert p.reasons, case
    assert (p.due_on, p.window_closes_on) == schedule(the_facts, events, policy), case


@pytest.mark.parametrize(
    ("case", "the_facts", "events", "today"),
    [
        ("not applied", facts(applied_on=None, status="saved"), [], TODAY),
        ("closed", facts(status="offer"), [], TODAY),
        ("blocked", facts(no_contact=True), [], TODAY),
        ("responded", facts(status="interviewing"), [], TODAY),
        ("done", facts(), [ev("follow_up", D(2026, 3, 9))], TODAY),
    ],
)
def test_nothing_is_scheduled_where_no_message_is_owed(
    case: str, the_facts: Facts, events: list[Event], today: date
) -> None:
    assert schedule(the_facts, events, DEFAULT) == (None, None), case
    assert plan(the_facts, events, DEFAULT, today).recommended_template is None, case


@pytest.mark.parametrize(
    ("state_facts", "events", "rule", "steps"),
    [
        (facts(applied_on=None, status="saved"), [], "not_applied", ["record_applied"]),
        (facts(no_contact=True), [], "no_contact", ["wait_for_reply"]),
        (
            facts(),
            [ev("follow_up", D(2026, 3, 9))],
            "follow_up_limit",
            ["wait_for_reply", "move_on"],
        ),
        (facts(status="withdrawn"), [], "closed", []),
        (facts(status="interviewing"), [], "responded", []),
    ],
)
def test_steps_and_reasons_of_the_quiet_states(
    state_facts: Facts, events: list[Event], rule: str, steps: list[str]
) -> None:
    p = plan(state_facts, events, DEFAULT, TODAY)
    assert rules(p.reasons)[0] == rule
    assert actions(p.next_steps) == steps


def test_blocked_and_closed_plans_give_one_reason() -> None:
    flags = {"no_phone_calls": True, "only_shortlisted": True}
    assert rules(plan(facts(no_contact=True, **flags), [], DEFAULT, TODAY).reasons) == [
        "no_contact"
    ]
    assert rules(plan(facts(archived=True, **flags), [], DEFAULT, TODAY).reasons) == ["closed"]


def test_due_plan_recommends_the_follow_up_email() -> None:
    p = plan(APPLIED, [], DEFAULT, D(2026, 3, 9))
    assert p.recommended_channel == "email"
    assert p.recommended_template == TemplateRef("follow_up", "email")
    assert p.next_steps == (
        NextStep("send_follow_up", "Send your follow-up email to Acme", "follow_up", D(2026, 3, 9)),
    )
    assert (p.follow_ups_sent, p.follow_ups_allowed, p.contact_gap) == (0, 1, False)
    assert rules(p.reasons) == ["wait_after_applying", "window"]


def test_waiting_plan_says_until_when() -> None:
    p = plan(APPLIED, [], DEFAULT, D(2026, 3, 5))
    assert p.recommended_template == TemplateRef("follow_up", "email")
    step = p.next_steps[0]
    assert (step.action, step.due_on) == ("wait", D(2026, 3, 9))
    assert step.label == "Wait until Monday, March 9, 2026, then follow up with Acme"


def test_too_late_says_so_and_suggests_moving_on() -> None:
    p = plan(APPLIED, [], DEFAULT, D(2026, 3, 24))
    assert actions(p.next_steps) == ["move_on"]
    assert rules(p.reasons)[-1] == "too_late"
    assert "March 23, 2026" in p.reasons[-1].message


def test_limit_zero_means_done_right_after_applying() -> None:
    p = plan(APPLIED, [], PolicySettings(max_follow_ups=0), MONDAY)
    assert (p.state, p.due_on, p.follow_ups_allowed) == ("done", None, 0)
    assert p.reasons[0].message == "The policy plans no follow-ups for this application."


def test_interview_offers_a_thank_you_note() -> None:
    p = plan(APPLIED, [ev("interview", D(2026, 3, 12))], DEFAULT, D(2026, 3, 12))
    assert p.state == "responded"
    assert p.recommended_template == TemplateRef("interview_thank_you", "email")
    assert p.next_steps[-1] == NextStep(
        "send_thank_you",
        "Send Acme a thank-you note for the interview",
        "interview_thank_you",
        D(2026, 3, 12),
    )


def test_post_rejection_offers_each_open_ask_once() -> None:
    events = [ev("rejection", D(2026, 3, 20)), ev("feedback_request", D(2026, 3, 21))]
    p = plan(facts(status="rejected"), events, DEFAULT, D(2026, 3, 22))
    assert (p.state, p.due_on, p.window_closes_on) == (
        "post_rejection",
        D(2026, 3, 20),
        D(2026, 4, 3),
    )
    assert actions(p.next_steps) == ["informational_interview_request", "future_openings_request"]
    assert [s.template_kind for s in p.next_steps] == ["informational_interview", "future_openings"]
    assert p.recommended_template == TemplateRef("informational_interview", "email")
    assert rules(p.reasons)[:2] == ["rejected", "window"]


def test_post_rejection_asks_start_with_feedback() -> None:
    p = plan(facts(), [ev("rejection", D(2026, 3, 20))], DEFAULT, D(2026, 3, 20))
    assert actions(p.next_steps) == [
        "feedback_request",
        "informational_interview_request",
        "future_openings_request",
    ]
    assert p.recommended_template == TemplateRef("feedback_request", "email")


def test_asks_and_thank_you_notes_go_by_email_even_where_phone_is_preferred() -> None:
    phone_first = PolicySettings(channels=("phone", "email"))
    only_phone = facts(has_contact_email=False)
    rejected = plan(only_phone, [ev("rejection", TODAY)], phone_first, TODAY)
    assert rejected.recommended_template == TemplateRef("feedback_request", "email")
    assert rejected.recommended_channel == "email" and not rejected.contact_gap
    thanks = plan(only_phone, [ev("interview", TODAY)], phone_first, TODAY)
    assert thanks.recommended_template == TemplateRef("interview_thank_you", "email")
    due = plan(only_phone, [], phone_first, DUE_DAY)
    assert due.recommended_template == TemplateRef("follow_up", "phone")


def test_rejected_status_without_a_rejection_date_still_offers_the_asks() -> None:
    p = plan(facts(status="rejected"), [], DEFAULT, TODAY)
    assert (p.state, p.due_on, p.window_closes_on) == ("post_rejection", None, None)
    assert len(p.next_steps) == 3


def test_no_contact_posting_gets_no_asks_after_a_rejection() -> None:
    the_facts = facts(no_contact=True, status="rejected")
    p = plan(the_facts, [ev("rejection", D(2026, 3, 20))], DEFAULT, D(2026, 3, 20))
    assert (p.state, p.next_steps, p.recommended_template) == ("post_rejection", (), None)
    assert "no_contact" in rules(p.reasons)
    assert schedule(the_facts, [ev("rejection", D(2026, 3, 20))], DEFAULT) == (None, None)


# --- later follow-ups -------------------------------------------------------------------

TWO = PolicySettings(max_follow_ups=2)


@pytest.mark.parametrize(
    ("events", "today", "state", "due_on", "sent"),
    [
        ([], D(2026, 3, 9), "due", D(2026, 3, 9), 0),
        ([ev("follow_up", D(2026, 3, 10))], D(2026, 3, 12), "waiting", D(2026, 3, 17), 1),
        ([ev("follow_up", D(2026, 3, 10))], D(2026, 3, 17), "due", D(2026, 3, 17), 1),
        ([ev("follow_up", D(2026, 3, 10))], D(2026, 3, 31), "due", D(2026, 3, 17), 1),
        ([ev("follow_up", D(2026, 3, 10))], D(2026, 4, 1), "too_late", D(2026, 3, 17), 1),
        (
            [ev("follow_up", D(2026, 3, 17)), ev("follow_up", D(2026, 3, 10))],
            D(2026, 3, 18),
            "done",
            None,
            2,
        ),
        # a follow-up logged before the application date does not count
        ([ev("follow_up", D(2026, 2, 20))], D(2026, 3, 9), "due", D(2026, 3, 9), 0),
    ],
)
def test_later_follow_ups_fall_due_a_wait_after_the_previous_one(
    events: list[Event], today: date, state: str, due_on: date | None, sent: int
) -> None:
    p = plan(APPLIED, events, TWO, today)
    assert (p.state, p.due_on, p.follow_ups_sent, p.follow_ups_allowed) == (
        state,
        due_on,
        sent,
        2,
    )


def test_later_follow_up_names_its_rule() -> None:
    p = plan(APPLIED, [ev("follow_up", D(2026, 3, 10))], TWO, D(2026, 3, 12))
    assert p.reasons[0] == Reason(
        "later_follow_up",
        "You followed up on Tuesday, March 10, 2026; the policy waits 7 days "
        "before follow-up 2 of 2.",
    )


def test_third_follow_up_counts_from_the_latest_one() -> None:
    events = [ev("follow_up", D(2026, 3, 17)), ev("follow_up", D(2026, 3, 10))]
    p = plan(APPLIED, events, PolicySettings(max_follow_ups=3), D(2026, 3, 20))
    assert (p.state, p.due_on, p.follow_ups_sent) == ("waiting", D(2026, 3, 24), 2)


def test_later_follow_up_still_waits_for_the_stated_response_date() -> None:
    the_facts = facts(response_expected_on=D(2026, 3, 30))
    early = [ev("follow_up", D(2026, 3, 10))]
    assert schedule(the_facts, early, TWO)[0] == D(2026, 4, 1)


# --- channels -----------------------------------------------------------------------------

DUE_DAY = D(2026, 3, 9)


@pytest.mark.parametrize(
    ("case", "overrides", "policy", "allowed", "channel", "gap"),
    [
        ("both known, email first", {}, DEFAULT, ("email", "phone"), "email", False),
        (
            "preference order is the policy's",
            {},
            PolicySettings(channels=("phone", "email")),
            ("phone", "email"),
            "phone",
            False,
        ),
        (
            "preferred channel has no method known",
            {"has_contact_phone": False},
            PolicySettings(channels=("phone", "email")),
            ("phone", "email"),
            "email",
            False,
        ),
        (
            "only a phone number known",
            {"has_contact_email": False},
            DEFAULT,
            ("email", "phone"),
            "phone",
            False,
        ),
        (
            "no phone calls",
            {"no_phone_calls": True, "has_contact_email": False},
            DEFAULT,
            ("email",),
            "email",
            True,
        ),
        (
            "nothing known falls back to email",
            {"has_contact_email": False, "has_contact_phone": False},
            PolicySettings(channels=("phone", "email")),
            ("phone", "email"),
            "email",
            True,
        ),
        (
            "nothing known, phone-only policy",
            {"has_contact_email": False, "has_contact_phone": False},
            PolicySettings(channels=("phone",)),
            ("phone",),
            "phone",
            True,
        ),
        (
            "no channel left",
            {"no_phone_calls": True},
            PolicySettings(channels=("phone",)),
            (),
            None,
            False,
        ),
    ],
)
def test_channel_rules(
    case: str,
    overrides: dict[str, bool],
    policy: PolicySettings,
    allowed: tuple[str, ...],
    channel: str | None,
    gap: bool,
) -> None:
    p = plan(facts(**overrides), [], policy, DUE_DAY)
    assert (p.channels_allowed, p.recommended_channel, p.contact_gap) == (allowed, channel, gap)
    if channel is None:
        assert p.recommended_template is None
        assert "no_channel" in rules(p.reasons)
    else:
        assert p.recommended_template == TemplateRef("follow_up", channel)


def test_phone_is_never_offered_when_posting_says_no_calls() -> None:
    p = plan(facts(no_phone_calls=True), [], DEFAULT, DUE_DAY)
    assert "phone" not in p.channels_allowed
    assert "no_phone_calls" in rules(p.reasons)


def test_no_contact_posting_allows_no_channel() -> None:
    assert channels_allowed(facts(no_contact=True), DEFAULT) == ()
    p = plan(facts(no_contact=True), [], DEFAULT, DUE_DAY)
    assert (p.channels_allowed, p.recommended_channel, p.recommended_template) == ((), None, None)


def test_contact_gap_suggests_finding_the_decision_maker() -> None:
    unknown = facts(has_contact_email=False, has_contact_phone=False, has_contact_name=False)
    p = plan(unknown, [], DEFAULT, DUE_DAY)
    assert p.contact_gap
    assert actions(p.next_steps) == ["find_decision_maker", "send_follow_up"]
    assert p.next_steps[0].template_kind == "find_decision_maker"
    assert "reception" in p.next_steps[0].label
    gap = next(r for r in p.reasons if r.rule == "contact_gap")
    assert "Hiring Team" in gap.message


def test_finding_the_decision_maker_never_suggests_calling_where_calls_are_forbidden() -> None:
    unknown = facts(has_contact_email=False, no_phone_calls=True)
    p = plan(unknown, [], DEFAULT, DUE_DAY)
    assert p.next_steps[0].action == "find_decision_maker"
    assert "reception" not in p.next_steps[0].label


def test_known_email_without_a_name_goes_to_the_hiring_team() -> None:
    p = plan(facts(has_contact_name=False), [], DEFAULT, DUE_DAY)
    assert not p.contact_gap
    assert "no_contact_name" in rules(p.reasons)
    assert '"Hiring Team"' in next(r.message for r in p.reasons if r.rule == "no_contact_name")
    assert actions(p.next_steps) == ["find_decision_maker", "send_follow_up"]


def test_too_late_does_not_send_the_user_hunting_for_contacts() -> None:
    unknown = facts(has_contact_email=False, has_contact_phone=False)
    p = plan(unknown, [], DEFAULT, D(2026, 4, 30))
    assert p.contact_gap
    assert actions(p.next_steps) == ["move_on"]


# --- reasons ------------------------------------------------------------------------------


def test_plan_with_a_response_date_names_both_rules() -> None:
    p = plan(facts(response_expected_on=D(2026, 3, 16)), [], DEFAULT, D(2026, 3, 18))
    assert p.reasons[:3] == (
        Reason(
            "wait_after_applying",
            "You applied on Monday, March 2, 2026; the policy waits 7 days before following up.",
        ),
        Reason(
            "response_date",
            "The posting says you will hear back by March 16, 2026; "
            "the policy waits 2 days after that.",
        ),
        Reason("window", "A follow-up stays timely until April 1, 2026."),
    )


def test_an_earlier_response_date_is_still_explained() -> None:
    p = plan(facts(response_expected_on=D(2026, 3, 3)), [], DEFAULT, DUE_DAY)
    assert rules(p.reasons) == ["wait_after_applying", "response_date", "window"]


def test_weekend_reason() -> None:
    p = plan(facts(applied_on=D(2026, 3, 7)), [], DEFAULT, D(2026, 3, 16))
    assert (
        Reason(
            "weekend",
            "March 14, 2026 is a Saturday, so the follow-up moves to Monday, March 16, 2026.",
        )
        in p.reasons
    )


def test_business_days_and_holidays_are_explained() -> None:
    policy = PolicySettings(wait_days=5, business_days=True, holiday_country="DE")
    p = plan(facts(applied_on=D(2026, 4, 2)), [], policy, D(2026, 4, 13))
    assert rules(p.reasons) == ["wait_after_applying", "business_days", "holidays", "window"]
    assert "5 business days" in p.reasons[0].message
    holidays_message = p.reasons[2].message
    assert "Good Friday (April 3, 2026)" in holidays_message
    assert "Easter Monday (April 6, 2026)" in holidays_message


def test_holidays_named_are_only_those_the_deciding_count_skipped() -> None:
    policy = PolicySettings(wait_days=5, business_days=True, holiday_country="DE")
    # the Easter holidays fall in the wait after applying, but the response date decides
    the_facts = facts(applied_on=D(2026, 3, 30), response_expected_on=D(2026, 4, 10))
    p = plan(the_facts, [], policy, D(2026, 4, 14))
    assert p.due_on == D(2026, 4, 14)
    assert "holidays" not in rules(p.reasons)


def test_no_contact_posting_suppresses_the_thank_you_and_says_why() -> None:
    p = plan(facts(no_contact=True), [ev("interview", TODAY)], DEFAULT, TODAY)
    assert (p.state, p.recommended_template) == ("responded", None)
    assert "no_contact" in rules(p.reasons) and "no_channel" not in rules(p.reasons)


def test_shortlist_note_is_shown_and_changes_nothing() -> None:
    plain = plan(APPLIED, [], DEFAULT, DUE_DAY)
    noted = plan(facts(only_shortlisted=True), [], DEFAULT, DUE_DAY)
    assert "only_shortlisted" in rules(noted.reasons)
    assert replace(noted, reasons=plain.reasons) == plain


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (D(2026, 1, 1), "Thursday, January 1, 2026"),
        (D(2026, 12, 31), "Thursday, December 31, 2026"),
        (D(2026, 3, 2), "Monday, March 2, 2026"),
        (D(2027, 8, 7), "Saturday, August 7, 2027"),
    ],
)
def test_dates_are_written_out_in_words(day: date, text: str) -> None:
    p = plan(facts(applied_on=day), [], DEFAULT, day)
    assert p.reasons[0].message.startswith(f"You applied on {text};")


# --- the guard ----------------------------------------------------------------------------


EMAIL_ONLY = PolicySettings(channels=("email",))
NOT_APPLIED = facts(applied_on=None, status="saved")
SENT = [ev("follow_up", DUE_DAY)]
FORBIDDEN = ("contact-forbidden", 409, True)  # a blocked plan: recorded only with a reason
CLOSED = ("plan-closed", 409, True)
BAD_CHANNEL = ("channel-not-allowed", 422, False)


@pytest.mark.parametrize(
    ("the_facts", "events", "policy", "channel", "sent_on", "expected"),
    [
        pytest.param(
            facts(no_contact=True), [], DEFAULT, "email", DUE_DAY, FORBIDDEN, id="no contact"
        ),
        pytest.param(
            facts(no_phone_calls=True), [], DEFAULT, "phone", DUE_DAY, BAD_CHANNEL, id="no calls"
        ),
        pytest.param(facts(), [], DEFAULT, "fax", DUE_DAY, BAD_CHANNEL, id="unknown channel"),
        pytest.param(
            NOT_APPLIED,
            [],
            EMAIL_ONLY,
            "phone",
            DUE_DAY,
            BAD_CHANNEL,
            id="channel before not applied",
        ),
        pytest.param(
            NOT_APPLIED,
            [],
            DEFAULT,
            "email",
            DUE_DAY,
            ("not-applied", 409, False),
            id="not applied",
        ),
        pytest.param(
            facts(),
            SENT,
            DEFAULT,
            "email",
            D(2026, 3, 20),
            ("follow-up-limit-reached", 409, True),
            id="limit reached",
        ),
        pytest.param(
            facts(), [], DEFAULT, "email", D(2026, 3, 8), ("too-early", 409, True), id="too early"
        ),
        pytest.param(
            facts(),
            [],
            DEFAULT,
            "email",
            D(2026, 3, 1),
            ("too-early", 409, True),
            id="before applying",
        ),
        pytest.param(
            facts(), [], DEFAULT, "email", D(2026, 3, 24), ("too-late", 409, True), id="too late"
        ),
        pytest.param(
            facts(),
            [],
            PolicySettings(window_days=30),
            "email",
            D(2026, 4, 30),
            ("too-late", 409, True),
            id="too late for a longer window",
        ),
        pytest.param(facts(status="offer"), [], DEFAULT, "email", DUE_DAY, CLOSED, id="offer"),
        pytest.param(
            facts(),
            [ev("withdrawn", D(2026, 3, 5))],
            DEFAULT,
            "email",
            DUE_DAY,
            CLOSED,
            id="withdrawn",
        ),
        pytest.param(facts(archived=True), [], DEFAULT, "email", DUE_DAY, CLOSED, id="archived"),
    ],
)
def test_guard_refusals(
    the_facts: Facts,
    events: list[Event],
    policy: PolicySettings,
    channel: str,
    sent_on: date,
    expected: tuple[str, int, bool],
) -> None:
    refused = guard_follow_up(the_facts, events, policy, channel, sent_on, None)
    assert refused is not None
    assert (refused.type, refused.status, refused.overridable) == expected
    assert refused.title and refused.detail
    blank = guard_follow_up(the_facts, events, policy, channel, sent_on, "   ")
    assert blank == refused, "a blank reason overrides nothing"
    overridden = guard_follow_up(the_facts, events, policy, channel, sent_on, "they asked me to")
    assert (overridden is None) == refused.overridable


@pytest.mark.parametrize(
    ("events", "channel", "sent_on"),
    [
        ([], "email", DUE_DAY),
        ([], "phone", D(2026, 3, 23)),
        ([ev("note", DUE_DAY)], "email", DUE_DAY),
    ],
)
def test_guard_lets_a_timely_follow_up_through(
    events: list[Event], channel: str, sent_on: date
) -> None:
    assert guard_follow_up(APPLIED, events, DEFAULT, channel, sent_on, None) is None


@pytest.mark.parametrize(
    ("events", "sent_on"),
    [([], D(2026, 3, 23)), ([ev("follow_up", D(2026, 3, 10))], D(2026, 3, 17))],
    ids=["last timely day", "second round"],
)
def test_guard_takes_the_last_day_of_the_window(events: list[Event], sent_on: date) -> None:
    assert guard_follow_up(APPLIED, events, TWO, "email", sent_on, None) is None


def test_guard_details_name_the_dates_and_rules() -> None:
    early = guard_follow_up(
        facts(response_expected_on=D(2026, 3, 16)), [], DEFAULT, "email", DUE_DAY, None
    )
    assert early is not None
    assert "Wednesday, March 18, 2026" in early.detail
    assert "March 16, 2026" in early.detail
    limit = guard_follow_up(APPLIED, [ev("follow_up", DUE_DAY)], DEFAULT, "email", TODAY, None)
    assert limit is not None and "1 follow-up" in limit.detail
    phone = guard_follow_up(facts(no_phone_calls=True), [], DEFAULT, "phone", DUE_DAY, None)
    assert phone is not None and "no phone calls" in phone.detail
    late = guard_follow_up(APPLIED, [], DEFAULT, "email", D(2026, 3, 24), None)
    assert late is not None and "Monday, March 23, 2026" in late.detail
    closed = guard_follow_up(facts(status="withdrawn"), [], DEFAULT, "email", DUE_DAY, None)
    assert closed is not None and "You withdrew this application" in closed.detail


def test_an_override_still_keeps_to_the_postings_channels() -> None:
    blocked = facts(no_contact=True, no_phone_calls=True)
    first = guard_follow_up(blocked, [], DEFAULT, "phone", DUE_DAY, None)
    assert first is not None and first.type == "contact-forbidden", "no contact is named first"
    refused = guard_follow_up(blocked, [], DEFAULT, "phone", DUE_DAY, "they called me first")
    assert refused is not None and refused.type == "channel-not-allowed"
    assert guard_follow_up(blocked, [], DEFAULT, "email", DUE_DAY, "they wrote first") is None


def test_guard_allows_the_second_follow_up_only_when_it_is_due() -> None:
    first = [ev("follow_up", D(2026, 3, 10))]
    too_early = guard_follow_up(APPLIED, first, TWO, "email", D(2026, 3, 16), None)
    assert too_early is not None and too_early.type == "too-early"
    assert guard_follow_up(APPLIED, first, TWO, "email", D(2026, 3, 17), None) is None


# --- add_days and the vocabularies --------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "policy", "expected"),
    [
        (MONDAY, 7, DEFAULT, D(2026, 3, 9)),
        (MONDAY, 0, DEFAULT, MONDAY),
        (D(2026, 3, 6), 1, PolicySettings(business_days=True), D(2026, 3, 9)),
        (D(2026, 3, 9), -1, PolicySettings(business_days=True), D(2026, 3, 6)),
        (D(2026, 4, 2), 1, PolicySettings(business_days=True, holiday_country="DE"), D(2026, 4, 7)),
        (D(2026, 4, 2), 1, PolicySettings(business_days=True), D(2026, 4, 3)),
        # calendar days ignore holidays
        (D(2026, 4, 2), 1, PolicySettings(holiday_country="DE"), D(2026, 4, 3)),
        # across a year boundary: New Year's Day is skipped
        (
            D(2026, 12, 31),
            1,
            PolicySettings(business_days=True, holiday_country="US"),
            D(2027, 1, 4),
        ),
    ],
)
def test_add_days(start: date, days: int, policy: PolicySettings, expected: date) -> None:
    assert add_days(start, days, policy) == expected


def test_unknown_holiday_country_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="ZZ"):
        add_days(MONDAY, 5, PolicySettings(business_days=True, holiday_country="ZZ"))
    assert not is_holiday_country("ZZ")
    assert is_holiday_country("DE")


def test_holiday_calendars_are_cached_per_country_and_year() -> None:
    _holiday_names.cache_clear()
    policy = PolicySettings(business_days=True, holiday_country="DE")
    add_days(D(2026, 4, 2), 5, policy)
    add_days(D(2026, 5, 2), 5, policy)
    info = _holiday_names.cache_info()
    assert info.currsize == 1 and info.hits > 0


@pytest.mark.parametrize(
    "build",
    [
        lambda: PolicySettings(wait_days=-1),
        lambda: PolicySettings(max_follow_ups=-1),
        lambda: PolicySettings(channels=("email", "fax")),
        lambda: PolicySettings(channels=("email", "email")),
        lambda: Facts(MONDAY, "ghosted"),
        lambda: Event("lunch", MONDAY),
    ],
)
def test_values_outside_the_vocabulary_are_refused(build: object) -> None:
    with pytest.raises(ValueError):
        build()  # type: ignore[operator]


def test_vocabularies() -> None:
    assert CHANNELS == ("email", "phone")
    assert "interview_thank_you" in TEMPLATE_KINDS and "find_decision_maker" in TEMPLATE_KINDS
    assert len(STATES) == 9 and len(EVENT_KINDS) == 11 and "rejected" in STATUSES


# --- properties ---------------------------------------------------------------------------

days_2026 = st.dates(min_value=D(2025, 12, 1), max_value=D(2027, 2, 1))
policies = st.builds(
    PolicySettings,
    wait_days=st.integers(0, 21),
    window_days=st.integers(0, 30),
    max_follow_ups=st.sampled_from([0, 1, 1, 2, 3]),
    response_grace_days=st.integers(0, 7),
    business_days=st.booleans(),
    holiday_country=st.sampled_from([None, "DE", "US", "FR"]),
    avoid_weekends=st.booleans(),
    channels=st.sampled_from([("email", "phone"), ("phone", "email"), ("email",), ("phone",), ()]),
)
all_facts = st.builds(
    Facts,
    applied_on=st.one_of(st.none(), days_2026),
    status=st.sampled_from(STATUSES),
    archived=st.booleans(),
    no_phone_calls=st.booleans(),
    no_contact=st.booleans(),
    only_shortlisted=st.booleans(),
    response_expected_on=st.one_of(st.none(), days_2026),
    has_contact_email=st.booleans(),
    has_contact_phone=st.booleans(),
    has_contact_name=st.booleans(),
    company=st.sampled_from([None, "Acme"]),
)
timelines = st.lists(st.builds(Event, st.sampled_from(EVENT_KINDS), days_2026), max_size=6)
FOLLOW_UP_STATES = ("waiting", "due", "too_late")


@st.composite
def active(draw: st.DrawFn) -> tuple[Facts, list[Event], date]:
    """An application still waiting to hear back, its follow-ups and notes, and a today near it."""
    applied_on = draw(days_2026)
    near = st.integers(-5, 60).map(lambda n: applied_on + timedelta(days=n))
    the_facts = draw(
        st.builds(
            Facts,
            applied_on=st.just(applied_on),
            status=st.just("applied"),
            no_phone_calls=st.booleans(),
            only_shortlisted=st.booleans(),
            response_expected_on=st.one_of(st.none(), near),
            has_contact_email=st.booleans(),
            has_contact_phone=st.booleans(),
            has_contact_name=st.booleans(),
        )
    )
    events = draw(
        st.lists(st.builds(Event, st.sampled_from(["follow_up", "note"]), near), max_size=2)
    )
    return the_facts, events, draw(near)


applications = st.one_of(active(), st.tuples(all_facts, timelines, days_2026))
FAST = settings(max_examples=200, deadline=None)


@FAST
@given(active(), policies)
def test_property_never_due_before_the_wait_after_applying(
    application: tuple[Facts, list[Event], date], policy: PolicySettings
) -> None:
    the_facts, events, today = application
    p = plan(the_facts, events, policy, today)
    if p.state in FOLLOW_UP_STATES:
        assert the_facts.applied_on is not None and p.due_on is not None
        assert p.due_on >= the_facts.applied_on + timedelta(days=policy.wait_days)
        assert p.window_closes_on is not None and p.window_closes_on >= p.due_on


@FAST
@given(active(), policies)
def test_property_never_due_before_a_stated_response_date_plus_grace(
    application: tuple[Facts, list[Event], date], policy: PolicySettings
) -> None:
    the_facts, events, today = application
    p = plan(the_facts, events, policy, today)
    if p.state in FOLLOW_UP_STATES and the_facts.response_expected_on is not None:
        assert p.due_on is not None
        grace = timedelta(days=policy.response_grace_days)
        assert p.due_on >= the_facts.response_expected_on + grace


@FAST
@given(applications, policies, st.text(max_size=3))
def test_property_phone_is_never_allowed_on_a_no_phone_posting(
    application: tuple[Facts, list[Event], date], policy: PolicySettings, override: str
) -> None:
    the_facts, events, today = application
    no_calls = replace(the_facts, no_phone_calls=True)
    p = plan(no_calls, events, policy, today)
    assert "phone" not in p.channels_allowed
    assert p.recommended_channel != "phone"
    assert p.recommended_template is None or p.recommended_template.channel != "phone"
    refused = guard_follow_up(no_calls, events, policy, "phone", today, override)
    assert refused is not None


@FAST
@given(applications, policies, st.sampled_from(CHANNELS), st.text(max_size=3))
def test_property_nothing_is_ever_due_on_a_no_contact_posting(
    application: tuple[Facts, list[Event], date],
    policy: PolicySettings,
    channel: str,
    override: str,
) -> None:
    the_facts, events, today = application
    silent = replace(the_facts, no_contact=True)
    p = plan(silent, events, policy, today)
    assert p.state != "due"
    assert p.channels_allowed == () and p.recommended_channel is None
    assert p.recommended_template is None
    refused = guard_follow_up(silent, events, policy, channel, today, override)
    if not override.strip():  # a blocked plan records a follow-up only with a reason
        assert refused is not None and refused.type == "contact-forbidden"
    else:
        assert refused is None or refused.type in ("channel-not-allowed", "not-applied")


@FAST
@given(active(), policies)
def test_property_no_weekend_due_date_when_avoiding_weekends(
    application: tuple[Facts, list[Event], date], policy: PolicySettings
) -> None:
    the_facts, events, today = application
    avoiding = replace(policy, avoid_weekends=True)
    p = plan(the_facts, events, avoiding, today)
    if p.state in FOLLOW_UP_STATES:
        assert p.due_on is not None and p.due_on.weekday() < 5


@FAST
@given(applications, policies)
def test_property_every_plan_explains_itself_and_matches_the_schedule(
    application: tuple[Facts, list[Event], date], policy: PolicySettings
) -> None:
    the_facts, events, today = application
    p = plan(the_facts, events, policy, today)
    assert p.state in STATES
    assert p.reasons
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", r.rule) and r.message for r in p.reasons)
    assert (p.due_on, p.window_closes_on) == schedule(the_facts, events, policy)
    assert p.follow_ups_allowed == policy.max_follow_ups
    if p.recommended_template is not None:
        assert p.recommended_template.kind in TEMPLATE_KINDS
        assert p.recommended_template.channel in p.channels_allowed
    assert all(s.template_kind is None or s.template_kind in TEMPLATE_KINDS for s in p.next_steps)


# --- closing dates and who said what ---------------------------------------------------------

CLOSES = D(2026, 3, 15)  # a Sunday
FROM_CLOSING = {
    "closes_on": CLOSES,
    "response_window_days": 28,
    "window_counts_from": "closing_date",
}


def test_a_window_stated_from_the_closing_date_counts_from_it() -> None:
    p = plan(facts(**FROM_CLOSING), [], DEFAULT, D(2026, 4, 14))
    # 15 March + 4 weeks = 12 April, + 2 days grace = Tuesday 14 April (not 9 March)
    assert (p.state, p.due_on) == ("due", D(2026, 4, 14))
    said = next(r for r in p.reasons if r.rule == "closing_date")
    assert said.message == (
        "The posting says you will hear within 4 weeks of the closing date (March 15, 2026), "
        "so by April 12, 2026; the policy waits 2 days after that."
    )


def test_a_later_closing_date_moves_the_follow_up_and_says_who_set_it() -> None:
    moved = facts(
        **{**FROM_CLOSING, "closes_on": D(2026, 3, 22)}, user_set=frozenset({"closes_on"})
    )
    p = plan(moved, [], DEFAULT, D(2026, 4, 1))
    assert (p.state, p.due_on) == ("waiting", D(2026, 4, 21))
    assert "(March 22, 2026 as you set it)" in next(
        r.message for r in p.reasons if r.rule == "closing_date"
    )


def test_business_days_from_the_closing_date_skip_weekends() -> None:
    the_facts = facts(**{**FROM_CLOSING, "response_window_days": 10}, response_window_business=True)
    p = plan(the_facts, [], DEFAULT, D(2026, 3, 2))
    # Monday 16 March is the first of 10 weekdays: Friday 27 March, + 2 days = Sunday 29 March,
    # moved off the weekend to Monday 30 March
    assert p.due_on == D(2026, 3, 30)
    assert "within 10 business days of the closing date" in " ".join(r.message for r in p.reasons)


def test_a_window_from_an_unknown_closing_date_asks_for_the_date_and_moves_nothing() -> None:
    p = plan(facts(**{**FROM_CLOSING, "closes_on": None}), [], DEFAULT, DUE_DAY)
    assert p.due_on == plan(APPLIED, [], DEFAULT, DUE_DAY).due_on
    note = next(r for r in p.reasons if r.rule == "closing_date_window")
    assert "add the closing date" in note.message


def test_the_closing_date_alone_means_nobody_hears_before_it() -> None:
    p = plan(facts(closes_on=D(2026, 3, 20)), [], DEFAULT, D(2026, 3, 1))
    assert p.due_on == D(2026, 3, 23)  # 20 March + 2 days = Sunday 22, moved to Monday
    assert "The posting says applications close on March 20, 2026" in p.reasons[1].message


def test_the_later_of_a_stated_date_and_the_closing_window_decides() -> None:
    both = facts(**FROM_CLOSING, response_expected_on=D(2026, 4, 30))
    p = plan(both, [], DEFAULT, D(2026, 4, 1))
    assert p.due_on == D(2026, 5, 4)  # 30 April + 2 = Saturday 2 May, moved to Monday
    assert "response_date" in rules(p.reasons) and "closing_date" not in rules(p.reasons)


def test_reasons_say_which_constraints_came_from_the_posting_and_which_from_the_user() -> None:
    posting = plan(facts(no_phone_calls=True, only_shortlisted=True), [], DEFAULT, DUE_DAY)
    mine = plan(
        facts(no_phone_calls=True, only_shortlisted=True, user_set=frozenset({"no_phone_calls"})),
        [],
        DEFAULT,
        DUE_DAY,
    )
    message = {r.rule: r.message for r in posting.reasons}
    assert (
        message["no_phone_calls"] == "The posting says no phone calls, so phone is never offered."
    )
    said = {r.rule: r.message for r in mine.reasons}
    assert said["no_phone_calls"] == "You said: no phone calls, so phone is never offered."
    assert said["only_shortlisted"].startswith("The posting says only shortlisted")
    blocked = plan(facts(no_contact=True, user_set=frozenset({"no_contact"})), [], DEFAULT, DUE_DAY)
    assert blocked.reasons[0].message == "You said: no contact with the employer, so no follow-up."


def test_the_guard_waits_for_the_closing_window_too() -> None:
    refused = guard_follow_up(facts(**FROM_CLOSING), [], DEFAULT, "email", D(2026, 3, 20), None)
    assert refused is not None and refused.type == "too-early"
    assert "within 4 weeks of the closing date" in refused.detail


@pytest.mark.parametrize(
    "bad",
    [{"window_counts_from": "posting"}, {"response_window_days": -1}],
)
def test_window_facts_outside_their_range_are_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        facts(**bad)


@FAST
@given(active(), policies, st.integers(0, 60), st.integers(-10, 40), st.booleans())
def test_property_never_due_before_the_closing_window_plus_grace(
    application: tuple[Facts, list[Event], date],
    policy: PolicySettings,
    days: int,
    closes_after: int,
    business: bool,
) -> None:
    the_facts, events, today = application
    assert the_facts.applied_on is not None
    closes = the_facts.applied_on + timedelta(days=closes_after)
    windowed = replace(
        the_facts,
        closes_on=closes,
        response_window_days=days,
        response_window_business=business,
        window_counts_from="closing_date",
    )
    p = plan(windowed, events, policy, today)
    if p.state in FOLLOW_UP_STATES:
        assert p.due_on is not None
        heard = closes + timedelta(days=days)  # business days only take longer
        assert p.due_on >= heard + timedelta(days=policy.response_grace_days)
