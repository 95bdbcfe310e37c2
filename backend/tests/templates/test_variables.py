from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.templates.variables import (
    VARIABLE_NAMES,
    VARIABLES,
    Applicant,
    Fallback,
    Target,
    build_values,
    first_name,
    sample_values,
    written_date,
)

TODAY = date(2026, 3, 10)
APPLICANT = Applicant(
    name="Alex Morgan",
    email="alex@example.com",
    phone="+1 555 010 0199",
    signature="Alex Morgan\nData analyst",
)
TARGET = Target(
    company="Northwind Traders",
    position="Senior Data Analyst",
    applied_on=date(2026, 3, 2),
    posting_url="https://careers.example.com/jobs/4182",
    contact_name="Jordan Lee",
    contact_title="Head of Analytics",
)
SPARSE_TARGET = Target(
    company="Acme",
    position="Analyst",
    applied_on=None,
    posting_url=None,
    contact_name=None,
    contact_title=None,
)


def test_the_variable_list_is_exactly_the_documented_one() -> None:
    assert [v.name for v in VARIABLES] == [
        "applicant_name",
        "applicant_first_name",
        "applicant_email",
        "applicant_phone",
        "signature",
        "contact_name",
        "contact_first_name",
        "contact_title",
        "company",
        "position",
        "applied_on",
        "days_since_applied",
        "posting_url",
        "today",
    ]
    assert frozenset(v.name for v in VARIABLES) == VARIABLE_NAMES
    assert all(v.description and v.example for v in VARIABLES)


def test_written_date_spells_the_month_and_drops_leading_zeros() -> None:
    assert written_date(date(2026, 3, 2)) == "March 2, 2026"
    assert written_date(date(2025, 12, 31)) == "December 31, 2025"
    assert written_date(date(2024, 1, 9)) == "January 9, 2024"


def test_first_name_skips_honorifics() -> None:
    assert first_name("Jordan Lee") == "Jordan"
    assert first_name("Dr. Jane Smith") == "Jane"
    assert first_name("ms priya shah") == "priya"
    assert first_name("Dr") == "Dr"
    assert first_name("  ") == ""


def test_build_values_with_everything_known_has_no_fallbacks() -> None:
    values, fallbacks = build_values(APPLICANT, TARGET, TODAY)
    assert fallbacks == ()
    assert values == {
        "applicant_name": "Alex Morgan",
        "applicant_first_name": "Alex",
        "applicant_email": "alex@example.com",
        "applicant_phone": "+1 555 010 0199",
        "signature": "Alex Morgan\nData analyst",
        "contact_name": "Jordan Lee",
        "contact_first_name": "Jordan",
        "contact_title": "Head of Analytics",
        "company": "Northwind Traders",
        "position": "Senior Data Analyst",
        "applied_on": "March 2, 2026",
        "days_since_applied": "8",
        "posting_url": "https://careers.example.com/jobs/4182",
        "today": "March 10, 2026",
    }


def test_missing_values_fall_back_and_are_listed_in_variable_order() -> None:
    applicant = Applicant(name="Sam Rivera", email="sam@example.com", phone=None, signature=None)
    values, fallbacks = build_values(applicant, SPARSE_TARGET, TODAY)
    assert fallbacks == (
        Fallback("applicant_phone", ""),
        Fallback("signature", "Sam Rivera"),
        Fallback("contact_name", "Hiring Manager"),
        Fallback("contact_first_name", "Hiring Manager"),
        Fallback("contact_title", ""),
        Fallback("applied_on", "recently"),
        Fallback("days_since_applied", ""),
        Fallback("posting_url", ""),
    )
    assert values["signature"] == "Sam Rivera"
    assert values["contact_name"] == values["contact_first_name"] == "Hiring Manager"
    assert values["applied_on"] == "recently"
    assert values["days_since_applied"] == ""


def test_blank_strings_count_as_missing() -> None:
    applicant = Applicant(name="Sam Rivera", email="sam@example.com", phone="  ", signature="\n")
    target = Target("Acme", "Analyst", None, " ", "  ", "")
    values, fallbacks = build_values(applicant, target, TODAY)
    assert values["signature"] == "Sam Rivera"
    assert values["contact_name"] == "Hiring Manager"
    assert {f.variable for f in fallbacks} >= {"applicant_phone", "posting_url", "contact_title"}


def test_values_are_trimmed() -> None:
    target = Target(" Acme \n", " Analyst ", None, None, " Dr. Jane Smith ", None)
    values, _ = build_values(APPLICANT, target, TODAY)
    assert values["company"] == "Acme"
    assert values["position"] == "Analyst"
    assert values["contact_name"] == "Dr. Jane Smith"
    assert values["contact_first_name"] == "Jane"


def test_days_since_applied_counts_calendar_days_and_never_goes_negative() -> None:
    same_day = Target("Acme", "Analyst", TODAY, None, None, None)
    assert build_values(APPLICANT, same_day, TODAY)[0]["days_since_applied"] == "0"
    future = Target("Acme", "Analyst", TODAY + timedelta(days=3), None, None, None)
    assert build_values(APPLICANT, future, TODAY)[0]["days_since_applied"] == "0"


def test_sample_values_cover_every_variable_relative_to_today() -> None:
    values = sample_values(TODAY)
    assert set(values) == VARIABLE_NAMES
    assert all(values.values())
    assert values["today"] == "March 10, 2026"
    assert values["applied_on"] == "March 2, 2026"
    assert values["days_since_applied"] == "8"


optional_text = st.none() | st.text(max_size=30)


@given(
    name=st.text(max_size=30),
    email=st.text(max_size=30),
    phone=optional_text,
    signature=optional_text,
    company=st.text(max_size=30),
    position=st.text(max_size=30),
    applied_on=st.none() | st.dates(),
    posting_url=optional_text,
    contact_name=optional_text,
    contact_title=optional_text,
    today=st.dates(),
)
def test_build_values_always_fills_every_variable_with_text(
    name: str,
    email: str,
    phone: str | None,
    signature: str | None,
    company: str,
    position: str,
    applied_on: date | None,
    posting_url: str | None,
    contact_name: str | None,
    contact_title: str | None,
    today: date,
) -> None:
    values, fallbacks = build_values(
        Applicant(name, email, phone, signature),
        Target(company, position, applied_on, posting_url, contact_name, contact_title),
        today,
    )
    assert set(values) == VARIABLE_NAMES
    assert all(isinstance(v, str) for v in values.values())
    if contact_name is None:
        assert values["contact_name"] == values["contact_first_name"] == "Hiring Manager"
    if applied_on is None:
        assert values["applied_on"] == "recently"
    for fallback in fallbacks:
        assert values[fallback.variable] == fallback.used
    assert len({f.variable for f in fallbacks}) == len(fallbacks)
