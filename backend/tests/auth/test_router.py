"""Accounts, sessions, CSRF, login rate limiting and personal access tokens, through the API."""

from datetime import timedelta

import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.auth.models import ApiToken, AuthSession
from app.db import utcnow
from tests.factories import PASSWORD, Person, execute, make_token

API = "/api/v1"


def register(client: TestClient, email: str = "new@example.com", **extra: str):
    body = {"email": email, "password": "s3cret-enough", "name": "New Person", **extra}
    return client.post(f"{API}/auth/register", json=body)


def login(client: TestClient, email: str, password: str = PASSWORD):
    return client.post(f"{API}/auth/login", json={"email": email, "password": password})


def test_register_creates_an_account(client: TestClient) -> None:
    r = register(client, "New@Example.com")
    assert r.status_code == 201
    body = r.json()
    assert body["email"] == "new@example.com"
    assert body["timezone"] == "UTC"
    assert "password" not in body and "password_hash" not in body


def test_register_twice_with_one_email_is_a_conflict(client: TestClient) -> None:
    assert register(client).status_code == 201
    r = register(client, "NEW@example.com")
    assert r.status_code == 409
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["type"].endswith("/email-taken")


def test_short_password_is_refused_naming_the_field(client: TestClient) -> None:
    r = client.post(
        f"{API}/auth/register", json={"email": "a@example.com", "password": "short", "name": "A"}
    )
    assert r.status_code == 422
    assert [e["field"] for e in r.json()["errors"]] == ["password"]


def test_the_most_common_passwords_are_refused_naming_the_field(client: TestClient) -> None:
    for password in ("password", "PassWord", "12345678", "iloveyou", "qwertyuiop"):
        r = register(client, password=password)
        assert r.status_code == 422, password
        assert [e["field"] for e in r.json()["errors"]] == ["password"]
        assert "most common passwords" in r.json()["errors"][0]["message"]
    assert register(client, password="correct horse battery").status_code == 201


def test_register_refuses_unknown_fields(client: TestClient) -> None:
    r = register(client, id="7")
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "id"


def test_signup_can_be_switched_off(app, client: TestClient) -> None:
    app.state.settings.signup_enabled = False
    try:
        r = register(client)
    finally:
        app.state.settings.signup_enabled = True
    assert r.status_code == 403
    assert r.json()["type"].endswith("/signup-disabled")


def test_login_sets_an_httponly_samesite_session_cookie(client: TestClient, alice: Person) -> None:
    r = login(client, "ALICE@example.com")
    assert r.status_code == 200
    cookie = r.headers["set-cookie"]
    assert "tb_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert r.json()["user"]["email"] == "alice@example.com"
    assert client.get(f"{API}/me").json()["name"] == "Alice Adams"
    assert "Secure" not in cookie  # served over plain HTTP, as `make run` is


def test_the_session_cookie_is_secure_when_the_public_url_is_https(
    app, client: TestClient, alice: Person
) -> None:
    app.state.settings.public_url = "https://touchbase.example.com"
    try:
        r = login(client, "alice@example.com")
    finally:
        app.state.settings.public_url = None
    assert r.status_code == 200
    assert "; Secure" in r.headers["set-cookie"]


def test_wrong_password_is_401(client: TestClient, alice: Person) -> None:
    r = login(client, "alice@example.com", "not the password")
    assert r.status_code == 401
    assert r.json()["type"].endswith("/invalid-credentials")
    assert login(client, "nobody@example.com").status_code == 401


