"""Policies through the API: defaults, the one-default rule, the cap, and dates that follow."""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.auth import service as auth
from app.auth.models import UserRegister
from app.followups.models import Policy
from tests.conftest import LiveServer
from tests.factories import Person, make_user

API = "/api/v1"


def new_app(client: TestClient, person: Person, **fields) -> dict:
    body = {"company": "Acme", "position": "Engineer", **fields}
    r = client.post(f"{API}/applications", json=body, headers=person.headers)
    assert r.status_code == 201, r.text
    return r.json()


def new_policy(client: TestClient, person: Person, **fields) -> dict:
    r = client.post(f"{API}/policies", json={"name": "Weekly", **fields}, headers=person.headers)
    assert r.status_code == 201, r.text
    return r.json()


def due(client: TestClient, person: Person, app_id: int, on: str = "2026-03-05") -> str | None:
    plan = client.get(f"{API}/applications/{app_id}/plan?on={on}", headers=person.headers).json()
    return plan["due_on"]


def due_list(client: TestClient, person: Person, on: str) -> list[int]:
    r = client.get(f"{API}/follow-ups", params={"on": on}, headers=person.headers)
    assert r.status_code == 200, r.text
    return [item["application"]["id"] for item in r.json()["items"]]


def test_every_new_user_has_exactly_one_default_with_the_usual_settings(
    client: TestClient, alice: Person
) -> None:
    r = client.get(f"{API}/policies", headers=alice.headers)
    assert r.status_code == 200
    [default] = r.json()
    assert default["is_default"] is True and default["name"] == "Default"
    expected = {
        "wait_days": 7,
        "window_days": 14,
        "max_follow_ups": 1,
        "response_grace_days": 2,
        "business_days": False,
        "holiday_country": None,
        "avoid_weekends": True,
        "channels": ["email", "phone"],
    }
    assert {k: default[k] for k in expected} == expected


def test_registration_creates_the_default_policy(db: Session) -> None:
    data = UserRegister(email="new@example.com", name="New", password="correct horse battery")
    user = auth.register(db, data)
    db.commit()
    rows = db.exec(select(Policy).where(Policy.owner_id == user.id)).all()
    assert [(p.name, p.is_default) for p in rows] == [("Default", True)]


def test_create_takes_defaults_and_returns_location(client: TestClient, alice: Person) -> None:
    r = client.post(
        f"{API}/policies",
        json={"name": "Recruiters", "wait_days": 5, "channels": ["phone", "email"]},
        headers=alice.headers,
    )
    assert r.status_code == 201
    body = r.json()
    assert r.headers["location"] == f"/api/v1/policies/{body['id']}"
    assert body["wait_days"] == 5 and body["window_days"] == 14 and body["max_follow_ups"] == 1
    assert body["channels"] == ["phone", "email"] and body["is_default"] is False
    assert client.get(r.headers["location"], headers=alice.headers).json() == body


def test_create_refuses_bad_settings(client: TestClient, alice: Person) -> None:
    for fields, bad in [
        ({"wait_days": 0}, "wait_days"),
        ({"window_days": 91}, "window_days"),
        ({"max_follow_ups": 6}, "max_follow_ups"),
        ({"response_grace_days": 31}, "response_grace_days"),
        ({"holiday_country": "XX"}, "holiday_country"),
        ({"channels": ["email", "email"]}, "channels"),
        ({"channels": []}, "channels"),
        ({"channels": ["fax"]}, "channels.0"),
        ({"owner_id": 2}, "owner_id"),
    ]:
        r = client.post(f"{API}/policies", json={"name": "X", **fields}, headers=alice.headers)
        assert r.status_code == 422, fields
        assert r.headers["content-type"] == "application/problem+json"
        assert bad in [e["field"] for e in r.json()["errors"]], r.json()


def test_holiday_country_is_a_code_as_the_spec_lists_it(client: TestClient, alice: Person) -> None:
    assert new_policy(client, alice, holiday_country="DE")["holiday_country"] == "DE"
    r = client.post(
        f"{API}/policies", json={"name": "x", "holiday_country": "de"}, headers=alice.headers
    )
    assert r.status_code == 422
    assert [e["field"] for e in r.json()["errors"]] == ["holiday_country"]
    spec = client.get("/api/openapi.json").json()["components"]["schemas"]["PolicyCreate"]
    assert "DE" in spec["properties"]["holiday_country"]["anyOf"][0]["enum"]


