"""A method a path does not have is a 405 problem whose Allow header lists the methods the
committed spec gives that path; never a 404 from the web UI's files behind it."""

import re

import httpx
import pytest
import yaml

from app.config import REPO_DIR
from tests.conftest import LiveServer

SPEC = yaml.safe_load((REPO_DIR / "openapi.yaml").read_text())["paths"]
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]


def _fill(path: str) -> str:
    """The path with every template parameter filled in."""
    return re.sub(r"\{[^}]+\}", "1", path)


def test_every_method_a_path_lacks_is_405_with_the_paths_methods(live: LiveServer) -> None:
    checked = 0
    with httpx.Client(base_url=live.url) as http:
        for path, operations in SPEC.items():
            declared = {m.upper() for m in operations}
            if "GET" in declared:
                declared.add("HEAD")  # implicit in OpenAPI, answered by the app
            for method in sorted(set(METHODS) - declared):
                r = http.request(method, _fill(path))
                assert r.status_code == 405, f"{method} {path}: {r.status_code}"
                assert set(r.headers["allow"].split(", ")) == declared, f"{method} {path}"
                if method != "HEAD":
                    assert r.headers["content-type"] == "application/problem+json"
                    assert r.json()["status"] == 405
                checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("GET", "/api/v1/auth/logout", "POST"),
        ("GET", "/api/v1/auth/register", "POST"),
        ("GET", "/api/v1/calendar/rotate", "POST"),
        ("GET", "/api/v1/postings/analyze", "POST"),
        ("PATCH", "/api/v1/policies/simulate", "POST"),  # not PATCH /policies/{policy_id}
        ("GET", "/api/v1/templates/preview", "POST"),
        ("PUT", "/api/v1/policies/1", "DELETE, GET, HEAD, PATCH"),
    ],
)
def test_a_literal_path_wins_over_a_templated_one(
    live: LiveServer, method: str, path: str, allow: str
) -> None:
    r = httpx.request(method, live.url + path)
    assert (r.status_code, r.headers["allow"]) == (405, allow)


def test_head_answers_on_every_get_path_without_a_body(live: LiveServer) -> None:
    with httpx.Client(base_url=live.url) as http:
        for path in ("/api/health", "/api/v1/vocabulary", "/api/openapi.json"):
            r = http.head(path)
            assert r.status_code == 200 and r.content == b"", path
        r = http.head("/api/v1/me")  # HEAD goes through the same checks as GET
        assert r.status_code == 401


def test_an_unknown_api_path_is_404_for_any_method(live: LiveServer) -> None:
    for method in ("GET", "POST", "DELETE"):
        r = httpx.request(method, live.url + "/api/v1/nothing-here")
        assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"


def test_the_web_ui_and_the_docs_still_answer(live: LiveServer) -> None:
    for path in ("/", "/js/app.js", "/api/docs", "/api/openapi.json"):
        assert httpx.get(live.url + path).status_code == 200, path
