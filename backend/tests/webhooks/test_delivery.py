"""Deliveries to a real HTTP receiver: signed, retried, not redirected, switched off, once each."""

import json
import threading
import time
from collections import defaultdict
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from standardwebhooks import Webhook

from app.db import utcnow
from app.webhooks import delivery
from app.webhooks.delivery import RETRY_DELAYS, deliver_due
from app.webhooks.models import WebhookDelivery, WebhookSubscription
from tests.factories import Person
from tests.webhooks.receiver import Receiver

API = "/api/v1"


def subscribe(client: TestClient, who: Person, url: str, *events: str) -> dict[str, Any]:
    body = {"url": url, "event_types": list(events or ["application.created"])}
    r = client.post(f"{API}/webhooks", json=body, headers=who.headers)
    assert r.status_code == 201, r.text
    return r.json()


def add_application(client: TestClient, who: Person, company: str = "Acme") -> dict[str, Any]:
    body = {"company": company, "position": "Engineer"}
    r = client.post(f"{API}/applications", json=body, headers=who.headers)
    assert r.status_code == 201, r.text
    return r.json()


def log(client: TestClient, who: Person, hook_id: int) -> list[dict[str, Any]]:
    r = client.get(f"{API}/webhooks/{hook_id}/deliveries", headers=who.headers)
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


def send(engine: Engine, at: Any = None) -> int:
    return deliver_due(engine, at or utcnow(), allow_private=True)


def test_a_delivery_arrives_signed_and_the_standard_webhooks_verifier_accepts_it(
    client: TestClient, engine: Engine, alice: Person, receiver: Receiver
) -> None:
    hook = subscribe(client, alice, receiver.url)
    assert hook["secret"].startswith("whsec_")
    created = add_application(client, alice)
    assert send(engine) == 1
    [request] = receiver.requests
    assert request.method == "POST" and request.path == "/hooks/touchbase"
    payload = Webhook(hook["secret"]).verify(request.body, request.headers)
    assert payload["type"] == "application.created"
    assert payload["data"] == created  # the resource as the REST API returned it
    assert payload["timestamp"].endswith("Z")
    assert request.headers["webhook-id"].startswith("msg_")
    assert request.headers["Content-Type"] == "application/json"
    [entry] = log(client, alice, hook["id"])
    assert entry["status"] == "delivered" and entry["attempt"] == 1
    assert entry["status_code"] == 200 and entry["response_body"] == "ok"
    assert entry["duration_ms"] >= 0 and entry["event_id"] == request.headers["webhook-id"]
    # A tampered body is refused by the same verifier.
    tampered = request.body.replace(b"Acme", b"Evil")
    try:
        Webhook(hook["secret"]).verify(tampered, request.headers)
    except Exception as e:
        assert "signature" in str(e).lower()
    else:
        raise AssertionError("a tampered body verified")
    assert send(engine) == 0  # delivered: never sent again


def test_a_500_is_retried_after_the_first_delay_and_success_clears_failing_since(
    client: TestClient, engine: Engine, db: Session, alice: Person, receiver: Receiver
) -> None:
    hook = subscribe(client, alice, receiver.url)
    receiver.answer(500, b"x" * 5000)
    add_application(client, alice)
    now = utcnow()
    assert send(engine, now) == 1
    [entry] = log(client, alice, hook["id"])
    assert entry["status"] == "pending" and entry["status_code"] == 500
    assert len(entry["response_body"]) == 1024  # the first KB only
    assert entry["next_attempt_at"] is not None
    assert client.get(f"{API}/webhooks/{hook['id']}", headers=alice.headers).json()["failing_since"]
    assert send(engine, now + RETRY_DELAYS[0] - timedelta(seconds=1)) == 0  # not yet
    assert send(engine, now + RETRY_DELAYS[0]) == 1
    [entry] = log(client, alice, hook["id"])
    assert entry["status"] == "delivered" and entry["attempt"] == 2
    assert len(receiver.requests) == 2
    assert receiver.requests[0].headers["webhook-id"] == receiver.requests[1].headers["webhook-id"]
    got = client.get(f"{API}/webhooks/{hook['id']}", headers=alice.headers).json()
    assert got["failing_since"] is None


