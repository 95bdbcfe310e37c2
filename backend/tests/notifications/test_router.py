"""Notification settings, the test email and the unsubscribe link, through the API."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.config import Settings
from app.db import writer
from app.notifications import digest, tokens
from tests.factories import Person
from tests.notifications.conftest import due_now, wants_digest_now, worker
from tests.smtp import Inbox

API = "/api/v1"


def test_settings_start_at_the_defaults_and_say_when_mail_is_off(
    client: TestClient, alice: Person
) -> None:
    r = client.get(f"{API}/me/notifications", headers=alice.headers)
    assert r.status_code == 200
    assert r.json() == {
        "digest_enabled": True,
        "digest_hour": 8,
        "weekdays_only": True,
        "timezone": "UTC",
        "email": "alice@example.com",
        "mail_enabled": False,
    }


def test_settings_change_and_stay_changed_for_their_owner_only(
    client: TestClient, alice: Person, bob: Person
) -> None:
    changes = {"digest_hour": 7, "weekdays_only": False}
    r = client.patch(f"{API}/me/notifications", json=changes, headers=alice.headers)
    assert r.status_code == 200 and r.json()["digest_hour"] == 7
    assert (
        client.get(f"{API}/me/notifications", headers=alice.headers).json()["weekdays_only"]
        is False
    )
    assert client.get(f"{API}/me/notifications", headers=bob.headers).json()["digest_hour"] == 8


@pytest.mark.parametrize(
    "body", [{"digest_hour": 24}, {"digest_hour": -1}, {"digest_enabled": None}, {"owner": 1}]
)
def test_bad_settings_are_a_problem_naming_the_field(
    client: TestClient, alice: Person, body: dict[str, object]
) -> None:
    r = client.patch(f"{API}/me/notifications", json=body, headers=alice.headers)
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["errors"][0]["field"] == next(iter(body))


def test_the_test_email_is_a_clear_problem_when_mail_is_off(
    client: TestClient, alice: Person
) -> None:
    r = client.post(f"{API}/me/test-email", headers=alice.headers)
    assert r.status_code == 409
    assert r.json()["type"].endswith("/mail-off") and "TOUCHBASE_SMTP_URL" in r.json()["detail"]


def test_the_test_email_reaches_the_users_address_once_a_minute(
    client: TestClient,
    engine: Engine,
    mail_on: Settings,
    inbox: Inbox,
    alice: Person,
) -> None:
    assert client.get(f"{API}/me/notifications", headers=alice.headers).json()["mail_enabled"]
    r = client.post(f"{API}/me/test-email", headers=alice.headers)
    assert r.status_code == 202 and r.json() == {"to": "alice@example.com"}
    again = client.post(f"{API}/me/test-email", headers=alice.headers)
    # Unless the minute turned between the two calls: then a second one is fine.
    assert again.status_code in (429, 202)
    worker(engine, mail_on).drain()
    messages = inbox.wait_for(1)
    assert messages[0]["To"] == "alice@example.com"
    assert messages[0]["Subject"] == "Touchbase test email"
    assert len(messages) == (1 if again.status_code == 429 else 2)


def test_the_unsubscribe_link_of_a_digest_turns_it_off_without_a_login(
    client: TestClient,
    db: Session,
    engine: Engine,
    mail_on: Settings,
    inbox: Inbox,
    alice: Person,
) -> None:
    wants_digest_now(db, alice.user)
    due_now(db, alice.user)
    worker(engine, mail_on).drain()
    [message] = inbox.wait_for(1)
    path = message["List-Unsubscribe"].strip("<>").split("localhost:8000", 1)[1]
    page = client.get(path)
    assert page.status_code == 200 and "alice@example.com" in page.text
    assert client.get(f"{API}/me/notifications", headers=alice.headers).json()["digest_enabled"]
    # A mail client's one-click POST (RFC 8058), no cookie, no token.
    done = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "no more morning digests" in done.text
    got = client.get(f"{API}/me/notifications", headers=alice.headers).json()
    assert got["digest_enabled"] is False
    db.rollback()
    assert digest.scan(engine, writer(engine), mail_on) == 0  # the next day's neither


@pytest.mark.parametrize(
    "token",
    ["nonsense", "1.short", "99999999999." + "A" * 43, "0." + "A" * 43, "1-" + "A" * 43],
)
def test_a_bad_unsubscribe_token_is_a_404_problem(
    client: TestClient, mail_on: Settings, token: str
) -> None:
    for method in ("GET", "POST"):
        r = client.request(method, f"{API}/unsubscribe/{token}")
        assert r.status_code == 404, (method, token, r.text)
        assert r.headers["content-type"] == "application/problem+json"


def test_a_token_signed_for_one_user_does_not_unsubscribe_another(
    client: TestClient, mail_on: Settings, alice: Person, bob: Person
) -> None:
    alices = tokens.sign(mail_on, alice.user.id)  # type: ignore[arg-type]
    forged = f"{bob.user.id}.{alices.split('.')[1]}"
    assert client.post(f"{API}/unsubscribe/{forged}").status_code == 404
    assert client.post(f"{API}/unsubscribe/{alices}").status_code == 200
    assert client.get(f"{API}/me/notifications", headers=bob.headers).json()["digest_enabled"]
