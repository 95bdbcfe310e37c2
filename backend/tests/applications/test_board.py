"""The list's next-due sort, total and search; the board's status moves; bulk actions with
soft delete and restore."""

from collections import Counter
from datetime import date, timedelta

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, func, select

from app.applications import moves
from app.applications.models import MAX_BULK_IDS, Application, Contact, Event
from app.db import utcnow
from app.followups.models import StoredPlan
from tests.conftest import LiveServer
from tests.factories import Person, make_application

API = "/api/v1"


def ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def listing(client: TestClient, person: Person, **params) -> dict:
    r = client.get(f"{API}/applications", params=params, headers=person.headers)
    assert r.status_code == 200, r.text
    return r.json()


def plan(client: TestClient, person: Person, app_id: int) -> dict:
    r = client.get(f"{API}/applications/{app_id}/plan", headers=person.headers)
    assert r.status_code == 200, r.text
    return r.json()


# --- the list ---------------------------------------------------------------------------------


def test_next_due_on_is_the_plans_due_date(client: TestClient, alice: Person, db: Session) -> None:
    waiting = make_application(db, alice.user, applied_on=ago(2))
    saved = make_application(db, alice.user, company="Saved Co")
    items = {a["id"]: a for a in listing(client, alice)["items"]}
    assert items[waiting.id]["next_due_on"] == plan(client, alice, waiting.id)["due_on"]
    assert items[waiting.id]["next_due_on"] is not None
    assert items[saved.id]["next_due_on"] is None
    due = client.get(f"{API}/follow-ups", headers=alice.headers, params={"until": ago(-60)})
    rows = due.json()["items"]
    assert [r["application"]["next_due_on"] for r in rows] == [r["plan"]["due_on"] for r in rows]


@pytest.mark.parametrize("sort", ["next_due_on", "-next_due_on"])
def test_next_due_pages_cover_every_row_once_nulls_last(
    client: TestClient, alice: Person, db: Session, sort: str
) -> None:
    for i in range(13):
        make_application(db, alice.user, applied_on=ago(i % 4) if i % 3 else None)
    seen, cursor = [], None
    while True:
        page = listing(client, alice, sort=sort, limit=3, **({"cursor": cursor} if cursor else {}))
        assert page["total"] == 13
        seen += page["items"]
        if (cursor := page["next_cursor"]) is None:
            break
    assert len({a["id"] for a in seen}) == 13 == len(seen)
    present = [a["next_due_on"] for a in seen if a["next_due_on"] is not None]
    assert present and present == sorted(present, reverse=sort.startswith("-"))
    assert all(a["next_due_on"] is None for a in seen[len(present) :])


def test_total_counts_every_match_across_pages(
    client: TestClient, alice: Person, bob: Person, db: Session
) -> None:
    for i in range(7):
        make_application(db, alice.user, applied_on=ago(1) if i < 5 else None)
    make_application(db, bob.user, applied_on=ago(1))
    assert listing(client, alice, limit=2)["total"] == 7
    assert listing(client, alice, limit=2, status="applied")["total"] == 5
    assert listing(client, alice, status="applied")["total"] == 5  # one page: counted, too
    assert listing(client, alice, q="nothing like it")["total"] == 0


def test_search_reads_notes_location_and_contact_names(
    client: TestClient, alice: Person, bob: Person, db: Session
) -> None:
    noted = make_application(db, alice.user, company="A", notes="Met them at PyCon")
    placed = make_application(db, alice.user, company="B", location="Lisbon")
    known = make_application(db, alice.user, company="C")
    db.add(Contact(application_id=known.id, name="Grace Hopper"))  # type: ignore[arg-type]
    db.add(Contact(application_id=known.id, name="Walter Hopper"))  # type: ignore[arg-type]
    other = make_application(db, bob.user, company="D", notes="pycon lisbon hopper")
    db.add(Contact(application_id=other.id, name="Grace Hopper"))  # type: ignore[arg-type]
    db.commit()

    def found(q: str) -> list[int]:
        return sorted(a["id"] for a in listing(client, alice, q=q)["items"])

    assert found("pycon") == [noted.id]
    assert found("LISBON") == [placed.id]
    assert found("hopper") == [known.id]  # once, for two contacts
    assert listing(client, alice, q="hopper")["total"] == 1


