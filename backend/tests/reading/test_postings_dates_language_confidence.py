"""Tests for the posting reader's closing dates, language check and confidences."""

from __future__ import annotations

from datetime import date

import pytest

from app.reading.postings import CONFIDENT, FINDING_NAMES, analyze

REFERENCE = date(2026, 2, 10)

# --- closing dates --------------------------------------------------------------------------

CLOSING_DATES = [
    ("Applications close 15 March 2026.", date(2026, 3, 15)),
    ("Closing date: 2026-03-15", date(2026, 3, 15)),
    ("Closing Date: 15th March 2026 at midnight", date(2026, 3, 15)),
    ("Deadline to apply: March 15, 2026", date(2026, 3, 15)),
    ("Please apply by 15/03/2026.", date(2026, 3, 15)),
    ("Apply before 03/15/2026 to be considered.", date(2026, 3, 15)),
    ("Applications must be received no later than 5:00 pm on 15 March 2026.", date(2026, 3, 15)),
    ("The closing date for applications is Sunday 15th March 2026.", date(2026, 3, 15)),
    ("This vacancy closes on 15.03.2026.", date(2026, 3, 15)),
    ("Applications will be accepted until March 15th, 2026.", date(2026, 3, 15)),
    ("Application deadline: 15 Mar 2026", date(2026, 3, 15)),
    ("Position open until 2026-03-15 or until filled.", date(2026, 3, 15)),
    # without a year: the reference date (10 February 2026) gives it
    ("Applications close 15 March.", date(2026, 3, 15)),
    ("Deadline for applications: 1 February", date(2026, 2, 1)),  # a few days before
]


@pytest.mark.parametrize(("text", "expected"), CLOSING_DATES)
def test_closing_date_is_read(text: str, expected: date) -> None:
    result = analyze(text, REFERENCE)
    assert result.closes_on == expected
    [evidence] = [e for e in result.evidence if e.finding == "closes_on"]
    assert evidence.sentence == text.strip()
    assert result.confidence("closes_on") > 0


@pytest.mark.parametrize(
    "text",
    [
        "Please apply by 03/04/2026.",  # 3 April or 4 March: left alone
        "Applications close 31/02/2026.",  # no such day
        "Start by 1 June 2026.",  # not about applying
        "We will reply to every applicant by 15 March 2026.",  # hearing back, not closing
        "Interviews will be held by 20 March 2026.",
        "The office is closed until 3 January 2026 for the holidays.",
    ],
)
def test_no_closing_date(text: str) -> None:
    assert analyze(text, REFERENCE).closes_on is None


def test_year_less_closing_date_needs_a_reference_date() -> None:
    assert analyze("Applications close 15 March.").closes_on is None


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        (date(2026, 2, 10), date(2026, 3, 15)),  # ahead in the same year
        (date(2026, 3, 20), date(2026, 3, 15)),  # recorded five days late: still this year
        (date(2026, 9, 14), date(2026, 3, 15)),  # 183 days late: still this year
        (date(2026, 9, 15), date(2027, 3, 15)),  # 184 days: next year's
        (date(2026, 12, 20), date(2027, 3, 15)),
    ],
)
def test_year_less_closing_date_looks_back_half_a_year(reference: date, expected: date) -> None:
    assert analyze("Applications close 15 March.", reference).closes_on == expected


def test_extended_closing_date_wins() -> None:
    text = "Applications close 1 March 2026. The closing date has been extended to 15 March 2026."
    assert analyze(text).closes_on == date(2026, 3, 15)


def test_window_counted_from_closing_date() -> None:
    text = (
        "Applications close 15 March 2026. "
        "We will contact shortlisted applicants within 40 days after the closing date."
    )
    result = analyze(text, REFERENCE)
    assert result.response_within_days == 40
    assert result.window_counts_from == "closing_date"
    assert result.response_expected_on == date(2026, 4, 24)  # 15 March + 40 days


def test_window_counted_from_application() -> None:
    result = analyze("Applications close 15 March 2026. We reply within 10 days.", REFERENCE)
    assert result.window_counts_from == "application"
    assert result.closes_on == date(2026, 3, 15)
    assert result.response_expected_on == date(2026, 3, 15)  # later than 10 Feb + 10 days


