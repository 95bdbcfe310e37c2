"""Today: groups by the stored dates, a page per group, snoozes and archiving past the window."""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import httpx
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.applications import summaries
from app.applications.models import Application
from app.auth.service import today_for
from app.followups import today
from tests.conftest import LiveServer
from tests.factories import Person, make_application, many_applications
from tests.queries import query_plan, recorded

API = "/api/v1"
ON = "2026-03-10"  # a Tuesday


def today_page(client: TestClient, person: Person, **params) -> dict:
    r = client.get(f"{API}/follow-ups/today", params=params, headers=person.headers)
    assert r.status_code == 200, r.text
    return r.json()


def groups(page: dict) -> dict[str, list[str]]:
    return {g["key"]: [i["application"]["position"] for i in g["items"]] for g in page["groups"]}


def ago(person: Person, days: int) -> str:
    return (today_for(person.user) - timedelta(days=days)).isoformat()


@pytest.fixture
def board(client: TestClient, db: Session, alice: Person, bob: Person) -> None:
    """Alice's applications in every group on ON, some with nothing scheduled, and Bob's."""
    for position, applied_on in [
        ("late", "2026-02-02"),  # due 02-09, window closed 02-23
        ("closing", "2026-02-17"),  # due 02-24 until 03-10: closing soon
        ("early", "2026-02-23"),  # due 03-02 until 03-16
        ("now", "2026-03-02"),  # due 03-09 until 03-23
        ("next week", "2026-03-09"),  # due 03-16
    ]:
        make_application(db, alice.user, position=position, applied_on=applied_on)
    make_application(db, alice.user, position="saved")
    make_application(db, alice.user, position="blocked", applied_on="2026-03-02", no_contact=True)
    make_application(db, alice.user, position="archived", applied_on="2026-03-02", archived=True)
    rejected = make_application(db, alice.user, position="rejected", applied_on="2026-02-23")
    client.post(
        f"{API}/applications/{rejected.id}/events",
        json={"kind": "rejection", "occurred_on": "2026-03-08"},
        headers=alice.headers,
    )
    make_application(db, bob.user, position="bobs", applied_on="2026-03-02")


@pytest.mark.usefixtures("board")
def test_every_scheduled_application_falls_in_one_group_by_its_dates(
    client: TestClient, alice: Person
) -> None:
    page = today_page(client, alice, on=ON)
    assert page["on"] == ON and page["closing_soon_days"] == 3
    assert groups(page) == {
        "due_now": ["early", "rejected", "now"],  # the window that closes first comes first
        "closing_soon": ["closing"],
        "waiting": ["next week"],
        "past_window": ["late"],
        "imported_past_window": [],  # none imported (tests/data_io/test_imports.py)
    }
    assert page["counts"] == {
        "due_now": 3,
        "closing_soon": 1,
        "waiting": 1,
        "past_window": 1,
        "imported_past_window": 0,
        "snoozed": 0,
        "next_due_on": "2026-03-16",
        "next_snooze_ends_on": None,
    }
    items = {i["application"]["position"]: i for g in page["groups"] for i in g["items"]}
    assert items["late"]["plan"]["state"] == "too_late"
    assert items["closing"]["plan"]["window_closes_on"] == "2026-03-10"
    assert items["rejected"]["plan"]["state"] == "post_rejection"
    assert "wait" in [s["action"] for s in items["next week"]["plan"]["next_steps"]]
    assert all(i["plan"]["reasons"] for i in items.values())
    counts = client.get(f"{API}/follow-ups/today/counts", params={"on": ON}, headers=alice.headers)
    assert counts.json() == page["counts"]


@pytest.mark.usefixtures("board")
def test_another_users_today_holds_only_their_own(client: TestClient, bob: Person) -> None:
    assert groups(today_page(client, bob, on=ON)) == {
        "due_now": ["bobs"],
        "closing_soon": [],
        "waiting": [],
        "past_window": [],
        "imported_past_window": [],
    }


