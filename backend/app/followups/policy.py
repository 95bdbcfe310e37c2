"""The follow-up policy engine: when and how to follow up on one job application.

Pure: it takes the application's facts, its timeline, a policy and `today`, and returns a
plan. No database, no clock, no I/O; the API, the due list and the calendar feed share it.
"""

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from types import MappingProxyType

import holidays

from app.vocabulary import CHANNELS, EVENT_KINDS, STATUSES

# The post-rejection asks, in the order they are offered: event kind -> template kind.
ASKS = {
    "feedback_request": "feedback_request",
    "informational_interview_request": "informational_interview",
    "future_openings_request": "future_openings",
}
_ASK_LABELS = {
    "feedback_request": "Ask {who} why, to improve your next application",
    "informational_interview_request": "Ask {who}'s hiring manager for an informational interview",
    "future_openings_request": "Ask {who} to consider you for future openings",
}
_MONTHS = "January February March April May June July August September October November December"
_MONTH_NAMES = tuple(_MONTHS.split())
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class PolicySettings:
    wait_days: int = 7
    window_days: int = 14
    max_follow_ups: int = 1
    response_grace_days: int = 2
    business_days: bool = False
    holiday_country: str | None = None
    avoid_weekends: bool = True
    channels: tuple[str, ...] = ("email", "phone")

    def __post_init__(self) -> None:
        for name in ("wait_days", "window_days", "max_follow_ups", "response_grace_days"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if not set(self.channels) <= set(CHANNELS) or len(set(self.channels)) < len(self.channels):
            raise ValueError(f"channels must be distinct values from {CHANNELS}")


@dataclass(frozen=True, slots=True)
class Facts:
    applied_on: date | None
    status: str
    archived: bool = False
    no_phone_calls: bool = False
    no_contact: bool = False
    only_shortlisted: bool = False
    response_expected_on: date | None = None
    closes_on: date | None = None  # the posting's closing date
    # The posting's response window, as applied, and what it counts from.
    response_window_days: int | None = None
    response_window_business: bool = False
    window_counts_from: str | None = None  # "application" | "closing_date"
    # The posting constraints the user decided by hand (the others came from the posting).
    user_set: frozenset[str] = frozenset()
    has_contact_email: bool = False
    has_contact_phone: bool = False
    has_contact_name: bool = False
    company: str | None = None  # used in labels and reasons; "the employer" when unknown

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        if self.window_counts_from not in (None, "application", "closing_date"):
            raise ValueError(f"unknown window_counts_from {self.window_counts_from!r}")
        if self.response_window_days is not None and self.response_window_days < 0:
            raise ValueError("response_window_days must not be negative")


@dataclass(frozen=True, slots=True)
class Event:
    kind: str
    occurred_on: date

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {self.kind!r}")


@dataclass(frozen=True, slots=True)
class Reason:
    rule: str
    message: str


@dataclass(frozen=True, slots=True)
class TemplateRef:
    kind: str
    channel: str


@dataclass(frozen=True, slots=True)
class NextStep:
    action: str
    label: str
    template_kind: str | None
    due_on: date | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    state: str
    due_on: date | None
    window_closes_on: date | None
    follow_ups_sent: int
    follow_ups_allowed: int
    channels_allowed: tuple[str, ...]
    recommended_channel: str | None
    recommended_template: TemplateRef | None
    next_steps: tuple[NextStep, ...]
    contact_gap: bool
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Refusal:
    type: str
    status: int
    title: str
    detail: str
    overridable: bool


@dataclass(frozen=True, slots=True)
class _Timeline:
    follow_ups: tuple[date, ...]  # on or after applied_on, oldest first
    interviews: tuple[date, ...]
    responses: tuple[date, ...]  # on or after applied_on
    rejections: tuple[date, ...]
    kinds: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Core:
    """The part of a plan that does not depend on today."""

    state: str  # a STATES value, or "scheduled" (waiting, due or too_late, by today)
    due_on: date | None
    window_closes_on: date | None
    reasons: tuple[Reason, ...]
    open_asks: tuple[str, ...] = ()
    interviewed_on: date | None = None


def _plain(day: date) -> str:
    return f"{_MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"


def _long(day: date) -> str:
    return f"{_WEEKDAYS[day.weekday()]}, {_plain(day)}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _days(n: int, policy: PolicySettings) -> str:
    return _count(n, "business day" if policy.business_days else "day")


def _who(facts: Facts) -> str:
    return facts.company or "the employer"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@functools.lru_cache(maxsize=512)
def _holiday_names(country: str, year: int) -> Mapping[date, str]:
    try:
        calendar = holidays.country_holidays(country, years=year, language="en_US")
    except NotImplementedError as exc:
        raise ValueError(f"unknown holiday country code {country!r}") from exc
    return MappingProxyType(dict(calendar.items()))


def is_holiday_country(code: str) -> bool:
    """Whether `code` is a country the `holidays` package knows (for validating policies)."""
    return code in holidays.list_supported_countries()


def _is_business_day(day: date, country: str | None) -> bool:
    if day.weekday() >= 5:
        return False
    return country is None or day not in _holiday_names(country, day.year)


def add_days(start: date, days: int, policy: PolicySettings) -> date:
    """Add calendar days, or business days (no weekends, no holidays of the policy's country).

    Raises ValueError for a holiday country the `holidays` package does not know.
    """
    if policy.holiday_country is not None:
        _holiday_names(policy.holiday_country, start.year)  # fail fast on an unknown code
    if not policy.business_days:
        return start + timedelta(days=days)
    step, left, day = (1 if days >= 0 else -1), abs(days), start
    while left:
        day += timedelta(days=step)
        if _is_business_day(day, policy.holiday_country):
            left -= 1
    return day


def channels_allowed(facts: Facts, policy: PolicySettings) -> tuple[str, ...]:
    """The policy's channels in preference order, minus what the posting forbids."""
    if facts.no_contact:
        return ()
    return tuple(c for c in policy.channels if not (c == "phone" and facts.no_phone_calls))


def _read(facts: Facts, events: Iterable[Event]) -> _Timeline:
    ordered = sorted(events, key=lambda e: e.occurred_on)

    def dates(kind: str, since: date | None = None) -> tuple[date, ...]:
        return tuple(
            e.occurred_on
            for e in ordered
            if e.kind == kind and (since is None or e.occurred_on >= since)
        )

    applied = facts.applied_on
    return _Timeline(
        follow_ups=dates("follow_up", applied) if applied else (),
        interviews=dates("interview"),
        responses=dates("response", applied) if applied else (),
        rejections=dates("rejection"),
        kinds=frozenset(e.kind for e in ordered),
    )


def _holidays_between(start: date, end: date, policy: PolicySettings) -> list[str]:
    """Weekday holidays in (start, end] that business-day counting skipped."""
    country = policy.holiday_country
    if not policy.business_days or country is None:
        return []
    found, day = [], start + timedelta(days=1)
    while day <= end:
        name = _holiday_names(country, day.year).get(day)
        if name and day.weekday() < 5:
            found.append(f"{name} ({_plain(day)})")
        day += timedelta(days=1)
    return found


def _says(facts: Facts, *names: str) -> str:
    """Who said it: the user (who set one of these by hand) or the posting."""
    return "You said" if set(names) & facts.user_set else "The posting says"


def _span(days: int, business: bool) -> str:
    if business:
        return _count(days, "business day")
    return _count(days // 7, "week") if days % 7 == 0 else _count(days, "day")


def _weekdays_after(start: date, days: int) -> date:
    """`days` weekdays after `start`: a posting's business days skip weekends."""
    day = start
    while days:
        day += timedelta(days=1)
        days -= day.weekday() < 5
    return day


def _heard_back(facts: Facts) -> tuple[tuple[date, str] | None, list[Reason]]:
    """The latest day the posting (or the user) says an answer comes by, in words.

    A window stated from the closing date ("within 4 weeks of the closing date") counts
    from closes_on; the closing date alone counts too: nobody hears before applications close.
    """
    found: list[tuple[date, str]] = []
    notes: list[Reason] = []
    if (heard := facts.response_expected_on) is not None:
        found.append(
            (heard, f"{_says(facts, 'response_expected_on')} you will hear back by {_plain(heard)}")
        )
    days = facts.response_window_days
    from_closing = facts.window_counts_from == "closing_date" and days is not None
    if from_closing and days is not None:
        span = _span(days, facts.response_window_business)
        who = _says(facts, "response_window")
        if who == "You said":
            who = "You confirmed that the posting says"
        if facts.closes_on is None:
            message = (
                f"{who} you will hear within {span} of the closing date; add the closing date "
                "to count from it."
            )
            notes.append(Reason("closing_date_window", message))
        else:
            closes = facts.closes_on
            heard = (
                _weekdays_after(closes, days)
                if facts.response_window_business
                else closes + timedelta(days=days)
            )
            whose = " as you set it" if "closes_on" in facts.user_set else ""
            found.append(
                (
                    heard,
                    f"{who} you will hear within {span} of the closing date "
                    f"({_plain(closes)}{whose}), so by {_plain(heard)}",
                )
            )
    elif facts.closes_on is not None:
        found.append(
            (
                facts.closes_on,
                f"{_says(facts, 'closes_on')} applications close on {_plain(facts.closes_on)}",
            )
        )
    latest = max(found, key=lambda f: f[0], default=None)
    return latest, notes


def _next_round(facts: Facts, follow_ups: tuple[date, ...], policy: PolicySettings) -> _Core:
    """Due date, window and reasons of the next follow-up; the caller checks the limit."""
    assert facts.applied_on is not None
    sent = len(follow_ups)
    wait = _days(policy.wait_days, policy)
    if follow_ups:
        anchor = follow_ups[-1]
        number = f"follow-up {sent + 1} of {policy.max_follow_ups}"
        first = Reason(
            "later_follow_up",
            f"You followed up on {_long(anchor)}; the policy waits {wait} before {number}.",
        )
    else:
        anchor = facts.applied_on
        first = Reason(
            "wait_after_applying",
            f"You applied on {_long(anchor)}; the policy waits {wait} before following up.",
        )
    reasons = [first]
    due = add_days(anchor, policy.wait_days, policy)
    counted_from = anchor
    latest, notes = _heard_back(facts)
    reasons.extend(notes)
    if latest is not None:
        heard, said = latest
        rule = "response_date" if heard == facts.response_expected_on else "closing_date"
        after = add_days(heard, policy.response_grace_days, policy)
        grace = _days(policy.response_grace_days, policy)
        if after > due:
            due, counted_from = after, heard
            reasons.append(Reason(rule, f"{said}; the policy waits {grace} after that."))
        else:
            usual = f"{grace} after that still falls within the usual wait, so the wait decides"
            reasons.append(Reason(rule, f"{said}; {usual}."))
    if policy.avoid_weekends and due.weekday() >= 5:
        moved = due + timedelta(days=1)
        while not (
            _is_business_day(moved, policy.holiday_country if policy.business_days else None)
        ):
            moved += timedelta(days=1)
        day_name = _WEEKDAYS[due.weekday()]
        reasons.append(
            Reason(
                "weekend",
                f"{_plain(due)} is a {day_name}, so the follow-up moves to {_long(moved)}.",
            )
        )
        due = moved
    if policy.business_days:
        skip = "weekends"
        if policy.holiday_country:
            skip += f" and public holidays in {policy.holiday_country}"
        message = f"The policy counts business days; {skip} are skipped."
        reasons.append(Reason("business_days", message))
    if skipped := _holidays_between(counted_from, due, policy):
        verb = "is a public holiday" if len(skipped) == 1 else "are public holidays"
        names = " and ".join(skipped)
        message = f"{names} {verb} in {policy.holiday_country}, so not counted as business days."
        reasons.append(Reason("holidays", message))
    closes = add_days(due, policy.window_days, policy)
    reasons.append(Reason("window", f"A follow-up stays timely until {_plain(closes)}."))
    return _Core("scheduled", due, closes, tuple(reasons))


def _closed_why(facts: Facts, timeline: _Timeline) -> str | None:
    who = _who(facts)
    if facts.status == "offer" or "offer" in timeline.kinds:
        return f"You received an offer from {who}; there is nothing to follow up."
    if facts.status == "withdrawn" or "withdrawn" in timeline.kinds:
        return "You withdrew this application; there is nothing to follow up."
    if facts.archived:
        return "This application is archived; there is nothing to follow up."
    return None


def _core(facts: Facts, timeline: _Timeline, policy: PolicySettings) -> _Core:
    who = _who(facts)
    if (why := _closed_why(facts, timeline)) is not None:
        return _Core("closed", None, None, (Reason("closed", why),))
    if facts.status == "rejected" or timeline.rejections:
        rejected_on = timeline.rejections[-1] if timeline.rejections else None
        open_asks = tuple(kind for kind in ASKS if kind not in timeline.kinds)
        if not open_asks:
            done = f"{_cap(who)} turned this application down and you made all three asks."
            return _Core("closed", None, None, (Reason("closed", done + " Nothing is left."),))
        when = f" on {_plain(rejected_on)}" if rejected_on else ""
        asks = "why, an informational interview, and future openings"
        message = (
            f"{_cap(who)} turned this application down{when}. Three polite asks are worth "
            f"making once each ({asks}); {len(open_asks)} still open."
        )
        reasons = [Reason("rejected", message)]
        if facts.no_contact or rejected_on is None:
            return _Core("post_rejection", None, None, tuple(reasons), open_asks)
        closes = add_days(rejected_on, policy.window_days, policy)
        reasons.append(Reason("window", f"These asks are most useful until {_plain(closes)}."))
        return _Core("post_rejection", rejected_on, closes, tuple(reasons), open_asks)
    if facts.status == "interviewing" or timeline.interviews or timeline.responses:
        if timeline.interviews:
            heard = f"You had an interview with {who} on {_plain(timeline.interviews[-1])}"
        elif timeline.responses:
            heard = f"{_cap(who)} responded on {_plain(timeline.responses[-1])}"
        else:
            heard = "This application is at the interview stage"
        message = f"{heard}, so the no-response follow-up no longer applies."
        interviewed_on = timeline.interviews[-1] if timeline.interviews else None
        return _Core("responded", None, None, (Reason("responded", message),), (), interviewed_on)
    if facts.applied_on is None:
        message = "You have not recorded when you applied; follow-up dates count from that day."
        return _Core("not_applied", None, None, (Reason("not_applied", message),))
    if facts.no_contact:
        if "no_contact" in facts.user_set:
            message = "You said: no contact with the employer, so no follow-up."
        else:
            message = "The posting asks applicants not to contact the employer: no follow-up."
        return _Core("blocked", None, None, (Reason("no_contact", message),))
    sent = len(timeline.follow_ups)
    if sent >= policy.max_follow_ups:
        if policy.max_follow_ups == 0:
            message = "The policy plans no follow-ups for this application."
        else:
            message = (
                f"You sent {_count(sent, 'follow-up')}, the most the policy allows; "
                f"if {who} wants to talk, they will get in touch."
            )
        return _Core("done", None, None, (Reason("follow_up_limit", message),))
    return _next_round(facts, timeline.follow_ups, policy)


def schedule(
    facts: Facts, events: Iterable[Event], policy: PolicySettings
) -> tuple[date | None, date | None]:
    """(due_on, window_closes_on) of the next follow-up or ask, independent of today.

    (None, None) where nothing is scheduled: not applied, closed, blocked, responded, done.
    """
    core = _core(facts, _read(facts, events), policy)
    return core.due_on, core.window_closes_on


def _pick_channel(facts: Facts, channels: tuple[str, ...], prefer_email: bool) -> tuple[str, bool]:
    """The channel to recommend, and whether no contact method is known (a contact gap)."""
    known = [
        c
        for c in channels
        if (c == "email" and facts.has_contact_email) or (c == "phone" and facts.has_contact_phone)
    ]
    if prefer_email and "email" in channels:
        return "email", not known
    if known:
        return known[0], False
    return ("email" if "email" in channels else channels[0]), True


def _message_kind(state: str, core: _Core) -> str | None:
    if state in ("waiting", "due", "too_late"):
        return "follow_up"
    if state == "post_rejection" and core.open_asks:
        return ASKS[core.open_asks[0]]
    if state == "responded" and core.interviewed_on is not None:
        return "interview_thank_you"
    return None


def _steps(state: str, core: _Core, channel: str | None, who: str) -> list[NextStep]:
    if state == "not_applied":
        return [NextStep("record_applied", "Record the date you applied, once you have", None)]
    if state == "blocked":
        return [NextStep("wait_for_reply", f"Wait for {who} to get in touch", None)]
    if state == "done":
        return [
            NextStep("wait_for_reply", f"Wait for {who} to get in touch", None),
            NextStep("move_on", "Move on to your other applications", None),
        ]
    if state == "too_late":
        assert core.window_closes_on is not None
        ended = _plain(core.window_closes_on)
        label = f"Move on: the time to follow up with {who} ended on {ended}"
        return [NextStep("move_on", label, None)]
    if state == "waiting":
        assert core.due_on is not None
        label = f"Wait until {_long(core.due_on)}, then follow up with {who}"
        return [NextStep("wait", label, None, core.due_on)]
    if channel is None:
        return []
    if state == "due":
        label = (
            f"Send your follow-up email to {who}"
            if channel == "email"
            else f"Call {who} to follow up"
        )
        return [NextStep("send_follow_up", label, "follow_up", core.due_on)]
    if state == "post_rejection":
        return [
            NextStep(kind, _ASK_LABELS[kind].format(who=who), ASKS[kind], core.due_on)
            for kind in core.open_asks
        ]
    if state == "responded" and core.interviewed_on is not None:
        label = f"Send {who} a thank-you note for the interview"
        return [NextStep("send_thank_you", label, "interview_thank_you", core.interviewed_on)]
    return []


def scheduled_state(due_on: date, window_closes_on: date, today: date) -> str:
    """A scheduled follow-up's state on a day: the only thing in a plan that `today` decides."""
    if today < due_on:
        return "waiting"
    return "due" if today <= window_closes_on else "too_late"


def plans_by_state(
    facts: Facts, events: Iterable[Event], policy: PolicySettings
) -> tuple[Plan, ...]:
    """Every plan any day can give an application with a schedule; empty without one.

    The plan on its due date comes first. Where that plan is "due", a waiting plan (any day
    before due_on) and a too-late one (any day after window_closes_on) follow, and
    scheduled_state picks among the three; a plan in another state (post_rejection) is the
    same on every day. So a store can keep these and answer for any day without the engine.
    """
    timeline = _read(facts, events)
    core = _core(facts, timeline, policy)  # read once: the plans differ only by the day
    due_on, closes_on = core.due_on, core.window_closes_on
    if due_on is None or closes_on is None:
        return ()
    on_due = _plan(facts, timeline, core, policy, due_on)
    if on_due.state != "due":
        return (on_due,)
    before = _plan(facts, timeline, core, policy, due_on - timedelta(days=1))
    after = _plan(facts, timeline, core, policy, closes_on + timedelta(days=1))
    return on_due, before, after


def plan(facts: Facts, events: Iterable[Event], policy: PolicySettings, today: date) -> Plan:
    """What the policy says for one application today: state, dates, channel, steps, reasons."""
    timeline = _read(facts, events)
    return _plan(facts, timeline, _core(facts, timeline, policy), policy, today)


def _plan(
    facts: Facts, timeline: _Timeline, core: _Core, policy: PolicySettings, today: date
) -> Plan:
    who = _who(facts)
    channels = channels_allowed(facts, policy)
    state, reasons = core.state, list(core.reasons)
    if state == "scheduled":
        assert core.due_on is not None and core.window_closes_on is not None
        state = scheduled_state(core.due_on, core.window_closes_on, today)
        if state == "too_late":
            closed_on = _plain(core.window_closes_on)
            message = f"The window closed on {closed_on} with no follow-up sent; time to move on."
            reasons.append(Reason("too_late", message))

    kind = _message_kind(state, core)
    channel: str | None = None
    gap = False
    if kind is not None and channels:
        channel, gap = _pick_channel(facts, channels, prefer_email=kind != "follow_up")
    elif kind is not None:
        kind = None
        if not facts.no_contact:
            message = "The posting rules out every channel the policy uses; no message can go."
            reasons.append(Reason("no_channel", message))
    steps = _steps(state, core, channel, who)

    if channel is not None:
        hiring_team = 'a generic "Hiring Team" address'
        if gap:
            methods = {"email": "email address", "phone": "phone number"}
            missing = " or ".join(methods[c] for c in channels)
            message = f"No {missing} is known for {who}; until you find the decision maker, "
            reasons.append(Reason("contact_gap", message + f"the message can go to {hiring_team}."))
        elif not facts.has_contact_name:
            message = 'No contact name is known, so the message will be addressed to "Hiring Team".'
            reasons.append(Reason("no_contact_name", message))
        if (gap or not facts.has_contact_name) and state != "too_late":
            tips = [
                "check the team or careers page",
                "search a professional network for the role's manager",
                "ask your own network",
            ]
            if "phone" in channels:  # calling reception is a phone call
                tips.append("call reception for the name")
            label = f"Find the hiring manager at {who}: {', '.join(tips[:-1])}, or {tips[-1]}"
            steps.insert(0, NextStep("find_decision_maker", label, "find_decision_maker"))

    if state not in ("closed", "blocked"):
        if facts.no_contact:
            if "no_contact" in facts.user_set:
                message = "You said: no contact with the employer, so no message is suggested."
            else:
                message = (
                    "The posting asks applicants not to contact the employer, so no message is "
                    "suggested; if they have since invited contact, turn this constraint off."
                )
            reasons.append(Reason("no_contact", message))
        if facts.no_phone_calls:
            if "no_phone_calls" in facts.user_set:
                message = "You said: no phone calls, so phone is never offered."
            else:
                message = "The posting says no phone calls, so phone is never offered."
            reasons.append(Reason("no_phone_calls", message))
        if facts.only_shortlisted:
            who = "You said" if "only_shortlisted" in facts.user_set else "The posting says"
            message = (
                f"{who} only shortlisted candidates will be contacted; "
                "the follow-up rules stay the same."
            )
            reasons.append(Reason("only_shortlisted", message))

    return Plan(
        state=state,
        due_on=core.due_on,
        window_closes_on=core.window_closes_on,
        follow_ups_sent=len(timeline.follow_ups),
        follow_ups_allowed=policy.max_follow_ups,
        channels_allowed=channels,
        recommended_channel=channel,
        recommended_template=TemplateRef(kind, channel) if kind and channel else None,
        next_steps=tuple(steps),
        contact_gap=gap,
        reasons=tuple(reasons),
    )


def guard_follow_up(
    facts: Facts,
    events: Iterable[Event],
    policy: PolicySettings,
    channel: str,
    sent_on: date,
    override_reason: str | None,
) -> Refusal | None:
    """Why a follow-up sent on `sent_on` by `channel` may not be recorded, or None if it may.

    `events` is the timeline before this follow-up. Overridable refusals (contact forbidden,
    nothing left to follow up, limit reached, too early, too late) are lifted by a non-blank
    `override_reason`; a channel the policy does not allow and a missing applied date are not.
    """
    overridden = override_reason is not None and bool(override_reason.strip())
    anyway = " Give a reason to record it anyway."
    if facts.no_contact and not overridden:
        detail = "The posting asks applicants not to contact the employer at all." + anyway
        return Refusal("contact-forbidden", 409, "Contact forbidden", detail, True)
    allowed = channels_allowed(replace(facts, no_contact=False), policy)
    if channel not in allowed:
        if channel == "phone" and facts.no_phone_calls:
            detail = "The posting says no phone calls."
        else:
            detail = f"The policy allows {' and '.join(allowed) or 'no channel'}, not {channel!r}."
        return Refusal("channel-not-allowed", 422, "Channel not allowed", detail, False)
    if facts.applied_on is None:
        detail = "Record the date you applied before recording a follow-up."
        return Refusal("not-applied", 409, "Not applied yet", detail, False)
    if overridden:
        return None
    timeline = _read(facts, events)
    core = _core(facts, timeline, policy)
    if core.state == "closed":
        detail = core.reasons[0].message + anyway
        return Refusal("plan-closed", 409, "Nothing to follow up", detail, True)
    follow_ups = timeline.follow_ups
    if len(follow_ups) >= policy.max_follow_ups:
        detail = (
            f"You already sent {_count(len(follow_ups), 'follow-up')}; the policy allows "
            f"{policy.max_follow_ups}. Give a reason to record another anyway."
        )
        return Refusal("follow-up-limit-reached", 409, "Follow-up limit reached", detail, True)
    due = _next_round(facts, follow_ups, policy)
    assert due.due_on is not None and due.window_closes_on is not None
    if sent_on < due.due_on:
        why = " ".join(r.message for r in due.reasons if r.rule != "window")
        detail = (
            f"The follow-up is not due until {_long(due.due_on)}. {why} "
            "Give a reason to record it earlier anyway."
        )
        return Refusal("too-early", 409, "Too early", detail, True)
    if sent_on > due.window_closes_on:
        detail = (
            f"The window for this follow-up closed on {_long(due.window_closes_on)}: "
            "after that it reads as a nudge too late to help." + anyway
        )
        return Refusal("too-late", 409, "Too late", detail, True)
    return None
