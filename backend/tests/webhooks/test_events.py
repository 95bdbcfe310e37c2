"""Which writes announce which events, in their own transaction; follow_up.due once a day."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from app import events
from app.applications import service as applications
from app.applications.models import Application, ApplicationCreate, Contact
from app.webhooks.due import announce_due
from app.webhooks.models import EVENT_TYPES, WebhookDelivery
from tests.factories import Person
from tests.webhooks.test_delivery import API, subscribe


def types_sent(db: Session) -> list[str]:
    db.rollback()  # a fresh read: the requests wrote since
    query = select(WebhookDelivery.event_type).order_by(col(WebhookDelivery.id))
    return list(db.exec(query.execution_options(populate_existing=True)).all())


def count(db: Session) -> int:
    return db.exec(select(func.count()).select_from(WebhookDelivery)).one()


def test_each_write_announces_its_event_to_the_webhooks_that_want_it(
    client: TestClient, db: Session, alice: Person, bob: Person
) -> None:
    subscribe(client, alice, "https://hooks.example.com/all", *EVENT_TYPES)
    subscribe(client, alice, "https://hooks.example.com/deleted", "application.deleted")
    subscribe(client, bob, "https://hooks.example.com/bob", *EVENT_TYPES)  # never Alice's
    h = alice.headers
    body = {"company": "Acme", "position": "Engineer", "applied_on": "2026-11-20"}
    app = client.post(f"{API}/applications", json=body, headers=h).json()
    assert types_sent(db) == ["application.created", "plan.changed"]
    base = f"{API}/applications/{app['id']}"
    r = client.patch(base, json={"notes": "Met them at a fair."}, headers=h)
    assert r.status_code == 200, r.text
    assert types_sent(db)[2:] == ["application.updated"]  # the plan did not change
    client.post(f"{base}/events", json={"kind": "note", "summary": "Called"}, headers=h)
    assert types_sent(db)[3:] == ["event.created"]
    r = client.post(
        f"{base}/follow-ups", json={"channel": "email", "override_reason": "asked"}, headers=h
    )
    assert r.status_code == 201, r.text
    assert types_sent(db)[4:] == ["follow_up.recorded", "plan.changed"]
    client.delete(base, headers=h)
    assert types_sent(db)[6:] == ["application.deleted", "application.deleted"]
    db.rollback()
    deliveries = db.exec(select(WebhookDelivery).order_by(col(WebhookDelivery.id))).all()
    created, plan, updated, event, follow_up = (d.payload for d in deliveries[:5])
    assert created["data"] == app and created["type"] == "application.created"
    assert plan["data"]["application_id"] == app["id"] and plan["data"]["plan"]["state"]
    assert updated["data"]["notes"] == "Met them at a fair."
    assert event["data"]["summary"] == "Called" and follow_up["data"]["kind"] == "follow_up"
    # Both of Alice's deletions carry the same event: one webhook-id, two subscriptions.
    assert deliveries[6].event_id == deliveries[7].event_id
    assert deliveries[6].subscription_id != deliveries[7].subscription_id


def test_a_rolled_back_write_announces_nothing(
    client: TestClient, engine: Engine, alice: Person
) -> None:
    subscribe(client, alice, "https://hooks.example.com/x", "application.created")
    with Session(engine) as session:
        app = applications.create(
            session, alice.user.id, ApplicationCreate(company="A", position="B")
        )
        # A create writes its rows straight; the next flush (a contact's here) or the commit
        # makes its event a delivery row in this transaction ...
        session.add(Contact(application_id=app.id, name="Ann"))  # type: ignore[arg-type]
        session.flush()
        assert session.exec(select(func.count()).select_from(WebhookDelivery)).one() == 1
        session.rollback()  # ... which goes with it
        session.commit()
        assert session.exec(select(func.count()).select_from(WebhookDelivery)).one() == 0
        assert session.exec(select(func.count()).select_from(Application)).one() == 0
    with Session(engine) as session:
        session.exec(select(Application)).all()  # in a transaction, as a service is
        events.emit(session, alice.user.id, "application.created", {"id": 1})  # type: ignore[arg-type]
        session.rollback()
        session.commit()  # the forgotten event does not come back
        assert session.exec(select(func.count()).select_from(WebhookDelivery)).one() == 0


def test_follow_up_due_is_announced_once_on_the_due_day_in_the_users_time_zone(
    client: TestClient, engine: Engine, db: Session, alice: Person
) -> None:
    client.patch(f"{API}/me", json={"timezone": "Pacific/Auckland"}, headers=alice.headers)
    subscribe(client, alice, "https://hooks.example.com/due", "follow_up.due")
    body = {"company": "Acme", "position": "Engineer", "applied_on": "2026-11-02"}
    app_id = client.post(f"{API}/applications", json=body, headers=alice.headers).json()["id"]
    due_on = db.exec(select(Application.next_due_on).where(Application.id == app_id)).one()
    assert due_on is not None
    local_morning = datetime.combine(due_on, time(8), tzinfo=ZoneInfo("Pacific/Auckland"))
    the_eve_in_utc = local_morning.astimezone(ZoneInfo("UTC"))
    assert the_eve_in_utc.date() < due_on  # still the day before in UTC
    assert announce_due(engine, local_morning - timedelta(days=1)) == 0
    assert announce_due(engine, the_eve_in_utc) == 1
    assert announce_due(engine, the_eve_in_utc + timedelta(hours=6)) == 0  # once
    assert announce_due(engine, local_morning + timedelta(days=1)) == 0
    db.rollback()
    [delivery] = db.exec(select(WebhookDelivery)).all()
    assert delivery.event_type == "follow_up.due"
    assert delivery.payload["data"]["application"]["id"] == app_id
    assert delivery.payload["data"]["plan"]["state"] == "due"