def test_cookie_writes_need_the_csrf_token(client: TestClient, alice: Person) -> None:
    csrf = login(client, "alice@example.com").json()["csrf_token"]
    r = client.patch(f"{API}/me", json={"name": "Alice A."})
    assert r.status_code == 403
    assert r.json()["type"].endswith("/csrf-token-missing")
    r = client.patch(f"{API}/me", json={"name": "Alice A."}, headers={"X-CSRF-Token": "wrong"})
    assert r.status_code == 403
    r = client.patch(f"{API}/me", json={"name": "Alice A."}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and r.json()["name"] == "Alice A."


def test_logout_ends_the_session(client: TestClient, alice: Person, db: Session) -> None:
    csrf = login(client, "alice@example.com").json()["csrf_token"]
    cookie = client.cookies.get("tb_session")
    assert client.post(f"{API}/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    client.cookies.set("tb_session", cookie, path="/api")
    assert client.get(f"{API}/me").status_code == 401
    assert db.exec(sa.select(sa.func.count()).select_from(AuthSession)).one()[0] == 0
    db.rollback()


def test_expired_session_is_401(client: TestClient, alice: Person, engine: Engine) -> None:
    login(client, "alice@example.com")
    execute(engine, sa.update(AuthSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert client.get(f"{API}/me").status_code == 401


def test_sixth_failed_login_in_a_minute_is_429_with_retry_after(
    client: TestClient, alice: Person
) -> None:
    for _ in range(5):
        assert login(client, "alice@example.com", "wrong password").status_code == 401
    r = login(client, "alice@example.com")  # even the right password waits
    assert r.status_code == 429
    assert 1 <= int(r.headers["retry-after"]) <= 60
    assert r.json()["type"].endswith("/too-many-login-attempts")
    # another account from the same client is not locked out
    assert login(client, "bob@example.com", "wrong password").status_code == 401


def test_failures_older_than_the_window_do_not_count(
    client: TestClient, alice: Person, engine: Engine
) -> None:
    from app.auth.models import LoginFailure

    for _ in range(5):
        login(client, "alice@example.com", "wrong password")
    execute(engine, sa.update(LoginFailure).values(failed_at=utcnow() - timedelta(seconds=61)))
    assert login(client, "alice@example.com").status_code == 200


def test_me_and_profile_update(client: TestClient, alice: Person) -> None:
    r = client.patch(
        f"{API}/me",
        json={"timezone": "Europe/Berlin", "phone": "+49 30 1234567", "signature": "Alice"},
        headers=alice.headers,
    )
    assert r.status_code == 200
    assert r.json()["timezone"] == "Europe/Berlin"
    assert client.get(f"{API}/me", headers=alice.headers).json()["phone"] == "+49 30 1234567"


def test_unknown_time_zone_is_refused(client: TestClient, alice: Person) -> None:
    r = client.patch(f"{API}/me", json={"timezone": "Mars/Olympus"}, headers=alice.headers)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "timezone"


def test_token_is_shown_once_and_listed_without_its_secret(
    client: TestClient, alice: Person
) -> None:
    r = client.post(
        f"{API}/tokens",
        json={"name": "zapier", "scopes": ["read", "write"], "expires_in_days": 30},
        headers=alice.headers,
    )
    assert r.status_code == 201
    token = r.json()["token"]
    assert token.startswith("tb_") and len(token) > 40
    listed = client.get(f"{API}/tokens", headers=alice.headers).json()
    assert {t["name"] for t in listed} == {"test", "zapier"}
    assert token not in r.text.replace(token, "", 1)
    assert all("token" not in t for t in listed)
    assert client.get(f"{API}/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_token_scopes_must_be_read_or_read_write(client: TestClient, alice: Person) -> None:
    r = client.post(f"{API}/tokens", json={"name": "x", "scopes": ["write"]}, headers=alice.headers)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "scopes"


def test_revoked_token_is_401_on_its_next_use(client: TestClient, alice: Person) -> None:
    token_id = client.get(f"{API}/tokens", headers=alice.headers).json()[0]["id"]
    assert client.delete(f"{API}/tokens/{token_id}", headers=alice.headers).status_code == 204
    r = client.get(f"{API}/me", headers=alice.headers)
    assert r.status_code == 401
    assert r.json()["type"].endswith("/invalid-token")


def test_expired_token_is_401(client: TestClient, alice: Person, engine: Engine) -> None:
    execute(engine, sa.update(ApiToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert client.get(f"{API}/me", headers=alice.headers).status_code == 401


def test_read_only_token_may_read_but_not_write(
    client: TestClient, alice: Person, db: Session
) -> None:
    headers = {"Authorization": f"Bearer {make_token(db, alice.user, ['read'])}"}
    assert client.get(f"{API}/applications", headers=headers).status_code == 200
    r = client.post(f"{API}/applications", json={"company": "A", "position": "B"}, headers=headers)
    assert r.status_code == 403
    assert r.json()["type"].endswith("/insufficient-scope")
    assert client.patch(f"{API}/me", json={"name": "X"}, headers=headers).status_code == 403


def test_requests_without_credentials_are_401(client: TestClient) -> None:
    r = client.get(f"{API}/me")
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert client.get(f"{API}/me", headers={"Authorization": "Bearer tb_nope"}).status_code == 401
    assert client.get(f"{API}/me", headers={"Authorization": "Basic abc"}).status_code == 401


def test_another_users_token_id_is_404(client: TestClient, alice: Person, bob: Person) -> None:
    bob_token = client.get(f"{API}/tokens", headers=bob.headers).json()[0]["id"]
    assert client.delete(f"{API}/tokens/{bob_token}", headers=alice.headers).status_code == 404
    assert client.get(f"{API}/me", headers=bob.headers).status_code == 200


def test_read_only_token_may_call_the_posts_that_only_compute(
    client: TestClient, alice: Person, db: Session
) -> None:
    headers = {"Authorization": f"Bearer {make_token(db, alice.user, ['read'])}"}
    r = client.post(f"{API}/postings/analyze", json={"text": "No phone calls."}, headers=headers)
    assert r.status_code == 200 and r.json()["no_phone_calls"] is True
    r = client.post(
        f"{API}/templates/preview",
        json={"channel": "email", "subject": "Hi", "body": "Hello {{ company }}"},
        headers=headers,
    )
    assert r.status_code == 200


def test_failures_across_emails_from_one_client_are_limited(
    app, client: TestClient, alice: Person
) -> None:
    """Password spraying: many emails, one client."""
    app.state.settings.login_client_max_failures = 3
    try:
        for i in range(3):
            assert login(client, f"guess{i}@example.com", "password1").status_code == 401
        r = login(client, "alice@example.com")  # a new email, even the right password
        with TestClient(app, client=("203.0.113.7", 50000)) as elsewhere:
            other_client = login(elsewhere, "alice@example.com")
    finally:
        app.state.settings.login_client_max_failures = 30
    assert r.status_code == 429
    assert 1 <= int(r.headers["retry-after"]) <= app.state.settings.login_client_window_seconds
    assert r.json()["type"].endswith("/too-many-login-attempts")
    assert "from your address" in r.json()["detail"]
    assert other_client.status_code == 200  # another client is not limited


def test_sign_ins_that_succeed_do_not_count_against_the_client(
    app, client: TestClient, alice: Person, engine: Engine
) -> None:
    from app.auth.models import LoginFailure

    app.state.settings.login_client_max_failures = 3
    try:
        for _ in range(5):
            assert login(client, "alice@example.com").status_code == 200
        for i in range(2):
            assert login(client, f"guess{i}@example.com", "password1").status_code == 401
        assert login(client, "alice@example.com").status_code == 200  # clears no failures
        assert login(client, "guess2@example.com", "password1").status_code == 401
        assert login(client, "guess3@example.com", "password1").status_code == 429
        execute(engine, sa.update(LoginFailure).values(failed_at=utcnow() - timedelta(seconds=601)))
        assert login(client, "alice@example.com").status_code == 200  # older than the window
    finally:
        app.state.settings.login_client_max_failures = 30


def make_token_by_api(client: TestClient, headers: dict[str, str], **body: object):
    return client.post(f"{API}/tokens", json={"name": "child", **body}, headers=headers)


def test_a_token_cannot_create_a_token_that_outlives_it(client: TestClient, alice: Person) -> None:
    made = make_token_by_api(client, alice.headers, scopes=["read", "write"], expires_in_days=2)
    short = {"Authorization": f"Bearer {made.json()['token']}"}
    for body in ({}, {"expires_in_days": 3}):
        r = make_token_by_api(client, short, scopes=["read", "write"], **body)
        assert r.status_code == 422, body
        assert r.json()["type"].endswith("/token-outlives-its-creator")
        assert r.json()["errors"][0]["field"] == "expires_in_days"
    child = make_token_by_api(client, short, scopes=["read"], expires_in_days=1)
    assert child.status_code == 201
    assert child.json()["expires_at"] <= made.json()["expires_at"]


def test_a_token_cannot_create_a_token_with_wider_scopes(
    client: TestClient, alice: Person, db: Session
) -> None:
    reader = {"Authorization": f"Bearer {make_token(db, alice.user, ['read'])}"}
    r = make_token_by_api(client, reader, scopes=["read", "write"])
    assert r.status_code == 403
    assert r.json()["type"].endswith("/insufficient-scope")
    # a session user and a token without expiry may create tokens without expiry
    assert make_token_by_api(client, alice.headers, scopes=["read", "write"]).status_code == 201
