"""The account's lifecycle: password and email changes, password reset, account deletion."""

import re
from datetime import timedelta

import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from app.auth import account
from app.auth.models import RESET_MAX_PER_EMAIL, PasswordReset
from app.auth.service import digest
from app.config import Settings
from app.db import utcnow
from app.jobs.worker import Worker
from tests.factories import PASSWORD, Person, execute, make_application, make_person
from tests.smtp import Inbox

API = "/api/v1"
NEW = "a brand new passphrase"


def signed_in(app: FastAPI, email: str, password: str = PASSWORD) -> tuple[TestClient, dict]:
    """A browser of its own (its own cookie jar), signed in; and its CSRF header."""
    browser = TestClient(app, raise_server_exceptions=False)
    r = browser.post(f"{API}/auth/login", json={"email": email, "password": password})
    assert r.status_code == 200, r.text
    return browser, {"X-CSRF-Token": r.json()["csrf_token"]}


def test_a_password_change_signs_out_every_other_session_and_keeps_tokens(
    app: FastAPI, client: TestClient, alice: Person
) -> None:
    here, csrf = signed_in(app, alice.user.email)
    there, _ = signed_in(app, alice.user.email)
    wrong = here.post(
        f"{API}/me/password",
        json={"current_password": "not it at all", "new_password": NEW},
        headers=csrf,
    )
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "current_password"
    r = here.post(
        f"{API}/me/password", json={"current_password": PASSWORD, "new_password": NEW}, headers=csrf
    )
    assert r.status_code == 200, r.text
    assert r.json() == {"sessions_ended": 1, "tokens_revoked": 0}
    assert here.get(f"{API}/me").status_code == 200
    assert there.get(f"{API}/me").status_code == 401
    assert client.get(f"{API}/me", headers=alice.headers).status_code == 200
    assert (
        client.post(
            f"{API}/auth/login", json={"email": alice.user.email, "password": PASSWORD}
        ).status_code
        == 401
    )
    again = here.post(
        f"{API}/me/password",
        json={"current_password": NEW, "new_password": PASSWORD + "!", "revoke_tokens": True},
        headers=csrf,
    )
    assert again.json() == {"sessions_ended": 0, "tokens_revoked": 1}
    assert client.get(f"{API}/me", headers=alice.headers).status_code == 401


def test_an_email_change_needs_the_password_and_a_free_address(
    client: TestClient, alice: Person, bob: Person
) -> None:
    h = alice.headers
    wrong = client.post(
        f"{API}/me/email", json={"current_password": "nope", "new_email": "a@x.example"}, headers=h
    )
    assert wrong.status_code == 422
    taken = client.post(
        f"{API}/me/email",
        json={"current_password": PASSWORD, "new_email": "BOB@example.com"},
        headers=h,
    )
    assert taken.status_code == 409
    r = client.post(
        f"{API}/me/email",
        json={"current_password": PASSWORD, "new_email": "Ada@New.example"},
        headers=h,
    )
    assert r.status_code == 200 and r.json()["email"] == "ada@new.example"
    login = {"email": "ada@new.example", "password": PASSWORD}
    assert client.post(f"{API}/auth/login", json=login).status_code == 200


def rows_of_every_table(engine: Engine) -> dict[str, set[tuple]]:
    with engine.connect() as conn:
        return {
            t.name: {tuple(r) for r in conn.execute(sa.select(t))}
            for t in SQLModel.metadata.sorted_tables
        }


def fill_account(client: TestClient, db: Session, person: Person) -> None:
    """Something of the account in every table it can reach."""
    h = person.headers
    applied = str(utcnow().date() - timedelta(days=8))
    app = make_application(db, person.user, applied_on=applied)
    client.post(f"{API}/applications/{app.id}/contacts", json={"name": "G"}, headers=h)
    client.put(
        f"{API}/applications/{app.id}/snooze",
        json={"until": str(utcnow().date() + timedelta(days=3))},
        headers=h,
    )
    client.post(f"{API}/policies", json={"name": "Mine"}, headers=h)
    client.post(
        f"{API}/templates",
        json={"kind": "follow_up", "channel": "email", "name": "T", "subject": "S", "body": "B"},
        headers=h,
    )
    client.post(
        f"{API}/applications",
        json={"company": "I", "position": "P"},
        headers={**h, "Idempotency-Key": "k1"},
    )
    client.get(f"{API}/calendar", headers=h)
    client.post(f"{API}/auth/login", json={"email": person.user.email, "password": "wrong!!"})
    account.request_reset(db, person.user.email, "testclient")