def test_a_delivery_fails_for_good_after_its_last_retry(
    client: TestClient, engine: Engine, alice: Person, receiver: Receiver
) -> None:
    hook = subscribe(client, alice, receiver.url)
    receiver.default = (503, b"down", {})
    add_application(client, alice)
    at = utcnow()
    assert send(engine, at) == 1
    for wait in RETRY_DELAYS:
        at += wait
        assert send(engine, at) == 1
    [entry] = log(client, alice, hook["id"])
    assert entry["status"] == "failed" and entry["attempt"] == len(RETRY_DELAYS) + 1
    assert entry["next_attempt_at"] is None
    assert send(engine, at + timedelta(days=1)) == 0
    assert sum(RETRY_DELAYS, timedelta()) > timedelta(hours=24)  # "about a day"


def test_redirects_are_not_followed(
    client: TestClient, engine: Engine, alice: Person, receiver: Receiver
) -> None:
    hook = subscribe(client, alice, receiver.url)
    receiver.answer(302, b"", {"Location": receiver.url + "/elsewhere"})
    add_application(client, alice)
    assert send(engine) == 1
    assert [r.path for r in receiver.requests] == ["/hooks/touchbase"]
    [entry] = log(client, alice, hook["id"])
    assert entry["status"] == "pending" and entry["status_code"] == 302
    assert "redirects are not followed" in entry["error"]


def test_ping_the_log_and_redeliver(
    client: TestClient, engine: Engine, alice: Person, receiver: Receiver
) -> None:
    hook = subscribe(client, alice, receiver.url)
    r = client.post(f"{API}/webhooks/{hook['id']}/ping", headers=alice.headers)
    assert r.status_code == 202 and r.json()["status"] == "pending"
    assert send(engine) == 1
    ping = json.loads(receiver.requests[0].body)
    assert ping["type"] == "ping" and ping["data"]["webhook_id"] == hook["id"]
    first = r.json()["id"]
    r = client.post(
        f"{API}/webhooks/{hook['id']}/deliveries/{first}/redeliver", headers=alice.headers
    )
    assert r.status_code == 202 and r.json()["id"] != first
    assert send(engine) == 1
    assert receiver.requests[1].body == receiver.requests[0].body
    assert receiver.requests[1].headers["webhook-id"] == receiver.requests[0].headers["webhook-id"]
    page = client.get(f"{API}/webhooks/{hook['id']}/deliveries?limit=1", headers=alice.headers)
    assert [d["id"] for d in page.json()["items"]] == [r.json()["id"]]  # newest first
    cursor = page.json()["next_cursor"]
    rest = client.get(
        f"{API}/webhooks/{hook['id']}/deliveries?limit=1&cursor={cursor}", headers=alice.headers
    ).json()
    assert [d["id"] for d in rest["items"]] == [first] and rest["next_cursor"] is None
    bad = client.get(f"{API}/webhooks/{hook['id']}/deliveries?cursor=abc", headers=alice.headers)
    assert bad.status_code == 422


def test_a_webhook_failing_for_three_days_is_switched_off_with_a_reason(
    client: TestClient, engine: Engine, db: Session, alice: Person, receiver: Receiver
) -> None:
    hook = subscribe(client, alice, receiver.url)
    receiver.default = (500, b"", {})
    client.post(f"{API}/webhooks/{hook['id']}/ping", headers=alice.headers)
    t0 = utcnow()
    assert send(engine, t0) == 1
    client.post(f"{API}/webhooks/{hook['id']}/ping", headers=alice.headers)
    send(engine, t0 + timedelta(days=2))
    got = client.get(f"{API}/webhooks/{hook['id']}", headers=alice.headers).json()
    assert got["enabled"] is True and got["disabled_reason"] is None
    client.post(f"{API}/webhooks/{hook['id']}/ping", headers=alice.headers)
    send(engine, t0 + timedelta(days=3, minutes=1))
    got = client.get(f"{API}/webhooks/{hook['id']}", headers=alice.headers).json()
    assert got["enabled"] is False
    assert "failed for 3 days" in got["disabled_reason"]
    assert all(d["status"] == "failed" for d in log(client, alice, hook["id"]))
    # Switched off, it gets no new events; on again, the reason goes and events flow.
    add_application(client, alice)
    assert len(log(client, alice, hook["id"])) == 3
    r = client.patch(f"{API}/webhooks/{hook['id']}", json={"enabled": True}, headers=alice.headers)
    assert r.json()["enabled"] is True and r.json()["disabled_reason"] is None
    add_application(client, alice)
    assert len(log(client, alice, hook["id"])) == 4


