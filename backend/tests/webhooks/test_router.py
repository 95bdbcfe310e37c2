"""The webhooks API: the secret shown once, rotation, bounds, and addresses refused when saved."""

import ipaddress
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.webhooks import addresses
from app.webhooks.models import MAX_SUBSCRIPTIONS, MAX_URL_LENGTH, WebhookSubscription
from tests.factories import Person
from tests.webhooks.test_delivery import API, subscribe


@pytest.fixture
def strict(app: FastAPI) -> Iterator[None]:
    """The app as deployed: private addresses refused."""
    settings = app.state.settings
    app.state.settings = settings.model_copy(update={"webhooks_allow_private": False})
    yield
    app.state.settings = settings


def test_the_secret_is_shown_at_creation_and_rotation_only(
    client: TestClient, alice: Person
) -> None:
    hook = subscribe(client, alice, "https://hooks.example.com/a", "plan.changed")
    assert hook["secret"].startswith("whsec_") and hook["enabled"] is True
    assert hook["event_types"] == ["plan.changed"] and hook["disabled_reason"] is None
    url = f"{API}/webhooks/{hook['id']}"
    shown = client.get(url, headers=alice.headers).json()
    assert "secret" not in shown and shown["url"] == "https://hooks.example.com/a"
    assert all(
        "secret" not in h for h in client.get(f"{API}/webhooks", headers=alice.headers).json()
    )
    rotated = client.post(f"{url}/rotate-secret", headers=alice.headers).json()
    assert rotated["secret"].startswith("whsec_") and rotated["secret"] != hook["secret"]
    changed = client.patch(
        url, json={"event_types": ["follow_up.due", "plan.changed"]}, headers=alice.headers
    )
    assert changed.json()["event_types"] == ["follow_up.due", "plan.changed"]
    assert "secret" not in changed.json()
    assert client.patch(url, json={"url": None}, headers=alice.headers).status_code == 422
    assert client.delete(url, headers=alice.headers).status_code == 204
    assert client.get(url, headers=alice.headers).status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"url": "ftp://hooks.example.com/", "event_types": ["plan.changed"]},
        {"url": "https://" + "a" * MAX_URL_LENGTH, "event_types": ["plan.changed"]},
        {"url": "https://hooks.example.com/", "event_types": []},
        {"url": "https://hooks.example.com/", "event_types": ["ping"]},
        {"url": "https://hooks.example.com/", "event_types": ["plan.changed"], "secret": "x"},
    ],
)
def test_bad_webhooks_are_422(client: TestClient, alice: Person, body: dict[str, object]) -> None:
    r = client.post(f"{API}/webhooks", json=body, headers=alice.headers)
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"


def test_a_user_keeps_at_most_max_subscriptions(
    client: TestClient, db: Session, alice: Person
) -> None:
    db.add_all(
        WebhookSubscription(
            owner_id=alice.user.id,  # type: ignore[arg-type]
            url=f"https://hooks.example.com/{n}",
            event_types="plan.changed",
            secret="whsec_x",
        )
        for n in range(MAX_SUBSCRIPTIONS)
    )
    db.commit()
    body = {"url": "https://hooks.example.com/one-more", "event_types": ["plan.changed"]}
    r = client.post(f"{API}/webhooks", json=body, headers=alice.headers)
    assert r.status_code == 409 and r.json()["type"].endswith("/too-many-webhooks")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.1.2.3/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/",
        "http://[::ffff:127.0.0.1]/",
        "http://printer.local/",
    ],
)
@pytest.mark.usefixtures("strict")
def test_a_url_naming_a_private_address_is_422_when_saved(
    client: TestClient, alice: Person, url: str
) -> None:
    body = {"url": url, "event_types": ["plan.changed"]}
    r = client.post(f"{API}/webhooks", json=body, headers=alice.headers)
    assert r.status_code == 422, r.text
    assert r.json()["type"].endswith("/webhook-url-refused")
    assert [e["field"] for e in r.json()["errors"]] == ["url"]
    assert client.get(f"{API}/webhooks", headers=alice.headers).json() == []


@pytest.mark.usefixtures("strict")
def test_a_public_address_is_accepted_and_cannot_be_changed_to_a_private_one(
    client: TestClient, alice: Person
) -> None:
    hook = subscribe(client, alice, "https://93.184.215.14/hook", "plan.changed")
    r = client.patch(
        f"{API}/webhooks/{hook['id']}", json={"url": "http://127.0.0.1/"}, headers=alice.headers
    )
    assert r.status_code == 422


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("192.168.0.10", "a private address"),
        ("169.254.169.254", "a cloud metadata address"),
        ("fd00:ec2::254", "a cloud metadata address"),
        ("169.254.1.1", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("224.0.0.1", "a multicast address"),
        ("240.0.0.1", "a reserved address"),
        ("0.0.0.0", "a reserved address"),
        ("100.64.0.1", "a non-public address"),
        ("::ffff:10.0.0.1", "a private address"),
        ("93.184.215.14", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_which_addresses_are_refused(address: str, why: str | None) -> None:
    assert addresses.refusal(ipaddress.ip_address(address)) == why


def test_a_name_is_checked_by_what_it_resolves_to() -> None:
    with pytest.raises(addresses.Refused, match="loopback"):
        addresses.resolve("http://localhost:9/x", allow_private=False)
    assert addresses.resolve("http://localhost:9/x", allow_private=True).port == 9
    with pytest.raises(addresses.Refused, match="does not resolve"):
        addresses.resolve("http://no-such-host.invalid/", allow_private=True)
