"""Signing out, revoking a token and changing the password take effect at once on every
worker: nothing of the caller is kept in a process (each request reads its credentials in
the database), so a second app over the same database, as another worker or replica would
be, refuses the very next request. Shown on /me (the caller's check alone) and on the hot
routes that check the caller with their own database work (auth.deps.Caller.owner)."""

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.auth.deps import SESSION_COOKIE
from app.config import Settings
from app.main import create_app
from tests.auth.test_account import NEW, signed_in
from tests.factories import PASSWORD, Person

API = "/api/v1"
ROUTES = ["/me", "/applications?limit=5", "/follow-ups?limit=5"]  # the last two: Caller.owner

OK, REFUSED = [200] * len(ROUTES), [401] * len(ROUTES)


@pytest.fixture
def other_worker(settings: Settings) -> Iterator[TestClient]:
    """The same app built again: its own engine, pool and memory, as another process has."""
    second = create_app(settings)
    with TestClient(second, raise_server_exceptions=False) as client:
        yield client
    second.state.engine.dispose()


def _session_headers(app: FastAPI, email: str) -> tuple[TestClient, dict[str, str]]:
    browser, csrf = signed_in(app, email)
    cookie = browser.cookies.get(SESSION_COOKIE)
    return browser, {**csrf, "Cookie": f"{SESSION_COOKIE}={cookie}"}


def _answers(client: TestClient, headers: dict[str, str]) -> list[int]:
    return [client.get(f"{API}{route}", headers=headers).status_code for route in ROUTES]


def test_a_token_revoked_through_one_worker_is_refused_by_another_at_once(
    client: TestClient, other_worker: TestClient, alice: Person
) -> None:
    assert _answers(other_worker, alice.headers) == OK
    token_id = client.get(f"{API}/tokens", headers=alice.headers).json()[0]["id"]
    assert client.delete(f"{API}/tokens/{token_id}", headers=alice.headers).status_code == 204
    assert _answers(other_worker, alice.headers) == REFUSED


def test_a_session_signed_out_on_one_worker_is_refused_by_another_at_once(
    app: FastAPI, other_worker: TestClient, alice: Person
) -> None:
    browser, headers = _session_headers(app, alice.user.email)
    assert _answers(other_worker, headers) == OK
    assert browser.post(f"{API}/auth/logout", headers=headers).status_code == 204
    assert _answers(other_worker, headers) == REFUSED


def test_a_password_change_on_one_worker_ends_the_other_sessions_on_another_at_once(
    app: FastAPI, other_worker: TestClient, alice: Person
) -> None:
    here, here_headers = _session_headers(app, alice.user.email)
    _, there_headers = _session_headers(app, alice.user.email)
    assert _answers(other_worker, there_headers) == OK
    change = {"current_password": PASSWORD, "new_password": NEW}
    r = here.post(f"{API}/me/password", json=change, headers=here_headers)
    assert r.status_code == 200, r.text
    assert _answers(other_worker, there_headers) == REFUSED
    assert _answers(other_worker, here_headers) == OK  # the session that changed it
