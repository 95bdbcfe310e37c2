"""Tests for app.reading.postings: detecting posting constraints in a posting's text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.reading.postings import (
    FINDING_NAMES,
    MAX_TEXT,
    Evidence,
    PostingAnalysis,
    add_business_days,
    analyze,
)

MONDAY = date(2026, 2, 2)
FRIDAY = date(2026, 2, 6)
SATURDAY = date(2026, 2, 7)


def flags(analysis: PostingAnalysis) -> set[str]:
    names = ("no_phone_calls", "no_contact", "only_shortlisted")
    return {name for name in names if getattr(analysis, name)}


def findings(analysis: PostingAnalysis) -> set[str]:
    return {e.finding for e in analysis.evidence}


# --- contact restrictions -------------------------------------------------------------------

NO_PHONE = [
    "No phone calls, please",
    "No phone calls please.",
    "Please do not call",
    "Please don't call the office",
    "Please don’t call the office.",
    "No calls please",
    "no telephone enquiries",
    "NO PHONE CALLS",
    "Phone calls will not be accepted",
    "Telephone enquiries will not be answered.",
    "No agencies or calls",
    "No recruiters, agencies or phone calls.",
    "Please refrain from calling.",
    "Apply online only and do not phone.",
    "We do not accept phone calls.",
    "Note: do not call.",
    # issue 11, family 1: lists of unwanted contact, telephone enquiries
    "No phone calls or walk-ins.",
    "Please, no calls, agencies or office visits.",
    "We cannot answer telephone enquiries.",
    "No phone inquiries please.",
    "No phone calls or recruiters please.",
    "No calls and/or no recruiters, please.",
    "We also cannot respond to telephone requests for application status.",
    "Inquiries by phone will not be accepted.",
    "Calls regarding this position will not be returned.",
    # requests in the passive, follow-ups by phone, topics without a determiner
    "We ask that you do not call.",
    "Applicants are asked not to call the office.",
    "Please do not follow up by phone.",
    "Calls regarding application status will not be accepted.",
    "We are unable to take phone calls regarding this vacancy.",
    "Please do not call the restaurant to inquire about your application.",
]

NO_CONTACT = [
    "no calls or emails",
    "No phone calls or emails",
    "No emails or phone calls, please.",
    "do not contact us regarding your application",
    "Please do not contact the hiring manager directly",
    "Please do not contact us.",
    "Kindly do not reach out to our recruiters.",
    "Please refrain from calling or emailing us.",
    "We do not accept phone calls or emails.",
    "No phone or email enquiries.",
    "No enquiries please.",
    "Please do not follow up on your application.",
    # issue 11, family 1
    "Do not contact our faculty or staff directly about this role.",
    "The employer has requested that you do not contact them directly.",
    "Please do not reach out directly to our team members.",
    # a list of verbs, each with its object
    "* DO NOT email us, call us, or add us on LinkedIn",
]

ONLY_SHORTLISTED = [
    "only shortlisted candidates will be contacted",
    "Only successful applicants will be contacted",
    "due to the volume of applications, only those selected for an interview will be contacted",
    "Only short-listed applicants will be notified.",
    "We will only contact shortlisted candidates.",
    "We regret that we can only respond to successful applicants.",
    "If you do not hear from us, please assume your application was unsuccessful.",
    "Unsuccessful applicants will not be contacted.",
    "We're unable to respond to individual applications.",
    # issue 11, family 2: conditional contact means only some applicants hear back
    "If you are selected, we will contact you.",
    "If we are interested, we will contact you.",
    "If your profile matches, we will contact you.",
    "We are unable to reply to every applicant.",
    "Unfortunately, we cannot respond individually to each applicant.",
    "Only those invited to interview will receive a response.",
    "Should the hiring manager wish to interview you, they will contact you.",
    "If you are a good fit for the role, one of our recruiters will be in touch.",
    "If you are not contacted for an interview, your CV stays on file.",
    "Selected candidates will be contacted for an interview.",
    "You will not hear back if you are not a fit.",
    "We will contact you in 3 days should you be suitable.",
    "We are unable to contact all applicants.",
    "Applicants who are not shortlisted will not be contacted.",
    "If you do not hear from us, your application has not been successful.",
    "Please consider your application unsuccessful if you have not heard from us.",
    "Candidates selected for interview will be contacted.",
    # selection, then contact of those chosen
    "After reviewing the applications, the department determines which applicants to interview"
    " and contacts those applicants directly.",
    "Human Resources will telephone or e-mail the candidates selected for interviews.",
    # a negative condition with "contact", and "we cannot reply to everyone"
    "If they do not contact you within two weeks, you have not been successful this time.",
    "Sadly we cannot reply to everyone, so if you do not hear back from us please assume you"
    " have been unsuccessful.",
    # the condition in the sentence before, the promise with "then"
    "If your application meets our criteria, you will progress to the next stage. You will then"
    " be contacted by email.",
    "If you do not hear from us within two weeks, please assume that on this occasion your"
    " application has been unsuccessful.",
    "Not everyone will hear back.",
    "If you are shortlisted, you will receive an email from us.",
    "Should your application be successful, a member of our team will contact you.",
    "We will be in touch with candidates whose skills match our requirements.",
    "Unfortunately we cannot get back to all applicants personally.",
    "Candidates should assume that they have been unsuccessful if they have not been contacted.",
    "Due to the number of applicants, unsuccessful applicants are generally not notified.",
    # a sentence wrapped across lines is still one sentence
    "Due to the number of applicants, unsuccessful applicants are\ngenerally not notified.",
    "Due to the volume of applications, you may not be notified regarding your status.",
    "If you meet the qualifications, a recruiter will call to schedule an interview.",
]


@pytest.mark.parametrize("text", NO_PHONE)
def test_no_phone_calls(text: str) -> None:
    result = analyze(text)
    assert flags(result) == {"no_phone_calls"}
    assert findings(result) == {"no_phone_calls"}


@pytest.mark.parametrize("text", NO_CONTACT)
def test_no_contact_also_forbids_calls(text: str) -> None:
    result = analyze(text)
    assert flags(result) == {"no_phone_calls", "no_contact"}
    assert findings(result) == {"no_phone_calls", "no_contact"}


@pytest.mark.parametrize("text", ONLY_SHORTLISTED)
def test_only_shortlisted(text: str) -> None:
    result = analyze(text)
    assert "only_shortlisted" in flags(result)
    assert not result.no_phone_calls and not result.no_contact


# --- response times -------------------------------------------------------------------------

RESPONSE_TIMES = [
    ("we will be in touch within 10 business days", 10, True),
    ("you'll hear from us in 3-4 weeks", 28, False),
    ("You’ll hear from us in 3 to 4 weeks.", 28, False),
    ("We aim to respond within two weeks", 14, False),
    ("we will contact you within 2 weeks", 14, False),
    ("expect to hear back within 5 working days", 5, True),
    ("We will review your CV and get back to you within ten (10) business days.", 10, True),
    ("The hiring team will be in touch within a week.", 7, False),
    ("We will respond to all applications within 48 hours.", 2, False),
    ("You can expect a response within 3 weeks.", 21, False),
    ("Shortlisted candidates will be contacted within 2 weeks.", 14, False),
    ("A decision will be made within one month.", 30, False),
    ("We will get back to all applicants in a couple of weeks.", 14, False),
    ("We'll reply within a week or two.", 14, False),
    ("Please allow up to 3 weeks for a response.", 21, False),
    ("If you haven't heard from us within 2 weeks, assume you were unsuccessful.", 14, False),
    ("We will let you know within a fortnight.", 14, False),
    ("We expect to reach out to shortlisted candidates within 1 to 2 weeks.", 14, False),
    # issue 11, family 3: windows in every form people write them
    ("We will get back to you in 2-4 weeks.", 28, False),
    ("You will hear from us within 1–3 weeks.", 21, False),
    ("We aim to respond within two to three weeks.", 21, False),
    ("We respond in under a week.", 7, False),
    ("You will hear back in less than 2 weeks.", 14, False),
    ("We will respond within 3 working days.", 3, True),
    ("We usually reply within 3–5 business days.", 5, True),
    ("We will be in touch within a fortnight.", 14, False),
    ("We will respond within ten days.", 10, False),
    ("We will respond within sixty days.", 60, False),
    ("You will hear from us within 40 days after the closing date.", 40, False),
    ("We'll get back to you a week after applications close.", 7, False),
    ("We will provide a response within 1 week.", 7, False),
    ("We will get back to your application within 10 working days.", 10, True),
    ("You can expect to hear from Human Resources within 2-3 weeks.", 21, False),
    ("We will be in touch within the next week.", 7, False),
    ("You'll hear back within 48 hrs.", 2, False),
    ("We respond within 10 calendar days.", 10, False),
]


@pytest.mark.parametrize(("text", "days", "business"), RESPONSE_TIMES)
def test_response_time(text: str, days: int, business: bool) -> None:
    result = analyze(text)
    assert result.response_within_days == days
    assert result.response_business_days is business
    assert result.response_expected_on is None  # no reference date, no stated date
    assert "response_time" in findings(result)


NUMBER_WORDS = ["one", "two", "three", "four", "five", "six"]
NUMBER_WORDS += ["seven", "eight", "nine", "ten", "eleven", "twelve"]


@pytest.mark.parametrize(("n", "word"), list(enumerate(NUMBER_WORDS, start=1)))
def test_number_words(n: int, word: str) -> None:
    assert analyze(f"We will respond within {word} days.").response_within_days == n
    assert analyze(f"We will respond within {word} weeks.").response_within_days == 7 * n
    assert analyze(f"We will respond within {word} months.").response_within_days == 30 * n


def test_shortlist_and_window_in_one_sentence() -> None:
    result = analyze("We will contact shortlisted applicants within five working days.")
    assert flags(result) == {"only_shortlisted"}
    assert (result.response_within_days, result.response_business_days) == (5, True)
    [sentence] = {e.sentence for e in result.evidence}
    assert findings(result) == {"only_shortlisted", "response_time"}
    assert sentence.startswith("We will contact")


def test_conditional_contact_has_its_sentence_as_evidence() -> None:
    text = "Apply online. If we see a fit, we will reach out to you."
    result = analyze(text)
    [evidence] = result.evidence
    assert evidence.finding == "only_shortlisted"
    assert text[evidence.start : evidence.end] == "If we see a fit, we will reach out to you."


def test_longest_response_time_wins() -> None:
    text = "We aim to respond within 1 week. If not, you'll hear from us in 3-4 weeks."
    result = analyze(text)
    assert result.response_within_days == 28
    [evidence] = [e for e in result.evidence if e.finding == "response_time"]
    assert evidence.sentence == "If not, you'll hear from us in 3-4 weeks."


# Shortlist notices and look-alikes in forms the corpus did not hold (written for these tests).
SHORTLIST_FORMS = [
    # a reply to everyone said to be impossible
    "It is not possible to provide individual replies to everyone who applies.",
    "Only applicants who meet the minimum qualifications will be contacted for an interview.",
    "Candidates who progress to the next stage will be contacted.",
    "We will be in touch if your application is successful.",
    "Those who are successful will be contacted by phone.",
    "If we would like to invite you to an interview, we will contact you by email.",
    "Successful applicants will be contacted directly.",
    "You will be contacted if you are selected for an interview.",
    "Applicants selected for an interview will be notified by email.",
    "If your skills match our needs, we'll reach out.",
    "Please note we will only respond to applications that meet the criteria.",
    "We will only be contacting applicants who are successful in reaching the interview stage.",
    "Only those candidates who are shortlisted will be contacted.",
    "If you do not hear from us, please assume that you have not been successful.",
    "If you have not heard from us by 30 March, your application has been unsuccessful.",
    "Only the most qualified candidates will be contacted for interviews.",
    "We regret we are unable to respond to all applicants.",
    "Due to the high volume of applications, only those selected for interview will be contacted.",
    "Interview candidates will be contacted by the hiring manager.",
    "Qualified candidates will be contacted to schedule an interview.",
    "Applicants who best meet the requirements will be invited to interview.",
    "The hiring department will contact candidates selected for interviews.",
    "Candidates chosen to move forward will be contacted.",
    "We will contact the candidates we wish to interview.",
    "Top candidates will be contacted.",
    "Unsuccessful applicants will not be notified.",
    "Those not selected will not be contacted.",
    "If you are not contacted within 30 days, you were not selected.",
    "Applicants who are not selected will not receive a response.",
    "Please be aware that we can only reply to successful candidates.",
    # silence after a long timing clause (NHS notices), "not have been", "presume"
    "If you have not heard from us within three weeks of the closing date for this vacancy,"
    " then sadly on this occasion you have not been shortlisted for interview.",
    "If you do not hear from us within 10 days, you will not have been selected.",
    "If we have not contacted you within a month, you should presume your application was"
    " unsuccessful.",
    # no word for those not chosen, no outcome told
    "Regrettably we cannot notify you if your application is unsuccessful.",
    "We are unable to send a notification to applicants who are not successful.",
    "We will not be able to call applicants who are not selected for interview.",
    "We do not notify candidates of the outcome of the shortlisting stage.",
    # contact only once an application goes forward; plurals written "(s)"
    "We will contact you only if your application is taken forward.",
    "Applicant(s) selected for interview will be contacted by email.",
    "Only applicants invited to interview will receive further communication.",
    "If you have not heard from us within 3 weeks, your application has not been taken forward.",
    "Only short listed applicants will be contacted.",
    "If you have not had a response within 28 days, please assume you have not been successful.",
    "We will be in contact with shortlisted candidates after the closing date.",
    "Only applicants who meet the requirements will be shortlisted and contacted.",
    "Applications will be reviewed and only shortlisted candidates contacted.",
    "Please note that we do not send rejection letters.",
    "We will not be writing to unsuccessful candidates.",
    # session 9: the active voice of "qualified candidates will be contacted", a group named
    # by what it has ("those with skills that align ..."), a match with "when", a typo
    "We will carefully review all applications and contact qualified candidates for further steps.",
    "The Department will consult the applicant pool and contact qualified applicants for"
    " interviews.",
    "Those with knowledge and skills that align with the needs of the program and the required"
    " qualifications will be contacted for an interview.",
    "Apply to this position and our team will contact you when we have openings that match.",
    "Due to the large volume of applications, only shortlisted candidates will be contracted.",
    "If this sounds exciting, please apply, and we'll get back to you promptly if we see a fit!",
]
NOT_SHORTLIST = [
    "All applicants will be contacted regarding the status of their application.",
    "We will contact you to confirm receipt of your application.",
    "You will receive an email confirming your application.",
    "We will respond to every application.",
    "A member of our team will be in touch with all applicants after the closing date.",
    "We will notify all candidates of the outcome.",
    "If you have questions, we will be happy to help.",
    "If you are a good fit, you'll love working here.",
    "If you are selected, you will be required to pass a background check.",
    "Selected candidates will be required to complete a drug test.",
    "If you are invited to interview, please bring ID.",
    "Shortlisted candidates will need to provide references.",
    "Only candidates with a valid work permit will be considered.",
    "If you have any questions, please contact us.",
    "We will contact your references only with your permission.",
    "Successful candidates will be required to undergo a background check.",
    "Successful applicants will start in March.",
    "Everyone who applies will hear from us, whatever the outcome.",
    "If you are shortlisted, you will be asked to complete an assessment.",
    "Once you apply, we will contact you to arrange a call.",
    "We will not contact your referees unless you are successful.",
    "We cannot provide feedback to applicants who are not shortlisted.",
    "If your application is taken forward, you will be asked to complete a test.",
    "Only successful applicants are invited to apply for the next round.",
    "We do not contact applicants with the outcome by phone; you will receive an email.",
    "Please do not send rejection letters to the agency.",
    # session 9: a condition before an invitation to apply is a condition of applying; a
    # dated invitation is a timetable; "when" alone times a reply; a recruiter's duty
    "If you meet the criteria outlined above, please click the link to apply and we will"
    " contact you with an update in due course.",
    "If this sounds like something of interest then please click below to apply and one of our"
    " team will be in touch.",
    "Shortlisted candidates will be invited to interview on Wednesday 24 June 2026.",
    "Applications close on 15 June.Shortlisted candidates will be invited to interview onWednesday"
    " 24 June.",
    "We will contact you when we have reviewed your application.",
    "Screen applications and contact qualified candidates.",
]


# session 11: the notices South African adverts close with, and what looks like them
SHORTLIST_FORMS += [
    "Correspondence will be limited to short-listed candidates only.",
    "Correspondence will only be entered into with short-listed candidates.",
    "NB: Communication and Correspondence will be limited to short-listed candidates only.",
    "If we have not responded within a Month from the closing date, you should regard your"
    " application as unsuccessful.",
]
NOT_SHORTLIST += [
    # a question heading an FAQ answer asks, it does not promise
    "How will I be notified if I am selected for interview?",
    "When will you contact me if my application is successful?",
    # success at the interview is the offer, after everyone has heard
    "Those successful at the interview will be offered the role.",
    # what is answered, not who
    "We will only respond to requests for technical assistance.",
    "The communication from HR of the department regarding requirements of certified documents"
    " will be limited to shortlisted candidates.",
    "Organization & sound communication will be key success factors.",
]


@pytest.mark.parametrize("text", SHORTLIST_FORMS)
def test_shortlist_forms(text: str) -> None:
    assert analyze(text).only_shortlisted


@pytest.mark.parametrize("text", NOT_SHORTLIST)
def test_not_shortlist(text: str) -> None:
    assert not analyze(text).only_shortlisted


# --- look-alikes ----------------------------------------------------------------------------

LOOK_ALIKES = [
    "answer phone calls from customers",
    "call centre experience",
    "call center experience a plus",
    "No call centre experience required.",
    "make outbound calls",
    "Do not call customers after 8pm.",
    "You do not call customers; they call you.",
    "There is no phone support in this role.",
    "2 weeks paid vacation",
    "respond to tickets within 24 hours",
    "We respond within 24 hours to customer emails.",
    "Our support team will respond to customer enquiries within 1 business day.",
    "you will contact customers within 2 business days",
    "As a recruiter you will contact candidates within 2 business days.",
    "4 weeks of annual leave",
    "contact us at jobs@acme.com",
    "Contact us at jobs@acme.com with any questions.",
    "we will not contact references without your permission",
    "We do not contact references before an offer.",
    "Only applicants with the right to work in the UK will be considered.",
    "You will be trained within 3 months.",
    "Start by 1 June 2026.",
    "The role starts on 3 March 2026 in close collaboration with sales.",
    "Your first review happens in 6 months.",
    "Deadline-driven environment; close to public transport.",
    # issue 11, family 4: look-alikes that must not fire
    "To all agencies: please, no phone calls or emails to any employee.",
    "Recruiters, do not contact this job poster.",
    "Note for agencies - please do not call or email any member of the team.",
    "Staffing agencies, please do not contact our hiring managers directly.",
    "Please do not contact us if you represent an agency.",
    'The ad says "No phone calls, please."',
    "Many ads say that only shortlisted candidates will be contacted.",
    "You will place phone calls to patients.",
    "No cold calls.",
    "Contact us if you have questions.",
    "We reply to all applicants.",
    "You will receive an email within 24 hours confirming we have received your application.",
    "We'd love to hear from you even if you don't meet every requirement.",
    "If you are selected for interview we will contact you; we'll be in touch either way.",
    "We may not be able to respond to every application immediately.",
    "If you are not shortlisted you will be sent an email; if you are shortlisted we call you.",
    "If you complete interviews, we will provide a decision within five business days.",
    "Only those inquiries about accommodations will be responded to from this address.",
    "We will be in touch over the coming weeks.",
    "Do not call list compliance is part of the job.",
    "If you are invited to interview, we will only ever contact you from an @acme.com address.",
    "We will contact all applicants; we are unable to provide feedback to every applicant.",
    # reported, advice and blog texts; telling everyone whether; after all interviews
    "There at the bottom the organization is clear: No phone calls, emails or texts, please.",
    "As a rule of thumb, if a job description states “no phone calls,” don’t call.",
    "Please do not call someone if you do not intend on actually speaking with them.",
    "Unless candidates have been told in the advert that they should assume they have been"
    " unsuccessful, it is courteous to inform them.",
    "Our recruitment team will then email you to let you know if you’ve been successful.",
    "Once all interviews are complete, you will be notified of the decision by email.",
    '"We get many applications. If you have not heard anything, you can assume your'
    ' application was unsuccessful".',
    "If your application is successful, you will receive an email inviting you to interview."
    " If, however, your application was unsuccessful, then you will receive an email too.",
    "We will let every applicant know whether they have been successful.",
    "If you need an accommodation, please contact HR.",
    "Please do not hesitate to contact us.",
    "Human Resources will notify you via email of your status. Selected applicants will be"
    " invited to the next step.",
    # session 9: a ban with an exception names whom to ask; a reply to another request
    "We request that you do not contact Atturra employees outside of the Talent Acquisition"
    " team for any hiring-related queries.",
    "Please do not contact our staff other than the recruiter named above.",
    "It may take up to three business days to receive a response to your request.",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_do_not_fire(text: str) -> None:
    result = analyze(text, MONDAY)
    nothing = PostingAnalysis(False, False, False, None, False, None, (), language=result.language)
    assert result == nothing
    assert result.language in ("en", "und")


# --- stated dates ---------------------------------------------------------------------------

# The sentences that state the posting's closing date (all but the last) also give closes_on.
STATED_DATES = [
    ("applications close 3 March 2026", date(2026, 3, 3)),
    ("Closing date: 2026-03-03", date(2026, 3, 3)),
    ("Please apply by March 3, 2026.", date(2026, 3, 3)),
    ("Applications must be received by 5pm on the 3rd of March 2026.", date(2026, 3, 3)),
    ("The deadline for applications is Tuesday, 3 March 2026.", date(2026, 3, 3)),
    ("Applications accepted until March 3rd 2026.", date(2026, 3, 3)),
    ("This posting closes on 2026-3-3.", date(2026, 3, 3)),
    ("Applications close 3 Mar, 2026.", date(2026, 3, 3)),
    ("We will make a decision by 20 March 2026.", date(2026, 3, 20)),
]


@pytest.mark.parametrize(("text", "expected"), STATED_DATES)
def test_stated_date(text: str, expected: date) -> None:
    result = analyze(text)
    assert result.response_expected_on == expected
    assert result.response_within_days is None
    closing = "decision" not in text
    assert findings(result) == ({"response_date", "closes_on"} if closing else {"response_date"})
    assert result.closes_on == (expected if closing else None)


@pytest.mark.parametrize(
    "text",
    [
        "deadline 03/03/2026",  # numeric day/month forms are ambiguous
        "Applications close 04/03/2026.",
        "Closing date: 2026-02-30",  # no such day
        "Applications close 31 April 2026.",
        "Applications close 3 March",  # no year and no reference date
    ],
)
def test_ambiguous_invalid_or_unresolvable_dates_are_ignored(text: str) -> None:
    assert analyze(text).response_expected_on is None


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Applications close 3 March.", date(2026, 2, 10), date(2026, 3, 3)),
        ("Applications close 3 March.", date(2026, 3, 3), date(2026, 3, 3)),
        ("Applications close 3 March.", date(2026, 3, 4), date(2027, 3, 3)),
        ("Apply by March 3rd!", date(2026, 12, 31), date(2027, 3, 3)),
        ("Applications close 29 February.", date(2026, 1, 1), date(2028, 2, 29)),
    ],
)
def test_date_without_year_is_next_occurrence(text: str, reference: date, expected: date) -> None:
    assert analyze(text, reference).response_expected_on == expected


def test_latest_stated_date_wins() -> None:
    text = "Applications close 3 March 2026. We will make a decision by 20 March 2026."
    result = analyze(text)
    assert result.response_expected_on == date(2026, 3, 20)
    [evidence] = [e for e in result.evidence if e.finding == "response_date"]
    assert evidence.sentence == "We will make a decision by 20 March 2026."


# --- reference date arithmetic and the later-of rule ---------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (MONDAY, 0, MONDAY),
        (MONDAY, 1, date(2026, 2, 3)),
        (MONDAY, 5, date(2026, 2, 9)),
        (MONDAY, 10, date(2026, 2, 16)),
        (FRIDAY, 1, date(2026, 2, 9)),
        (SATURDAY, 1, date(2026, 2, 9)),
        (date(2026, 2, 8), 5, date(2026, 2, 13)),  # Sunday + 5 is Friday
        (FRIDAY, 6, date(2026, 2, 16)),
    ],
)
def test_add_business_days_skips_weekends(start: date, days: int, expected: date) -> None:
    assert add_business_days(start, days) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("We will be in touch within 10 business days.", MONDAY, date(2026, 2, 16)),
        ("We will be in touch within 1 business day.", FRIDAY, date(2026, 2, 9)),
        ("Expect to hear back within 5 working days.", SATURDAY, date(2026, 2, 13)),
        ("We will be in touch within 10 days.", FRIDAY, date(2026, 2, 16)),
        ("You'll hear from us in 3-4 weeks.", MONDAY, date(2026, 3, 2)),
        ("We aim to respond within a month.", MONDAY, date(2026, 3, 4)),
    ],
)
def test_relative_time_from_reference_date(text: str, reference: date, expected: date) -> None:
    assert analyze(text, reference).response_expected_on == expected


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        (date(2026, 2, 1), date(2026, 3, 3)),  # 1 Feb + 14 days < 3 March: the stated date
        (date(2026, 2, 20), date(2026, 3, 6)),  # 20 Feb + 14 days > 3 March: the relative date
    ],
)
def test_later_of_stated_date_and_relative_time(reference: date, expected: date) -> None:
    text = "Applications close 3 March 2026. We will contact you within 2 weeks."
    result = analyze(text, reference)
    assert result.response_within_days == 14
    assert result.response_expected_on == expected
    assert findings(result) == {"response_date", "response_time", "closes_on"}
    assert result.window_counts_from == "application"


def test_stated_date_alone_without_reference() -> None:
    text = "Applications close 3 March 2026. We will contact you within 2 weeks."
    assert analyze(text).response_expected_on == date(2026, 3, 3)


def test_time_counted_from_the_closing_date() -> None:
    text = "Closing date: 2026-03-03. We will contact you within 2 weeks of the closing date."
    assert analyze(text).response_expected_on == date(2026, 3, 17)
    assert analyze(text, MONDAY).response_expected_on == date(2026, 3, 17)


def test_reference_date_near_the_end_of_time_does_not_overflow() -> None:
    result = analyze("We will respond within 2 weeks.", date.max)
    assert result.response_within_days == 14
    assert result.response_expected_on is None


# --- evidence -------------------------------------------------------------------------------


def test_evidence_spans_are_exact() -> None:
    text = (
        "  Join our team!\n"
        "No phone calls, please.   We’ll be in touch within 10 business days.\n\n"
        "Applications close 3 March 2026. Only shortlisted candidates will be contacted!"
    )
    result = analyze(text, MONDAY)
    expected = [
        ("no_phone_calls", "No phone calls, please."),
        ("response_time", "We’ll be in touch within 10 business days."),
        ("response_date", "Applications close 3 March 2026."),
        ("closes_on", "Applications close 3 March 2026."),
        ("only_shortlisted", "Only shortlisted candidates will be contacted!"),
    ]
    assert [(e.finding, e.sentence) for e in result.evidence] == expected
    for e in result.evidence:
        assert text[e.start : e.end] == e.sentence
    assert result.evidence[0] == Evidence(
        "no_phone_calls", "No phone calls, please.", 17, 40, result.confidence("no_phone_calls")
    )
    assert result.response_expected_on == date(2026, 3, 3)  # later than 16 February


def test_evidence_positions_survive_case_folding() -> None:
    # "İ" lower-cases to two characters; positions must still point into the original text.
    text = "İİİ İstanbul office. No calls please. İ"
    [evidence] = analyze(text).evidence
    assert evidence == Evidence("no_phone_calls", "No calls please.", 21, 37, evidence.confidence)


def test_one_evidence_per_finding_and_sentence() -> None:
    text = "No calls or emails, no phone calls, no calls please."
    result = analyze(text)
    assert [e.finding for e in result.evidence] == ["no_phone_calls", "no_contact"]


# --- a realistic posting --------------------------------------------------------------------

POSTING = """\
Customer Support Specialist (m/f/d) – Acme GmbH, Berlin