def test_making_a_policy_the_default_clears_the_old_one(
    client: TestClient, alice: Person, db: Session
) -> None:
    weekly = new_policy(client, alice)
    r = client.patch(
        f"{API}/policies/{weekly['id']}", json={"is_default": True}, headers=alice.headers
    )
    assert r.status_code == 200 and r.json()["is_default"] is True
    listed = client.get(f"{API}/policies", headers=alice.headers).json()
    assert [p["id"] for p in listed if p["is_default"]] == [weekly["id"]]
    assert listed[0]["id"] == weekly["id"]  # the default first
    # A policy created as the default takes over too.
    third = new_policy(client, alice, name="Third", is_default=True)
    listed = client.get(f"{API}/policies", headers=alice.headers).json()
    assert [p["id"] for p in listed if p["is_default"]] == [third["id"]]


def test_unsetting_the_default_is_a_conflict(client: TestClient, alice: Person) -> None:
    [default] = client.get(f"{API}/policies", headers=alice.headers).json()
    r = client.patch(
        f"{API}/policies/{default['id']}", json={"is_default": False}, headers=alice.headers
    )
    assert r.status_code == 409
    assert r.json()["type"].endswith("/default-policy")
    assert client.get(f"{API}/policies/{default['id']}", headers=alice.headers).json()["is_default"]


def test_patch_refuses_null_for_required_settings(client: TestClient, alice: Person) -> None:
    weekly = new_policy(client, alice)
    r = client.patch(
        f"{API}/policies/{weekly['id']}", json={"wait_days": None}, headers=alice.headers
    )
    assert r.status_code == 422


def test_deleting_the_default_is_a_conflict(client: TestClient, alice: Person) -> None:
    [default] = client.get(f"{API}/policies", headers=alice.headers).json()
    r = client.delete(f"{API}/policies/{default['id']}", headers=alice.headers)
    assert r.status_code == 409
    assert r.json()["type"].endswith("/default-policy")


def test_deleting_a_policy_moves_its_applications_to_the_default(
    client: TestClient, alice: Person
) -> None:
    slow = new_policy(client, alice, name="Slow", wait_days=21)
    app = new_app(client, alice, applied_on="2026-03-02", policy_id=slow["id"])
    assert app["policy_id"] == slow["id"]
    assert due(client, alice, app["id"]) == "2026-03-23"
    assert client.delete(f"{API}/policies/{slow['id']}", headers=alice.headers).status_code == 204
    assert client.get(f"{API}/policies/{slow['id']}", headers=alice.headers).status_code == 404
    got = client.get(f"{API}/applications/{app['id']}", headers=alice.headers).json()
    assert got["policy_id"] is None and got["version"] == app["version"] + 1
    assert due(client, alice, app["id"]) == "2026-03-09"
    assert app["id"] in due_list(client, alice, "2026-03-09")  # the stored dates moved too


def test_at_most_twenty_policies(client: TestClient, alice: Person) -> None:
    for i in range(19):  # the default is the first
        new_policy(client, alice, name=f"P{i}")
    r = client.post(f"{API}/policies", json={"name": "One too many"}, headers=alice.headers)
    assert r.status_code == 409
    assert r.json()["type"].endswith("/too-many-policies")


def test_updating_a_policy_refreshes_the_stored_dates_at_once(
    client: TestClient, alice: Person
) -> None:
    [default] = client.get(f"{API}/policies", headers=alice.headers).json()
    app = new_app(client, alice, applied_on="2026-03-02")
    assert app["id"] in due_list(client, alice, "2026-03-09")
    r = client.patch(
        f"{API}/policies/{default['id']}", json={"wait_days": 14}, headers=alice.headers
    )
    assert r.status_code == 200 and r.json()["wait_days"] == 14
    assert r.json()["updated_at"] > default["updated_at"]
    assert app["id"] not in due_list(client, alice, "2026-03-09")
    assert app["id"] in due_list(client, alice, "2026-03-16")
    assert due(client, alice, app["id"]) == "2026-03-16"


def test_a_new_default_governs_the_applications_that_name_no_policy(
    client: TestClient, alice: Person
) -> None:
    app = new_app(client, alice, applied_on="2026-03-02")
    new_policy(client, alice, name="Quick", wait_days=3, is_default=True)
    assert app["id"] in due_list(client, alice, "2026-03-05")
    assert due(client, alice, app["id"]) == "2026-03-05"


