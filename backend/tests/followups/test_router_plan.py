"""The plan endpoint and the simulator: the issue's worked cases, through the real app."""

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from app.applications.models import Application, Event
from app.auth.service import today_for
from app.followups.models import Policy
from tests.factories import Person

API = "/api/v1"


def new_app(client: TestClient, person: Person, **fields) -> dict:
    body = {"company": "Acme", "position": "Engineer", **fields}
    r = client.post(f"{API}/applications", json=body, headers=person.headers)
    assert r.status_code == 201, r.text
    return r.json()


def plan(client: TestClient, person: Person, app_id: int, on: str | None = None) -> dict:
    params = {"on": on} if on else {}
    r = client.get(f"{API}/applications/{app_id}/plan", params=params, headers=person.headers)
    assert r.status_code == 200, r.text
    return r.json()


def rules(p: dict) -> list[str]:
    return [r["rule"] for r in p["reasons"]]


@pytest.mark.parametrize(
    ("on", "state"),
    [
        ("2026-03-05", "waiting"),
        ("2026-03-08", "waiting"),
        ("2026-03-09", "due"),
        ("2026-03-23", "due"),
        ("2026-03-24", "too_late"),
    ],
)
def test_applied_on_a_monday_is_due_a_week_later_for_two_weeks(
    client: TestClient, alice: Person, on: str, state: str
) -> None:
    app = new_app(client, alice, applied_on="2026-03-02")
    p = plan(client, alice, app["id"], on)
    assert (p["state"], p["due_on"], p["window_closes_on"]) == (state, "2026-03-09", "2026-03-23")
    assert p["follow_ups_sent"] == 0 and p["follow_ups_allowed"] == 1
    assert p["policy"]["name"] == "Default"
    assert "wait_after_applying" in rules(p) and "window" in rules(p)
    if state == "too_late":
        assert "too_late" in rules(p) and p["next_steps"][0]["action"] == "move_on"


def test_a_stated_response_time_moves_the_follow_up_after_it(
    client: TestClient, alice: Person
) -> None:
    text = "Great team. We will contact you within 2 weeks."
    app = new_app(client, alice, applied_on="2026-03-02", posting_text=text)
    assert app["response_expected_on"] == "2026-03-16"
    p = plan(client, alice, app["id"], "2026-03-17")
    assert (p["state"], p["due_on"]) == ("waiting", "2026-03-18")
    assert "response_date" in rules(p)
    assert "March 16" in next(r["message"] for r in p["reasons"] if r["rule"] == "response_date")


def test_applied_on_a_saturday_is_due_the_monday_after(client: TestClient, alice: Person) -> None:
    app = new_app(client, alice, applied_on="2026-03-07")
    p = plan(client, alice, app["id"], "2026-03-14")
    assert (p["state"], p["due_on"]) == ("waiting", "2026-03-16")
    assert "weekend" in rules(p)


def test_business_days_skip_german_holidays(client: TestClient, alice: Person) -> None:
    r = client.post(
        f"{API}/policies",
        json={"name": "DE", "wait_days": 5, "business_days": True, "holiday_country": "DE"},
        headers=alice.headers,
    )
    app = new_app(client, alice, applied_on="2026-04-02", policy_id=r.json()["id"])
    p = plan(client, alice, app["id"], "2026-04-10")
    assert (p["state"], p["due_on"]) == ("waiting", "2026-04-13")
    assert {"business_days", "holidays"} <= set(rules(p))
    assert p["policy"] == {"id": r.json()["id"], "name": "DE"}


def test_the_plan_defaults_to_the_users_today(client: TestClient, alice: Person) -> None:
    today = today_for(alice.user)
    app = new_app(client, alice, applied_on=str(today - timedelta(days=8)))
    p = plan(client, alice, app["id"])
    assert p["state"] in ("due", "waiting")  # a weekend may push the due date
    assert p["due_on"] >= str(today - timedelta(days=1))


def test_a_saved_application_is_not_applied(client: TestClient, alice: Person) -> None:
    p = plan(client, alice, new_app(client, alice)["id"], "2026-03-05")
    assert p["state"] == "not_applied" and p["next_steps"][0]["action"] == "record_applied"