def test_private_addresses_are_refused_at_delivery_time_unless_allowed(
    client: TestClient, engine: Engine, alice: Person, receiver: Receiver
) -> None:
    hook = subscribe(client, alice, receiver.url)  # the tests' app allows private addresses
    add_application(client, alice)
    assert deliver_due(engine, utcnow(), allow_private=False) == 1
    assert receiver.requests == []
    [entry] = log(client, alice, hook["id"])
    assert entry["status"] == "pending" and entry["status_code"] is None
    assert "loopback" in entry["error"]


def test_two_workers_send_each_delivery_once_and_in_order_per_webhook(
    client: TestClient, engine: Engine, db: Session, alice: Person
) -> None:
    slow = Receiver(delay=0.01)
    try:
        hooks = [subscribe(client, alice, slow.url + f"/{n}") for n in range(2)]
        for n in range(10):
            add_application(client, alice, company=f"Company {n}")
        now = utcnow()
        made = []
        start = threading.Barrier(2)

        def work() -> None:
            start.wait()
            made.append(deliver_due(engine, now, allow_private=True))

        workers = [threading.Thread(target=work) for _ in range(2)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(60)
        assert sum(made) == 20
        seen: dict[str, list[str]] = defaultdict(list)
        for request in slow.requests:
            seen[request.path].append(json.loads(request.body)["data"]["company"])
        companies = [f"Company {n}" for n in range(10)]
        assert dict(seen) == {f"/hooks/touchbase/{n}": companies for n in range(2)}
        statuses = db.exec(select(WebhookDelivery.status)).all()
        assert statuses == ["delivered"] * 20
        assert {h["id"] for h in hooks} == set(db.exec(select(WebhookSubscription.id)).all())
    finally:
        slow.stop()


def test_a_lost_lease_is_taken_over_and_the_first_worker_cannot_record(
    client: TestClient, engine: Engine, alice: Person, receiver: Receiver
) -> None:
    hook = subscribe(client, alice, receiver.url)
    add_application(client, alice)
    now = utcnow()
    [delivery_id] = delivery.ready_ids(engine, now)
    claimed = delivery._claim(engine, delivery_id, now)  # a worker that then died
    assert claimed is not None
    assert delivery.deliver(engine, delivery_id, now, allow_private=True) is None  # leased
    later = now + timedelta(seconds=delivery.LEASE_SECONDS + 1)
    assert delivery.deliver(engine, delivery_id, later, allow_private=True) == "delivered"
    attempt = delivery.Attempt(200, "late", None, 1)
    assert delivery._record(engine, delivery_id, claimed[2], attempt, later) is None
    [entry] = log(client, alice, hook["id"])
    assert entry["attempt"] == 1 and entry["response_body"] == "ok"


def test_an_answer_trickling_past_the_timeout_is_cut_off(
    client: TestClient, engine: Engine, alice: Person, monkeypatch: Any
) -> None:
    class Trickle(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            try:
                for _ in range(100):  # a byte each 0.1 s: no single read waits for the timeout
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:  # the client hung up, as it should
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    server.daemon_threads, server.block_on_close = True, False
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(delivery, "TIMEOUT_SECONDS", 0.5)
    try:
        hook = subscribe(client, alice, f"http://127.0.0.1:{server.server_address[1]}/h")
        add_application(client, alice)
        started = time.perf_counter()
        assert send(engine) == 1
        assert time.perf_counter() - started < 3  # not the 10 s the whole answer takes
        [entry] = log(client, alice, hook["id"])
        assert entry["status_code"] == 200 and "cut off after 0.5 s" in entry["error"]
        assert 0 < len(entry["response_body"]) < 100
    finally:
        server.shutdown()
        server.server_close()
