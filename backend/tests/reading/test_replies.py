"""The reply reader: kinds, news, quoted text, placeholders, evidence and speed."""

import time
from datetime import date

import pytest

from app.reading.replies import MAX_TEXT, analyze, newest_part


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Although we were impressed with your background, we have decided to move forward"
            " with candidates whose skills are better aligned with this role.",
            "rejection",
        ),
        ("We have decided to move forward with other candidates.", "rejection"),
        (
            "Unfortunately, Acme has moved to the next step in their hiring process, and your"
            " application was not selected at this time.",
            "rejection",
        ),
        ("We have received your application for the Analyst role.", "acknowledgment"),
        ("Thanks for applying! Your application has been received.", "acknowledgment"),
        (
            "We would like to invite you to an interview next week. Please send us your"
            " availability.",
            "interview_invitation",
        ),
        (
            "As the next step, please complete the online coding assessment for the position.",
            "assessment",
        ),
        ("We are delighted to offer you the position of Data Engineer.", "offer"),
        (
            "To continue with your application, please send us the names of two references.",
            "request_info",
        ),
        ("We regret to inform you that the position has been filled.", "position_closed"),
        ("Your package has been delivered! Rate your seller.", "other"),
    ],
)
def test_the_kind_of_a_reply(text: str, kind: str) -> None:
    assert analyze(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # what an offer cue offers decides: an interview, a test, a pool, someone else's job
        (
            "We are pleased to offer you an interview for the Analyst position.",
            "interview_invitation",
        ),
        (
            "About your application: you have been selected to take part in our online assessment.",
            "assessment",
        ),
        (
            "Thank you for your application. We have extended a job offer to another candidate.",
            "rejection",
        ),
        (
            "Thank you for your application. We have made a verbal offer to a candidate whose"
            " experience better matches the role.",
            "rejection",
        ),
        (
            "Thank you for accepting our offer for the Analyst position. We look forward to"
            " your first day.",
            "acknowledgment",
        ),
        (
            "Thank you for your application. We have decided to fill the role internally.",
            "position_closed",
        ),
        ("Thank you for your application. An appointment has now been made.", "position_closed"),
        (
            "Thank you for your application. The hiring process has been put on pause.",
            "position_closed",
        ),
        ("Thank you for your application. Your application has been declined.", "rejection"),
        ("Thank you for your application. You did not pass the screening stage.", "rejection"),
        ("Thank you for your application. We will not be inviting you to interview.", "rejection"),
        (
            "Thank you for your application. We have identified candidates whose experience more"
            " closely matches the role.",
            "rejection",
        ),
        # " ?" in a cue is an optional space: "shortlisted" as well as "short listed"
        (
            "Thank you for your application. You have been shortlisted for the next round.",
            "interview_invitation",
        ),
        (
            "Thank you for your application. You are invited to an assessment centre on 4 May.",
            "assessment",
        ),
        (
            "Thank you for your application. We need a copy of your transcript before we proceed.",
            "request_info",
        ),
        # status updates that decide nothing are acknowledgments, not closed posts
        (
            "Thank you for your patience. The hiring process for the Analyst role is taking"
            " longer than expected.",
            "acknowledgment",
        ),
        (
            "We wanted to let you know that the recruitment for the role has been delayed.",
            "acknowledgment",
        ),
        ("You have been placed on our reserve list for the Analyst position.", "acknowledgment"),
        # unsolicited outreach names no application: no invitation
        (
            "Hi, I came across your profile and think you'd be a great fit for a role with my"
            " client. Are you available for a quick call this week?",
            "other",
        ),
        ("Thank you for your application. Congratulations! You got the job.", "offer"),
        (
            "Thank you for your application. Successful applicants will receive an offer letter.",
            "acknowledgment",
        ),
        (
            "Thank you for your application. You were not among the candidates selected.",
            "rejection",
        ),
        ("Thank you for your application. Your candidacy will not advance.", "rejection"),
        (
            "Thank you for applying. Please select a time that works for you for a call.",
            "interview_invitation",
        ),
        (
            "As the next stage in your application for the Analyst role, we invite you to a"
            " one-way digital video interview.",
            "assessment",
        ),
    ],
)
def test_kinds_written_other_ways(text: str, kind: str) -> None:
    assert analyze(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "Hi Sam, your résumé is under review for the analyst role.",
        "Hi Sam, I have passed your resume on to the hiring manager for review.",
        "Hi Sam, the hiring team is reviewing resumes now and should have news soon.",
        "Thanks for applying. Our team is currently taking it under consideration.",
        "Thanks for applying. Our next step is to review your application.",
        "We have received many applications, and the hiring manager is currently reviewing them.",
    ],
)
def test_consideration_said_without_a_cue_of_kind_is_still_read(text: str) -> None:
    assert analyze(text).still_under_consideration


