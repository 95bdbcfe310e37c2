"""How the posting reader tells a request not to call or contact from what only looks like one."""

import pytest

from app.reading.postings import analyze

# The means a contact ban names decide what it forbids.
CALLS_ONLY = [
    "Please do not contact the Company by phone until notified.",
    "Kindly refrain from contacting us by phone.",
    "Please do not contact the school by telephone regarding your application.",
    "Please do not follow up on your application by phone.",
    "Contacting the hiring manager by phone will result in disqualification.",
]
ALL_CONTACT = [
    "Please do not contact us by phone or email.",
    "No phone calls, emails or LinkedIn messages please.",
    "Please do not send emails or make phone calls to check on your status.",
    "Please do not, under any circumstances, contact the hiring manager.",
    "We ask that candidates do not contact the practice directly.",
    "No follow-up calls or emails please.",
    "Please do not contact the hiring manager directly.",
    "Please do not reach out to our team by phone or e-mail.",
]
# Refusals written in other ways
REFUSED_CALLS = [
    "Please note that no phone calls can be accepted.",
    "No faxes or calls.",
    "NO PHONE CALLS OR DROP OFFS PLEASE.",
    "No phone calls/faxes/walk-ins please.",
    "No phonecalls, no agencies and headhunters, Chicago based candidates only.",
    "Under no circumstances should you call the office.",
]


def test_postal_mailings_are_not_e_mail() -> None:
    result = analyze("No phone calls, direct mailings or drop-in inquiries allowed.")
    assert result.no_phone_calls and not result.no_contact


NOT_A_REQUEST = [
    # asks for one call, not none
    "If that happens, do not call over and over again.",
    # what is not needed
    "No phone calls or extensive contracts required.",
    # a business's rule for its customers, in a text that names no job
    "Cancel anytime, from your account, in two clicks. No phone calls, no retention scripts.",
    "Sorry, calling the bot is not allowed!",
    # an e-mail ban is not a ban on calls
    "Please do not contact us by email.",
]


@pytest.mark.parametrize("text", CALLS_ONLY)
def test_a_contact_ban_by_phone_forbids_calls_only(text: str) -> None:
    result = analyze(text)
    assert result.no_phone_calls and not result.no_contact


@pytest.mark.parametrize("text", ALL_CONTACT)
def test_a_contact_ban_by_every_means_forbids_all_contact(text: str) -> None:
    result = analyze(text)
    assert result.no_phone_calls and result.no_contact


@pytest.mark.parametrize("text", REFUSED_CALLS)
def test_refusals_of_calls_in_other_words(text: str) -> None:
    assert analyze(text).no_phone_calls


@pytest.mark.parametrize("text", NOT_A_REQUEST)
def test_look_alikes_of_a_ban_on_calls(text: str) -> None:
    result = analyze(text)
    assert not result.no_phone_calls and not result.no_contact


def test_a_ban_on_calls_in_a_posting_about_bookings_still_counts() -> None:
    text = "We are hiring front desk staff to take reservations. No phone calls please."
    assert analyze(text).no_phone_calls
