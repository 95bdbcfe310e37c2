"""The placeholders a template may use, and how an application fills them in.

Pure functions: no database, no clock. The caller passes `today`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class Variable:
    """One placeholder a template may use as `{{ name }}`."""

    name: str
    description: str
    example: str


HIRING_MANAGER = "Hiring Manager"
APPLIED_RECENTLY = "recently"

VARIABLES: tuple[Variable, ...] = (
    Variable("applicant_name", "Your full name.", "Alex Morgan"),
    Variable("applicant_first_name", "Your first name.", "Alex"),
    Variable("applicant_email", "Your email address.", "alex.morgan@example.com"),
    Variable("applicant_phone", "Your phone number (empty if not set).", "+1 555 010 0199"),
    Variable(
        "signature",
        "Your email signature (your full name if not set).",
        "Alex Morgan\nalex.morgan@example.com",
    ),
    Variable(
        "contact_name",
        f'The contact\'s full name ("{HIRING_MANAGER}" if no contact is known).',
        "Jordan Lee",
    ),
    Variable(
        "contact_first_name",
        f'The contact\'s first name ("{HIRING_MANAGER}" if no contact is known).',
        "Jordan",
    ),
    Variable("contact_title", "The contact's job title (empty if not known).", "Head of Analytics"),
    Variable("company", "The employer's name.", "Northwind Traders"),
    Variable("position", "The position applied for.", "Senior Data Analyst"),
    Variable(
        "applied_on",
        f'The date you applied, written out ("{APPLIED_RECENTLY}" if not known).',
        "March 2, 2026",
    ),
    Variable(
        "days_since_applied",
        "Days since you applied (empty if the date is not known).",
        "8",
    ),
    Variable(
        "posting_url",
        "The link to the job posting (empty if not known).",
        "https://careers.example.com/jobs/4182",
    ),
    Variable("today", "Today's date, written out.", "March 10, 2026"),
)

VARIABLE_NAMES: frozenset[str] = frozenset(v.name for v in VARIABLES)


@dataclass(frozen=True, slots=True)
class Applicant:
    """The job seeker, as the templates see them."""

    name: str
    email: str
    phone: str | None
    signature: str | None


@dataclass(frozen=True, slots=True)
class Target:
    """The application a message is about, and the person it is addressed to."""

    company: str
    position: str
    applied_on: date | None
    posting_url: str | None
    contact_name: str | None
    contact_title: str | None


@dataclass(frozen=True, slots=True)
class Fallback:
    """A variable that had no value, and what stood in for it."""

    variable: str
    used: str


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_HONORIFICS = frozenset({"mr", "mrs", "ms", "mx", "miss", "dr", "prof", "sir"})


def written_date(d: date) -> str:
    """Write a date out in words, e.g. "March 2, 2026" (locale-independent)."""
    return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"


def first_name(full_name: str) -> str:
    """The first word of a name, skipping a leading honorific ("Dr. Jane Smith" -> "Jane")."""
    words = full_name.split()
    if len(words) > 1 and words[0].rstrip(".").lower() in _HONORIFICS:
        words = words[1:]
    return words[0] if words else ""


def _clean(value: str | None) -> str:
    return value.strip() if value else ""


def build_values(
    applicant: Applicant, target: Target, today: date
) -> tuple[dict[str, str], tuple[Fallback, ...]]:
    """Fill in every variable for one application; list the ones that fell back to a default."""
    name = _clean(applicant.name)
    contact = _clean(target.contact_name)
    applied = target.applied_on
    raw: dict[str, tuple[str, str]] = {
        # variable -> (value, what stands in when the value is empty)
        "applicant_name": (name, ""),
        "applicant_first_name": (first_name(name), ""),
        "applicant_email": (_clean(applicant.email), ""),
        "applicant_phone": (_clean(applicant.phone), ""),
        "signature": (_clean(applicant.signature), name),
        "contact_name": (contact, HIRING_MANAGER),
        "contact_first_name": (first_name(contact), HIRING_MANAGER),
        "contact_title": (_clean(target.contact_title), ""),
        "company": (_clean(target.company), ""),
        "position": (_clean(target.position), ""),
        "applied_on": (written_date(applied) if applied else "", APPLIED_RECENTLY),
        # An applied date in the future (a typo, or a planned date) counts as today.
        "days_since_applied": (str(max(0, (today - applied).days)) if applied else "", ""),
        "posting_url": (_clean(target.posting_url), ""),
        "today": (written_date(today), ""),
    }
    values: dict[str, str] = {}
    fallbacks: list[Fallback] = []
    for variable in VARIABLES:
        value, stand_in = raw[variable.name]
        if value:
            values[variable.name] = value
        else:
            values[variable.name] = stand_in
            fallbacks.append(Fallback(variable.name, stand_in))
    return values, tuple(fallbacks)


SAMPLE_APPLICANT = Applicant(
    name="Alex Morgan",
    email="alex.morgan@example.com",
    phone="+1 555 010 0199",
    signature="Alex Morgan\nalex.morgan@example.com",
)


def sample_values(today: date) -> dict[str, str]:
    """Example values for previewing a template without an application (applied 8 days ago)."""
    target = Target(
        company="Northwind Traders",
        position="Senior Data Analyst",
        applied_on=today - timedelta(days=8),
        posting_url="https://careers.example.com/jobs/4182",
        contact_name="Jordan Lee",
        contact_title="Head of Analytics",
    )
    values, _ = build_values(SAMPLE_APPLICANT, target, today)
    return values
