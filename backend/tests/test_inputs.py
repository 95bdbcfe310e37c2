"""Strict inputs: a date is YYYY-MM-DD (never a number, an empty string or a date-time), and
typed query parameters take what the spec says, with no silent coercion; each refusal is a
422 problem naming the field."""

from typing import Any

import jsonschema_rs  # schemathesis's own validator
import pytest
import yaml
from fastapi.testclient import TestClient

from app.config import REPO_DIR
from tests.factories import Person

API = "/api/v1"
NOT_DATES = [0, "0", "", "2026-03-02T00:00:00", "2026-3-2", "20260302", "2026-02-30"]
SIMULATED = {"status": "applied", "applied_on": "2026-03-02"}


def new_app(client: TestClient, person: Person) -> int:
    body = {"company": "Acme", "position": "Engineer", "applied_on": "2026-03-02"}
    r = client.post(f"{API}/applications", json=body, headers=person.headers)
    assert r.status_code == 201, r.text
    return r.json()["id"]


def refused(r: Any, field: str) -> None:
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in r.json()["errors"]] == [field]


@pytest.mark.parametrize("value", NOT_DATES)
def test_a_date_in_a_query_is_a_calendar_date(
    client: TestClient, alice: Person, value: object
) -> None:
    app_id = new_app(client, alice)
    plan = client.get(
        f"{API}/applications/{app_id}/plan", params={"on": value}, headers=alice.headers
    )
    refused(plan, "on")
    for name in ("on", "until"):
        r = client.get(f"{API}/follow-ups", params={name: value}, headers=alice.headers)
        refused(r, name)


@pytest.mark.parametrize("value", NOT_DATES)
def test_a_date_in_a_body_is_a_calendar_date(
    client: TestClient, alice: Person, value: object
) -> None:
    app_id = new_app(client, alice)
    calls = [
        (f"/applications/{app_id}/events", {"kind": "note", "occurred_on": value}, "occurred_on"),
        ("/applications", {"company": "A", "position": "B", "applied_on": value}, "applied_on"),
        ("/postings/analyze", {"text": "Hiring.", "reference_date": value}, "reference_date"),
        ("/policies/simulate", {"application": SIMULATED, "on": value}, "on"),
        (
            "/policies/simulate",
            {
                "application": SIMULATED,
                "on": "2026-03-10",
                "events": [{"kind": "note", "occurred_on": value}],
            },
            "events.0.occurred_on",
        ),
        (f"/applications/{app_id}/follow-ups", {"channel": "email", "sent_on": value}, "sent_on"),
    ]
    for path, body, field in calls:
        refused(client.post(API + path, json=body, headers=alice.headers), field)


def test_a_real_date_is_taken(client: TestClient, alice: Person) -> None:
    app_id = new_app(client, alice)
    r = client.get(f"{API}/applications/{app_id}/plan?on=2026-03-10", headers=alice.headers)
    assert r.status_code == 200 and r.json()["due_on"] == "2026-03-09"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=1.0", "limit"),
        ("limit=+5", "limit"),
        ("limit=%205", "limit"),
        ("archived=1", "archived"),
        ("archived=yes", "archived"),
        ("archived=True", "archived"),
        ("sort=COMPANY", "sort"),
        ("status=Applied", "status"),
    ],
)
def test_typed_query_parameters_are_not_coerced(
    client: TestClient, alice: Person, query: str, field: str
) -> None:
    refused(client.get(f"{API}/applications?{query}", headers=alice.headers), field)


def test_typed_query_parameters_take_what_the_spec_says(client: TestClient, alice: Person) -> None:
    new_app(client, alice)
    r = client.get(f"{API}/applications?limit=5&archived=false", headers=alice.headers)
    assert r.status_code == 200 and len(r.json()["items"]) == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "P", "is_default": 0}, "is_default"),
        ({"name": "P", "business_days": "true"}, "business_days"),
        ({"name": "P", "wait_days": "7"}, "wait_days"),
        ({"name": "P", "wait_days": 7.5}, "wait_days"),
    ],
)
def test_body_scalars_are_not_coerced(
    client: TestClient, alice: Person, body: dict, field: str
) -> None:
    refused(client.post(f"{API}/policies", json=body, headers=alice.headers), field)


def test_a_whole_number_may_be_written_as_json_allows(client: TestClient, alice: Person) -> None:
    r = client.post(f"{API}/policies", json={"name": "P", "wait_days": 7.0}, headers=alice.headers)
    assert r.status_code == 201 and r.json()["wait_days"] == 7


def test_an_email_at_a_special_use_domain_is_an_email(client: TestClient, alice: Person) -> None:
    """The spec's format: email takes any domain; Touchbase sends no mail to refuse it for."""
    app_id = new_app(client, alice)
    body = {"name": "Sam", "email": "sam@team.test"}
    r = client.post(f"{API}/applications/{app_id}/contacts", json=body, headers=alice.headers)
    assert r.status_code == 201, r.text
    assert r.json()["email"] == "sam@team.test"


SCHEMAS = yaml.safe_load((REPO_DIR / "openapi.yaml").read_text())["components"]["schemas"]


@pytest.mark.parametrize(
    ("schema", "body", "valid"),
    [
        ("TemplateUpdate", {"body": "Hi"}, True),
        ("TemplateUpdate", {"channel": "phone", "subject": None}, True),
        ("TemplateUpdate", {"channel": "phone", "subject": "Hi"}, False),
        ("TemplateUpdate", {"channel": "email", "subject": None}, False),
        (
            "TemplateCreate",
            {"kind": "follow_up", "channel": "email", "name": "n", "body": "b"},
            False,
        ),
        ("EventCreate", {"kind": "note", "news": {"position_still_open": True}}, False),
        ("EventCreate", {"kind": "response", "news": {"position_still_open": True}}, True),
        ("ApplicationUpdate", {"no_phone_calls": None}, False),
        ("PolicyCreate", {"name": "P", "holiday_country": "de"}, False),
        ("TokenCreate", {"name": "t", "scopes": ["write"]}, False),
        ("TokenCreate", {"name": "t", "scopes": ["read", "write"]}, True),
    ],
)
def test_the_spec_states_the_cross_field_rules(schema: str, body: dict, valid: bool) -> None:
    """A client validating against the committed spec is refused what the API refuses."""
    document = {**SCHEMAS[schema], "components": {"schemas": SCHEMAS}}
    errors = list(jsonschema_rs.Draft202012Validator(document).iter_errors(body))
    assert (not errors) == valid, [e.message for e in errors]


@pytest.mark.parametrize("name", ["\t", " ", "\x1f", "\u3000 "])
def test_a_blank_name_is_refused_not_a_server_error(client: TestClient, name: str) -> None:
    body = {"email": "new@example.com", "name": name, "password": "correct horse battery"}
    refused(client.post(f"{API}/auth/register", json=body), "name")
