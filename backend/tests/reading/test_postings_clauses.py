"""The posting reader reads clauses, not phrases: forms the corpus taught by family.

Each case names a family (a refusal in another voice, a ban on contact said as a noun, a
promise of contact to someone else, those not chosen being told), with look-alikes that
must not fire. Unit cases, not corpus passages: the corpus measures, these pin behaviour.
"""
# ruff: noqa: E501 (the test sentences are kept whole, one per line)

from __future__ import annotations

import pytest

from app.reading.postings import analyze

# A refusal in any voice or tense; a prohibitive modal said of applicants; a ban on
# contact named as a noun.
PHONE_ONLY = [
    "Phone calls are not accepted.",
    "Telephone inquiries regarding this position are not returned.",
    "We are not accepting phone calls regarding this position.",
    "No follow up calls please.",
    "Applicants should not call the office.",
    "Calls to the office will result in disqualification.",
]
ALL_CONTACT = [
    "Candidates must not contact the panel members.",
    "Direct contact with the hiring team is strictly prohibited.",
    "Contacting the hiring manager directly will disqualify your application.",
    "Contact with any member of staff about this vacancy is not permitted.",
]
NOT_A_REQUEST = [
    "Contact with patients' families is not permitted without approval.",
    "Calling customers is not permitted during breaks.",
    "Contact with the media is prohibited.",
    "Agencies should not contact us.",
    "You should not call the restaurant to check on your application.",  # advice's voice
    "Phone calls will be returned within a day.",
]


@pytest.mark.parametrize("text", PHONE_ONLY)
def test_phone_refusals_in_any_voice(text: str) -> None:
    found = analyze(text)
    assert found.no_phone_calls and not found.no_contact


@pytest.mark.parametrize("text", ALL_CONTACT)
def test_bans_on_all_contact(text: str) -> None:
    found = analyze(text)
    assert found.no_phone_calls and found.no_contact


@pytest.mark.parametrize("text", NOT_A_REQUEST)
def test_contact_rules_about_others_or_advice_do_not_fire(text: str) -> None:
    found = analyze(text)
    assert not (found.no_phone_calls or found.no_contact)


def test_a_promise_to_contact_references_is_not_conditional_contact() -> None:
    text = "Please give two references. If you're successful we will contact them."
    assert not analyze(text).only_shortlisted


def test_them_is_the_applicants_when_the_sentence_names_them() -> None:
    text = "Should candidates be shortlisted, we will contact them by email."
    assert analyze(text).only_shortlisted


@pytest.mark.parametrize(
    "told",
    [
        "Unsuccessful applicants will be notified by email.",
        "Applicants who have not been shortlisted will be contacted to be informed.",
        "Candidates who are not selected will receive an email.",
    ],
)
def test_those_not_chosen_being_told_answers_everyone(told: str) -> None:
    assert not analyze(f"Only shortlisted candidates will be contacted. {told}").only_shortlisted


@pytest.mark.parametrize(
    "silent",
    [
        "Unsuccessful applicants will not be notified.",
        "Those not shortlisted will not be contacted.",
    ],
)
def test_those_not_chosen_not_being_told_is_a_shortlist(silent: str) -> None:
    assert analyze(f"If you are selected we will contact you. {silent}").only_shortlisted


def test_a_masked_number_keeps_the_sentence_readable_and_invents_no_window() -> None:
    found = analyze(
        "If you have not heard from us within **** days, unfortunately you have not been "
        "successful on this occasion."
    )
    assert found.only_shortlisted and found.response_within_days is None


def test_approaching_applicants_is_contact() -> None:
    found = analyze(
        "After the deadline we assess each application and approach selected applicants by "
        "telephone. This usually happens within a week after the application deadline."
    )
    assert (found.response_within_days, found.window_counts_from) == (7, "closing_date")


@pytest.mark.parametrize(
    ("text", "days", "counts_from"),
    [
        ("We will respond within 3 wks.", 21, "application"),
        ("Please expect a reply within approx. 4 weeks.", 28, "application"),
        ("Applications will be acknowledged and shortlisted candidates contacted within 3 weeks.",
         21, "application"),
        ("We will contact you within 4 weeks from the date the advertisement closes.", 28,
         "closing_date"),
        ("You will hear from us within 3 weeks of the day applications close.", 21,
         "closing_date"),
        ("We will contact you within 4 weeks of the date we receive your application.", 28,
         "application"),
    ],
)  # fmt: skip
def test_window_forms(text: str, days: int, counts_from: str) -> None:
    found = analyze(text)
    assert (found.response_within_days, found.window_counts_from) == (days, counts_from)


