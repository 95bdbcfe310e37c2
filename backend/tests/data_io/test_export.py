"""Exports: the CSV (inert cells, the plan's state) and the JSON that restores an account."""

import csv
import io
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.applications.models import Application
from app.auth.service import today_for
from tests.factories import Person, make_application, make_person

API = "/api/v1"


def test_the_csv_has_one_row_per_application_with_its_plan_and_inert_cells(
    client: TestClient, db: Session, alice: Person, bob: Person
) -> None:
    applied = (today_for(alice.user) - timedelta(days=8)).isoformat()
    app = make_application(db, alice.user, company="=HYPERLINK(1)", applied_on=applied)
    client.post(
        f"{API}/applications/{app.id}/contacts",
        json={"name": "@Grace", "email": "grace@acme.example"},
        headers=alice.headers,
    )
    make_application(db, alice.user, company="Plain", position="-1 tab\tin", notes="+x")
    make_application(db, bob.user, company="Bobs")
    r = client.get(f"{API}/export.csv", headers=alice.headers)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert [row["company"] for row in rows] == ["'=HYPERLINK(1)", "Plain"]
    first, second = rows
    assert (first["contact_name"], first["contact_email"]) == ("'@Grace", "grace@acme.example")
    assert first["status"] == "applied" and first["applied_on"] == applied
    assert first["plan_state"] == "due" and first["next_due_on"]
    assert second["position"] == "'-1 tab\tin" and second["notes"] == "'+x"


def test_the_csv_streams_in_batches(client: TestClient, db: Session, alice: Person) -> None:
    rows = [Application(owner_id=alice.user.id, company=f"B{i}", position="P") for i in range(1203)]
    db.add_all(rows)
    db.commit()
    with client.stream("GET", f"{API}/export.csv", headers=alice.headers) as r:
        chunks = list(r.iter_text())
    text = "".join(chunks)
    assert len(text.strip().splitlines()) == 1 + 1203
    assert len(chunks) >= 3  # the header and one chunk per batch of 500


def strip(document: dict[str, Any]) -> dict[str, Any]:
    """The export without ids and timestamps (what a restore cannot keep)."""
    out = {k: v for k, v in document.items() if k != "exported_at"}
    out["account"] = {k: v for k, v in document["account"].items() if k != "email"}
    policy = {p["id"]: i for i, p in enumerate(document["policies"])}
    template = {t["id"]: i for i, t in enumerate(document["templates"])}
    out["policies"] = [{**p, "id": None} for p in document["policies"]]
    out["templates"] = [{**t, "id": None} for t in document["templates"]]
    out["applications"] = [
        {
            **a,
            "imported_at": None,
            "policy_id": policy.get(a["policy_id"]),
            "events": [{**e, "template_id": template.get(e["template_id"])} for e in a["events"]],
        }
        for a in document["applications"]
    ]
    return out


def test_an_export_imported_into_an_empty_account_restores_it_exactly(
    client: TestClient, db: Session, alice: Person
) -> None:
    h = alice.headers
    client.patch(f"{API}/me", json={"timezone": "Europe/Berlin", "signature": "Alice"}, headers=h)
    policy = client.post(
        f"{API}/policies", json={"name": "Patient", "wait_days": 14}, headers=h
    ).json()
    template = client.post(
        f"{API}/templates",
        json={
            "kind": "follow_up",
            "channel": "email",
            "name": "Mine",
            "subject": "Hi",
            "body": "Hello {{ company }}",
        },
        headers=h,
    ).json()
    today = today_for(alice.user)
    one = client.post(
        f"{API}/applications",
        json={
            "company": "Acme",
            "position": "Dev",
            "applied_on": str(today - timedelta(days=9)),
            "posting_text": "No phone calls, please.",
            "policy_id": policy["id"],
        },
        headers=h,
    ).json()
    client.post(
        f"{API}/applications/{one['id']}/contacts",
        json={"name": "Grace", "email": "g@acme.example", "role": "recruiter"},
        headers=h,
    )
    client.post(
        f"{API}/applications/{one['id']}/events",
        json={"kind": "response", "summary": "wrote back", "news": {"applicant_count": 12}},
        headers=h,
    )
    two = client.post(
        f"{API}/applications", json={"company": "Globex", "position": "Ops"}, headers=h
    ).json()
    client.put(
        f"{API}/applications/{two['id']}/snooze",
        json={"until": str(today + timedelta(days=3))},
        headers=h,
    )
    exported = client.get(f"{API}/export.json", headers=h).json()
    assert (exported["format"], exported["version"]) == ("touchbase-export", 1)
    text = str(exported)
    for secret in ("password", "token", "secret", "argon2"):
        assert secret not in text
    assert template["id"] in [t["id"] for t in exported["templates"]] or exported["templates"]

    carol = make_person(db, "carol@example.com", "Carol")
    r = client.post(f"{API}/imports", json=exported, headers=carol.headers)
    assert r.status_code == 200, r.text
    assert r.json()["counts"]["create"] == 2
    again = client.get(f"{API}/export.json", headers=carol.headers).json()
    assert strip(again) == strip(exported)
    # And once more: nothing new.
    twice = client.post(f"{API}/imports", json=exported, headers=carol.headers).json()
    assert twice["counts"] == {"rows": 2, "create": 0, "duplicate": 2, "error": 0}


def test_a_document_that_is_not_an_export_is_a_problem_naming_the_field(
    client: TestClient, alice: Person
) -> None:
    r = client.post(f"{API}/imports", json={"format": "other", "version": 1}, headers=alice.headers)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "format"
