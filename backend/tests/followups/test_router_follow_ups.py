"""Recording follow-ups: the policy guards them, each refusal with its own problem type."""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.applications.models import Event
from app.auth.service import today_for
from tests.conftest import LiveServer
from tests.factories import Person, make_application

API = "/api/v1"


def new_app(client: TestClient, person: Person, **fields) -> dict:
    body = {"company": "Acme", "position": "Engineer", "applied_on": "2026-03-02", **fields}
    r = client.post(f"{API}/applications", json=body, headers=person.headers)
    assert r.status_code == 201, r.text
    return r.json()


def follow_up(client: TestClient, person: Person, app_id: int, **body):
    body = {"channel": "email", "sent_on": "2026-03-10", **body}
    return client.post(f"{API}/applications/{app_id}/follow-ups", json=body, headers=person.headers)


def refused(r, status: int, slug: str, overridable: bool) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["type"] == f"https://touchbase.dev/problems/{slug}"
    assert body["overridable"] is overridable and body["detail"]


def test_a_due_follow_up_is_recorded_with_everything_sent(
    client: TestClient, alice: Person
) -> None:
    app = new_app(client, alice)
    template = {"kind": "follow_up", "channel": "email", "name": "Mine", "subject": "Hi"}
    made = client.post(f"{API}/templates", json={**template, "body": "Hi"}, headers=alice.headers)
    template_id = int(made.json()["id"])  # a saved template's id is a number in a string
    r = follow_up(
        client,
        alice,
        app["id"],
        template_id=template_id,
        subject="Following up",
        body="Hello again",
        note="Sent from my phone",
    )
    assert r.status_code == 201, r.text
    event = r.json()
    assert event["kind"] == "follow_up" and event["occurred_on"] == "2026-03-10"
    assert event["channel"] == "email" and event["summary"] == "Sent from my phone"
    assert (event["subject"], event["body"], event["template_id"]) == (
        "Following up",
        "Hello again",
        template_id,
    )
    assert event["override_reason"] is None
    timeline = client.get(f"{API}/applications/{app['id']}/events", headers=alice.headers).json()
    assert [e["kind"] for e in timeline] == ["applied", "follow_up"]
    plan = client.get(
        f"{API}/applications/{app['id']}/plan?on=2026-03-11", headers=alice.headers
    ).json()
    assert (plan["state"], plan["follow_ups_sent"]) == ("done", 1)
    due = client.get(f"{API}/follow-ups?on=2026-03-11", headers=alice.headers).json()
    assert due["items"] == []  # the stored dates were cleared in the same transaction


def test_sent_on_defaults_to_the_users_today(client: TestClient, alice: Person) -> None:
    today = today_for(alice.user)
    app = new_app(client, alice, applied_on=str(today - timedelta(days=30)))
    r = client.post(
        f"{API}/applications/{app['id']}/follow-ups",
        json={"channel": "email", "override_reason": "late is better than never"},
        headers=alice.headers,
    )
    assert r.status_code == 201 and r.json()["occurred_on"] == str(today)


def test_a_follow_up_in_the_future_is_refused(client: TestClient, alice: Person) -> None:
    app = new_app(client, alice)
    tomorrow = today_for(alice.user) + timedelta(days=1)
    r = follow_up(client, alice, app["id"], sent_on=str(tomorrow))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "sent_on"


def test_too_early_is_refused_unless_overridden(client: TestClient, alice: Person) -> None:
    app = new_app(client, alice)
    r = follow_up(client, alice, app["id"], sent_on="2026-03-05")
    refused(r, 409, "too-early", True)
    assert "Monday, March 9, 2026" in r.json()["detail"]
    refused(
        follow_up(client, alice, app["id"], sent_on="2026-03-05", override_reason="   "),
        409,
        "too-early",
        True,
    )
    r = follow_up(
        client, alice, app["id"], sent_on="2026-03-05", override_reason="The recruiter asked me"
    )
    assert r.status_code == 201 and r.json()["override_reason"] == "The recruiter asked me"


def test_the_limit_is_refused_unless_overridden(client: TestClient, alice: Person) -> None:
    app = new_app(client, alice)
    assert follow_up(client, alice, app["id"]).status_code == 201
    refused(
        follow_up(client, alice, app["id"], sent_on="2026-03-20"),
        409,
        "follow-up-limit-reached",
        True,
    )
    r = follow_up(client, alice, app["id"], sent_on="2026-03-20", override_reason="They replied")
    assert r.status_code == 201 and r.json()["override_reason"] == "They replied"