def test_a_participle_after_staff_is_not_a_promise() -> None:
    assert (
        analyze(
            "Our candidates contacted within 3 weeks of starting are paid."
        ).response_within_days
        is None
    )


def test_a_negated_condition_of_hearing_is_a_window_and_a_shortlist() -> None:
    found = analyze(
        "Should you not hear from us within 30 days, your application has not been successful."
    )
    assert found.only_shortlisted and found.response_within_days == 30


@pytest.mark.parametrize(
    "to_all",
    [
        "We will let all applicants know the outcome.",
        "Otherwise you will receive an email letting you know.",
        "Everyone will receive a response.",
    ],
)
def test_a_promise_to_everyone_in_other_words(to_all: str) -> None:
    assert not analyze(
        f"If you are selected for interview we will be in touch. {to_all}"
    ).only_shortlisted


@pytest.mark.parametrize(
    "negated",
    [
        "We regret that we are not able to personally respond to all applications.",
        "I couldn't write to each of you individually.",
    ],
)
def test_a_negated_promise_to_everyone_promises_nothing(negated: str) -> None:
    assert analyze(f"{negated} If you are shortlisted we will contact you.").only_shortlisted


def test_a_timeline_begun_at_the_closing_date_in_the_sentence_before_counts_from_it() -> None:
    found = analyze(
        "Once the vacancy has closed, the panel shortlists. You will hear from us within two weeks."
    )
    assert (found.response_within_days, found.window_counts_from) == (14, "closing_date")


@pytest.mark.parametrize(
    "duty",
    [
        "You will contact shortlisted candidates to arrange interviews.",
        "- Contact shortlisted candidates and schedule interviews",
        "Responsibilities: screening resumes, contacting selected candidates and scheduling.",
        "If a candidate is suitable, you will contact them to arrange an interview.",
        "Once candidates are shortlisted, you will call them to schedule interviews.",
    ],
)
def test_the_jobs_own_duties_are_not_notices(duty: str) -> None:
    assert not analyze(duty).only_shortlisted


@pytest.mark.parametrize(
    "notice",
    [
        "HR will contact shortlisted candidates within two weeks.",
        "Our recruitment team will review all applications and contact shortlisted applicants.",
        "Selected candidates will be contacted to arrange an interview.",
        "If you are shortlisted, you'll receive an invitation by email.",
    ],
)
def test_the_employers_notices_are(notice: str) -> None:
    assert analyze(notice).only_shortlisted


def test_advice_about_the_employers_one_applies_to_is_not_a_notice() -> None:
    text = (
        "Will I hear back from every company I apply to? Usually only candidates selected "
        "for interview will hear back."
    )
    assert not analyze(text).only_shortlisted


@pytest.mark.parametrize(
    "text",
    [
        "We will be in touch with successful applicants.",
        "If we would like to proceed with your application, we will contact you.",
        "Those who have been shortlisted will receive an email invitation.",
        "No response means you were not selected.",
        "If your application progresses, you'll hear from a recruiter.",
    ],
)
def test_more_shortlist_forms(text: str) -> None:
    assert analyze(text).only_shortlisted


@pytest.mark.parametrize(
    "text",
    [
        "Should you wish to apply, please forward your CV and we will contact you.",
        "If you would like to discuss the role, we will call you back.",
    ],
)
def test_a_condition_that_is_not_selection(text: str) -> None:
    assert not analyze(text).only_shortlisted


@pytest.mark.parametrize(
    "text",
    [
        "This modern trend of only shortlisted candidates will be contacted is cruel.",
        "<li>Indicate that ?only short listed candidates will be contacted?</li>",  # mangled quotes
    ],
)
def test_a_phrase_named_or_quoted_is_not_said(text: str) -> None:
    assert not analyze(text).only_shortlisted


def test_a_question_mark_ending_a_question_is_no_quotation() -> None:
    assert analyze("Interested? Only shortlisted candidates will be contacted.").only_shortlisted


@pytest.mark.parametrize(
    "text",
    [
        "It is not always possible to respond individually to every applicant.",
        "If you haven't heard from us in two months, we likely proceeded with other candidates.",
    ],
)
def test_shortlist_said_as_impossibility_or_as_someone_else_chosen(text: str) -> None:
    assert analyze(text).only_shortlisted