def test_a_later_deadline_says_the_post_is_open() -> None:
    text = "Just a quick update on the Analyst position: we have extended the closing date."
    assert analyze(text).position_still_open is True


def test_a_window_written_with_a_tilde_is_read() -> None:
    result = analyze("Thanks for your application. We'll be in touch in the next ~2 weeks.")
    assert (result.response_within_days, result.response_business_days) == (14, False)


def test_an_offer_to_contact_you_about_this_role_is_no_future_opening() -> None:
    text = (
        "We appreciate your interest. A recruiter will contact you if your skills match the role."
    )
    assert not analyze(text).future_openings_invited


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "After review, the role has been offered to a candidate with more experience.",
            "rejection",
        ),
        (
            "Thank you for your application. We will not be moving forward at this time.",
            "rejection",
        ),
        ("We have decided to go in a different direction for this role.", "rejection"),
        (
            "The candidate we chose has accepted the position, so the job is closed.",
            "position_closed",
        ),
        ("Thank you for applying. There are no more places on this programme.", "position_closed"),
        ("Thanks for applying. The position is no longer available.", "position_closed"),
        (
            "Thanks for applying for the role. Can you meet on Friday at 10am?",
            "interview_invitation",
        ),
        (
            "You have an interview with our team on Monday about your application.",
            "interview_invitation",
        ),
        (
            "We are inviting you to the video interview stage: record your answers when and"
            " where you like.",
            "assessment",
        ),
        (
            "The school has requested that you complete your self-disclosure form for your"
            " application.",
            "request_info",
        ),
        (
            "Thank you for your resume. We will need two weeks to evaluate them all.",
            "acknowledgment",
        ),
        (
            "Thank you for your interest in the Analyst position. We'll be in touch.",
            "acknowledgment",
        ),
    ],
)
def test_the_kind_of_a_reply_in_other_words(text: str, kind: str) -> None:
    assert analyze(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Thank you for applying. We believe your skills do not meet the job requirements.",
            "rejection",
        ),
        (
            "Dear <%= @first_name %>, you asked <%= @referee.name %> for a reference for your"
            " application. They have not replied yet.",
            "request_info",
        ),
    ],
)
def test_the_kind_of_a_reply_with_placeholders_and_requirements(text: str, kind: str) -> None:
    assert analyze(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Thanks for applying. Another candidate was selected for the role.", "rejection"),
        ("Thanks for applying. Another applicant has been hired for the role.", "position_closed"),
        ("Congratulations, you have been selected for the position of Analyst.", "offer"),
        ("Thanks for applying. You have not been selected for the position.", "rejection"),
        (
            "We would like to meet you next week to discuss your application.",
            "interview_invitation",
        ),
        ("We are not able to move your application forward.", "rejection"),
    ],
)
def test_who_was_chosen_decides_the_kind(text: str, kind: str) -> None:
    assert analyze(text).kind == kind


@pytest.mark.parametrize(
    ("text", "future"),
    [
        (
            "We regret we cannot offer you the role. We may contact you about roles in the future.",
            True,
        ),
        ("We regret we cannot offer you the role. Roles in the future will be remote.", False),
        (
            "Unfortunately the role is on hold. I'd like to keep you in mind once it's"
            " reactivated.",
            False,
        ),
    ],
)
def test_future_openings_need_an_invitation_to_other_posts(text: str, future: bool) -> None:
    assert analyze(text).future_openings_invited is future


def test_careful_consideration_promised_is_consideration() -> None:
    text = (
        "Thank you for applying. Our committee will give careful consideration to your candidacy."
    )
    result = analyze(text)
    assert (result.kind, result.still_under_consideration) == ("acknowledgment", True)


