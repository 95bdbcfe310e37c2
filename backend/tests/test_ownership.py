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


def bobs_ids(client: TestClient, db: Session, bob: Person) -> dict[str, int | str]:
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
    hook = {"url": "https://hooks.example.com/bob", "event_types": ["application.created"]}
    webhook = client.post(f"{API}/webhooks", json=hook, headers=bob.headers).json()
    ping = client.post(f"{API}/webhooks/{webhook['id']}/ping", headers=bob.headers).json()
    return {
        "application_id": app.id,  # type: ignore[dict-item]
        "contact_id": contact["id"],
        "event_id": event["id"],
        "token_id": token["id"],
        "policy_id": policy.id,  # type: ignore[dict-item]
        "template_id": template.id,  # type: ignore[dict-item]
        "finding": "no_phone_calls",  # a posting question of Bob's application
        "webhook_id": webhook["id"],
        "delivery_id": ping["id"],
    }


# Path parameters that are not owned ids, and where their own tests prove them.
NOT_OWNED = {
    "secret": "a calendar feed URL is a capability: tests/followups/test_calendar.py",
    "token": "an unsubscribe link is a signed capability: tests/notifications/test_router.py",
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


def _input_models() -> list[type]:
    """Every request-body model the app declares."""
    from app.inputs import InputModel

    found, todo = [], [InputModel]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return found


# Each id a request body may name, the request that names it, and where it goes.
# (method, path, body) with {app} for Alice's application; {id} is Bob's object's id.
FOREIGN_ID_FIELDS = {
    ("ApplicationCreate", "policy_id"): ("POST", "/applications", "policy_id"),
    ("ApplicationUpdate", "policy_id"): ("PATCH", "/applications/{app}", "policy_id"),
    ("SimulateRequest", "policy_id"): ("POST", "/policies/simulate", "policy_id"),
    ("FollowUpCreate", "template_id"): ("POST", "/applications/{app}/follow-ups", "template_id"),
    ("RenderRequest", "template_id"): ("POST", "/applications/{app}/render", "template_id"),
    ("PreviewRequest", "application_id"): ("POST", "/templates/preview", "application_id"),
}
BODIES = {
    "/applications": {"company": "Acme", "position": "Dev"},
    "/applications/{app}": {},
    "/policies/simulate": {"application": {}, "events": [], "on": "2026-03-10"},
    "/applications/{app}/follow-ups": {"channel": "email", "override_reason": "testing"},
    "/applications/{app}/render": {},
    "/templates/preview": {"channel": "email", "subject": "Hi", "body": "Hello"},
}


def test_every_id_field_of_a_request_body_is_in_the_foreign_id_matrix() -> None:
    fields = {
        (model.__name__, name)
        for model in _input_models()
        for name in model.model_fields
        if name.endswith("_id")
    }
    assert fields == set(FOREIGN_ID_FIELDS), "add the new field to FOREIGN_ID_FIELDS"


def test_another_users_id_in_a_request_body_is_422_naming_the_field(
    client: TestClient, db: Session, alice: Person, bob: Person
) -> None:
    ids = bobs_ids(client, db, bob)
    mine = make_application(db, alice.user, applied_on="2026-03-02")
    events = f"{API}/applications/{mine.id}/events"
    before = client.get(events, headers=alice.headers).json()
    for (model, _), (method, path, field) in FOREIGN_ID_FIELDS.items():
        body = {**BODIES[path], field: ids[field]}
        if field == "template_id" and model == "RenderRequest":
            body[field] = str(ids[field])
        url = API + path.format(app=mine.id)
        r = client.request(method, url, json=body, headers=alice.headers)
        assert r.status_code == 422, f"{model}.{field}: {r.status_code} {r.text}"
        assert r.headers["content-type"] == "application/problem+json"
        assert [e["field"] for e in r.json()["errors"]] == [field], model
    assert client.get(events, headers=alice.headers).json() == before  # nothing stored
    listed = client.get(f"{API}/applications", headers=alice.headers).json()["items"]
    assert [a["id"] for a in listed] == [mine.id]
