"""The template library through the API: list, CRUD, built-ins read-only, copy, variables."""

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.templates.builtins import BUILTINS
from app.templates.models import Template
from app.templates.service import MAX_TEMPLATES
from app.templates.variables import VARIABLES
from tests.factories import Person

API = "/api/v1/templates"
PROBLEM = "https://touchbase.dev/problems/"


def email_template(**overrides: Any) -> dict[str, Any]:
    return {
        "kind": "follow_up",
        "channel": "email",
        "name": "Short nudge",
        "subject": "About {{ position }}",
        "body": "Hi {{ contact_first_name }},\n\nStill keen on {{ position }}.\n\n{{ signature }}",
        **overrides,
    }


def create(client: TestClient, person: Person, **overrides: Any) -> dict[str, Any]:
    r = client.post(API, json=email_template(**overrides), headers=person.headers)
    assert r.status_code == 201, r.text
    return r.json()


def test_list_shows_every_builtin_read_only_then_the_callers_own(
    client: TestClient, alice: Person, bob: Person
) -> None:
    mine = create(client, alice)
    create(client, bob, name="Bob's")
    items = client.get(API, headers=alice.headers).json()
    assert [t["id"] for t in items] == [b.key for b in BUILTINS] + [mine["id"]]
    assert all(t["builtin"] and not t["editable"] for t in items[:-1])
    assert items[-1]["builtin"] is False and items[-1]["editable"] is True
    assert items[0]["created_at"] is None


def test_list_filters_by_kind_and_channel(client: TestClient, alice: Person) -> None:
    create(client, alice, kind="feedback_request")
    create(client, alice, kind="follow_up", channel="phone", subject=None)
    phone = client.get(API, params={"channel": "phone"}, headers=alice.headers).json()
    assert {t["channel"] for t in phone} == {"phone"}
    assert sum(not t["builtin"] for t in phone) == 1
    feedback = client.get(API, params={"kind": "feedback_request"}, headers=alice.headers).json()
    assert {t["kind"] for t in feedback} == {"feedback_request"}
    assert [t["builtin"] for t in feedback] == [True, True, False]  # by email and by phone
    both = client.get(
        API, params={"kind": "follow_up", "channel": "phone"}, headers=alice.headers
    ).json()
    assert [t["id"] for t in both][0] == "builtin-follow-up-phone"
    assert len(both) == 2
    bad = client.get(API, params={"kind": "cold_call"}, headers=alice.headers)
    assert bad.status_code == 422


