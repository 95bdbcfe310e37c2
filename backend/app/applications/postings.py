"""What an application takes from its posting: sure findings apply, unsure ones are asked.

The posting reader (app.reading.postings) gives each finding a confidence. A finding at
CONFIDENT or above fills the application's field, unless the user set that field by hand
(constraints_set names it); one below is not applied but asked about (posting_questions),
and the user's answer is recorded as their own choice, so it sticks when the text changes.
"""

from datetime import date
from functools import lru_cache
from typing import Literal, Protocol, get_args

from app.applications.models import Application, PostingFinding, PostingQuestion
from app.inputs import FIRST_DAY, LAST_DAY
from app.reading.postings import CONFIDENT, Evidence, PostingAnalysis, analyze

__all__ = ["CONFIDENT", "answer", "autofill", "questions", "read"]

FINDINGS: tuple[PostingFinding, ...] = get_args(PostingFinding)
FLAGS: tuple[Literal["no_phone_calls", "no_contact", "only_shortlisted"], ...] = (
    "no_phone_calls",
    "no_contact",
    "only_shortlisted",
)
# What the user may decide by hand: the findings, and the stated response date.
DECIDABLE = (*FINDINGS, "response_expected_on")
# The evidence a finding points at (the reader names response windows and dates so).
_EVIDENCE = {"response_window": ("response_time",), "closes_on": ("closes_on",)}
_MONTHS = "January February March April May June July August September October November December"


def _plain(day: date) -> str:
    return f"{_MONTHS.split()[day.month - 1]} {day.day}, {day.year}"


class Posted(Protocol):
    """What the reads below look at: an Application, or a row of its table."""

    @property
    def posting_text(self) -> str | None: ...
    @property
    def applied_on(self) -> date | None: ...
    @property
    def constraints_set(self) -> str: ...


def read(app: Posted) -> PostingAnalysis:
    """The posting reader's analysis of the application's text (reference: applied_on)."""
    return _analysis(app.posting_text or "", app.applied_on)


# The reader is a pure function of the text and the date, and every read of an application
# (one by id, each write's answer) shows what it found: a long posting is read once per
# process, not once per request. At most 128 texts of up to MAX_TEXT characters are kept.
@lru_cache(maxsize=128)
def _analysis(text: str, reference_date: date | None) -> PostingAnalysis:
    return analyze(text, reference_date)


def found(analysis: PostingAnalysis, finding: str) -> bool:
    """Whether the posting states the finding, at any confidence."""
    if finding == "response_window":
        return analysis.response_within_days is not None
    if finding == "closes_on":
        return _plausible(analysis.closes_on) is not None
    return bool(getattr(analysis, finding))


def confidence(analysis: PostingAnalysis, finding: str) -> float:
    """How sure the reader is of a finding it made (0 where it made none)."""
    if not found(analysis, finding):
        return 0.0
    return analysis.confidence(finding)


def sure(analysis: PostingAnalysis, finding: str) -> bool:
    """A finding confident enough to apply without asking."""
    return found(analysis, finding) and confidence(analysis, finding) >= CONFIDENT


def evidence(analysis: PostingAnalysis, finding: str) -> Evidence | None:
    """The sentence a finding came from."""
    names = _EVIDENCE.get(finding, (finding,))
    return next((e for e in analysis.evidence if e.finding in names), None)


def _plausible(day: date | None) -> date | None:
    # "closes 31 December 9999": no date to plan from
    return day if day is not None and FIRST_DAY <= day <= LAST_DAY else None


def explicit(app: Posted) -> set[str]:
    """The fields the user decided by hand."""
    return set(app.constraints_set.split())


def note_explicit(app: Application, names: set[str]) -> None:
    """Remember that the user decided these fields; those always win over the posting."""
    app.constraints_set = " ".join(sorted(explicit(app) | (names & set(DECIDABLE))))