@pytest.mark.parametrize(
    ("text", "scheduled"),
    [
        ("Thank you for applying. We are currently scheduling interviews.", True),
        ("Thank you for applying. Interviews are now being held.", True),
        ("Thank you for applying. We will be scheduling interviews in March.", False),
        ("Thank you for applying. Interviews will be held in late February.", False),
    ],
)
def test_interviews_under_way_not_planned(text: str, scheduled: bool) -> None:
    assert analyze(text).interviews_being_scheduled is scheduled


def test_a_news_flag_is_not_read_in_a_negated_clause() -> None:
    result = analyze(
        "Thanks for applying. We are not currently scheduling interviews for this role."
    )
    assert not result.interviews_being_scheduled


def test_a_kind_rejection_that_invites_future_applications() -> None:
    text = (
        "Unfortunately we will not be moving forward with your application. We will keep your"
        " resume on file and contact you about future opportunities."
    )
    result = analyze(text)
    assert (result.kind, result.future_openings_invited) == ("rejection", True)
    future = next(e for e in result.evidence if e.finding == "future_openings_invited")
    assert text[future.start : future.end] == future.sentence
    assert future.sentence.startswith("We will keep your resume")


def test_an_acknowledgment_that_promises_nothing_carries_no_news() -> None:
    result = analyze("Thank you for applying for the position. We have received your application.")
    assert result.kind == "acknowledgment"
    assert not result.still_under_consideration and not result.future_openings_invited
    assert result.response_within_days is None and result.position_still_open is None


def test_an_application_under_review_is_still_under_consideration() -> None:
    result = analyze("Your application has been received and will be reviewed shortly.")
    assert result.kind == "acknowledgment" and result.still_under_consideration


def test_a_conditional_rejection_in_an_acknowledgment_is_no_rejection() -> None:
    text = (
        "Our team will be reviewing your application and will be in touch if your experience"
        " matches. If you are not selected, please check our careers page for new openings."
    )
    result = analyze(text)
    assert result.kind == "acknowledgment" and result.future_openings_invited


def test_the_news_a_reply_carries() -> None:
    text = (
        "Thank you for your application. We received over 300 applications for this role, and"
        " the position is still open. We are currently scheduling interviews and your"
        " application is still under consideration. We will be in touch within 5 business days."
    )
    result = analyze(text, received_on=date(2026, 12, 4))  # a Friday
    assert result.applicant_count == 300
    assert result.position_still_open is True
    assert result.interviews_being_scheduled and result.still_under_consideration
    assert (result.response_within_days, result.response_business_days) == (5, True)
    assert result.response_expected_on == date(2026, 12, 11)
    assert {e.finding for e in result.evidence} >= {
        "applicant_count",
        "position_still_open",
        "interviews_being_scheduled",
        "still_under_consideration",
        "response_window",
    }


def test_feedback_refused_and_offered() -> None:
    refused = analyze(
        "We have decided to proceed with other candidates. Due to the number of applicants we"
        " can't provide individual feedback."
    )
    assert refused.feedback_offered == "refused"
    offered = analyze(
        "We will not be progressing your application. If you would like feedback on your"
        " interview, feel free to reply to this email."
    )
    assert offered.feedback_offered == "offered"


@pytest.mark.parametrize(
    ("text", "still"),
    [
        ("Thank you for applying. You've progressed through the first stage of our process.", True),
        ("Thank you for your application. We'd like to move to the next stage with you.", True),
        ("Thank you for applying. Please be assured that you are still an active candidate.", True),
        (
            "Thank you for applying. We are currently completing interviews with other candidates.",
            True,
        ),
        ("Thank you for applying. You have not progressed to the next stage.", False),
        ("Thank you for applying. If you progress to the next stage, we will email you.", False),
    ],
)
def test_a_step_passed_or_to_come_keeps_the_application_under_consideration(
    text: str, still: bool
) -> None:
    assert analyze(text).still_under_consideration is still