def test_no_window_no_counts_from() -> None:
    assert analyze("Applications close 15 March 2026.").window_counts_from is None


# --- language -------------------------------------------------------------------------------

NOT_ENGLISH = [
    (
        "Wir freuen uns auf Ihre Bewerbung. Bitte sehen Sie von telefonischen Anfragen ab. "
        "Wir melden uns innerhalb von zwei Wochen bei Ihnen.",
        "de",
        "German",
    ),
    (
        "Nous étudierons votre candidature avec attention. Seules les personnes retenues "
        "seront contactées. Merci de ne pas appeler.",
        "fr",
        "French",
    ),
    (
        "Solo se contactará a los candidatos seleccionados. Por favor, no llame por teléfono "
        "a la oficina.",
        "es",
        "Spanish",
    ),
]


@pytest.mark.parametrize(("text", "code", "name"), NOT_ENGLISH)
def test_text_not_in_english_says_so_and_finds_nothing(text: str, code: str, name: str) -> None:
    result = analyze(text + " No phone calls please.", REFERENCE)
    assert result.language == code
    assert result.language_message == (
        f"This text looks like {name}; Touchbase reads only English postings."
    )
    assert result.evidence == ()
    assert not (result.no_phone_calls or result.only_shortlisted)
    assert result.response_within_days is None


def test_english_posting_is_english() -> None:
    result = analyze("Only shortlisted candidates will be contacted. No phone calls, please.")
    assert result.language == "en"
    assert result.language_message is None
    assert result.only_shortlisted and result.no_phone_calls


def test_english_posting_with_a_foreign_name_is_english() -> None:
    text = (
        "Acme Versicherungsgesellschaft mbH, Düsseldorf. We are hiring a data engineer. "
        "Only shortlisted candidates will be contacted."
    )
    result = analyze(text)
    assert result.language == "en"
    assert result.only_shortlisted


@pytest.mark.parametrize("text", ["", "ok", "No calls", "12345"])
def test_too_short_to_tell_is_undetermined_and_still_read(text: str) -> None:
    result = analyze(text)
    assert result.language in ("und", "en")
    assert result.language_message is None
    assert result.no_phone_calls == (text == "No calls")


# --- confidence -----------------------------------------------------------------------------


def test_confidence_names_every_positive_finding() -> None:
    text = (
        "No phone calls or emails, please. Only shortlisted candidates will be contacted "
        "within 2 weeks of the closing date. Applications close 15 March 2026."
    )
    result = analyze(text)
    assert set(result.confidences) == set(FINDING_NAMES)
    for name in FINDING_NAMES:
        assert 0 < result.confidence(name) <= 1
        assert result.is_confident(name)


def test_confidence_of_a_finding_not_made_is_zero() -> None:
    result = analyze("We are hiring a data engineer.")
    assert dict(result.confidences) == {}
    assert result.confidence("no_phone_calls") == 0.0
    assert not result.is_confident("no_phone_calls")
    with pytest.raises(ValueError):
        result.confidence("no_such_finding")


@pytest.mark.parametrize(
    ("name", "plain", "hedged"),
    [
        (
            "response_window",
            "We will respond within 2 weeks.",
            "We aim to respond within 2 weeks where possible.",
        ),
        (
            "no_phone_calls",
            "No phone calls, please.",
            "Ideally, no phone calls please.",
        ),
        (
            "only_shortlisted",
            "Only shortlisted candidates will be contacted.",
            "We may only contact shortlisted candidates.",
        ),
    ],
)
def test_hedged_wording_is_less_confident(name: str, plain: str, hedged: str) -> None:
    sure, unsure = analyze(plain), analyze(hedged)
    assert sure.confidence(name) >= CONFIDENT > unsure.confidence(name) > 0
    assert getattr(unsure, name if name != "response_window" else "response_within_days")


def test_explicit_only_is_surer_than_a_condition() -> None:
    explicit = analyze("Only shortlisted candidates will be contacted.")
    conditional = analyze("We will contact you if your profile matches the role.")
    assert explicit.confidence("only_shortlisted") > conditional.confidence("only_shortlisted")
    assert conditional.only_shortlisted


def test_evidence_carries_the_finding_confidence() -> None:
    result = analyze("No phone calls, please.")
    [evidence] = result.evidence
    assert evidence.confidence == result.confidence("no_phone_calls")