@pytest.mark.parametrize(
    "text",
    [
        # replies to feedback, not to applicants
        "While we cannot respond to everyone who submits feedback, we review all ideas.",
        # another kind of application: a social-housing bid
        "Once the bidding is closed, the top three bidders are invited to view the property. Applicants will not be contacted if they have not been shortlisted.",
    ],
)
def test_no_shortlist_for_other_kinds_of_reply(text: str) -> None:
    assert not analyze(text).only_shortlisted


@pytest.mark.parametrize(
    "text",
    [
        # an exception lifts the ban
        "Don't call unless you have done your own research on the company.",
        # advice about employers in general
        "You must apply in person, never call on the phone or email your resume to a potential employer.",
    ],
)
def test_no_phone_ban_from_exceptions_or_advice(text: str) -> None:
    assert not analyze(text).no_phone_calls


def test_another_kind_of_application_reads_no_window_or_ban() -> None:
    text = "Tenancy applications: we ask that you do not phone the office about your bid. If your bid is successful, the landlord will contact you within two working days."
    result = analyze(text)
    assert not result.no_phone_calls and result.response_within_days is None


def test_an_application_one_pays_for_is_not_a_job() -> None:
    paid = "Processing takes up to eight weeks from the date of payment. We will email you within this time with our decision."
    assert analyze(paid).response_within_days is None
    # a posting that names the job keeps its window, fee or not
    job = "There is no fee to apply for this job. We will contact you within two weeks."
    assert analyze(job).response_within_days == 14


@pytest.mark.parametrize(
    ("text", "no_contact"),
    [
        ("Do not reach out to team members on LinkedIn.", True),
        ("We ask that you not call or email about the status of your application.", True),
        ("We request that applicants not contact the department.", True),
        ("Calls from applicants will not be returned.", False),
    ],
)
def test_more_voices_of_a_ban(text: str, no_contact: bool) -> None:
    result = analyze(text)
    assert result.no_phone_calls and result.no_contact == no_contact


@pytest.mark.parametrize(
    "text",
    [
        "You will ask that customers not call after hours.",
        "Do not contact customers or team members without approval.",
    ],
)
def test_the_same_voices_about_the_job_are_no_ban(text: str) -> None:
    assert not analyze(text).no_phone_calls


@pytest.mark.parametrize(
    "text",
    [
        # a bare request closing an agency notice
        "Resumes sent by search firms without a signed agreement are unsolicited. Please, no calls or emails.",
        "Where agency agreements exist, introductions are made per role. No phone calls please.",
        # the reason given names the employer's recruiting partners
        "Please do not contact us about this role; we already work with a trusted recruiting partner.",
    ],
)
def test_requests_aimed_at_agencies_by_their_context(text: str) -> None:
    found = analyze(text)
    assert not (found.no_phone_calls or found.no_contact)


@pytest.mark.parametrize(
    "text",
    [
        "We do not accept agency submissions. Phone calls are not accepted for this position.",
        "Thank you for applying. No phone calls please.",
    ],
)
def test_a_refusal_or_thanks_before_a_request_leaves_it_the_applicants(text: str) -> None:
    assert analyze(text).no_phone_calls


def test_asking_not_to_contact_individual_staff_promises_nothing() -> None:
    found = analyze("Please do not contact individual employees about this vacancy.")
    assert found.no_contact and not found.only_shortlisted


@pytest.mark.parametrize(
    "text",
    [
        "Applicants join a pool and will be contacted when a need arises.",
        "You will be contacted only if a vacancy becomes available.",
        "Applicants will be contacted based on need and current openings.",
        "The panel will review the applications received and contact you if you are shortlisted.",
    ],
)
def test_contact_as_work_arises_or_after_a_review_is_conditional(text: str) -> None:
    assert analyze(text).only_shortlisted


def test_an_invitation_extended_within_a_span_after_the_closing_date_is_a_window() -> None:
    found = analyze(
        "If your application is considered, an invitation to interview will be extended "
        "within 30 days of the closing date."
    )
    assert found.only_shortlisted
    assert (found.response_within_days, found.window_counts_from) == (30, "closing_date")


def test_time_allowed_for_a_decision_is_a_window() -> None:
    assert analyze("Please allow 3 weeks for a decision.").response_within_days == 21
