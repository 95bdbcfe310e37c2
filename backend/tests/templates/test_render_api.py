"""Filling templates in through the API: render, preview, addresses, mailto, and hostile input."""

import time
from datetime import timedelta
from typing import Any
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth.models import User
from app.auth.service import today_for
from app.templates.variables import sample_values, written_date
from tests.factories import Person, make_application
from tests.templates.test_rendering import PAYLOADS

API = "/api/v1"
PROBLEM = "https://touchbase.dev/problems/"


def application(db: Session, person: Person, **overrides: Any) -> int:
    applied = today_for(person.user) - timedelta(days=8)
    fields = {
        "company": "Northwind",
        "position": "Data Analyst",
        "applied_on": applied,
        **overrides,
    }
    app = make_application(db, person.user, **fields)
    return app.id  # type: ignore[return-value]


def add_contact(client: TestClient, person: Person, app_id: int, **fields: Any) -> None:
    r = client.post(f"{API}/applications/{app_id}/contacts", json=fields, headers=person.headers)
    assert r.status_code == 201, r.text


def render(client: TestClient, person: Person, app_id: int, template_id: str) -> Any:
    return client.post(
        f"{API}/applications/{app_id}/render",
        json={"template_id": template_id},
        headers=person.headers,
    )


def preview(client: TestClient, person: Person, **body: Any) -> Any:
    return client.post(f"{API}/templates/preview", json=body, headers=person.headers)


