"""Tests for app.reading.windows: time expressions and the clauses that make them windows."""
# ruff: noqa: E501 (the test sentences are kept whole, one per line)

from __future__ import annotations

import pytest

from app.reading.postings import analyze
from app.reading.windows import durations, number_value


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("12", 12),
        ("twelve", 12),
        ("twenty-one", 21),
        ("twenty one", 21),
        ("forty", 40),
        ("a", 1),
        ("an", 1),
        ("a couple of", 2),
        ("", 0),
        ("many", 0),
    ],
)
def test_number_value(word: str, value: int) -> None:
    assert number_value(word) == value


@pytest.mark.parametrize(
    ("text", "days", "business", "counts_from"),
    [
        ("within 2-4 weeks", 28, False, None),
        ("in 1–3 weeks", 21, False, None),
        ("within two to three weeks", 21, False, None),
        ("in under a week", 7, False, None),
        ("in less than 2 weeks", 14, False, None),
        ("within 3 working days", 3, True, None),
        ("usually within 3–5 business days", 5, True, None),
        ("within a fortnight", 14, False, None),
        ("within ten (10) days", 10, False, None),
        ("within 24-48 hours", 2, False, None),
        ("within a week or two", 14, False, None),
        ("within the next week", 7, False, None),
        ("within 10 calendar days", 10, False, None),
        ("within 40 days after the closing date", 40, False, "closing_date"),
        ("within two weeks of the closing date for applications", 14, False, "closing_date"),
        ("a week after applications close", 7, False, "closing_date"),
        ("within 5 working days after the job closure date", 5, True, "closing_date"),
        ("within 3 weeks of submitting your application", 21, False, "application"),
        ("within two weeks of their interview", 14, False, "other"),
        ("within 90 days of hire", 90, False, "other"),
        ("within the 30-day window", 30, False, None),
        ("take the team two to four weeks", 28, False, None),
        ("one to three weeks after the competition closing date", 21, False, "closing_date"),
    ],
)
def test_durations(text: str, days: int, business: bool, counts_from: str | None) -> None:
    [span] = list(durations(text, 0, len(text)))
    assert (span.days, span.business, span.counts_from) == (days, business, counts_from)


@pytest.mark.parametrize("text", ["within a few days", "in several weeks", "within **** hours"])
def test_spans_without_a_number_are_none(text: str) -> None:
    assert list(durations(text, 0, len(text))) == []