def test_known_contacts_decide_the_channel_and_close_the_gap(
    client: TestClient, alice: Person
) -> None:
    app = new_app(client, alice, applied_on="2026-03-02")
    url = f"{API}/applications/{app['id']}"
    before = plan(client, alice, app["id"], "2026-03-10")
    assert before["contact_gap"] is True and before["recommended_channel"] == "email"
    assert before["next_steps"][0]["action"] == "find_decision_maker"
    client.post(
        f"{url}/contacts", json={"name": "Dana", "email": "dana@example.com"}, headers=alice.headers
    )
    after = plan(client, alice, app["id"], "2026-03-10")
    assert after["contact_gap"] is False and after["recommended_channel"] == "email"
    assert after["recommended_template"] == {"kind": "follow_up", "channel": "email"}
    assert [s["action"] for s in after["next_steps"]] == ["send_follow_up"]


def test_phone_first_policy_recommends_a_known_phone(client: TestClient, alice: Person) -> None:
    r = client.post(
        f"{API}/policies",
        json={"name": "Calls", "channels": ["phone", "email"]},
        headers=alice.headers,
    )
    app = new_app(client, alice, applied_on="2026-03-02", policy_id=r.json()["id"])
    client.post(
        f"{API}/applications/{app['id']}/contacts",
        json={"name": "Dana", "phone": "+49 30 1234567"},
        headers=alice.headers,
    )
    p = plan(client, alice, app["id"], "2026-03-10")
    assert p["channels_allowed"] == ["phone", "email"] and p["recommended_channel"] == "phone"


def test_no_phone_calls_removes_phone_and_no_contact_blocks(
    client: TestClient, alice: Person
) -> None:
    quiet = new_app(client, alice, applied_on="2026-03-02", no_phone_calls=True)
    p = plan(client, alice, quiet["id"], "2026-03-10")
    assert p["channels_allowed"] == ["email"] and "no_phone_calls" in rules(p)
    blocked = new_app(client, alice, applied_on="2026-03-02", no_contact=True)
    p = plan(client, alice, blocked["id"], "2026-03-10")
    assert (p["state"], p["due_on"], p["channels_allowed"]) == ("blocked", None, [])
    assert "no_contact" in rules(p)


def test_a_rejection_offers_the_three_asks_each_once(client: TestClient, alice: Person) -> None:
    app = new_app(client, alice, applied_on="2026-03-02")
    events = f"{API}/applications/{app['id']}/events"
    client.post(
        events, json={"kind": "rejection", "occurred_on": "2026-03-06"}, headers=alice.headers
    )
    p = plan(client, alice, app["id"], "2026-03-07")
    assert p["state"] == "post_rejection"
    assert [
        s["template_kind"] for s in p["next_steps"] if s["action"] != "find_decision_maker"
    ] == [
        "feedback_request",
        "informational_interview",
        "future_openings",
    ]
    client.post(
        events,
        json={"kind": "feedback_request", "occurred_on": "2026-03-07"},
        headers=alice.headers,
    )
    p = plan(client, alice, app["id"], "2026-03-08")
    assert p["recommended_template"]["kind"] == "informational_interview"


def test_an_interview_means_responded_with_a_thank_you(client: TestClient, alice: Person) -> None:
    app = new_app(client, alice, applied_on="2026-03-02")
    client.post(
        f"{API}/applications/{app['id']}/events",
        json={"kind": "interview", "occurred_on": "2026-03-05"},
        headers=alice.headers,
    )
    p = plan(client, alice, app["id"], "2026-03-06")
    assert p["state"] == "responded" and p["due_on"] is None
    assert p["recommended_template"]["kind"] == "interview_thank_you"