def _set_window(app: Application, analysis: PostingAnalysis | None) -> None:
    if analysis is None or analysis.response_within_days is None:
        app.response_window_days, app.response_window_business = None, False
        app.window_counts_from = None
        return
    app.response_window_days = analysis.response_within_days
    app.response_window_business = analysis.response_business_days
    app.window_counts_from = analysis.window_counts_from or "application"


def autofill(app: Application, analysis: PostingAnalysis | None = None) -> None:
    """Fill what the user has not decided from the posting's confident findings."""
    analysis = analysis or read(app)
    decided = explicit(app)
    for name in FLAGS:
        if name not in decided:
            setattr(app, name, sure(analysis, name))
    if "closes_on" not in decided:
        app.closes_on = _plausible(analysis.closes_on) if sure(analysis, "closes_on") else None
    if "response_window" not in decided:
        _set_window(app, analysis if sure(analysis, "response_window") else None)
    if "response_expected_on" not in decided:
        app.response_expected_on = _expected_on(app, analysis)


def _expected_on(app: Application, analysis: PostingAnalysis) -> date | None:
    """The date the posting says an answer comes by, where it does not count from closes_on.

    A window counted from the closing date is the plan's to count (from closes_on, which the
    user may correct); an unsure or dismissed window or closing date gives no date at all.
    """
    if found(analysis, "response_window") and app.response_window_days is None:
        return None
    if app.window_counts_from == "closing_date":
        return None
    unsure_closing = found(analysis, "closes_on") and not sure(analysis, "closes_on")
    if unsure_closing and analysis.response_expected_on == analysis.closes_on:
        return None
    return _plausible(analysis.response_expected_on)


def _window_words(analysis: PostingAnalysis) -> str:
    days = analysis.response_within_days or 0
    if analysis.response_business_days:
        span = f"{days} business day" + ("" if days == 1 else "s")
    elif days % 7 == 0:
        span = f"{days // 7} week" + ("" if days == 7 else "s")
    else:
        span = f"{days} day" + ("" if days == 1 else "s")
    if analysis.window_counts_from == "closing_date":
        return f"you will hear within {span} of the closing date"
    return f"you will hear within {span} of applying"


def _question(analysis: PostingAnalysis, finding: str) -> str:
    if finding == "no_phone_calls":
        return "This posting may ask for no phone calls: apply?"
    if finding == "no_contact":
        return "This posting may ask you not to contact the employer at all: apply?"
    if finding == "only_shortlisted":
        return "This posting may say only shortlisted candidates will be contacted: apply?"
    if finding == "closes_on":
        assert analysis.closes_on is not None
        return f"This posting may close on {_plain(analysis.closes_on)}: apply?"
    return f"This posting may say {_window_words(analysis)}: apply?"


def questions(app: Posted, analysis: PostingAnalysis) -> list[PostingQuestion]:
    """The unsure findings the user has not answered yet, in the posting's order."""
    decided = explicit(app)
    asked = []
    for name in FINDINGS:
        if name in decided or not found(analysis, name) or sure(analysis, name):
            continue
        where = evidence(analysis, name)
        if where is None:
            continue  # nothing to show the user: nothing to ask
        asked.append(
            PostingQuestion(
                finding=name,
                question=_question(analysis, name),
                confidence=confidence(analysis, name),
                sentence=where.sentence,
                start=where.start,
                end=where.end,
            )
        )
    return sorted(asked, key=lambda q: q.start)


def answer(app: Application, finding: PostingFinding, apply: bool) -> bool:
    """Apply or dismiss a finding as the user's own choice; False if the posting lacks it."""
    analysis = read(app)
    if apply and not found(analysis, finding):
        return False
    if finding in FLAGS:
        setattr(app, finding, apply)
    elif finding == "closes_on":
        app.closes_on = _plausible(analysis.closes_on) if apply else None
    else:
        _set_window(app, analysis if apply else None)
    note_explicit(app, {finding})
    autofill(app, analysis)
    return True