@pytest.mark.parametrize(
    ("text", "open_"),
    [
        (
            "Thank you for applying. We have decided to extend the application deadline.",
            True,
        ),
        (
            "Your application has been received. The closing date has been extended, and we"
            " will review all applications after it.",
            True,
        ),
        ("Thank you for applying. We have not yet reached a final decision.", True),
        ("Thank you for applying. We have reached a final decision.", None),
    ],
)
def test_a_later_deadline_or_no_decision_yet_leaves_the_post_open(
    text: str, open_: bool | None
) -> None:
    assert analyze(text).position_still_open is open_


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Thank you for applying. We received four hundred applications for the role.", 400),
        ("Thank you for applying. Over a thousand people have applied for the role.", 1000),
        ("Thank you for applying. We received nearly two hundred applications.", None),
        ("Thank you for applying. We received close to 1,000 applications.", None),
        ("Thank you for applying. We will interview 12 candidates next week.", None),
    ],
)
def test_an_applicant_count_in_words_or_falling_short(text: str, count: int | None) -> None:
    assert analyze(text).applicant_count == count


@pytest.mark.parametrize(
    ("text", "feedback"),
    [
        (
            "We did not select your application. Reply to this email if you want more"
            " information about our decision.",
            "offered",
        ),
        (
            "Thank you for applying. Feel free to contact us if you want a faster feedback.",
            None,
        ),
    ],
)
def test_feedback_is_a_word_on_the_decision_not_a_quick_answer(
    text: str, feedback: str | None
) -> None:
    assert analyze(text).feedback_offered == feedback


@pytest.mark.parametrize(
    ("text", "future"),
    [
        (
            "We moved forward with another candidate. I hope that we can stay in touch as we"
            " continue to grow and hire.",
            True,
        ),
        (
            "The position was withdrawn. If you would still like to be considered for such an"
            " opening, please let me know.",
            True,
        ),
        (
            "We will not be moving forward with your application. We wish you success in your"
            " search for a suitable position.",
            False,
        ),
    ],
)
def test_future_openings_in_other_words(text: str, future: bool) -> None:
    assert analyze(text).future_openings_invited is future


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Thank you for applying. We are unable to invite you for interviews.", "rejection"),
        ("Thank you for applying. As you know, you did not get the job.", "rejection"),
        (
            "Thank you for applying. We would like to invite you for an interview.",
            "interview_invitation",
        ),
    ],
)
def test_a_declined_invitation_or_a_job_not_got_is_a_rejection(text: str, kind: str) -> None:
    assert analyze(text).kind == kind


def test_open_positions_named_are_no_invitation() -> None:
    text = (
        "We appreciate your interest in our firm. We receive many applications for a limited"
        " number of open positions. We are unable to invite you in for interviews."
    )
    assert not analyze(text).future_openings_invited
    invited = "We are unable to offer you the role. We encourage you to apply for our open roles."
    assert analyze(invited).future_openings_invited


@pytest.mark.parametrize(
    "opening",
    [
        "Thank you for your recent application.",
        "We appreciate your interest in the role.",
        "Thank you very much for applying.",
    ],
)
def test_thanks_in_other_words_is_about_an_application(opening: str) -> None:
    text = f"{opening} Four hundred people applied for the role."
    assert analyze(text).applicant_count == 400


def test_a_thanks_very_much_for_applying_is_about_an_application() -> None:
    text = (
        "Thank you very much for applying. We were only able to interview twelve of the four"
        " hundred candidates who applied, and you were not among those selected."
    )
    assert analyze(text).applicant_count == 400