def test_a_group_pages_with_its_cursor(client: TestClient, db: Session, alice: Person) -> None:
    for n in range(5):  # due 02-09 .. 02-13, closed 02-23 .. 02-27: the latest closed first
        make_application(db, alice.user, position=f"late {n}", applied_on=f"2026-02-0{n + 2}")
    first = today_page(client, alice, on=ON, limit=2)
    late = next(g for g in first["groups"] if g["key"] == "past_window")
    assert late["count"] == 5
    seen = [i["application"]["position"] for i in late["items"]]
    cursor = late["next_cursor"]
    while cursor:
        page = today_page(client, alice, on=ON, limit=2, cursor=cursor)
        assert [g["key"] for g in page["groups"]] == ["past_window"]
        seen += [i["application"]["position"] for i in page["groups"][0]["items"]]
        cursor = page["groups"][0]["next_cursor"]
    assert seen == ["late 4", "late 3", "late 2", "late 1", "late 0"]
    only = today_page(client, alice, on=ON, group="waiting")
    assert [g["key"] for g in only["groups"]] == ["waiting"]


def test_a_cursor_of_another_group_or_listing_is_refused(
    client: TestClient, db: Session, alice: Person
) -> None:
    for n in range(3):
        make_application(db, alice.user, position=f"late {n}", applied_on=f"2026-02-0{n + 2}")
    page = today_page(client, alice, on=ON, limit=1)
    cursor = next(g for g in page["groups"] if g["key"] == "past_window")["next_cursor"]
    params = {"on": ON, "cursor": cursor, "group": "waiting"}
    r = client.get(f"{API}/follow-ups/today", params=params, headers=alice.headers)
    assert r.status_code == 422 and r.json()["type"].endswith("/invalid-cursor")
    r = client.get(f"{API}/follow-ups/today", params={"cursor": "abc"}, headers=alice.headers)
    assert r.status_code == 422 and r.json()["type"].endswith("/invalid-cursor")
    r = client.get(f"{API}/follow-ups/today", params={"limit": 101}, headers=alice.headers)
    assert r.status_code == 422


def test_a_snooze_hides_it_from_today_until_its_day_and_leaves_the_plan(
    client: TestClient, db: Session, alice: Person
) -> None:
    app = make_application(db, alice.user, position="now", applied_on=ago(alice, 9))
    today = today_for(alice.user)
    until = (today + timedelta(days=4)).isoformat()
    url = f"{API}/applications/{app.id}/snooze"
    r = client.put(url, json={"until": until}, headers=alice.headers)
    assert r.status_code == 200, r.text
    assert r.json() == {"application_id": app.id, "until": until}
    page = today_page(client, alice)
    assert all(not g["items"] for g in page["groups"])
    assert page["counts"]["snoozed"] == 1 and page["counts"]["next_snooze_ends_on"] == until
    # Only the listing: the plan and the due list keep their dates.
    plan = client.get(f"{API}/applications/{app.id}/plan", headers=alice.headers).json()
    assert plan["state"] == "due"
    due = client.get(f"{API}/follow-ups", headers=alice.headers).json()
    assert [i["application"]["id"] for i in due["items"]] == [app.id]
    # Back on its day, in whatever group its dates give then.
    back = today_page(client, alice, on=until)
    assert [i["application"]["id"] for g in back["groups"] for i in g["items"]] == [app.id]
    assert back["counts"]["snoozed"] == 0
    # Snoozing again moves the day; undoing brings it back now.
    later = (today + timedelta(days=8)).isoformat()
    assert client.put(url, json={"until": later}, headers=alice.headers).json()["until"] == later
    assert today_page(client, alice)["counts"]["next_snooze_ends_on"] == later
    assert client.delete(url, headers=alice.headers).status_code == 204
    assert client.delete(url, headers=alice.headers).status_code == 204  # nothing left: fine
    page = today_page(client, alice)
    assert [i["application"]["id"] for g in page["groups"] for i in g["items"]] == [app.id]