WINDOWS = [
    ("Successful candidates will be contacted within 14 days of the closing date.", 14, False),
    ("Shortlisted candidates will be notified by email within two weeks.", 14, False),
    ("We review applications on a rolling basis and will contact you within 5 business days.", 5, True),
    ("Within two weeks of the closing date, shortlisted candidates will be invited to interview.", 14, False),
    ("Please expect to hear back from us within 7-10 business days.", 10, True),
    ("Our team reviews every application and responds within 48 hours.", 2, False),
    ("Applicants will be notified of the outcome within 6 weeks.", 42, False),
    ("You should receive a response within the next 2 weeks.", 14, False),
    ("Expect a reply within 72 hours.", 3, False),
    ("Should you not hear from us within 21 days, please consider your application unsuccessful.", 21, False),
    ("Candidates who are not contacted within 30 days of the closing date should assume they were unsuccessful.", 30, False),
    ("Applications are reviewed weekly and candidates are normally contacted within 2 weeks.", 14, False),
    ("Those selected for interview will be contacted no later than 2 weeks after the closing date.", 14, False),
    ("Due to the volume of applications, it may take up to 4 weeks for us to respond.", 28, False),
    ("It can take up to six weeks to hear back.", 42, False),
    ("Feedback is usually provided within 5 working days.", 5, True),
    ("Hiring decisions are typically made within 30 days.", 30, False),
    ("We expect to make a decision within two weeks of the closing date.", 14, False),
    ("Our response time is usually 2-3 weeks.", 21, False),
    ("We’ll be reviewing applications as they come in and we’ll get back to you within a week.", 7, False),
    ("This stage can take 1-3 weeks. After that, you will receive a notification.", 21, False),
    ("Applicants not notified during the two weeks following the closing date should assume they were not selected.", 14, False),
    ("HR will notify you of your status after review. Applications will typically be reviewed within one week.", 7, False),
    ("However if you haven't heard from us in 14 days unfortunately it means that you have been unsuccessful.", 14, False),
    # a span named again by the contact clause after it ("by then", "by this date")
    ("Interviews will be held within four weeks of the closing date; if you have not heard from us by then, please assume you have not been shortlisted.", 28, False),
    ("Shortlisting takes place within 2 weeks of the closing date. If you have not been contacted by this date, your application has not been successful.", 14, False),
    # "of receipt of": where the span counts from, not an automatic receipt
    ("We will contact shortlisted applicants within ten working days of receipt of their application.", 10, True),
    # "we have not contacted you" is the employer's act, not a passive
    ("If we have not contacted you within 3 weeks of the closing date, your application has not been successful.", 21, False),
    ("If you have not had a reply within 28 days of the closing date, please assume you were unsuccessful.", 28, False),
    ("If you do not receive any communication from us within 4 weeks, please assume you have not been shortlisted.", 28, False),
    # a long subject before the contact verb ("will be contacted") still names the applicant
    ("The review process may take 2-3 weeks. Only candidates whose skills and experience closely match the position requirements will be contacted for an interview.", 21, False),
    # a stage "done within" a span, the contact in the next sentence; "working weeks" are weeks
    ("Screening is usually completed within two working weeks. When it is complete, we will let you know the outcome.", 14, False),
    # a "which" clause times the step the contact waits for
    ("You will be contacted after your application has been assessed, which normally takes ten days.", 10, False),
    # the review said actively, the contact in the next line
    ("- Our recruitment team will review your application within the next 5-7 business days\n- If your profile matches our requirements, we'll contact you to schedule an initial interview", 7, True),
    # "by mobile phone" is how the call comes, not who is called
    ("If you are granted an interview, I will be calling you by mobile phone over the next week to get a better understanding of projects that fit your interests.", 7, False),
]  # fmt: skip
NOT_WINDOWS = [
    # a reply to a question, not to the application
    "We will answer within 3 days of a query being raised.",
    # an interval between stages, not the wait to hear back
    "It can take up to 10 days in between each stage. Shortlisted candidates will be contacted.",
    # counted from a later assessment, as from an interview
    "After further assessments are completed, you will be notified of the outcome within 2 weeks.",
    # a review timed with no contact promised beside it
    "Our team will review your application within 5 business days.",
]


@pytest.mark.parametrize("text", NOT_WINDOWS)
def test_not_windows(text: str) -> None:
    assert analyze(text).response_within_days is None


@pytest.mark.parametrize(("text", "days", "business"), WINDOWS)
def test_response_windows(text: str, days: int, business: bool) -> None:
    result = analyze(text)
    assert (result.response_within_days, result.response_business_days) == (days, business)
    [evidence] = [e for e in result.evidence if e.finding == "response_time"]
    assert text[evidence.start : evidence.end] == evidence.sentence


@pytest.mark.parametrize(
    ("text", "counts_from"),
    [
        ("You will be notified within 10 days after the application deadline.", "closing_date"),
        ("After the deadline, we review applications and notify all applicants within a week.", "closing_date"),
        ("We will contact you within 3 weeks of submitting your application.", "application"),
        ("We will contact you within 3 weeks.", "application"),
        ("Shortlisting takes place within 2 weeks of the closing date. If you have not been contacted by this date, you have not been successful.", "closing_date"),
        ("If you do not hear from us 3 weeks within the closing date, please assume you were unsuccessful.", "closing_date"),
        ("Candidates will be contacted within 10 days of receipt of their application.", "application"),
        ("If you have not heard from us within 3 weeks' of the closing date, you have not been successful.", "closing_date"),
        ("If you do not hear from us within 21 days post closing date, you have not been successful.", "closing_date"),
        ("Please allow up to 4 weeks after the closing date for a response.", "closing_date"),
        ("Please allow 10 working days from receipt of your application for a reply.", "application"),
        # session 11: South African adverts
        ("If we have not responded within a Month from the closing date, you should regard your application as unsuccessful.", "closing_date"),
        ("If no notification of appointment is received within 3 months after closing date, they must accept that their applications were unsuccessful.", "closing_date"),
    ],
)  # fmt: skip
def test_what_a_window_counts_from(text: str, counts_from: str) -> None:
    assert analyze(text).window_counts_from == counts_from