def test_contact_forbidden_is_recorded_only_with_a_reason(
    client: TestClient, alice: Person
) -> None:
    app = new_app(client, alice, no_contact=True)
    refused(follow_up(client, alice, app["id"]), 409, "contact-forbidden", True)
    r = follow_up(client, alice, app["id"], override_reason="They wrote to me first")
    assert r.status_code == 201 and r.json()["override_reason"] == "They wrote to me first"


@pytest.mark.parametrize(
    ("fields", "sent_on", "slug"),
    [
        ({}, "2026-03-24", "too-late"),  # the window closed on March 23
        ({"status": "offer"}, "2026-03-10", "plan-closed"),
        ({"archived": True}, "2026-03-10", "plan-closed"),
    ],
)
def test_too_late_or_closed_is_recorded_only_with_a_reason(
    client: TestClient, alice: Person, fields: dict, sent_on: str, slug: str
) -> None:
    app = new_app(client, alice, **fields)
    r = follow_up(client, alice, app["id"], sent_on=sent_on)
    refused(r, 409, slug, True)
    assert "Give a reason" in r.json()["detail"]
    r = follow_up(client, alice, app["id"], sent_on=sent_on, override_reason="Met them at a fair")
    assert r.status_code == 201, r.text


def test_phone_on_a_no_phone_posting_is_never_allowed(client: TestClient, alice: Person) -> None:
    app = new_app(client, alice, no_phone_calls=True)
    r = follow_up(client, alice, app["id"], channel="phone", override_reason="please")
    refused(r, 422, "channel-not-allowed", False)
    assert "no phone calls" in r.json()["detail"]


def test_a_channel_outside_the_policy_is_not_allowed(client: TestClient, alice: Person) -> None:
    policy = client.post(
        f"{API}/policies", json={"name": "Email only", "channels": ["email"]}, headers=alice.headers
    ).json()
    app = new_app(client, alice, policy_id=policy["id"])
    refused(follow_up(client, alice, app["id"], channel="phone"), 422, "channel-not-allowed", False)
    assert follow_up(client, alice, app["id"], channel="email").status_code == 201


def test_a_follow_up_before_applying_is_refused(client: TestClient, alice: Person) -> None:
    r = client.post(
        f"{API}/applications", json={"company": "Acme", "position": "Dev"}, headers=alice.headers
    )
    refused(follow_up(client, alice, r.json()["id"]), 409, "not-applied", False)


def test_nothing_is_stored_when_refused(client: TestClient, alice: Person, db: Session) -> None:
    app = new_app(client, alice)
    follow_up(client, alice, app["id"], sent_on="2026-03-03")
    kinds = db.exec(select(Event.kind).where(Event.application_id == app["id"])).all()
    assert kinds == ["applied"]


def test_follow_up_body_is_validated(client: TestClient, alice: Person) -> None:
    app = new_app(client, alice)
    for extra, field in [
        ({"channel": "fax"}, "channel"),
        ({"subject": "x" * 1001}, "subject"),
        ({"body": "x" * 20_001}, "body"),
        ({"note": "x" * 2001}, "note"),
        ({"override_reason": "x" * 501}, "override_reason"),
        ({"template_id": "seven"}, "template_id"),
        ({"kind": "note"}, "kind"),
    ]:
        r = follow_up(client, alice, app["id"], **extra)
        assert r.status_code == 422, extra
        assert field in [e["field"] for e in r.json()["errors"]]


def test_ten_concurrent_follow_ups_with_a_limit_of_one_let_one_through(
    live: LiveServer, db: Session, alice: Person
) -> None:
    app = make_application(db, alice.user, applied_on="2026-03-02")
    url = f"{live.url}/api/v1/applications/{app.id}/follow-ups"

    def send(_: int) -> httpx.Response:
        body = {"channel": "email", "sent_on": "2026-03-10"}
        return httpx.post(url, json=body, headers=alice.headers, timeout=60)

    with ThreadPoolExecutor(max_workers=10) as pool:
        responses = list(pool.map(send, range(10)))
    assert Counter(r.status_code for r in responses) == {201: 1, 409: 9}
    assert {r.json()["type"] for r in responses if r.status_code == 409} == {
        "https://touchbase.dev/problems/follow-up-limit-reached"
    }
    kinds = db.exec(select(Event.kind).where(Event.application_id == app.id)).all()
    assert sorted(kinds) == ["applied", "follow_up"]


def test_template_ids_stay_within_the_databases_range(client: TestClient, alice: Person) -> None:
    app = new_app(client, alice)
    r = follow_up(client, alice, app["id"], template_id=2**31)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "template_id"