def test_deleting_the_account_leaves_no_row_of_it_in_any_table(
    app: FastAPI, client: TestClient, db: Session, engine: Engine, bob: Person
) -> None:
    fill_account(client, db, bob)
    before = rows_of_every_table(engine)
    alice = make_person(db, "alice@example.com", "Alice")
    fill_account(client, db, alice)
    browser, csrf = signed_in(app, alice.user.email)
    filled = rows_of_every_table(engine)
    grown = {name for name, rows in filled.items() if rows - before[name]}
    assert {
        "users",
        "applications",
        "contacts",
        "events",
        "stored_plans",
        "snoozes",
        "policies",
        "templates",
        "api_tokens",
        "auth_sessions",
        "password_resets",
        "login_failures",
        "idempotency_keys",
    } <= grown
    wrong = client.request("DELETE", f"{API}/me", json={"password": "nope"}, headers=alice.headers)
    assert wrong.status_code == 422
    r = client.request("DELETE", f"{API}/me", json={"password": PASSWORD}, headers=alice.headers)
    assert r.status_code == 204
    after = rows_of_every_table(engine)
    leftover = {name: rows - before[name] for name, rows in after.items() if rows - before[name]}
    # What stays is the client's (its failed sign-ins and reset requests), not the account's.
    clients = leftover.pop("login_failures", set())
    assert {key.split(":")[0] for _, key, _ in clients} <= {"client", "reset-client"}
    assert leftover == {}  # nothing of alice's anywhere
    assert all(rows <= after[name] for name, rows in before.items())  # and all of bob's
    assert client.get(f"{API}/me", headers=alice.headers).status_code == 401
    assert browser.get(f"{API}/me").status_code == 401
    assert client.get(f"{API}/me", headers=bob.headers).status_code == 200


def test_a_reset_link_works_once_within_the_hour_and_signs_everyone_out(
    app: FastAPI, client: TestClient, db: Session, engine: Engine, alice: Person
) -> None:
    unknown = client.post(f"{API}/auth/password-reset", json={"email": "nobody@example.com"})
    known = client.post(f"{API}/auth/password-reset", json={"email": alice.user.email})
    assert (unknown.status_code, known.status_code) == (202, 202)
    assert unknown.json() == known.json()
    found = account.request_reset(db, alice.user.email, "cli")
    assert found is not None
    _, token = found
    stored = db.exec(select(PasswordReset.token_hash)).all()
    assert digest(token) in stored and token not in stored
    browser, _ = signed_in(app, alice.user.email)
    confirm = {"token": token, "new_password": NEW}
    assert client.post(f"{API}/auth/password-reset/confirm", json=confirm).status_code == 204
    assert browser.get(f"{API}/me").status_code == 401
    used = client.post(f"{API}/auth/password-reset/confirm", json=confirm)
    assert used.status_code == 422 and used.json()["errors"][0]["field"] == "token"
    signed_in(app, alice.user.email, NEW)
    db.rollback()  # end the read above: this session writes next
    _, late = account.request_reset(db, alice.user.email, "cli") or (None, "")
    execute(engine, sa.update(PasswordReset).values(expires_at=utcnow() - timedelta(seconds=1)))
    expired = client.post(
        f"{API}/auth/password-reset/confirm",
        json={"token": late, "new_password": "yet another passphrase"},
    )
    assert expired.status_code == 422


def test_reset_requests_are_rate_limited_per_email_whether_it_exists_or_not(
    client: TestClient, alice: Person
) -> None:
    for email in (alice.user.email, "nobody@example.com"):
        for _ in range(RESET_MAX_PER_EMAIL):
            r = client.post(f"{API}/auth/password-reset", json={"email": email})
            assert r.status_code == 202
        r = client.post(f"{API}/auth/password-reset", json={"email": email.upper()})
        assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0


def test_a_reset_request_mails_a_one_time_link_that_sets_the_password(
    app: FastAPI, client: TestClient, engine: Engine, alice: Person, mail_on: Settings, inbox: Inbox
) -> None:
    r = client.post(f"{API}/auth/password-reset", json={"email": alice.user.email})
    assert r.status_code == 202, r.text
    Worker(engine, mail_on).drain()
    [message] = inbox.wait_for(1)
    assert inbox.recipients == [[alice.user.email]]
    assert message["Subject"] == "Reset your Touchbase password"
    body = message.get_body(("plain",))
    assert body is not None
    match = re.search(r"#/reset-password\?token=([\w-]+)", body.get_content())
    assert match, body.get_content()
    confirm = {"token": match.group(1), "new_password": NEW}
    assert client.post(f"{API}/auth/password-reset/confirm", json=confirm).status_code == 204
    login = client.post(f"{API}/auth/login", json={"email": alice.user.email, "password": NEW})
    assert login.status_code == 200
    again = client.post(f"{API}/auth/password-reset/confirm", json=confirm)
    assert again.status_code == 422  # the link works once


def test_a_reset_request_for_an_unknown_email_mails_nothing_and_answers_the_same(
    client: TestClient, engine: Engine, mail_on: Settings, inbox: Inbox
) -> None:
    r = client.post(f"{API}/auth/password-reset", json={"email": "nobody@example.com"})
    assert r.status_code == 202
    Worker(engine, mail_on).drain()
    assert inbox.messages == []
