"""Sign-up takes the browser's time zone, checked against the same zone list as Settings."""

from fastapi.testclient import TestClient

API = "/api/v1"


def register(client: TestClient, email: str, **extra: object):
    body = {"email": email, "password": "s3cret-enough", "name": "New Person", **extra}
    return client.post(f"{API}/auth/register", json=body)


def test_sign_up_keeps_the_time_zone_it_is_given(client: TestClient) -> None:
    r = register(client, "tokyo@example.com", timezone="Asia/Tokyo")
    assert r.status_code == 201, r.text
    assert r.json()["timezone"] == "Asia/Tokyo"
    assert register(client, "utc@example.com", timezone=None).json()["timezone"] == "UTC"


def test_an_unknown_time_zone_is_refused_naming_the_field(client: TestClient) -> None:
    r = register(client, "mars@example.com", timezone="Mars/Olympus_Mons")
    assert r.status_code == 422
    assert [e["field"] for e in r.json()["errors"]] == ["timezone"]
    assert "IANA time zone" in r.json()["errors"][0]["message"]
