"""No user ever sees another user's data: every route with an id, driven from the route table.

A route whose path names an id this matrix does not know fails the test until it is added.
"""

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.followups.models import Policy
from app.templates.models import Template
from tests.factories import Person, make_application

API = "/api/v1"


def bobs_ids(client: TestClient, db: Session, bob: Person) -> dict[str, int]:
    """One of each of Bob's things, by the path parameter that names it."""
    app = make_application(db, bob.user, applied_on="2026-03-02")
    base = f"{API}/applications/{app.id}"
    contact = client.post(f"{base}/contacts", json={"name": "Dana"}, headers=bob.headers).json()
    event = client.post(f"{base}/events", json={"kind": "note"}, headers=bob.headers).json()
    token = client.get(f"{API}/tokens", headers=bob.headers).json()[0]
    policy = Policy(owner_id=bob.user.id, name="Weekly check-ins")  # type: ignore[arg-type]
    template = Template(
        owner_id=bob.user.id,
        kind="follow_up",
        channel="email",  # type: ignore[arg-type]
        name="Mine",
        subject="Hi",
        body="Hello",
    )
    db.add_all([policy, template])
    db.commit()
    return {
        "application_id": app.id,  # type: ignore[dict-item]
        "contact_id": contact["id"],
        "event_id": event["id"],
        "token_id": token["id"],
        "policy_id": policy.id,  # type: ignore[dict-item]
        "template_id": template.id,  # type: ignore[dict-item]
    }


# Path parameters that are not owned ids, and where their own tests prove them.
NOT_OWNED = {
    "secret": "a calendar feed URL is a capability: tests/followups/test_calendar.py",
}


def test_every_route_with_an_id_is_404_for_another_user(
    app: FastAPI, client: TestClient, db: Session, alice: Person, bob: Person
) -> None:
    ids = bobs_ids(client, db, bob)
    before = client.get(f"{API}/applications/{ids['application_id']}", headers=bob.headers).json()
    checked = []
    for path, operations in app.openapi()["paths"].items():
        params = re.findall(r"{(\w+)}", path)
        if not params or set(params) & NOT_OWNED.keys():
            continue
        unknown = [p for p in params if p not in ids]
        assert not unknown, f"{path}: add {unknown} to the ownership matrix"
        url = path.format(**ids)
        for method in operations:
            r = client.request(method, url, json={}, headers=alice.headers)
            assert r.status_code == 404, f"{method.upper()} {path} gave {r.status_code}"
            assert r.headers["content-type"] == "application/problem+json"
            checked.append(f"{method.upper()} {path}")
    after = client.get(f"{API}/applications/{ids['application_id']}", headers=bob.headers).json()
    assert after == before
    assert (
        len(
            client.get(
                f"{API}/applications/{ids['application_id']}/contacts", headers=bob.headers
            ).json()
        )
        == 1
    )
    assert (
        len(
            client.get(
                f"{API}/applications/{ids['application_id']}/events", headers=bob.headers
            ).json()
        )
        == 2
    )
    assert client.get(f"{API}/me", headers=bob.headers).status_code == 200
    assert len(checked) >= 10


def test_lists_never_include_another_users_rows(
    client: TestClient, db: Session, alice: Person, bob: Person
) -> None:
    bobs_ids(client, db, bob)
    assert client.get(f"{API}/applications", headers=alice.headers).json()["items"] == []
    tokens = client.get(f"{API}/tokens", headers=alice.headers).json()
    assert len(tokens) == 1  # only her own