About the role
You will answer phone calls from customers, make outbound calls and respond to tickets
within 24 hours. Call centre experience is a plus. We offer 30 days of annual leave and
2 weeks paid vacation in your first year.

How to apply
Send your CV to jobs@acme.com. Applications close on Friday, 13 March 2026.
Due to the volume of applications, only those selected for an interview will be contacted.
We aim to respond within two weeks of the closing date.
No agencies or phone calls, please.
"""


def test_realistic_posting() -> None:
    result = analyze(POSTING, date(2026, 2, 20))
    assert result.no_phone_calls
    assert not result.no_contact
    assert result.only_shortlisted
    assert result.response_within_days == 14
    assert not result.response_business_days
    assert result.response_expected_on == date(2026, 3, 27)  # 13 March + 14 days
    assert [(e.finding, e.sentence) for e in result.evidence] == [
        ("response_date", "Applications close on Friday, 13 March 2026."),
        ("closes_on", "Applications close on Friday, 13 March 2026."),
        (
            "only_shortlisted",
            "Due to the volume of applications, only those selected for an interview will"
            " be contacted.",
        ),
        ("response_time", "We aim to respond within two weeks of the closing date."),
        ("no_phone_calls", "No agencies or phone calls, please."),
    ]


# --- limits and speed -----------------------------------------------------------------------


def test_text_longer_than_max_is_rejected() -> None:
    analyze("x" * MAX_TEXT)
    with pytest.raises(ValueError):
        analyze("x" * (MAX_TEXT + 1))


def _fill(unit: str) -> str:
    return (unit * (MAX_TEXT // len(unit) + 1))[:MAX_TEXT]


ADVERSARIAL = [
    _fill("no "),
    _fill("we "),
    _fill("by "),
    _fill("only "),
    _fill("assume "),
    _fill("within "),
    _fill("do not "),
    _fill("a"),
    _fill("a. "),
    _fill("\n"),
    _fill("1 "),
    _fill("by March 3 "),
    _fill("apply by 3 March 2026 "),
    _fill("no phone or "),
    _fill("please do not call or "),
    _fill("only we will be in touch within ten "),
    _fill("No phone calls, please. "),
    _fill("We will be in touch within 10 business days. "),
    _fill("x" * 29 + " "),
    _fill("2026-01-01-"),
    _fill("if "),
    _fill("we'll "),
    _fill("we respond "),
    _fill('"'),
    _fill("if you are not selected we "),
    _fill("to all agencies: please do not call "),
    _fill("we will contact you if you are a fit "),
    _fill("all applicants will "),
    _fill("within the next "),
    _fill("do not hear "),
    _fill("will only contact you from "),
    _fill("candidate(s) "),
    _fill("(s)"),
    _fill("short list "),
    _fill("we have not contacted you by then "),
    _fill("within 2 weeks; if you have not heard from us by this time "),
    _fill("we cannot notify you if you are not "),
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=lambda t: repr(t[:24]))
def test_adversarial_text_is_read(text: str) -> None:
    # Speed is measured by bench/postings.py, not here (a timed test flakes on a busy machine).
    assert len(text) == MAX_TEXT
    check_invariants(text, analyze(text, MONDAY))


# --- properties -----------------------------------------------------------------------------

FRAGMENTS = [
    "no", "phone", "calls", "please", "do not", "call", "contact", "us", "or", "emails",
    "we", "will", "be in touch", "within", "10", "two", "3-4", "business", "days", "weeks",
    "only", "shortlisted", "candidates", "contacted", "applications", "close", "3 March",
    "2026", "2026-03-03", "by", "you'll", "hear from us", "in", "İ", "’", ".", "!", "?",
    "\n", ",", " ", "  ", "\t", "-", "(10)",
]  # fmt: skip

texts = st.one_of(
    st.text(max_size=MAX_TEXT),
    st.lists(st.sampled_from(FRAGMENTS), max_size=400).map(" ".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=400).map("".join),
)


def check_invariants(text: str, result: PostingAnalysis) -> None:
    for e in result.evidence:
        assert text[e.start : e.end] == e.sentence
        assert e.sentence and e.sentence == e.sentence.strip()
        assert e.finding in {
            "no_phone_calls",
            "no_contact",
            "only_shortlisted",
            "response_time",
            "response_date",
            "closes_on",
        }
        assert 0.0 < e.confidence <= 1.0
    found = findings(result)
    assert flags(result) == found - {"response_time", "response_date", "closes_on"}
    assert (result.response_within_days is not None) == ("response_time" in found)
    assert (result.closes_on is not None) == ("closes_on" in found)
    assert (result.window_counts_from is None) == (result.response_within_days is None)
    assert result.language_message is None or not result.evidence
    for name in FINDING_NAMES:
        assert (result.confidence(name) > 0) == (name in result.confidences)
    assert not result.no_contact or result.no_phone_calls
    assert result.response_business_days is False or result.response_within_days is not None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, reference=st.one_of(st.none(), st.dates()))
def test_analyze_never_raises_and_spans_slice(text: str, reference: date | None) -> None:
    check_invariants(text, analyze(text, reference))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=50)
    .map(" ".join)
    .map(lambda s: (s + " ") * (MAX_TEXT // (len(s) + 1)))
    .map(lambda s: s[:MAX_TEXT])
)
def test_analyze_handles_max_length_text(text: str) -> None:
    assert len(text) <= MAX_TEXT
    check_invariants(text, analyze(text, MONDAY))