def test_a_snooze_ends_after_today_and_within_a_year(
    client: TestClient, db: Session, alice: Person
) -> None:
    app = make_application(db, alice.user, applied_on=ago(alice, 9))
    today = today_for(alice.user)
    url = f"{API}/applications/{app.id}/snooze"
    for day, slug in [(today, "snooze-not-in-future"), (today + timedelta(366), "snooze-too-far")]:
        r = client.put(url, json={"until": day.isoformat()}, headers=alice.headers)
        assert r.status_code == 422
        assert r.json()["type"].endswith(f"/{slug}") and r.json()["errors"][0]["field"] == "until"
    assert client.put(url, json={"until": "soon"}, headers=alice.headers).status_code == 422
    r = client.put(url, json={"until": str(today + timedelta(1)), "x": 1}, headers=alice.headers)
    assert r.status_code == 422


def test_no_one_snoozes_or_unarchives_another_users_application(
    client: TestClient, db: Session, alice: Person, bob: Person
) -> None:
    app = make_application(db, alice.user, applied_on=ago(alice, 60), archived=True)
    until = (today_for(bob.user) + timedelta(days=3)).isoformat()
    url = f"{API}/applications/{app.id}/snooze"
    assert client.put(url, json={"until": until}, headers=bob.headers).status_code == 404
    assert client.delete(url, headers=bob.headers).status_code == 404
    r = client.post(
        f"{API}/follow-ups/today/unarchive", json={"application_ids": [app.id]}, headers=bob.headers
    )
    assert r.status_code == 200 and r.json() == {"application_ids": []}
    db.expire_all()
    assert db.get(Application, app.id).archived  # type: ignore[union-attr]


def test_archive_all_past_the_window_touches_only_the_callers_past_window_rows_and_undoes(
    client: TestClient, db: Session, alice: Person, bob: Person
) -> None:
    late = [
        make_application(db, alice.user, position=f"late {n}", applied_on=ago(alice, days))
        for n, days in enumerate((60, 90))
    ]
    snoozed = make_application(db, alice.user, position="late, snoozed", applied_on=ago(alice, 70))
    until = (today_for(alice.user) + timedelta(days=2)).isoformat()
    client.put(
        f"{API}/applications/{snoozed.id}/snooze", json={"until": until}, headers=alice.headers
    )
    now = make_application(db, alice.user, position="now", applied_on=ago(alice, 9))
    bobs = make_application(db, bob.user, position="bob late", applied_on=ago(bob, 60))
    url = f"{API}/follow-ups/today/archive-past-window"

    r = client.post(url, headers=alice.headers)
    assert r.status_code == 200, r.text
    assert r.json() == {"application_ids": sorted(a.id for a in late), "remaining": 0}
    db.expire_all()
    rows = {a.id: a for a in db.exec(select(Application))}
    assert all(rows[a.id].archived and rows[a.id].version == 2 for a in late)
    assert all(rows[a.id].next_due_on is None for a in late)  # closed: nothing scheduled
    assert not rows[snoozed.id].archived and not rows[now.id].archived
    assert not rows[bobs.id].archived and rows[bobs.id].version == 1
    page = today_page(client, alice)
    assert page["counts"]["past_window"] == 0 and page["counts"]["due_now"] == 1
    assert client.post(url, headers=alice.headers).json() == {"application_ids": [], "remaining": 0}

    # Undo: unarchive the ids it named; they are past the window again.
    ids = sorted(a.id for a in late)
    undo = client.post(
        f"{API}/follow-ups/today/unarchive",
        json={"application_ids": [*ids, bobs.id, now.id]},
        headers=alice.headers,
    )
    assert undo.json() == {"application_ids": ids}
    page = today_page(client, alice)
    assert page["counts"]["past_window"] == 2
    assert today_page(client, bob)["counts"]["past_window"] == 1


def test_unarchive_takes_a_bounded_list(client: TestClient, alice: Person) -> None:
    url = f"{API}/follow-ups/today/unarchive"
    for ids in ([], list(range(1, 502)), [0]):
        r = client.post(url, json={"application_ids": ids}, headers=alice.headers)
        assert r.status_code == 422, ids


