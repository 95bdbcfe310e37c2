"""The reply reader's cue table is well formed: known kinds, weights in range, bounded patterns."""

import re

import pytest

from app.reading.replies import KINDS, analyze
from app.reading.reply_cues import KIND_CUES, cue


def test_every_cue_names_a_kind_and_a_weight() -> None:
    for kind, weight, pattern in KIND_CUES:
        assert kind in KINDS or kind == "withdrawal", kind
        assert 0 < weight <= 1.3, (kind, pattern.pattern)
        assert isinstance(pattern, re.Pattern)


def test_no_cue_has_an_unbounded_gap() -> None:
    for _, _, pattern in KIND_CUES:
        assert ".*" not in pattern.pattern and ".+" not in pattern.pattern, pattern.pattern


def test_a_space_in_a_cue_is_any_run_of_spaces() -> None:
    assert cue("regret to inform").search("we regret  to\ninform you")


P = "Thank you for applying for the analyst position. "


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (P + "We have paused hiring for this role.", "position_closed"),
        (P + "This opportunity has been filled.", "position_closed"),
        (P + "The position has been successfully filled.", "position_closed"),
        (P + "We have decided to hire internally for this role.", "position_closed"),
        (P + "Someone else was hired for the role.", "position_closed"),
        (P + "We are no longer filling this position.", "position_closed"),
        (
            P + "The position has been offered to and accepted by another candidate.",
            "position_closed",
        ),
        (P + "The next stage of the process is a psychometric test.", "assessment"),
        (P + "Please find attached the technical exercise.", "assessment"),
        (P + "You are invited to sit the written test on Monday.", "assessment"),
        (P + "Please let us know your availability for the coding assessment.", "assessment"),
        (
            P + "As the next step in our process, we invite you to complete a brief survey.",
            "assessment",
        ),
        (P + "Your application did not include a resume; please reply with it.", "request_info"),
        (P + "We would like to request the following information.", "request_info"),
        (
            "This is an automated message to confirm your application for the role.",
            "acknowledgment",
        ),
        ("Your application was forwarded to the hiring manager.", "acknowledgment"),
        (P + "The hiring team is still reviewing candidates.", "acknowledgment"),
        (P + "On this occasion your application has not been taken forward.", "rejection"),
        (P + "Unfortunately you were not among the successful candidates.", "rejection"),
        (P + "You did not progress to the next round.", "rejection"),
        (P + "The panel has decided to appoint another applicant.", "rejection"),
        (
            P + "You have been successful in reaching the next stage, a call.",
            "interview_invitation",
        ),
        ("Hi Sam, are you free for a quick call on Friday about the role?", "interview_invitation"),
        ("Hi Sam, your phone screen with Jane is confirmed for Monday.", "interview_invitation"),
        ("Hi, could you send over your portfolio and two references by Friday?", "request_info"),
        ("Dear candidate, we need a copy of your passport to continue.", "request_info"),
        ("Hi Sam, great news: the team would like to make you an offer!", "offer"),
        ("Hi Sam, we've put the search for this role on pause for now.", "position_closed"),
        ("Dear Sam, your online assessment for the scheme is now ready.", "assessment"),
        (P + "We are not in a position to make you an offer at this time.", "rejection"),
        (
            P + "We have had confirmation from the candidate to whom we offered the role.",
            "position_closed",
        ),
        (P + "The successful applicant has confirmed their acceptance.", "position_closed"),
        (P + "In the end, we offered the job to another candidate.", "rejection"),
    ],
)
def test_general_forms_read_as_their_kind(text: str, kind: str) -> None:
    assert analyze(text).kind == kind


def test_a_job_offer_promised_before_documents_is_no_offer_yet() -> None:
    text = P + "Before we can make a job offer, we need copies of your certificates."
    assert analyze(text).kind == "request_info"


def test_an_invitation_to_visit_a_website_is_no_interview() -> None:
    assert analyze(P + "We invite you to visit our website.").kind != "interview_invitation"


def test_feedback_not_offered_keeps_an_acknowledgment() -> None:
    text = (
        "Thank you for your application, which we have received. Due to the volume of"
        " applications we are not in a position to offer individual feedback."
    )
    assert analyze(text).kind == "acknowledgment"


def test_a_closed_post_among_possible_reasons_is_no_closed_post() -> None:
    text = (
        "Your application is not moving forward at this time. There are many reasons for this,"
        " such as another candidate chosen, or the job was closed without a hire."
    )
    assert analyze(text).kind == "rejection"


def test_an_application_reviewed_with_nothing_decided_is_an_acknowledgment() -> None:
    text = "The hiring team has reviewed your application for the designer job. Things look good!"
    assert analyze(text).kind == "acknowledgment"


def test_outreach_that_found_you_in_a_school_database_is_no_reply() -> None:
    text = "Dear Student, we got your contact through your school database: a part-time job awaits."
    assert analyze(text).kind == "other"


def test_current_openings_your_application_may_match_are_no_future_opening() -> None:
    matched = P + "If your application matches our current openings, we'll reach out by email."
    assert not analyze(matched).future_openings_invited
    assert analyze(
        P + "We will keep your CV for current and future openings."
    ).future_openings_invited


def test_a_review_of_your_performance_once_hired_is_no_consideration() -> None:
    offer = "We'd like to offer you the role. Your manager will review your performance later."
    assert not analyze(offer).still_under_consideration
    assert analyze(P + "We will review your application shortly.").still_under_consideration