NOT_WINDOWS = [
    "Interviews are expected to take place within 3 weeks of the closing date.",
    "We'll be in touch within a few days.",
    "Employers often review applications and contact candidates within one to two weeks.",
    "You were told you should hear from her in a week.",
    "We will reply to your request for an accommodation within 24 hours.",
    "All applicants invited to interview will be phoned within two weeks of their interview.",
    "When you receive a contact request, you must respond to it within 14 days.",
    "You'll receive an email acknowledging receipt of your application within 24 hours.",
    "We strive to give feedback as soon as possible and wrap up the process within two weeks.",
    "I received contact from them within two weeks and scheduled an interview.",
    "The survey found that most job seekers expected the employer to get back to them within two days.",
    "If you haven't heard back within two weeks, it's fine to follow up with the hiring manager.",
    "Each stage can take up to a maximum of eight weeks.",
    "Selected candidates should be ready to be onsite for 4-6 months.",
    "The ad said: \u201cif you haven't heard from us within 2 weeks, consider yourself unsuccessful\u201d.",
    "As a recruiter you will contact candidates within 2 business days.",
    "If you have been unsuccessful at interview, your recruiter will advise you within 48 hours.",
    "Vacancies you can apply for should be notified within 24 hours of being posted.",
    "Applications are kept for six months. We will contact you if you are selected during the six month period.",
    "Interviews will take place within three weeks of the closing date. Please make sure you are available at that time.",
    "You'll receive an email within 24 hours of applying to confirm receipt of your application.",
    "Please allow two weeks after your interview for a response.",
    "It may take up to three business days to receive a response to your request.",
    "You will receive a response to your enquiry within 2 working days.",
]  # fmt: skip


@pytest.mark.parametrize("text", NOT_WINDOWS)
def test_not_response_windows(text: str) -> None:
    assert analyze(text).response_within_days is None


@pytest.mark.parametrize(
    ("text", "days", "counts_from"),
    [
        (
            "If you are not contacted within the 30-day window, you can assume you were not selected.",
            30,
            "application",
        ),
        (
            "After you have submitted your application, it will take the team roughly two to four weeks to review it and confirm if you have made it to the next stage.",
            28,
            "application",
        ),
        (
            "It can take up to 6 weeks to let applicants know if they have been shortlisted.",
            42,
            "application",
        ),
        (
            "Shortlisted candidates are typically contacted one to three weeks after the competition closing date.",
            21,
            "closing_date",
        ),
    ],
)
def test_windows_in_more_forms(text: str, days: int, counts_from: str) -> None:
    result = analyze(text)
    assert (result.response_within_days, result.window_counts_from) == (days, counts_from)


@pytest.mark.parametrize(
    "text",
    [
        # a period said before, not a wait
        "We will contact you if you are selected for an interview during the six month period.",
        # someone else is told: the subject of the clause is not the applicant
        "It takes about three business days to process a completed application. (If the application is incomplete, the merchant will receive an email saying what is missing.)",
    ],
)
def test_no_window_is_read_from_periods_or_other_parties(text: str) -> None:
    assert analyze(text).response_within_days is None


def test_invitations_sent_within_a_span_of_the_close_of_applications() -> None:
    result = analyze(
        "Interview invitations will be sent within 10 days of the close of applications."
    )
    assert (result.response_within_days, result.window_counts_from) == (10, "closing_date")
