"""Every error is application/problem+json, from unknown paths to crashes."""

from collections.abc import Iterator

import httpx2
import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from tests.factories import Person

PROBLEM = "application/problem+json"


def assert_problem(r: httpx2.Response, status: int) -> dict:
    assert r.status_code == status
    assert r.headers["content-type"] == PROBLEM
    body = r.json()
    assert {"type", "title", "status", "detail"} <= body.keys()
    assert body["status"] == status and body["type"].startswith("https://")
    return body


def test_unknown_path_is_404_problem(client: TestClient) -> None:
    assert_problem(client.get("/api/v1/no-such-thing"), 404)
    assert_problem(client.get("/no-such-page.html"), 404)


def test_wrong_method_is_405_problem(client: TestClient, alice: Person) -> None:
    assert_problem(client.put("/api/v1/me", json={}, headers=alice.headers), 405)


def test_malformed_json_is_422_problem(client: TestClient, alice: Person) -> None:
    r = client.post(
        "/api/v1/applications",
        content=b"{not json",
        headers={**alice.headers, "content-type": "application/json"},
    )
    body = assert_problem(r, 422)
    assert body["errors"]


def test_validation_problem_names_every_field(client: TestClient, alice: Person) -> None:
    r = client.post(
        "/api/v1/applications",
        json={"company": "", "position": "", "status": "x"},
        headers=alice.headers,
    )
    body = assert_problem(r, 422)
    assert {e["field"] for e in body["errors"]} == {"company", "position", "status"}
    assert all(e["message"] for e in body["errors"])


def test_body_over_256_kb_is_413(client: TestClient, alice: Person) -> None:
    big = {"company": "A", "position": "B", "notes": "x" * (256 * 1024)}
    assert_problem(client.post("/api/v1/applications", json=big, headers=alice.headers), 413)


def test_streamed_body_over_the_limit_is_413(client: TestClient, alice: Person) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"company": "A", "position": "B", "notes": "'
        for _ in range(300):
            yield b"x" * 1024
        yield b'"}'

    r = client.post(
        "/api/v1/applications",
        content=chunks(),
        headers={**alice.headers, "content-type": "application/json"},
    )
    assert_problem(r, 413)


@pytest.fixture
def crashing_client(settings: Settings) -> Iterator[TestClient]:
    app = create_app(settings.model_copy(update={"frontend_dir": None}))

    @app.get("/api/v1/crash")
    def crash() -> None:
        raise RuntimeError("secret internals at /srv/app.py line 3")

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.engine.dispose()


def test_a_crash_is_a_500_problem_without_a_stack_trace(crashing_client: TestClient) -> None:
    r = crashing_client.get("/api/v1/crash")
    body = assert_problem(r, 500)
    assert "secret" not in r.text and "Traceback" not in r.text
    assert body["detail"] == "Something went wrong on our side."


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/api/health").json() == {"status": "ok"}
    assert client.get("/api/ready").json() == {"status": "ready"}


def test_readiness_is_503_when_the_database_is_gone() -> None:
    settings = Settings(
        database_url="postgresql+psycopg://nobody@127.0.0.1:1/none",
        frontend_dir=None,
        allowed_hosts=["testserver"],
    )
    with TestClient(create_app(settings)) as c:
        assert_problem(c.get("/api/ready"), 503)


def test_the_frontend_is_served_at_the_root(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and "Touchbase" in r.text


def test_a_foreign_host_header_is_a_400_problem(client: TestClient) -> None:
    r = client.get("/api/health", headers={"Host": "evil.example"})
    assert_problem(r, 400)
    assert r.json()["type"].endswith("/invalid-host")
    assert client.get("/api/health", headers={"Host": "testserver:8000"}).status_code == 200


def test_the_public_urls_host_is_answered_and_no_other(settings: Settings) -> None:
    public = settings.model_copy(
        update={"allowed_hosts": [], "public_url": "https://touchbase.example.com"}
    )
    with TestClient(create_app(public), base_url="https://touchbase.example.com") as c:
        assert c.get("/api/health").status_code == 200
        assert_problem(c.get("/api/health", headers={"Host": "localhost"}), 400)