# --- the board's move ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        ("interviewing", "interview"),
        ("rejected", "rejection"),
        ("withdrawn", "withdrawn"),
        ("offer", "offer"),
    ],
)
def test_a_move_records_the_implied_event_and_the_plan_follows(
    client: TestClient, alice: Person, db: Session, status: str, kind: str
) -> None:
    app = make_application(db, alice.user, applied_on=ago(3))
    before = plan(client, alice, app.id)
    url = f"{API}/applications/{app.id}"
    tag = client.get(url, headers=alice.headers).headers["etag"]
    r = client.post(
        f"{url}/status",
        json={"status": status, "on": ago(1)},
        headers={**alice.headers, "If-Match": tag},
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == status and r.headers["etag"] != tag
    events = client.get(f"{url}/events", headers=alice.headers).json()
    assert [(e["kind"], e["occurred_on"]) for e in events][-1] == (kind, ago(1))
    after = plan(client, alice, app.id)
    assert after != before
    stored = db.exec(select(StoredPlan).where(StoredPlan.application_id == app.id)).first()
    assert (stored.state if stored else None) == (after["state"] if after["due_on"] else None)


def test_a_move_to_applied_records_the_applied_event(
    client: TestClient, alice: Person, db: Session
) -> None:
    app = make_application(db, alice.user)
    assert plan(client, alice, app.id)["state"] == "not_applied"
    r = client.post(
        f"{API}/applications/{app.id}/status", json={"status": "applied"}, headers=alice.headers
    )
    assert r.status_code == 200 and r.json()["applied_on"] == date.today().isoformat()
    assert r.json()["next_due_on"] is not None
    assert plan(client, alice, app.id)["state"] == "waiting"


def test_a_move_the_timeline_contradicts_is_409_and_changes_nothing(
    client: TestClient, alice: Person, db: Session
) -> None:
    app = make_application(db, alice.user, applied_on=ago(5))
    url = f"{API}/applications/{app.id}"
    client.post(
        f"{url}/status", json={"status": "interviewing", "on": ago(1)}, headers=alice.headers
    )
    version = client.get(url, headers=alice.headers).json()["version"]
    for body in ({"status": "applied"}, {"status": "saved"}, {"status": "rejected", "on": ago(2)}):
        r = client.post(f"{url}/status", json=body, headers=alice.headers)
        assert r.status_code == 409 and r.json()["type"].endswith("/status-follows-timeline")
    got = client.get(url, headers=alice.headers).json()
    assert (got["status"], got["version"]) == ("interviewing", version)
    assert len(client.get(f"{url}/events", headers=alice.headers).json()) == 2


def test_a_stale_etag_or_another_users_id_changes_nothing(
    client: TestClient, alice: Person, bob: Person, db: Session
) -> None:
    app = make_application(db, alice.user, applied_on=ago(5))
    url = f"{API}/applications/{app.id}/status"
    stale = {**alice.headers, "If-Match": f'"{app.id}-0"'}
    assert client.post(url, json={"status": "offer"}, headers=stale).status_code == 412
    assert client.post(url, json={"status": "offer"}, headers=bob.headers).status_code == 404
    assert db.exec(select(func.count()).select_from(Event)).one() == 1


# --- bulk actions ---------------------------------------------------------------------------------


def bulk(client: TestClient, person: Person, **body) -> httpx.Response:
    return client.post(f"{API}/applications/bulk", json=body, headers=person.headers)


def test_bulk_status_moves_every_one_recording_each_event(
    client: TestClient, alice: Person, db: Session
) -> None:
    apps = [make_application(db, alice.user, applied_on=ago(4)) for _ in range(3)]
    ids = [a.id for a in apps]
    r = bulk(client, alice, ids=ids, action="status", status="rejected")
    assert r.status_code == 200 and r.json() == {
        "action": "status",
        "ids": ids,
        "restore_until": None,
    }
    for app_id in ids:
        assert plan(client, alice, app_id)["state"] == "post_rejection"
    kinds = db.exec(select(Event.kind).where(Event.kind == "rejection")).all()
    assert len(kinds) == 3


def test_bulk_is_all_or_none(client: TestClient, alice: Person, bob: Person, db: Session) -> None:
    mine = make_application(db, alice.user, applied_on=ago(4))
    moved = make_application(db, alice.user, applied_on=ago(4))
    client.post(
        f"{API}/applications/{moved.id}/status",
        json={"status": "interviewing"},
        headers=alice.headers,
    )
    theirs = make_application(db, bob.user)
    r = bulk(client, alice, ids=[mine.id, theirs.id], action="delete")
    assert r.status_code == 404 and str(theirs.id) in r.json()["detail"]
    assert "Bob" not in r.text and "Acme" not in r.text
    r = bulk(client, alice, ids=[mine.id, moved.id], action="status", status="applied")
    assert r.status_code == 409  # the second's interview keeps it interviewing
    r = bulk(client, alice, ids=[mine.id, moved.id], action="status", status="rejected", on=ago(9))
    assert r.status_code == 409 and "is interviewing because of the interview" in r.text
    db.expire_all()
    assert db.get(Application, mine.id).deleted_at is None  # type: ignore[union-attr]
    assert db.exec(select(func.count()).select_from(Event)).one() == 3  # 2 applied, 1 interview


def test_bulk_bounds_and_shape_are_checked(client: TestClient, alice: Person) -> None:
    too_many = list(range(1, MAX_BULK_IDS + 2))
    assert bulk(client, alice, ids=too_many, action="archive").status_code == 422
    assert bulk(client, alice, ids=[], action="archive").status_code == 422
    assert bulk(client, alice, ids=[1], action="status").status_code == 422
    assert bulk(client, alice, ids=[1], action="explode").status_code == 422


def test_bulk_archive_and_unarchive(client: TestClient, alice: Person, db: Session) -> None:
    ids = [make_application(db, alice.user).id for _ in range(2)]
    assert bulk(client, alice, ids=ids, action="archive").status_code == 200
    assert listing(client, alice, archived="true")["total"] == 2
    assert bulk(client, alice, ids=ids, action="unarchive").status_code == 200
    assert listing(client, alice, archived="false")["total"] == 2


def test_deleted_applications_vanish_everywhere_until_restored(
    client: TestClient, alice: Person, db: Session
) -> None:
    gone = make_application(db, alice.user, applied_on=ago(9))
    kept = make_application(db, alice.user, applied_on=ago(9))
    r = bulk(client, alice, ids=[gone.id], action="delete")
    assert r.status_code == 200 and r.json()["restore_until"] is not None
    h = alice.headers
    assert [a["id"] for a in listing(client, alice)["items"]] == [kept.id]
    assert client.get(f"{API}/applications/{gone.id}", headers=h).status_code == 404
    assert client.get(f"{API}/applications/{gone.id}/plan", headers=h).status_code == 404
    due = client.get(f"{API}/follow-ups", headers=h, params={"until": ago(-90)}).json()
    assert [i["application"]["id"] for i in due["items"]] == [kept.id]
    today = client.get(f"{API}/follow-ups/today", headers=h).json()
    ids = [i["application"]["id"] for g in today["groups"] for i in g["items"]]
    assert (
        ids == [kept.id]
        and sum(today["counts"][k] for k in ("due_now", "waiting", "closing_soon", "past_window"))
        == 1
    )
    assert bulk(client, alice, ids=[gone.id], action="archive").status_code == 404
    r = client.post(f"{API}/applications/restore", json={"ids": [gone.id]}, headers=h)
    assert r.status_code == 200 and r.json() == {"ids": [gone.id]}
    assert listing(client, alice)["total"] == 2
    again = client.post(f"{API}/applications/restore", json={"ids": [gone.id]}, headers=h)
    assert again.status_code == 404  # not deleted any more


def test_deleted_ones_are_restorable_for_30_days_then_purged(
    client: TestClient, alice: Person, bob: Person, db: Session
) -> None:
    old = make_application(db, alice.user, applied_on=ago(40))
    recent = make_application(db, alice.user, applied_on=ago(40))
    bulk(client, alice, ids=[old.id, recent.id], action="delete")
    r = client.post(f"{API}/applications/restore", json={"ids": [old.id]}, headers=bob.headers)
    assert r.status_code == 404  # not bob's
    db.expire_all()
    row = db.get(Application, old.id)
    assert row is not None
    row.deleted_at = utcnow() - timedelta(days=31)
    db.add(row)
    db.commit()
    r = client.post(f"{API}/applications/restore", json={"ids": [old.id]}, headers=alice.headers)
    assert r.status_code == 404
    assert moves.purge_deleted(db, utcnow()) == 1
    left = db.exec(select(col(Application.id))).all()
    assert left == [recent.id]
    assert db.exec(select(func.count()).select_from(Event)).one() == 1  # recent's applied


def test_concurrent_bulk_moves_record_one_event_each(
    live: LiveServer, db: Session, alice: Person
) -> None:
    ids = [make_application(db, alice.user, applied_on=ago(4)).id for _ in range(5)]
    url = f"{live.url}/api/v1/applications/bulk"
    body = {"ids": ids, "action": "status", "status": "offer"}

    def send(_: int) -> httpx.Response:
        return httpx.post(url, json=body, headers=alice.headers, timeout=60)

    from tests.test_concurrency import burst

    statuses = Counter(r.status_code for r in burst(8, send))
    assert statuses == {200: 8}
    offers = db.exec(select(func.count()).select_from(Event).where(Event.kind == "offer")).one()
    assert offers == 5