def test_updating_a_policy_leaves_applications_of_other_policies_alone(
    client: TestClient, alice: Person
) -> None:
    weekly = new_policy(client, alice)
    mine = new_app(client, alice, applied_on="2026-03-02", policy_id=weekly["id"])
    other = new_app(client, alice, applied_on="2026-03-02")
    client.patch(f"{API}/policies/{weekly['id']}", json={"wait_days": 2}, headers=alice.headers)
    assert due_list(client, alice, "2026-03-04") == [mine["id"]]
    assert due(client, alice, other["id"]) == "2026-03-09"


def test_an_application_can_name_only_its_owners_policy(
    client: TestClient, alice: Person, bob: Person
) -> None:
    bobs = new_policy(client, bob)
    r = client.post(
        f"{API}/applications",
        json={"company": "Acme", "position": "Dev", "policy_id": bobs["id"]},
        headers=alice.headers,
    )
    assert r.status_code == 422
    assert [e["field"] for e in r.json()["errors"]] == ["policy_id"]
    app = new_app(client, alice)
    r = client.patch(
        f"{API}/applications/{app['id']}", json={"policy_id": bobs["id"]}, headers=alice.headers
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "policy_id"
    r = client.patch(
        f"{API}/applications/{app['id']}", json={"policy_id": 999_999}, headers=alice.headers
    )
    assert r.status_code == 422


def test_naming_a_policy_and_going_back_to_the_default_refresh_the_dates(
    client: TestClient, alice: Person
) -> None:
    quick = new_policy(client, alice, wait_days=2)
    app = new_app(client, alice, applied_on="2026-03-02")
    url = f"{API}/applications/{app['id']}"
    r = client.patch(url, json={"policy_id": quick["id"]}, headers=alice.headers)
    assert r.status_code == 200 and r.json()["policy_id"] == quick["id"]
    assert due_list(client, alice, "2026-03-04") == [app["id"]]
    plan = client.get(f"{url}/plan?on=2026-03-04", headers=alice.headers).json()
    assert plan["policy"] == {"id": quick["id"], "name": "Weekly"}
    client.patch(url, json={"policy_id": None}, headers=alice.headers)
    assert due_list(client, alice, "2026-03-04") == []


def test_another_users_policy_is_not_found(client: TestClient, alice: Person, bob: Person) -> None:
    bobs = new_policy(client, bob)
    for method in ("GET", "PATCH", "DELETE"):
        r = client.request(method, f"{API}/policies/{bobs['id']}", json={}, headers=alice.headers)
        assert r.status_code == 404
        assert r.json()["type"].endswith("/policy-not-found")
    assert [p["name"] for p in client.get(f"{API}/policies", headers=alice.headers).json()] == [
        "Default"
    ]


def test_listing_policies_writes_nothing(client: TestClient, db: Session, alice: Person) -> None:
    for row in db.exec(select(Policy).where(Policy.owner_id == alice.user.id)).all():
        db.delete(row)
    db.commit()
    assert client.get(f"{API}/policies", headers=alice.headers).json() == []  # a read
    assert db.exec(select(Policy).where(Policy.owner_id == alice.user.id)).all() == []
    carol = make_user(db, "carol@example.com")  # every new user starts with one
    mine = db.exec(select(Policy).where(Policy.owner_id == carol.id)).all()
    assert [(p.name, p.is_default) for p in mine] == [("Default", True)]


def test_policies_need_authentication(client: TestClient) -> None:
    assert client.get(f"{API}/policies").status_code == 401


def test_a_burst_of_creates_keeps_the_cap_and_one_default(
    live: LiveServer, db: Session, alice: Person
) -> None:
    url = f"{live.url}/api/v1/policies"

    def create(i: int) -> httpx.Response:
        body = {"name": f"P{i}", "is_default": i % 2 == 0}
        return httpx.post(url, json=body, headers=alice.headers, timeout=60)

    with ThreadPoolExecutor(max_workers=25) as pool:
        statuses = Counter(r.status_code for r in pool.map(create, range(25)))
    assert statuses == {201: 19, 409: 6}
    rows = db.exec(select(Policy).where(Policy.owner_id == alice.user.id)).all()
    assert len(rows) == 20 and sum(p.is_default for p in rows) == 1
