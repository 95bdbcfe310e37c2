"""GET /vocabulary serves the words the API itself takes, each with one label."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.openapi import spec
from tests.factories import Person


@pytest.fixture
def vocabulary(client: TestClient) -> dict[str, list[dict[str, str]]]:
    r = client.get("/api/v1/vocabulary")  # no session, no token: the words are public
    assert r.status_code == 200
    body: dict[str, list[dict[str, str]]] = r.json()
    return body


def enum(schema: str, field: str) -> list[str]:
    """The values the API's own schema allows for one field."""
    prop: dict[str, Any] = spec()["components"]["schemas"][schema]["properties"][field]
    for option in prop.get("anyOf", [prop]):
        if "enum" in option:
            values: list[str] = option["enum"]
            return values
    raise AssertionError(f"{schema}.{field} has no enum")


@pytest.mark.parametrize(
    ("name", "schema", "field"),
    [
        ("statuses", "ApplicationCreate", "status"),
        ("event_kinds", "EventCreate", "kind"),
        ("event_channels", "EventCreate", "channel"),
        ("channels", "TemplateCreate", "channel"),
        ("template_kinds", "TemplateCreate", "kind"),
        ("plan_states", "PlanPublic", "state"),
    ],
)
def test_each_list_is_the_apis_own_enum_in_order(
    vocabulary: dict[str, list[dict[str, str]]], name: str, schema: str, field: str
) -> None:
    assert [word["value"] for word in vocabulary[name]] == enum(schema, field)


def test_every_word_has_its_own_label(vocabulary: dict[str, list[dict[str, str]]]) -> None:
    for name, words in vocabulary.items():
        labels = [word["label"] for word in words]
        assert all(label.strip() for label in labels), name
        assert len(set(labels)) == len(labels), f"{name} has two words with one label"


def test_each_ask_pairs_a_template_kind_with_an_event_kind(
    vocabulary: dict[str, list[dict[str, str]]],
) -> None:
    asks = vocabulary["asks"]
    assert [a["event_kind"] for a in asks] == [
        k for k in enum("EventCreate", "kind") if k.endswith("_request")
    ]
    assert {a["template_kind"] for a in asks} <= set(enum("TemplateCreate", "kind"))


def test_each_answer_move_is_the_event_that_sets_its_status(
    client: TestClient, alice: Person
) -> None:
    moves = client.get("/api/v1/vocabulary").json()["answer_moves"]
    assert [m["status"] for m in moves] == ["interviewing", "rejected", "offer"]
    for move in moves:  # recording the event is the one click that moves the status
        body = {"company": "Globex", "position": "Analyst", "applied_on": "2026-03-02"}
        app = client.post("/api/v1/applications", json=body, headers=alice.headers).json()
        event = {"kind": move["event_kind"], "occurred_on": "2026-03-12"}
        path = f"/api/v1/applications/{app['id']}"
        assert client.post(f"{path}/events", json=event, headers=alice.headers).status_code == 201
        assert client.get(path, headers=alice.headers).json()["status"] == move["status"]
