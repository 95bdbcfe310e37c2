"""POST /replies/analyze and POST /applications/{id}/replies: read a reply, record what it means."""

from concurrent.futures import ThreadPoolExecutor

import httpx
from fastapi.testclient import TestClient

from tests.conftest import LiveServer
from tests.factories import Person

API = "/api/v1"
REJECTION = (
    "Hi [Name], thank you for applying. Although we were impressed with your background, we"
    " have decided to move forward with other candidates. Due to the high number of"
    " applicants we can't provide individual feedback. We will keep your resume on file for"
    " future openings.\n\nOn Mon, 1 Dec 2026, Ann wrote:\n> I wanted to follow up."
)
ACK = (
    "We have received your application and it is currently being reviewed. You will hear from"
    " us within 5 business days."
)


def _application(client: TestClient, person: Person) -> str:
    r = client.post(
        f"{API}/applications",
        json={"company": "Acme", "position": "Engineer", "applied_on": "2026-11-20"},
        headers=person.headers,
    )
    assert r.status_code == 201
    return str(r.headers["location"]).removeprefix(API)


def test_analyze_returns_every_finding_with_its_sentence(client: TestClient, alice: Person) -> None:
    r = client.post(
        f"{API}/replies/analyze",
        json={"text": REJECTION, "received_on": "2026-12-02"},
        headers=alice.headers,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["kind"] == "rejection" and body["event_kind"] == "rejection"
    assert body["status"] == "rejected"
    assert body["feedback_offered"] == "refused" and body["future_openings_invited"] is True
    assert body["quoted_from"] == REJECTION.index("On Mon")
    for e in body["evidence"]:
        assert REJECTION[e["start"] : e["end"]] == e["sentence"]
    assert {e["finding"] for e in body["evidence"]} == {
        "kind",
        "feedback_offered",
        "future_openings_invited",
    }


def test_analyze_refuses_text_over_the_bound(client: TestClient, alice: Person) -> None:
    r = client.post(f"{API}/replies/analyze", json={"text": "x" * 50_001}, headers=alice.headers)
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")


def test_a_rejection_sets_the_status_and_opens_only_the_asks_not_answered(
    client: TestClient, alice: Person
) -> None:
    url = _application(client, alice)
    r = client.post(
        f"{API}{url}/replies",
        json={"text": REJECTION, "received_on": "2026-12-02"},
        headers=alice.headers,
    )
    assert r.status_code == 201, r.text
    event = r.json()["event"]
    assert event["kind"] == "rejection" and event["reply_text"] == REJECTION
    assert event["answered_asks"] == ["feedback_request", "future_openings_request"]
    app = client.get(f"{API}{url}", headers=alice.headers).json()
    assert app["status"] == "rejected"
    plan = client.get(f"{API}{url}/plan", headers=alice.headers).json()
    assert plan["state"] == "post_rejection"
    asks = [s["action"] for s in plan["next_steps"] if s["action"].endswith("_request")]
    assert asks == ["informational_interview_request"]  # feedback refused, openings invited


def test_a_stated_window_becomes_the_expectation_and_the_plan_follows(
    client: TestClient, alice: Person
) -> None:
    url = _application(client, alice)
    before = client.get(f"{API}{url}/plan", headers=alice.headers).json()
    r = client.post(
        f"{API}{url}/replies",
        json={"text": ACK, "received_on": "2026-12-04"},  # a Friday: 5 business days
        headers=alice.headers,
    )
    assert r.status_code == 201, r.text
    assert r.json()["outcome"]["event_kind"] == "note"
    assert r.json()["event"]["news"] is None  # a note carries no news
    app = client.get(f"{API}{url}", headers=alice.headers).json()
    assert app["response_expected_on"] == "2026-12-11" and app["status"] == "applied"
    after = client.get(f"{API}{url}/plan", headers=alice.headers).json()
    assert after["due_on"] > before["due_on"]
    assert any(reason["rule"] == "response_date" for reason in after["reasons"])


def test_overrides_win_and_an_interview_invitation_sets_interviewing(
    client: TestClient, alice: Person
) -> None:
    url = _application(client, alice)
    r = client.post(
        f"{API}{url}/replies",
        json={"text": ACK, "kind": "interview_invitation", "applicant_count": 300},
        headers=alice.headers,
    )
    assert r.status_code == 201, r.text
    outcome = r.json()["outcome"]
    assert outcome["kind"] == "interview_invitation" and outcome["news"]["applicant_count"] == 300
    assert client.get(f"{API}{url}", headers=alice.headers).json()["status"] == "interviewing"


def test_a_dry_run_writes_nothing(client: TestClient, alice: Person) -> None:
    url = _application(client, alice)
    r = client.post(
        f"{API}{url}/replies", json={"text": REJECTION, "dry_run": True}, headers=alice.headers
    )
    assert r.status_code == 200 and r.json()["event"] is None
    assert r.json()["outcome"]["status"] == "rejected"
    events = client.get(f"{API}{url}/events", headers=alice.headers).json()
    assert [e["kind"] for e in events] == ["applied"]
    assert client.get(f"{API}{url}", headers=alice.headers).json()["status"] == "applied"


def test_the_same_idempotency_key_records_the_reply_once(client: TestClient, alice: Person) -> None:
    url = _application(client, alice)
    headers = {**alice.headers, "Idempotency-Key": "reply-1"}
    first = client.post(f"{API}{url}/replies", json={"text": REJECTION}, headers=headers)
    again = client.post(f"{API}{url}/replies", json={"text": REJECTION}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    other = client.post(f"{API}{url}/replies", json={"text": ACK}, headers=headers)
    assert other.status_code == 422
    events = client.get(f"{API}{url}/events", headers=alice.headers).json()
    assert [e["kind"] for e in events] == ["applied", "rejection"]


def test_concurrent_retries_with_one_key_record_one_event(live: LiveServer, alice: Person) -> None:
    with httpx.Client(base_url=live.url, headers=alice.headers) as http:
        made = http.post(
            f"{API}/applications",
            json={"company": "Acme", "position": "Engineer", "applied_on": "2026-11-20"},
        )
        url = made.headers["location"]
        headers = {"Idempotency-Key": "burst"}

        def send(_: int) -> int:
            reply = http.post(f"{url}/replies", json={"text": REJECTION}, headers=headers)
            return reply.status_code

        with ThreadPoolExecutor(4) as pool:
            codes = list(pool.map(send, range(4)))
        assert codes == [201] * 4
        kinds = [e["kind"] for e in http.get(f"{url}/events").json()]
        assert kinds == ["applied", "rejection"]


def test_another_users_application_is_404(client: TestClient, alice: Person, bob: Person) -> None:
    url = _application(client, alice)
    r = client.post(f"{API}{url}/replies", json={"text": REJECTION}, headers=bob.headers)
    assert r.status_code == 404


def test_a_null_kind_keeps_the_analysis(client: TestClient, alice: Person) -> None:
    url = _application(client, alice)
    body = {"text": REJECTION, "kind": None, "future_openings_invited": None, "dry_run": True}
    r = client.post(f"{API}{url}/replies", json=body, headers=alice.headers)
    assert r.status_code == 200, r.text
    assert r.json()["outcome"]["kind"] == "rejection"
    assert r.json()["outcome"]["answered_asks"] == ["feedback_request", "future_openings_request"]
