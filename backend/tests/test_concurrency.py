"""Invariants under concurrent requests, over real HTTP against a live server."""

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlmodel import Session, func, select

from app.applications.models import Application
from app.idempotency import IdempotencyKey
from tests.conftest import LiveServer
from tests.factories import Person, make_application


def burst(n: int, send) -> list[httpx.Response]:  # type: ignore[no-untyped-def]
    """Send n requests at once from n threads, each with its own connection."""
    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(send, range(n)))


def test_fifty_patches_with_one_etag_have_exactly_one_winner(
    live: LiveServer, db: Session, alice: Person
) -> None:
    app = make_application(db, alice.user)
    url = f"{live.url}/api/v1/applications/{app.id}"
    tag = httpx.get(url, headers=alice.headers).headers["etag"]

    def patch(i: int) -> httpx.Response:
        headers = {**alice.headers, "If-Match": tag}
        return httpx.patch(url, json={"notes": f"writer {i}"}, headers=headers, timeout=60)

    statuses = Counter(r.status_code for r in burst(50, patch))
    assert statuses == {200: 1, 412: 49}
    final = httpx.get(url, headers=alice.headers).json()
    assert final["version"] == 2 and final["notes"].startswith("writer ")


def test_twenty_posts_with_one_idempotency_key_make_one_row(
    live: LiveServer, db: Session, alice: Person
) -> None:
    url = f"{live.url}/api/v1/applications"
    headers = {**alice.headers, "Idempotency-Key": "burst-key"}

    def post(_: int) -> httpx.Response:
        return httpx.post(
            url, json={"company": "Acme", "position": "Dev"}, headers=headers, timeout=60
        )

    responses = burst(20, post)
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1
    rows = db.exec(select(func.count()).select_from(Application)).one()
    keys = db.exec(select(func.count()).select_from(IdempotencyKey)).one()
    assert (rows, keys) == (1, 1)


def test_fifty_concurrent_writers_get_no_server_error(
    live: LiveServer, db: Session, alice: Person, bob: Person
) -> None:
    apps = [make_application(db, p.user) for p in (alice, bob)]

    def write(i: int) -> httpx.Response:
        person, app = (alice, apps[0]) if i % 2 else (bob, apps[1])
        base = f"{live.url}/api/v1/applications"
        if i % 5 == 0:
            return httpx.post(
                base,
                json={"company": f"Co {i}", "position": "Dev"},
                headers=person.headers,
                timeout=60,
            )
        if i % 5 == 1:
            return httpx.post(
                f"{base}/{app.id}/events",
                json={"kind": "note", "summary": str(i)},
                headers=person.headers,
                timeout=60,
            )
        if i % 5 == 2:
            return httpx.post(
                f"{base}/{app.id}/contacts",
                json={"name": f"C {i}"},
                headers=person.headers,
                timeout=60,
            )
        return httpx.patch(
            f"{base}/{app.id}", json={"notes": str(i)}, headers=person.headers, timeout=60
        )

    responses = burst(50, write)
    assert all(r.status_code < 300 for r in responses), Counter(r.status_code for r in responses)
    total = db.exec(select(func.count()).select_from(Application)).one()
    assert total == 2 + 10
    final = httpx.get(f"{live.url}/api/v1/applications/{apps[0].id}", headers=alice.headers)
    assert final.json()["version"] == 1 + 10  # every PATCH counted, none lost


def test_a_burst_of_wrong_passwords_gets_at_most_five_tries(
    live: LiveServer, db: Session, alice: Person
) -> None:
    def attempt(_: int) -> httpx.Response:
        body = {"email": "alice@example.com", "password": "not her password"}
        return httpx.post(f"{live.url}/api/v1/auth/login", json=body, timeout=60)

    statuses = Counter(r.status_code for r in burst(12, attempt))
    assert statuses == {401: 5, 429: 7}


def test_concurrent_writes_leave_the_stored_plan_equal_to_the_live_one(
    live: LiveServer, db: Session, alice: Person
) -> None:
    """Contacts, events and policy changes race on one application; its stored plan (the due
    list's) must end as the plan computed from what was finally written."""
    app = make_application(db, alice.user, applied_on="2026-03-02")
    api = f"{live.url}/api/v1"
    policy_id = httpx.get(f"{api}/policies", headers=alice.headers).json()[0]["id"]

    def write(i: int) -> httpx.Response:
        if i % 2 == 0:  # each follow-up changes the plan: one more sent, a later date
            event = {"kind": "follow_up", "occurred_on": f"2026-03-{10 + i // 2:02d}"}
            url = f"{api}/applications/{app.id}/events"
            return httpx.post(url, json=event, headers=alice.headers, timeout=60)
        if i % 5 == 1:
            change = {"name": f"Policy {i}", "max_follow_ups": 5}
            return httpx.patch(f"{api}/policies/{policy_id}", json=change, headers=alice.headers)
        contact = {"name": f"Contact {i}", "role": "recruiter", "phone": f"+49 30 {i:04d}"}
        url = f"{api}/applications/{app.id}/contacts"
        return httpx.post(url, json=contact, headers=alice.headers, timeout=60)

    assert {r.status_code for r in burst(40, write)} <= {200, 201}
    day = {"on": "2026-03-01"}
    listed = httpx.get(
        f"{api}/follow-ups", params={**day, "until": "2026-12-31"}, headers=alice.headers
    ).json()["items"]
    plan_url = f"{api}/applications/{app.id}/plan"
    plan = httpx.get(plan_url, params=day, headers=alice.headers).json()
    assert [item["plan"] for item in listed] == ([plan] if plan["due_on"] else [])


# Far above a create's own time under the burst's CPU load (a few hundred ms here), far below
# the seconds it waited when every sign-in checked its password inside the write slot.
CREATE_DURING_LOGIN_BURST_SECONDS = 2.5


def test_a_burst_of_sign_ins_does_not_stall_another_users_create(
    live: LiveServer, db: Session, alice: Person
) -> None:
    """Each sign-in checks a password (argon2, slow on purpose) outside the write slot."""
    login = f"{live.url}/api/v1/auth/login"
    create = {"company": "Acme", "position": "Dev"}
    applications = f"{live.url}/api/v1/applications"
    assert httpx.post(applications, json=create, headers=alice.headers).status_code == 201

    def sign_in(i: int) -> httpx.Response:
        body = {"email": f"nobody{i}@example.com", "password": "a made-up password"}
        return httpx.post(login, json=body, timeout=120)

    with ThreadPoolExecutor(max_workers=30) as pool:
        sign_ins = [pool.submit(sign_in, i) for i in range(30)]
        time.sleep(0.3)  # the burst has reached the server
        started = time.monotonic()
        created = httpx.post(applications, json=create, headers=alice.headers, timeout=120)
        took = time.monotonic() - started
        statuses = Counter(f.result().status_code for f in sign_ins)
    assert created.status_code == 201
    assert statuses[401] >= 20 and set(statuses) <= {401, 429}, statuses
    assert took < CREATE_DURING_LOGIN_BURST_SECONDS, f"the create took {took:.2f} s"
