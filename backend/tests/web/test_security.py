"""Security headers arrive as real HTTP headers from the live server: on the web UI's files,
on every API answer and on its errors; /api/docs has its own policy for Swagger UI's CDN."""

import httpx
import pytest

from app.web.security import DOCS_CONTENT_SECURITY_POLICY, SECURITY_HEADERS
from tests.conftest import LiveServer
from tests.factories import Person


def assert_secured(r: httpx.Response, policy: str = SECURITY_HEADERS["Content-Security-Policy"]):
    assert r.headers["content-security-policy"] == policy
    assert "frame-ancestors 'none'" in policy
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/index.html", 200),
        ("GET", "/js/app.js", 200),
        ("GET", "/css/app.css", 200),
        ("GET", "/api/health", 200),
        ("GET", "/api/openapi.json", 200),
        ("GET", "/api/v1/me", 401),
        ("GET", "/api/v1/nothing", 404),
        ("POST", "/api/v1/auth/logout", 401),
        ("GET", "/api/v1/auth/logout", 405),
        ("POST", "/api/v1/auth/register", 422),
    ],
)
def test_every_response_carries_the_security_headers(
    live: LiveServer, method: str, path: str, status: int
) -> None:
    r = httpx.request(method, live.url + path, json={} if method == "POST" else None)
    assert r.status_code == status
    assert_secured(r)


def test_authenticated_answers_and_an_oversized_body_carry_them(
    live: LiveServer, alice: Person
) -> None:
    assert_secured(httpx.get(live.url + "/api/v1/applications", headers=alice.headers))
    big = httpx.post(
        live.url + "/api/v1/applications", content=b"x" * 300_000, headers=alice.headers
    )
    assert big.status_code == 413
    assert_secured(big)


def test_the_docs_may_load_swagger_ui_from_its_cdn(live: LiveServer) -> None:
    r = httpx.get(live.url + "/api/docs")
    assert r.status_code == 200 and "cdn.jsdelivr.net" in r.text
    assert_secured(r, DOCS_CONTENT_SECURITY_POLICY)
    assert "https://cdn.jsdelivr.net" in DOCS_CONTENT_SECURITY_POLICY


def test_the_web_ui_has_no_inline_script(live: LiveServer) -> None:
    """script-src 'self' holds only while index.html loads its scripts from files."""
    html = httpx.get(live.url + "/").text
    assert "<script" in html
    for tag in html.split("<script")[1:]:
        opening, _, rest = tag.partition(">")
        assert "src=" in opening and rest.startswith("</script>"), tag[:80]
