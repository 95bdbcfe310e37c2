"""Applications, contacts and timelines through the API."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from tests.factories import Person, make_application

API = "/api/v1"


def create(client: TestClient, person: Person, **fields):
    body = {"company": "Acme", "position": "Engineer", **fields}
    return client.post(f"{API}/applications", json=body, headers=person.headers)


# --- create and read ---------------------------------------------------------------------------


def test_create_returns_201_location_and_etag(client: TestClient, alice: Person) -> None:
    r = create(client, alice, posting_url="https://jobs.example.com/1", location="Berlin")
    assert r.status_code == 201
    body = r.json()
    assert r.headers["location"] == f"/api/v1/applications/{body['id']}"
    assert r.headers["etag"] == f'"{body["id"]}-1"'
    assert body["status"] == "saved" and body["version"] == 1 and body["applied_on"] is None
    got = client.get(r.headers["location"], headers=alice.headers)
    assert got.status_code == 200 and got.json() == body
    assert got.headers["etag"] == r.headers["etag"]


def test_creating_with_an_applied_date_records_the_applied_event(
    client: TestClient, alice: Person
) -> None:
    r = create(client, alice, applied_on="2026-03-02")
    assert r.json()["status"] == "applied"
    events = client.get(f"{API}/applications/{r.json()['id']}/events", headers=alice.headers)
    assert [(e["kind"], e["occurred_on"]) for e in events.json()] == [("applied", "2026-03-02")]


@pytest.mark.parametrize("field", ["id", "owner_id", "version", "created_at", "colour"])
def test_create_refuses_server_set_and_unknown_fields(
    client: TestClient, alice: Person, field: str
) -> None:
    r = create(client, alice, **{field: 5})
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["errors"][0]["field"] == field


@pytest.mark.parametrize(
    ("fields", "bad"),
    [
        ({"company": ""}, "company"),
        ({"position": "x" * 201}, "position"),
        ({"posting_text": "x" * 50_001}, "posting_text"),
        ({"posting_url": "javascript:alert(1)"}, "posting_url"),
        ({"status": "ghosted"}, "status"),
        ({"applied_on": "2026-02-30"}, "applied_on"),
    ],
)
def test_create_validates_each_field(client: TestClient, alice: Person, fields, bad) -> None:
    r = create(client, alice, **fields)
    assert r.status_code == 422
    assert bad in [e["field"] for e in r.json()["errors"]]


def test_posting_text_of_50000_characters_is_accepted(client: TestClient, alice: Person) -> None:
    assert create(client, alice, posting_text="x" * 50_000).status_code == 201


def test_unknown_application_is_404_problem(client: TestClient, alice: Person) -> None:
    r = client.get(f"{API}/applications/999999", headers=alice.headers)
    assert r.status_code == 404
    assert r.json()["type"].endswith("/application-not-found")


# --- update and delete with ETags ----------------------------------------------------------------


def test_patch_with_the_current_etag_applies_and_bumps_the_version(
    client: TestClient, alice: Person
) -> None:
    r = create(client, alice)
    url, tag = r.headers["location"], r.headers["etag"]
    r = client.patch(
        url, json={"notes": "Met at meetup"}, headers={**alice.headers, "If-Match": tag}
    )
    assert r.status_code == 200
    assert r.json()["notes"] == "Met at meetup" and r.json()["version"] == 2
    assert r.headers["etag"] != tag


def test_patch_with_a_stale_etag_is_412_and_changes_nothing(
    client: TestClient, alice: Person
) -> None:
    r = create(client, alice)
    url, tag = r.headers["location"], r.headers["etag"]
    assert client.patch(url, json={"notes": "one"}, headers=alice.headers).status_code == 200
    r = client.patch(url, json={"notes": "two"}, headers={**alice.headers, "If-Match": tag})
    assert r.status_code == 412
    assert r.json()["type"].endswith("/stale-etag")
    assert client.get(url, headers=alice.headers).json()["notes"] == "one"


def test_delete_honours_if_match(client: TestClient, alice: Person) -> None:
    r = create(client, alice)
    url = r.headers["location"]
    client.patch(url, json={"notes": "x"}, headers=alice.headers)
    stale = {**alice.headers, "If-Match": r.headers["etag"]}
    assert client.delete(url, headers=stale).status_code == 412
    assert client.get(url, headers=alice.headers).status_code == 200
    current = {**alice.headers, "If-Match": client.get(url, headers=alice.headers).headers["etag"]}
    assert client.delete(url, headers=current).status_code == 204
    assert client.get(url, headers=alice.headers).status_code == 404


def test_patch_cannot_null_required_fields(client: TestClient, alice: Person) -> None:
    url = create(client, alice).headers["location"]
    r = client.patch(url, json={"company": None}, headers=alice.headers)
    assert r.status_code == 422


def test_setting_applied_on_later_records_the_applied_event(
    client: TestClient, alice: Person
) -> None:
    url = create(client, alice).headers["location"]
    r = client.patch(url, json={"applied_on": "2026-03-02"}, headers=alice.headers)
    assert r.json()["status"] == "applied"
    kinds = [e["kind"] for e in client.get(f"{url}/events", headers=alice.headers).json()]
    assert kinds == ["applied"]


# --- listing -----------------------------------------------------------------------------------


def test_list_filters_by_status_archived_and_text(
    client: TestClient, alice: Person, db: Session
) -> None:
    make_application(db, alice.user, company="Acme Corp", position="Backend Engineer")
    make_application(
        db, alice.user, company="Globex", position="Data 100% Analyst", applied_on="2026-03-01"
    )
    make_application(db, alice.user, company="Initech", position="Tester", archived=True)

    def names(**params) -> list[str]:
        r = client.get(f"{API}/applications", params=params, headers=alice.headers)
        assert r.status_code == 200
        return sorted(a["company"] for a in r.json()["items"])

    assert names() == ["Acme Corp", "Globex", "Initech"]
    assert names(status="applied") == ["Globex"]
    assert names(archived="false") == ["Acme Corp", "Globex"]
    assert names(archived="true") == ["Initech"]
    assert names(q="ACME") == ["Acme Corp"]
    assert names(q="analyst") == ["Globex"]
    assert names(q="100%") == ["Globex"]
    assert names(q="%") == ["Globex"]  # wildcards are plain characters
    assert names(q="_") == []


def test_the_total_counts_every_match_on_every_page(
    client: TestClient, alice: Person, bob: Person, db: Session
) -> None:
    for company in ("Acme", "Globex", "Initech", "Zed Acme"):
        make_application(db, alice.user, company=company, position="Engineer")
    make_application(db, bob.user, company="Acme", position="Engineer")

    def page(**params) -> tuple[list[str], str | None, int]:
        r = client.get(f"{API}/applications", params=params, headers=alice.headers)
        assert r.status_code == 200
        body = r.json()
        return [a["company"] for a in body["items"]], body["next_cursor"], body["total"]

    first, cursor, total = page(sort="company", limit=2)
    assert (first, total) == (["Acme", "Globex"], 4) and cursor
    assert page(sort="company", limit=2, cursor=cursor) == (["Initech", "Zed Acme"], None, 4)
    assert page(sort="company", limit=1, q="acme")[2] == 2  # the search counted, bob's not
    # Past the last match (the cursor from the whole list): no row, the total still counted.
    assert page(sort="company", limit=2, cursor=cursor, q="acme ") == (["Zed Acme"], None, 2)
    assert page(sort="company", limit=2, cursor=cursor, q="globex") == ([], None, 1)
    assert page(q="nobody") == ([], None, 0)


@pytest.mark.parametrize(
    "sort", ["company", "-company", "applied_on", "-applied_on", "updated_at", "-updated_at"]
)
def test_keyset_pages_cover_every_row_once_in_order(
    client: TestClient, alice: Person, db: Session, sort: str
) -> None:
    days = [None, "2026-03-01", "2026-03-01", "2026-03-02", None, "2026-02-27", "2026-03-02"]
    for i in range(21):
        make_application(db, alice.user, company=f"Co {i % 5}", applied_on=days[i % len(days)])
    seen, cursor = [], None
    while True:
        params = {"sort": sort, "limit": 4, **({"cursor": cursor} if cursor else {})}
        page = client.get(f"{API}/applications", params=params, headers=alice.headers).json()
        assert len(page["items"]) <= 4
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 21 and len({a["id"] for a in seen}) == 21
    key = sort.lstrip("-")
    present = [a for a in seen if a[key] is not None]
    values = [a[key] for a in present]
    assert values == sorted(values, reverse=sort.startswith("-"))
    assert all(a[key] is None for a in seen[len(present) :])  # missing dates come last


def test_list_limit_is_bounded(client: TestClient, alice: Person) -> None:
    for bad in ("0", "101", "x"):
        r = client.get(f"{API}/applications", params={"limit": bad}, headers=alice.headers)
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "limit"


def test_a_forged_cursor_is_422(client: TestClient, alice: Person) -> None:
    for cursor in ("garbage", "eyJhIjoxfQ", "WyJjb21wYW55IiwgMSwgMl0"):
        r = client.get(f"{API}/applications", params={"cursor": cursor}, headers=alice.headers)
        assert r.status_code == 422
        assert r.json()["type"].endswith("/invalid-cursor")


def test_list_shows_only_the_callers_applications(
    client: TestClient, alice: Person, bob: Person, db: Session
) -> None:
    make_application(db, alice.user, company="Alice Co")
    make_application(db, bob.user, company="Bob Co")
    items = client.get(f"{API}/applications", headers=alice.headers).json()["items"]
    assert [a["company"] for a in items] == ["Alice Co"]


# --- idempotency ---------------------------------------------------------------------------------


def test_same_idempotency_key_and_body_replays_without_a_second_row(
    client: TestClient, alice: Person
) -> None:
    headers = {**alice.headers, "Idempotency-Key": "k-1"}
    body = {"company": "Acme", "position": "Engineer"}
    first = client.post(f"{API}/applications", json=body, headers=headers)
    again = client.post(f"{API}/applications", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["idempotent-replayed"] == "true"
    assert len(client.get(f"{API}/applications", headers=alice.headers).json()["items"]) == 1


def test_same_idempotency_key_with_another_body_is_422(client: TestClient, alice: Person) -> None:
    headers = {**alice.headers, "Idempotency-Key": "k-2"}
    client.post(f"{API}/applications", json={"company": "A", "position": "B"}, headers=headers)
    r = client.post(f"{API}/applications", json={"company": "A", "position": "C"}, headers=headers)
    assert r.status_code == 422
    assert r.json()["type"].endswith("/idempotency-key-reused")


def test_idempotency_keys_are_per_user(client: TestClient, alice: Person, bob: Person) -> None:
    body = {"company": "Acme", "position": "Engineer"}
    a = client.post(
        f"{API}/applications", json=body, headers={**alice.headers, "Idempotency-Key": "same"}
    )
    b = client.post(
        f"{API}/applications", json=body, headers={**bob.headers, "Idempotency-Key": "same"}
    )
    assert a.status_code == b.status_code == 201 and a.json()["id"] != b.json()["id"]
    assert "idempotent-replayed" not in b.headers


def test_idempotency_keys_expire_after_24_hours(
    client: TestClient, alice: Person, engine: Engine
) -> None:
    import sqlalchemy as sa

    from app.db import utcnow
    from app.idempotency import IdempotencyKey
    from tests.factories import execute

    headers = {**alice.headers, "Idempotency-Key": "old"}
    body = {"company": "Acme", "position": "Engineer"}
    first = client.post(f"{API}/applications", json=body, headers=headers)
    from datetime import timedelta

    execute(engine, sa.update(IdempotencyKey).values(created_at=utcnow() - timedelta(hours=25)))
    second = client.post(f"{API}/applications", json=body, headers=headers)
    assert second.status_code == 201 and second.json()["id"] != first.json()["id"]


# --- contacts ----------------------------------------------------------------------------------


def test_contacts_crud(client: TestClient, alice: Person) -> None:
    url = create(client, alice).headers["location"] + "/contacts"
    r = client.post(
        url,
        json={
            "name": "Dana Lee",
            "title": "Head of Engineering",
            "email": "dana@acme.example",
            "phone": "+1 (555) 010-2000",
            "role": "hiring_manager",
        },
        headers=alice.headers,
    )
    assert r.status_code == 201
    contact = r.json()
    r = client.patch(f"{url}/{contact['id']}", json={"role": "recruiter"}, headers=alice.headers)
    assert r.status_code == 200 and r.json()["role"] == "recruiter"
    assert [c["name"] for c in client.get(url, headers=alice.headers).json()] == ["Dana Lee"]
    assert client.delete(f"{url}/{contact['id']}", headers=alice.headers).status_code == 204
    assert client.get(url, headers=alice.headers).json() == []
    assert client.delete(f"{url}/{contact['id']}", headers=alice.headers).status_code == 404


@pytest.mark.parametrize(
    ("fields", "bad"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"phone": "call me"}, "phone"),
        ({"role": "boss"}, "role"),
        ({"name": ""}, "name"),
    ],
)
def test_contact_fields_are_validated(client: TestClient, alice: Person, fields, bad) -> None:
    url = create(client, alice).headers["location"] + "/contacts"
    r = client.post(url, json={"name": "Dana", **fields}, headers=alice.headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == bad


def test_a_contact_of_another_application_is_404(client: TestClient, alice: Person) -> None:
    one = create(client, alice).headers["location"]
    two = create(client, alice).headers["location"]
    contact = client.post(f"{one}/contacts", json={"name": "Dana"}, headers=alice.headers).json()
    r = client.patch(f"{two}/contacts/{contact['id']}", json={"name": "X"}, headers=alice.headers)
    assert r.status_code == 404


# --- timeline ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("interview", "interviewing"),
        ("rejection", "rejected"),
        ("offer", "offer"),
        ("withdrawn", "withdrawn"),
    ],
)
def test_status_follows_the_timeline(client: TestClient, alice: Person, kind, status) -> None:
    url = create(client, alice, applied_on="2026-03-02").headers["location"]
    r = client.post(
        f"{url}/events", json={"kind": kind, "occurred_on": "2026-03-10"}, headers=alice.headers
    )
    assert r.status_code == 201
    assert client.get(url, headers=alice.headers).json()["status"] == status


def test_deleting_the_status_event_restores_the_earlier_status(
    client: TestClient, alice: Person
) -> None:
    url = create(client, alice, applied_on="2026-03-02").headers["location"]
    event = client.post(
        f"{url}/events",
        json={"kind": "rejection", "occurred_on": "2026-03-10"},
        headers=alice.headers,
    ).json()
    assert client.delete(f"{url}/events/{event['id']}", headers=alice.headers).status_code == 204
    assert client.get(url, headers=alice.headers).json()["status"] == "applied"


def test_an_applied_event_fills_an_empty_applied_date(client: TestClient, alice: Person) -> None:
    url = create(client, alice).headers["location"]
    client.post(
        f"{url}/events",
        json={"kind": "applied", "occurred_on": "2026-03-04"},
        headers=alice.headers,
    )
    app = client.get(url, headers=alice.headers).json()
    assert app["applied_on"] == "2026-03-04" and app["status"] == "applied"


def test_a_response_records_its_news(client: TestClient, alice: Person) -> None:
    url = create(client, alice, applied_on="2026-03-02").headers["location"]
    news = {
        "position_still_open": True,
        "applicant_count": 120,
        "interviews_being_scheduled": True,
        "still_a_finalist": None,
        "still_under_consideration": None,
    }
    r = client.post(
        f"{url}/events",
        json={
            "kind": "response",
            "occurred_on": "2026-03-09",
            "channel": "email",
            "summary": "Recruiter replied",
            "news": news,
        },
        headers=alice.headers,
    )
    assert r.status_code == 201 and r.json()["news"] == news
    timeline = client.get(f"{url}/events", headers=alice.headers).json()
    assert [e["kind"] for e in timeline] == ["applied", "response"]


def test_news_belongs_only_on_a_response(client: TestClient, alice: Person) -> None:
    url = create(client, alice).headers["location"]
    r = client.post(
        f"{url}/events",
        json={"kind": "note", "news": {"applicant_count": 3}},
        headers=alice.headers,
    )
    assert r.status_code == 422


def test_event_date_defaults_to_today_in_the_users_time_zone(
    client: TestClient, alice: Person
) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    client.patch(f"{API}/me", json={"timezone": "Pacific/Kiritimati"}, headers=alice.headers)
    url = create(client, alice).headers["location"]
    r = client.post(f"{url}/events", json={"kind": "note", "summary": "Hi"}, headers=alice.headers)
    assert (
        r.json()["occurred_on"] == datetime.now(ZoneInfo("Pacific/Kiritimati")).date().isoformat()
    )


def test_deleting_an_application_deletes_its_children(client: TestClient, alice: Person) -> None:
    url = create(client, alice, applied_on="2026-03-02").headers["location"]
    client.post(f"{url}/contacts", json={"name": "Dana"}, headers=alice.headers)
    assert client.delete(url, headers=alice.headers).status_code == 204
    assert client.get(f"{url}/events", headers=alice.headers).status_code == 404


def test_an_id_beyond_the_column_range_is_422_not_a_crash(
    client: TestClient, alice: Person
) -> None:
    r = client.get(f"{API}/applications/{2**63}", headers=alice.headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "application_id"