def test_plan_refuses_a_bad_date_and_other_users(
    client: TestClient, alice: Person, bob: Person
) -> None:
    app = new_app(client, alice, applied_on="2026-03-02")
    r = client.get(f"{API}/applications/{app['id']}/plan?on=2026-02-30", headers=alice.headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "on"
    r = client.get(f"{API}/applications/{app['id']}/plan", headers=bob.headers)
    assert r.status_code == 404


# --- simulate ---------------------------------------------------------------------------------


def simulate(client: TestClient, person: Person, **body) -> dict:
    r = client.post(f"{API}/policies/simulate", json=body, headers=person.headers)
    assert r.status_code == 200, r.text
    return r.json()


def test_simulate_with_the_default_policy_stores_nothing(
    client: TestClient, alice: Person, db: Session
) -> None:
    p = simulate(client, alice, application={"applied_on": "2026-03-02"}, on="2026-03-09")
    assert (p["state"], p["due_on"], p["window_closes_on"]) == ("due", "2026-03-09", "2026-03-23")
    assert p["policy"]["name"] == "Default"
    assert db.exec(select(func.count()).select_from(Application)).one() == 0
    assert db.exec(select(func.count()).select_from(Event)).one() == 0


def test_simulate_an_inline_policy(client: TestClient, alice: Person, db: Session) -> None:
    p = simulate(
        client,
        alice,
        policy={"wait_days": 5, "business_days": True, "holiday_country": "DE"},
        application={"applied_on": "2026-04-02", "company": "Acme"},
        on="2026-04-10",
    )
    assert (p["state"], p["due_on"], p["policy"]) == ("waiting", "2026-04-13", None)
    assert db.exec(select(func.count()).select_from(Policy)).one() == 1  # only the default


def test_simulate_a_saved_policy_with_events_and_constraints(
    client: TestClient, alice: Person
) -> None:
    saved = client.post(
        f"{API}/policies", json={"name": "Twice", "max_follow_ups": 2}, headers=alice.headers
    ).json()
    p = simulate(
        client,
        alice,
        policy_id=saved["id"],
        application={
            "applied_on": "2026-03-02",
            "no_phone_calls": True,
            "has_contact_email": True,
            "has_contact_name": True,
        },
        events=[{"kind": "follow_up", "occurred_on": "2026-03-09"}],
        on="2026-03-16",
    )
    assert (p["state"], p["due_on"], p["follow_ups_sent"]) == ("due", "2026-03-16", 1)
    assert p["channels_allowed"] == ["email"] and p["policy"]["id"] == saved["id"]
    assert "later_follow_up" in rules(p)


def test_simulate_refuses_bad_requests(client: TestClient, alice: Person, bob: Person) -> None:
    bobs = client.post(f"{API}/policies", json={"name": "B"}, headers=bob.headers).json()
    base = {"application": {"applied_on": "2026-03-02"}, "on": "2026-03-09"}
    cases = [
        ({**base, "policy_id": bobs["id"]}, "policy_id"),
        ({**base, "policy_id": 1, "policy": {}}, "body"),
        ({**base, "events": [{"kind": "note", "occurred_on": "2026-03-03"}] * 201}, "events"),
        ({**base, "events": [{"kind": "party", "occurred_on": "2026-03-03"}]}, "events.0.kind"),
        ({**base, "policy": {"wait_days": 0}}, "policy.wait_days"),
        ({"application": {"status": "ghosted"}, "on": "2026-03-09"}, "application.status"),
        ({"application": {}}, "on"),
    ]
    for body, field in cases:
        r = client.post(f"{API}/policies/simulate", json=body, headers=alice.headers)
        assert r.status_code == 422, body
        assert field in [e["field"] for e in r.json()["errors"]], r.json()


def test_dates_far_out_are_refused_rather_than_overflowing(
    client: TestClient, alice: Person
) -> None:
    r = client.post(
        f"{API}/applications",
        json={"company": "Acme", "position": "Dev", "applied_on": "9999-12-30"},
        headers=alice.headers,
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "applied_on"
    app = new_app(client, alice, applied_on="2999-12-30")
    r = client.get(f"{API}/applications/{app['id']}/plan?on=0001-01-01", headers=alice.headers)
    assert r.status_code == 422
    assert plan(client, alice, app["id"], "2999-12-31")["state"] == "waiting"
    r = client.post(
        f"{API}/policies/simulate",
        json={"application": {"applied_on": "9999-12-30"}, "on": "9999-12-31"},
        headers=alice.headers,
    )
    assert r.status_code == 422
    # A date in the posting past the supported range is not planned from.
    far = new_app(client, alice, posting_text="Applications close 31 December 9999.")
    assert far["response_expected_on"] is None
