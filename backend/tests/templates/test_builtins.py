import re
from collections import Counter
from datetime import date

import pytest

from app.templates.builtins import BUILTINS, BUILTINS_BY_KEY, BuiltinTemplate
from app.templates.rendering import check, render
from app.templates.variables import Applicant, Target, build_values, sample_values
from app.vocabulary import CHANNELS
from app.vocabulary import TEMPLATE_KINDS as KINDS

TODAY = date(2026, 3, 10)
REQUIRED = {
    ("follow_up", "email"),
    ("follow_up", "phone"),
    ("feedback_request", "email"),
    ("informational_interview", "email"),
    ("future_openings", "email"),
    ("feedback_request", "phone"),
    ("informational_interview", "phone"),
    ("future_openings", "phone"),
    ("find_decision_maker", "phone"),
    ("find_decision_maker", "email"),
    ("interview_thank_you", "email"),
}
SAMPLE = sample_values(TODAY)
SPARSE, _ = build_values(
    Applicant(name="Sam Rivera", email="sam@example.com", phone=None, signature=None),
    Target(
        company="Acme",
        position="Analyst",
        applied_on=None,
        posting_url=None,
        contact_name=None,
        contact_title=None,
    ),
    TODAY,
)


def _fields(builtin: BuiltinTemplate) -> dict[str, str]:
    fields = {"body": builtin.body}
    if builtin.subject is not None:
        fields["subject"] = builtin.subject
    return fields


def test_every_required_kind_and_channel_exists_exactly_once() -> None:
    pairs = Counter((b.kind, b.channel) for b in BUILTINS)
    assert set(pairs) == REQUIRED
    assert all(count == 1 for count in pairs.values())
    assert all(b.kind in KINDS and b.channel in CHANNELS for b in BUILTINS)


def test_keys_are_unique_and_stable() -> None:
    keys = [b.key for b in BUILTINS]
    assert len(set(keys)) == len(keys)
    for b in BUILTINS:
        assert b.key == f"builtin-{b.kind.replace('_', '-')}-{b.channel}"
        assert BUILTINS_BY_KEY[b.key] is b
    assert "builtin-follow-up-email" in BUILTINS_BY_KEY


def test_names_are_unique_and_present() -> None:
    names = [b.name for b in BUILTINS]
    assert all(names) and len(set(names)) == len(names)


@pytest.mark.parametrize("builtin", BUILTINS, ids=lambda b: b.key)
def test_builtin_passes_check(builtin: BuiltinTemplate) -> None:
    check(_fields(builtin))


@pytest.mark.parametrize("values", [SAMPLE, SPARSE], ids=["sample", "sparse"])
@pytest.mark.parametrize("builtin", BUILTINS, ids=lambda b: b.key)
def test_builtin_renders_cleanly(builtin: BuiltinTemplate, values: dict[str, str]) -> None:
    for field, source in _fields(builtin).items():
        out = render(source, values, field)
        for leftover in ("{{", "}}", "{%", "%}", "None", "recently on"):
            assert leftover not in out, (field, leftover)
        assert not re.search(r" [,.?]|  |\n\n\n|[ \t]\n|^\s|\s$", out), (field, out)
        assert "speak with Hiring Manager" not in out
        assert "Hello Hiring Manager" not in out
        assert "reach me at ," not in out and "reach me at ." not in out


@pytest.mark.parametrize("builtin", BUILTINS, ids=lambda b: b.key)
def test_subjects_are_short_and_only_on_email(builtin: BuiltinTemplate) -> None:
    if builtin.channel == "phone":
        assert builtin.subject is None
        return
    assert builtin.subject is not None
    for values in (SAMPLE, SPARSE):
        subject = render(builtin.subject, values, "subject")
        assert 0 < len(subject) < 120
        assert "\n" not in subject


EMAILS = [b for b in BUILTINS if b.channel == "email"]


@pytest.mark.parametrize("builtin", EMAILS, ids=lambda b: b.key)
def test_email_bodies_are_short(builtin: BuiltinTemplate) -> None:
    assert len(render(builtin.body, SAMPLE)) < 1200


def test_emails_sign_off_with_the_signature() -> None:
    for b in BUILTINS:
        if b.channel == "email":
            assert render(b.body, SPARSE).endswith("Best regards,\nSam Rivera")
            assert render(b.body, SAMPLE).endswith(SAMPLE["signature"])


def test_follow_up_email_says_who_what_when_and_has_a_fit_line_to_edit() -> None:
    out = render(BUILTINS_BY_KEY["builtin-follow-up-email"].body, SAMPLE)
    assert out.startswith("Dear Jordan,")
    assert "Alex Morgan" in out
    assert "Senior Data Analyst position at Northwind Traders on March 2, 2026" in out
    assert "[One sentence on why you fit" in out
    assert "Thank you" in out
    sparse = render(BUILTINS_BY_KEY["builtin-follow-up-email"].body, SPARSE)
    assert sparse.startswith("Dear Hiring Manager,")
    assert "Analyst position at Acme." in sparse


def test_follow_up_phone_script_has_a_call_and_a_voicemail_section() -> None:
    body = BUILTINS_BY_KEY["builtin-follow-up-phone"].body
    out = render(body, SAMPLE)
    call, _, voicemail = out.partition("VOICEMAIL")
    assert call.startswith("CALL") and voicemail
    assert "[Ask for Jordan Lee.]" in call
    assert voicemail.count(SAMPLE["applicant_phone"]) == 2  # say the number twice
    sparse = render(body, SPARSE)
    assert "[Ask for the hiring manager for the Analyst position.]" in sparse
    assert "You can reach me by email at sam@example.com." in sparse


def test_reception_script_asks_only_for_the_name() -> None:
    out = render(BUILTINS_BY_KEY["builtin-find-decision-maker-phone"].body, SAMPLE)
    assert "name of the hiring manager" in out
    assert "Don't ask to be put through" in out
    spoken = re.sub(r"\[[^\]]*\]", "", out)
    assert "?" in spoken
    assert "transfer" not in spoken.lower() and "put me through" not in spoken.lower()


def test_careers_inbox_email_greets_the_hiring_team() -> None:
    out = render(BUILTINS_BY_KEY["builtin-find-decision-maker-email"].body, SPARSE)
    assert out.startswith("Hello Acme Hiring Team,")


ASK_CALLS = [
    "builtin-feedback-request-phone",
    "builtin-informational-interview-phone",
    "builtin-future-openings-phone",
]


@pytest.mark.parametrize("key", ASK_CALLS)
def test_each_ask_by_phone_is_a_call_with_thanks_one_ask_and_a_voicemail(key: str) -> None:
    out = render(BUILTINS_BY_KEY[key].body, SAMPLE)
    call, _, voicemail = out.partition("VOICEMAIL")
    assert call.startswith("CALL\n[Ask for Jordan Lee.]")
    assert "Hello Jordan, this is Alex Morgan." in call
    assert "thank you for letting me know your decision" in call
    spoken = re.sub(r"\[[^\]]*\]", "", call)
    assert spoken.count("?") in (1, 2) and "Subject" not in out
    assert voicemail.count(SAMPLE["applicant_phone"]) == 2  # say the number twice
    sparse = render(BUILTINS_BY_KEY[key].body, SPARSE)
    assert "[Ask for the hiring manager for the Analyst position.]" in sparse
    assert sparse.startswith("CALL") and "Hello, this is Sam Rivera." in sparse
    assert "You can reach me by email at sam@example.com." in sparse