def test_create_get_update_delete(client: TestClient, alice: Person) -> None:
    created = create(client, alice)
    assert created["id"].isdigit()
    url = f"{API}/{created['id']}"
    assert client.get(url, headers=alice.headers).json() == created
    r = client.patch(
        url, json={"name": "Renamed", "body": "Hello {{ company }}"}, headers=alice.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "Renamed"
    assert r.json()["subject"] == created["subject"]
    assert r.json()["updated_at"] >= created["updated_at"]
    assert client.delete(url, headers=alice.headers).status_code == 204
    gone = client.get(url, headers=alice.headers)
    assert gone.status_code == 404
    assert gone.json()["type"] == PROBLEM + "template-not-found"


def test_create_answers_with_its_location(client: TestClient, alice: Person) -> None:
    r = client.post(API, json=email_template(), headers=alice.headers)
    assert r.headers["location"] == f"{API}/{r.json()['id']}"


def test_switching_to_phone_requires_dropping_the_subject(
    client: TestClient, alice: Person
) -> None:
    url = f"{API}/{create(client, alice)['id']}"
    # Alone, the change is valid; it clashes with the stored subject: a conflict.
    refused = client.patch(url, json={"channel": "phone"}, headers=alice.headers)
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["field"] == "subject"
    # Sent together, a phone channel and a subject are an invalid request.
    both = client.patch(url, json={"channel": "phone", "subject": "Hi"}, headers=alice.headers)
    assert both.status_code == 422
    r = client.patch(url, json={"channel": "phone", "subject": None}, headers=alice.headers)
    assert r.status_code == 200, r.text
    assert r.json()["subject"] is None


def test_phone_template_with_a_subject_is_refused(client: TestClient, alice: Person) -> None:
    r = client.post(API, json=email_template(channel="phone"), headers=alice.headers)
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    error = r.json()["errors"][0]
    assert error["loc"] == ["body", "subject"]
    assert error["field"] == "subject"


def test_email_template_needs_a_subject(client: TestClient, alice: Person) -> None:
    r = client.post(API, json=email_template(subject=None), headers=alice.headers)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "subject"


def test_invalid_template_names_each_problem_with_field_and_line(
    client: TestClient, alice: Person
) -> None:
    body = "Hi {{ contact_name }},\n\n{{ compny }}\n{% for x in company %}{% endfor %}"
    r = client.post(
        API, json=email_template(subject="{{ position", body=body), headers=alice.headers
    )
    assert r.status_code == 422
    problem = r.json()
    assert problem["type"] == PROBLEM + "invalid-template"
    errors = problem["errors"]
    assert [(e["field"], e["line"]) for e in errors] == [("subject", 1), ("body", 3), ("body", 4)]
    assert all(e["loc"] == ["body", e["field"]] for e in errors)
    assert 'did you mean "company"' in errors[1]["message"]
    assert "for" in errors[2]["message"]
    assert "body line 3" in problem["detail"]


def test_unknown_fields_and_long_names_are_refused(client: TestClient, alice: Person) -> None:
    r = client.post(API, json=email_template(owner_id=2), headers=alice.headers)
    assert r.status_code == 422
    r = client.post(API, json=email_template(name="x" * 101), headers=alice.headers)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "name"


def test_update_is_checked_like_create(client: TestClient, alice: Person) -> None:
    url = f"{API}/{create(client, alice)['id']}"
    r = client.patch(url, json={"body": "{{ company.__class__ }}"}, headers=alice.headers)
    assert r.status_code == 422
    assert r.json()["errors"][0]["line"] == 1
    assert client.patch(url, json={"name": None}, headers=alice.headers).status_code == 422
    assert client.get(url, headers=alice.headers).json()["body"].startswith("Hi")


def test_builtins_can_be_read_but_not_changed_or_deleted(client: TestClient, alice: Person) -> None:
    url = f"{API}/builtin-follow-up-email"
    got = client.get(url, headers=alice.headers)
    assert got.status_code == 200
    assert got.json()["builtin"] is True and got.json()["subject"]
    for r in (
        client.patch(url, json={"name": "Mine now"}, headers=alice.headers),
        client.delete(url, headers=alice.headers),
    ):
        assert r.status_code == 403
        assert r.json()["type"] == PROBLEM + "builtin-template-read-only"
    assert client.get(url, headers=alice.headers).json() == got.json()


def test_unknown_and_odd_ids_are_404(client: TestClient, alice: Person) -> None:
    for template_id in ("builtin-nope", "999999", "99999999999999999999", "0", "007", "abc"):
        r = client.get(f"{API}/{template_id}", headers=alice.headers)
        assert r.status_code == 404, template_id


def test_another_users_template_is_404_everywhere(
    client: TestClient, alice: Person, bob: Person
) -> None:
    url = f"{API}/{create(client, bob)['id']}"
    assert client.get(url, headers=alice.headers).status_code == 404
    assert client.patch(url, json={"name": "x"}, headers=alice.headers).status_code == 404
    assert client.delete(url, headers=alice.headers).status_code == 404
    assert client.post(f"{url}/copy", headers=alice.headers).status_code == 404
    assert client.get(url, headers=bob.headers).json()["name"] == "Short nudge"


def test_copy_a_builtin_makes_an_editable_template_of_ones_own(
    client: TestClient, alice: Person
) -> None:
    builtin = client.get(f"{API}/builtin-follow-up-phone", headers=alice.headers).json()
    r = client.post(f"{API}/builtin-follow-up-phone/copy", headers=alice.headers)
    assert r.status_code == 201
    copy = r.json()
    assert copy["name"] == builtin["name"] + " (copy)"
    assert copy["builtin"] is False and copy["editable"] is True
    assert (copy["kind"], copy["channel"], copy["subject"], copy["body"]) == (
        builtin["kind"],
        builtin["channel"],
        None,
        builtin["body"],
    )
    r = client.patch(f"{API}/{copy['id']}", json={"name": "My call"}, headers=alice.headers)
    assert r.status_code == 200


def test_copy_of_ones_own_template_keeps_the_name_within_100_characters(
    client: TestClient, alice: Person
) -> None:
    original = create(client, alice, name="n" * 100)
    copy = client.post(f"{API}/{original['id']}/copy", headers=alice.headers).json()
    assert len(copy["name"]) == 100 and copy["name"].endswith(" (copy)")
    assert copy["id"] != original["id"]


def test_at_most_200_templates_per_user(
    client: TestClient, db: Session, alice: Person, bob: Person
) -> None:
    rows = [
        Template(
            owner_id=alice.user.id,  # type: ignore[arg-type]
            kind="follow_up",
            channel="email",
            name=f"t{i}",
            subject="s",
            body="b",
        )
        for i in range(MAX_TEMPLATES)
    ]
    db.add_all(rows)
    db.commit()
    r = client.post(API, json=email_template(), headers=alice.headers)
    assert r.status_code == 409
    assert r.json()["type"] == PROBLEM + "template-limit-reached"
    copy = client.post(f"{API}/builtin-follow-up-email/copy", headers=alice.headers)
    assert copy.status_code == 409
    assert client.post(API, json=email_template(), headers=bob.headers).status_code == 201


def test_variables_lists_every_placeholder_with_an_example(
    client: TestClient, alice: Person
) -> None:
    r = client.get(f"{API}/variables", headers=alice.headers)
    assert r.status_code == 200
    variables = r.json()
    assert [v["name"] for v in variables] == [v.name for v in VARIABLES]
    assert all(v["description"] and v["example"] for v in variables)
    contact = next(v for v in variables if v["name"] == "contact_name")
    assert "Hiring Manager" in contact["description"]


def test_templates_need_a_signed_in_user(client: TestClient) -> None:
    assert client.get(API).status_code == 401
    assert client.get(f"{API}/variables").status_code == 401
    assert client.post(f"{API}/preview", json={"channel": "email", "body": "x"}).status_code == 401