@pytest.mark.parametrize(
    ("text", "finding", "value"),
    [
        ("Thank you for applying. Our team will look over your application.", "still", True),
        ("Thank you for applying. We have placed you on our reserve list.", "still", True),
        ("Thank you for applying. We are in the process of reviewing applications.", "still", True),
        ("Thank you for applying. We will consider your application carefully.", "still", True),
        ("Thank you for applying. We review every application we receive.", "still", True),
        ("Thank you for applying. We'll take a quick look at your resume.", "still", True),
        ("Thank you for applying. We will not consider your application further.", "still", False),
        ("Thank you for applying. We have now begun interviews for the role.", "interviews", True),
        ("Thank you for applying. We have not begun interviews yet.", "interviews", False),
        ("We have received your application and are continuing our search.", "open", True),
        ("Your application has been received. We haven't yet filled the position.", "open", True),
        (
            "We are unable to offer you the role. Our policy is not to provide feedback.",
            "feedback",
            "refused",
        ),
        (
            "We are unable to offer you the role. You may request feedback from the panel.",
            "feedback",
            "offered",
        ),
        (
            "We are unable to offer you the role. You cannot request feedback from the panel.",
            "feedback",
            None,
        ),
        (
            "We will not be moving forward. Please contact the recruiter to request feedback.",
            "feedback",
            "offered",
        ),
        (
            "We will not be moving forward. We would suggest that you gain more experience.",
            "feedback",
            "offered",
        ),
        (
            "We will not be moving forward. We recommend that you visit our careers site.",
            "feedback",
            None,
        ),
        (
            "We will not be moving forward. We cannot give individual reasons for our decision.",
            "feedback",
            "refused",
        ),
        (
            "We are unable to offer you the role. Should a similar position open, we will contact"
            " you.",
            "future",
            True,
        ),
        (
            "We are unable to offer you the role. We hope you find other roles elsewhere.",
            "future",
            False,
        ),
    ],
)
def test_news_in_other_words(text: str, finding: str, value: object) -> None:
    result = analyze(text)
    found = {
        "still": result.still_under_consideration,
        "interviews": result.interviews_being_scheduled,
        "open": result.position_still_open,
        "feedback": result.feedback_offered,
        "future": result.future_openings_invited,
    }
    assert found[finding] == value


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for applying. We've recently hired someone for the role.",
        "Thank you for applying. The search has been suspended until next year.",
        "Thank you for applying. We have decided to close the position.",
        "Thank you for applying. Due to budget cuts, we will not be moving forward.",
        "Thank you for applying. There is a hiring freeze across the company.",
        "Thank you for applying. We have no current plans to hire for this role.",
        "Thank you for applying. The role was given to an internal applicant.",
    ],
)
def test_a_post_gone_in_other_words_is_closed(text: str) -> None:
    result = analyze(text)
    assert (result.kind, result.position_still_open) == ("position_closed", False)


def test_quoted_earlier_messages_are_not_read() -> None:
    for quote in (
        "On Mon, 1 Dec 2026 at 09:00, Ann <ann@example.com> wrote:\n",
        "> ",
        "-----Original Message-----\n",
        "From: Ann Applicant\nSent: Monday, December 1, 2026\nSubject: Following up\n",
    ):
        text = (
            "We are pleased to offer you the position.\n\n"
            f"{quote}I wanted to follow up: I was not selected last time, sadly."
        )
        result = analyze(text)
        assert result.kind == "offer", quote
        assert result.newest_end == text.index(quote)
    assert newest_part("No quote here.") == len("No quote here.")


def test_placeholders_left_in_a_template_read_as_words() -> None:
    result = analyze(
        "Hi [Name], thank you for applying to {{company}}. We regret to inform you that we"
        " won't be moving forward with your application."
    )
    assert result.kind == "rejection"
    assert result.evidence[0].sentence.startswith("We regret")


def test_the_employer_moving_on_is_not_you_moving_on() -> None:
    result = analyze("We would like to move you to the next stage of our process: an interview.")
    assert result.kind == "interview_invitation"
    result = analyze("The employer has moved to the next step of their hiring process.")
    assert result.kind != "interview_invitation"


def test_a_negated_offer_is_a_rejection() -> None:
    assert analyze("We are not able to offer you the position at this time.").kind == "rejection"


def test_every_finding_has_a_confidence_and_its_sentence() -> None:
    text = "We have decided to pursue other candidates. We'll keep your CV on file."
    result = analyze(text)
    assert result.is_confident("kind") and result.is_confident("future_openings_invited")
    for e in result.evidence:
        assert text[e.start : e.end] == e.sentence and 0 < e.confidence <= 1
    with pytest.raises(ValueError):
        result.confidence("nonsense")


def test_text_longer_than_the_bound_is_refused() -> None:
    with pytest.raises(ValueError):
        analyze("x" * (MAX_TEXT + 1))


@pytest.mark.parametrize(
    "unit",
    ["not " * 12_000, "unfortunately we " * 2900, "your application " * 2900, "[a" * 24_000],
)
def test_adversarial_text_is_read_in_linear_time(unit: str) -> None:
    started = time.perf_counter()
    analyze(unit[:MAX_TEXT])
    assert time.perf_counter() - started < 2.0


def test_details_kept_by_a_privacy_policy_are_no_invitation() -> None:
    rejected = "We have decided to move forward with other candidates. "
    kept = rejected + "We will retain your details for six months in line with our privacy policy."
    assert not analyze(kept).future_openings_invited
    invited = rejected + "We will keep your resume on file for future openings."
    assert analyze(invited).future_openings_invited
