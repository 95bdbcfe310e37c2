"""Posting analysis through the API, and the autofill of an application's constraints."""

import pytest
from fastapi.testclient import TestClient

from app.applications.postings import CONFIDENT
from tests.factories import Person

API = "/api/v1"
POSTING = "No phone calls, please. We will contact you within 2 weeks."


def analyze(client: TestClient, person: Person, **body) -> dict:
    r = client.post(f"{API}/postings/analyze", json=body, headers=person.headers)
    assert r.status_code == 200, r.text
    return r.json()


def test_analysis_returns_findings_with_their_sentences(client: TestClient, alice: Person) -> None:
    result = analyze(client, alice, text=POSTING, reference_date="2026-03-02")
    assert result["no_phone_calls"] is True and result["no_contact"] is False
    assert result["response_within_days"] == 14 and result["response_business_days"] is False
    assert result["response_expected_on"] == "2026-03-16"
    for finding in result["evidence"]:
        assert POSTING[finding["start"] : finding["end"]] == finding["sentence"]
    assert {f["finding"] for f in result["evidence"]} == {"no_phone_calls", "response_time"}


def test_analysis_gives_each_evidence_a_confidence_and_the_closing_date(
    client: TestClient, alice: Person
) -> None:
    text = (
        "Applications close on 15 March 2026. We will respond to all applicants within 4 weeks"
        " of the closing date. No phone calls, please."
    )
    result = analyze(client, alice, text=text, reference_date="2026-03-02")
    assert result["closes_on"] == "2026-03-15" and result["window_counts_from"] == "closing_date"
    assert result["response_within_days"] == 28
    assert result["language"] == "en" and result["language_message"] is None
    assert result["confident"] == CONFIDENT
    assert all(0 <= e["confidence"] <= 1 for e in result["evidence"])
    phone = next(e for e in result["evidence"] if e["finding"] == "no_phone_calls")
    assert phone["confidence"] >= CONFIDENT


def test_analysis_says_when_the_text_is_not_english(client: TestClient, alice: Person) -> None:
    text = (
        "Nous attendons votre candidature avec impatience. Merci de ne pas nous appeler. "
        "Nous vous répondrons dans un délai de deux semaines."
    )
    result = analyze(client, alice, text=text)
    assert result["language"] == "fr"
    assert result["language_message"] and "English" in result["language_message"]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("Please do not call.", "no_phone_calls"),
        ("No calls or emails, please.", "no_contact"),
        ("Only shortlisted candidates will be contacted.", "only_shortlisted"),
    ],
)
def test_analysis_reads_the_usual_phrasings(
    client: TestClient, alice: Person, text: str, field: str
) -> None:
    assert analyze(client, alice, text=text)[field] is True


def test_analysis_ignores_look_alikes_and_stores_nothing(client: TestClient, alice: Person) -> None:
    text = "You will answer phone calls from customers. 2 weeks paid vacation."
    result = analyze(client, alice, text=text, reference_date="2026-03-02")
    assert not (result["no_phone_calls"] or result["no_contact"] or result["only_shortlisted"])
    assert result["response_expected_on"] is None and result["evidence"] == []
    assert client.get(f"{API}/applications", headers=alice.headers).json()["items"] == []


def test_analysis_needs_a_signed_in_user_and_a_bounded_text(
    client: TestClient, alice: Person
) -> None:
    assert client.post(f"{API}/postings/analyze", json={"text": "x"}).status_code == 401
    r = client.post(f"{API}/postings/analyze", json={"text": "x" * 50_001}, headers=alice.headers)
    assert r.status_code in (413, 422)
    r = client.post(f"{API}/postings/analyze", json={}, headers=alice.headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "text"


# --- autofill through the applications API ------------------------------------------------------


def test_saving_a_posting_fills_the_constraints_and_the_plan_follows(
    client: TestClient, alice: Person
) -> None:
    r = client.post(
        f"{API}/applications",
        json={
            "company": "Acme",
            "position": "Dev",
            "applied_on": "2026-03-02",
            "posting_text": POSTING,
        },
        headers=alice.headers,
    )
    app = r.json()
    assert app["no_phone_calls"] is True and app["response_expected_on"] == "2026-03-16"
    plan = client.get(
        f"{API}/applications/{app['id']}/plan?on=2026-03-18", headers=alice.headers
    ).json()
    assert (plan["state"], plan["due_on"]) == ("due", "2026-03-18")
    assert {"response_date", "no_phone_calls"} <= {r["rule"] for r in plan["reasons"]}
    assert plan["channels_allowed"] == ["email"]


def test_posting_text_added_later_fills_the_constraints(client: TestClient, alice: Person) -> None:
    r = client.post(
        f"{API}/applications",
        json={"company": "Acme", "position": "Dev", "applied_on": "2026-03-02"},
        headers=alice.headers,
    )
    url = f"{API}/applications/{r.json()['id']}"
    patched = client.patch(url, json={"posting_text": POSTING}, headers=alice.headers).json()
    assert patched["no_phone_calls"] is True and patched["response_expected_on"] == "2026-03-16"
    assert client.get(f"{url}/plan?on=2026-03-10", headers=alice.headers).json()["due_on"] == (
        "2026-03-18"
    )


def test_a_value_the_user_set_wins_and_stays(client: TestClient, alice: Person) -> None:
    r = client.post(
        f"{API}/applications",
        json={
            "company": "Acme",
            "position": "Dev",
            "applied_on": "2026-03-02",
            "posting_text": POSTING,
            "no_phone_calls": False,
        },
        headers=alice.headers,
    )
    app = r.json()
    assert app["no_phone_calls"] is False and app["response_expected_on"] == "2026-03-16"
    url = f"{API}/applications/{app['id']}"
    later = "No phone calls at all. We will be in touch within 10 business days."
    patched = client.patch(url, json={"posting_text": later}, headers=alice.headers).json()
    assert patched["no_phone_calls"] is False  # still the user's choice
    assert patched["response_expected_on"] == "2026-03-16"  # 10 business days after 03-02
    plan = client.get(f"{url}/plan?on=2026-03-18", headers=alice.headers).json()
    assert plan["channels_allowed"] == ["email", "phone"]
    # A date the user sets by hand also wins over the text.
    client.patch(url, json={"response_expected_on": "2026-03-20"}, headers=alice.headers)
    patched = client.patch(url, json={"posting_text": POSTING}, headers=alice.headers).json()
    assert patched["response_expected_on"] == "2026-03-20"
    assert client.get(f"{url}/plan?on=2026-03-18", headers=alice.headers).json()["due_on"] == (
        "2026-03-23"
    )