def test_two_concurrent_archive_all_calls_archive_each_application_once(
    live: LiveServer, db: Session, alice: Person
) -> None:
    late = {
        make_application(db, alice.user, position=f"late {n}", applied_on=ago(alice, 40 + n)).id
        for n in range(12)
    }
    url = f"{live.url}{API}/follow-ups/today/archive-past-window"

    def archive(_: int) -> httpx.Response:
        return httpx.post(url, headers=alice.headers, timeout=60)

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(archive, range(4)))
    assert all(r.status_code == 200 for r in answers), [r.text for r in answers]
    named = Counter(i for r in answers for i in r.json()["application_ids"])
    assert set(named) == late and set(named.values()) == {1}
    db.expire_all()
    rows = list(db.exec(select(Application)))
    assert all(a.archived and a.version == 2 for a in rows)


def test_marking_sent_from_today_moves_it_out_and_deleting_the_event_undoes(
    client: TestClient, db: Session, alice: Person
) -> None:
    app = make_application(db, alice.user, position="now", applied_on=ago(alice, 9))
    sent = client.post(
        f"{API}/applications/{app.id}/follow-ups", json={"channel": "email"}, headers=alice.headers
    )
    assert sent.status_code == 201, sent.text
    assert all(not g["items"] for g in today_page(client, alice)["groups"])
    event = sent.json()["id"]
    r = client.delete(f"{API}/applications/{app.id}/events/{event}", headers=alice.headers)
    assert r.status_code == 204
    page = today_page(client, alice)
    assert [i["application"]["id"] for g in page["groups"] for i in g["items"]] == [app.id]
    assert date.fromisoformat(page["on"]) == today_for(alice.user)


def test_the_groups_listed_by_the_window_end_read_their_page_off_its_index(
    engine: Engine, db: Session, alice: Person
) -> None:
    many_applications(engine, [alice], 150)
    with recorded(engine) as ran:
        today.page(db, alice.user, on=date(2026, 6, 15), limit=25, group=None, cursor=None)
    db.rollback()
    seen = [(sql, p) for sql, p in ran if "ORDER BY applications.window_closes_on" in sql]
    assert len(seen) == 4  # due now, closing soon, past the window, imported past it
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":  # SQLite without statistics, as Touchbase runs it
            for statement, params in seen:
                assert "ix_applications_owner_closes" in query_plan(conn, statement, params)
        else:  # cost-based on its own statistics: at 150 rows it sorts; the index is there
            indexes = sa.inspect(conn).get_indexes("applications")
            assert {"ix_applications_owner_closes"} <= {i["name"] for i in indexes}


def test_the_group_counts_are_read_from_the_scheduled_index_alone(
    engine: Engine, db: Session, alice: Person
) -> None:
    many_applications(engine, [alice], 150)
    with engine.begin() as conn:
        dates = {"next_due_on": date(2026, 6, 10), "window_closes_on": date(2026, 6, 30)}
        conn.execute(sa.update(Application).values(**dates))
        summaries.store_all(conn)  # written past the service: its keeper is told
    with recorded(engine) as ran:
        counts = today.counts(db, alice.user, date(2026, 6, 15))
    db.rollback()
    assert counts["due_now"] == 150
    ((statement, params),) = [(sql, p) for sql, p in ran if "GROUP BY" in sql]
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":  # SQLite without statistics, as Touchbase runs it
            plan = query_plan(conn, statement, params)
            assert "COVERING INDEX ix_applications_owner_scheduled" in plan, plan
        else:  # cost-based on its own statistics (at 150 rows it scans); the index is there
            indexes = {
                i["name"]: i["column_names"] for i in sa.inspect(conn).get_indexes("applications")
            }
            assert indexes["ix_applications_owner_scheduled"] == [
                "owner_id", "next_due_on", "window_closes_on", "archived", "deleted_at",
                "imported_at", "id",
            ]  # fmt: skip