def own_template(client: TestClient, person: Person, **fields: Any) -> str:
    data = {"kind": "follow_up", "channel": "email", "name": "Mine", "subject": "Hi", **fields}
    r = client.post(f"{API}/templates", json=data, headers=person.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def test_render_a_builtin_addresses_the_hiring_manager_by_email(
    client: TestClient, db: Session, alice: Person
) -> None:
    app_id = application(db, alice)
    add_contact(
        client, alice, app_id, name="Sam Recruiter", email="sam@nw.example", role="recruiter"
    )
    add_contact(client, alice, app_id, name="Dr. Jordan Lee", email="jordan@nw.example")
    r = render(client, alice, app_id, "builtin-follow-up-email")
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["channel"] == "email"
    assert out["subject"] == "Following up on my application for Data Analyst"
    assert out["body"].startswith("Dear Jordan,\n\nMy name is Alice Adams")
    applied = written_date(today_for(alice.user) - timedelta(days=8))
    assert f"Data Analyst position at Northwind on {applied}." in out["body"]
    assert out["to"] == "jordan@nw.example"
    assert out["mailto"].startswith("mailto:jordan@nw.example?subject=Following%20up")
    assert {"variable": "signature", "used": "Alice Adams"} in out["fallbacks"]


def test_render_without_a_contact_falls_back_to_hiring_manager(
    client: TestClient, db: Session, alice: Person
) -> None:
    app_id = application(db, alice, applied_on=None)
    out = render(client, alice, app_id, "builtin-follow-up-email").json()
    assert out["body"].startswith("Dear Hiring Manager,")
    assert out["to"] is None
    assert out["mailto"].startswith("mailto:?subject=")
    fallbacks = {f["variable"]: f["used"] for f in out["fallbacks"]}
    assert fallbacks["contact_name"] == "Hiring Manager"
    assert fallbacks["contact_first_name"] == "Hiring Manager"
    assert fallbacks["applied_on"] == "recently"


def test_without_the_channels_address_the_first_contact_who_has_one_is_used(
    client: TestClient, db: Session, alice: Person
) -> None:
    app_id = application(db, alice)
    add_contact(client, alice, app_id, name="Jordan Lee", phone="+1 555 0100")
    add_contact(client, alice, app_id, name="Sam Ray", email="sam@nw.example", role="recruiter")
    out = render(client, alice, app_id, "builtin-follow-up-email").json()
    assert out["to"] == "sam@nw.example"
    assert out["body"].startswith("Dear Sam,")


def test_phone_template_goes_to_the_contacts_phone_without_mailto(
    client: TestClient, db: Session, alice: Person
) -> None:
    app_id = application(db, alice)
    add_contact(client, alice, app_id, name="Jordan Lee", email="j@nw.example", phone="+1 555 0100")
    out = render(client, alice, app_id, "builtin-follow-up-phone").json()
    assert out["channel"] == "phone"
    assert out["to"] == "+1 555 0100"
    assert out["subject"] is None and out["mailto"] is None
    assert "[Ask for Jordan Lee.]" in out["body"]


def test_mailto_encodes_subject_and_body_with_crlf(
    client: TestClient, db: Session, alice: Person
) -> None:
    app_id = application(db, alice, company="R&D Labs")
    add_contact(client, alice, app_id, name="Jordan Lee", email="jordan@rd.example")
    template_id = own_template(
        client,
        alice,
        subject="Q&A: {{ position }}?",
        body="Hi {{ contact_first_name }},\n{{ company }} & co",
    )
    out = render(client, alice, app_id, template_id).json()
    link = out["mailto"]
    assert link == (
        "mailto:jordan@rd.example?subject=Q%26A%3A%20Data%20Analyst%3F"
        "&body=Hi%20Jordan%2C%0D%0AR%26D%20Labs%20%26%20co"
    )
    assert unquote(link.split("&body=")[1]) == "Hi Jordan,\r\nR&D Labs & co"


def test_a_long_body_renders_but_gets_no_mailto(
    client: TestClient, db: Session, alice: Person
) -> None:
    app_id = application(db, alice)
    template_id = own_template(client, alice, body="{{ company }} " + "word " * 400)
    out = render(client, alice, app_id, template_id).json()
    assert len(out["body"]) > 2000
    assert out["mailto"] is None


def test_output_past_20_kb_is_render_too_large(
    client: TestClient, db: Session, alice: Person
) -> None:
    app_id = application(db, alice, company="C" * 200)
    template_id = own_template(client, alice, body="{{ company }}" * 150)
    r = render(client, alice, app_id, template_id)
    assert r.status_code == 422
    assert r.json()["type"] == PROBLEM + "render-too-large"
    assert r.json()["field"] == "body"


def test_render_unknown_or_another_users_template_is_422_naming_it(
    client: TestClient, db: Session, alice: Person, bob: Person
) -> None:
    app_id = application(db, alice)
    bobs = own_template(client, bob, body="Bob's")
    for template_id in ("builtin-nope", "424242", bobs):
        r = render(client, alice, app_id, template_id)
        assert r.status_code == 422, template_id
        assert r.json()["type"] == PROBLEM + "unknown-template"
        assert r.json()["errors"][0]["field"] == "template_id"
        assert "Bob" not in r.text
    bobs_app = application(db, bob)
    assert render(client, alice, bobs_app, "builtin-follow-up-email").status_code == 404


def test_user_details_fill_the_applicant_variables(
    client: TestClient, db: Session, alice: Person
) -> None:
    user = db.get(User, alice.user.id)
    assert user is not None
    user.phone, user.signature = "+1 555 0199", "Alice A.\nData person"
    db.add(user)
    db.commit()
    app_id = application(db, alice)
    template_id = own_template(
        client, alice, body="{{ applicant_first_name }} {{ applicant_phone }}\n{{ signature }}"
    )
    out = render(client, alice, app_id, template_id).json()
    assert out["body"] == "Alice +1 555 0199\nAlice A.\nData person"
    assert all(f["variable"] not in ("signature", "applicant_phone") for f in out["fallbacks"])


def test_preview_uses_sample_values_without_an_application(
    client: TestClient, alice: Person
) -> None:
    r = preview(
        client, alice, channel="email", subject="{{ position }}", body="Dear {{ contact_name }},"
    )
    assert r.status_code == 200, r.text
    sample = sample_values(today_for(alice.user))
    assert r.json() == {
        "channel": "email",
        "subject": sample["position"],
        "body": f"Dear {sample['contact_name']},",
        "to": None,
        "mailto": r.json()["mailto"],
        "fallbacks": [],
    }
    assert r.json()["mailto"].startswith("mailto:?subject=Senior%20Data%20Analyst")


def test_preview_with_an_application_uses_its_values(
    client: TestClient, db: Session, alice: Person
) -> None:
    app_id = application(db, alice)
    add_contact(client, alice, app_id, name="Jordan Lee", phone="+1 555 0100")
    r = preview(
        client,
        alice,
        channel="phone",
        body="Call {{ contact_name }} at {{ company }}",
        application_id=app_id,
    )
    assert r.status_code == 200, r.text
    assert r.json()["body"] == "Call Jordan Lee at Northwind"
    assert r.json()["to"] == "+1 555 0100"
    assert r.json()["subject"] is None and r.json()["mailto"] is None


def test_preview_of_another_users_application_is_422_naming_it(
    client: TestClient, db: Session, alice: Person, bob: Person
) -> None:
    bobs_app = application(db, bob)
    r = preview(client, alice, channel="email", body="Hi", application_id=bobs_app)
    assert r.status_code == 422
    assert r.json()["type"] == PROBLEM + "unknown-application"
    assert r.json()["errors"][0]["field"] == "application_id"


def test_preview_errors_name_the_field_and_line(client: TestClient, alice: Person) -> None:
    r = preview(
        client, alice, channel="email", subject="ok", body="line one\n\n{{ company.__class__ }}"
    )
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    [error] = r.json()["errors"]
    assert (error["field"], error["line"], error["loc"]) == ("body", 3, ["body", "body"])
    assert "attribute" in error["message"]
    phone = preview(client, alice, channel="phone", subject="no", body="Hi")
    assert phone.status_code == 422
    assert phone.json()["errors"][0]["field"] == "subject"


def test_html_stays_literal_in_templates_and_values(
    client: TestClient, db: Session, alice: Person
) -> None:
    app_id = application(db, alice, company="<b>Acme</b> {{ 7*7 }}")
    body = "<script>alert(1)</script> &amp; {{ company }}"
    out = preview(
        client, alice, channel="email", subject="<i>x</i>", body=body, application_id=app_id
    )
    assert out.status_code == 200, out.text
    assert out.json()["body"] == "<script>alert(1)</script> &amp; <b>Acme</b> {{ 7*7 }}"
    assert out.json()["subject"] == "<i>x</i>"


HOSTILE = PAYLOADS[::4]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_payloads_are_refused_quickly_by_create_and_preview(
    client: TestClient, alice: Person, payload: str
) -> None:
    started = time.perf_counter()
    created = client.post(
        f"{API}/templates",
        json={
            "kind": "follow_up",
            "channel": "email",
            "name": "x",
            "subject": "s",
            "body": payload,
        },
        headers=alice.headers,
    )
    previewed = preview(client, alice, channel="email", subject=payload, body="fine")
    assert time.perf_counter() - started < 2
    for r in (created, previewed):
        assert r.status_code == 422, (payload, r.text)
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["errors"]


@pytest.mark.parametrize("body", ["{{ company|trim(5) }}", "{{ company|trim(true) }}"])
def test_filter_arguments_of_the_wrong_type_are_refused_not_a_server_error(
    client: TestClient, db: Session, alice: Person, body: str
) -> None:
    r = preview(client, alice, channel="phone", body=body, application_id=application(db, alice))
    assert r.status_code == 422
    assert r.json()["errors"][0]["line"] == 1


def test_an_application_id_past_the_databases_range_is_refused(
    client: TestClient, alice: Person
) -> None:
    r = render_at(client, alice, "99999999999999999999")
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"


def render_at(client: TestClient, person: Person, app_id: str) -> Any:
    return client.post(
        f"{API}/applications/{app_id}/render",
        json={"template_id": "builtin-follow-up-email"},
        headers=person.headers,
    )
