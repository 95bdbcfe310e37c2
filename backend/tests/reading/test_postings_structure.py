"""The posting reader reads by structure, not by phrase: the families of session 12.

A refusal of calls may list anything after it; whoever is contacted "directly" round the
process is asked not to be; applicants restricted by a phrase ("of interest") hear back as
those restricted by a clause do, in every way of saying it; a line break ends a sentence
where the text says so; a phrase after a verb of saying, or in single quotes, is reported;
"should" conditions only before its subject or at the head of its clause.
Unit cases, not corpus passages: the corpus measures, these pin behaviour.
"""
# ruff: noqa: E501 (the test sentences are kept whole, one per line)

from __future__ import annotations

import pytest

from app.reading.postings import analyze


@pytest.mark.parametrize(
    "text",
    [
        "Only electronic submissions will be accepted; no phone inquiries or hard copy materials.",
        "No phone calls, direct mailings or drop-in inquiries allowed.",
        "employment@library.org\nNo Phone Calls\nThe Library is an Equal Opportunity Employer.",
        "Please do not call the library.",
    ],
)
def test_a_refusal_of_calls_in_a_list_or_on_its_own_line(text: str) -> None:
    found = analyze(text)
    assert found.no_phone_calls and not found.no_contact


@pytest.mark.parametrize(
    "text",
    [
        "Please do not contact the Club directly.",
        "Please do not contact the library regarding this position.",
        "We ask that you refrain from contacting HR to check on the status of your application.",
        "Applicants are asked not to contact Human Resources directly.",
    ],
)
def test_whoever_is_contacted_round_the_process(text: str) -> None:
    found = analyze(text)
    assert found.no_phone_calls and found.no_contact


@pytest.mark.parametrize(
    "text",
    [
        "Never contact the client directly; route requests through your manager.",
        "Please contact the library with any questions about this position.",
        "Monday-Friday, no call, no weekends!",
        "No calls, nights or weekends required.",
        "The ad said 'no phone calls please', so I emailed instead.",
        "How to follow up when the posting says no phone calls",
    ],
)
def test_the_people_served_schedules_and_reported_phrases_are_no_request(text: str) -> None:
    found = analyze(text)
    assert not (found.no_phone_calls or found.no_contact)


@pytest.mark.parametrize(
    "text",
    [
        "Candidates of interest will be contacted to schedule interviews.",
        "Candidates of interest will be contacted directly.",
        "Only candidates under consideration are contacted.",
        "Selected candidates will hear from us.",
        "Those selected for an interview will receive a response.",
        "Applicants who meet the minimum qualifications will be reached out to.",
        "Finalists will be contacted.",
        "All candidates who send both a cover letter and resume confirming that they meet the criteria listed under the qualifications will be contacted.",
        "We will contact you by phone in 3 days should you be suitable for this vacancy.",
        "Should review of your qualifications result in a decision to pursue your candidacy, you will be contacted.",
    ],
)
def test_applicants_restricted_by_a_phrase_or_clause_hear_back_in_every_wording(
    text: str,
) -> None:
    assert analyze(text).only_shortlisted


@pytest.mark.parametrize(
    "text",
    [
        "Qualified individuals are invited to email a resume and cover letter.",
        "Qualified applicants will receive consideration for employment without regard to race.",
        "Finalists will be asked to give a presentation to the search committee.",
        "Selected candidates will be required to pass a background check.",
        "All applicants will be contacted.",
        # "should" after its subject is the modal, not a condition
        "Applications should include a letter describing your interest in the position and three references, who will not be contacted without your permission.",
    ],
)
def test_an_invitation_to_apply_or_a_duty_of_the_chosen_is_no_shortlist(text: str) -> None:
    assert not analyze(text).only_shortlisted


@pytest.mark.parametrize(
    "text",
    [
        "Shortlisted applicants will be contacted within two weeks of this post closing.",
        "If you have not heard from us within 3 weeks from the date of closing, please assume that you have not been successful.",
        "If you have not been contacted within 30 days of the end of the advertisement, please consider your application unsuccessful.",
    ],
)
def test_more_ways_to_name_the_closing_date(text: str) -> None:
    assert analyze(text).window_counts_from == "closing_date"
