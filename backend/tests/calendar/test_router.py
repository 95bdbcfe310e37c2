"""The private calendar feed: its URL, rotation, and the iCalendar it serves.

The feed's secret is a capability, not an owned id (tests/test_ownership.py defers to this
file): a wrong or rotated secret is a 404, and a feed only ever shows its owner's applications.
"""

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlmodel import Session, func, select

from app.calendar import router as calendar
from app.followups.models import CalendarFeed
from tests.conftest import LiveServer
from tests.factories import Person, make_token

API = "/api/v1"
TODAY = date(2026, 3, 5)  # the follow-up of an application made on 2026-03-02 is waiting


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calendar, "today_in", lambda timezone: TODAY)


def feed_url(client: TestClient, person: Person) -> str:
    r = client.get(f"{API}/calendar", headers=person.headers)
    assert r.status_code == 200
    return r.json()["url"]


def path_of(url: str) -> str:
    return url[url.index("/api/") :]


def download(client: TestClient, person: Person) -> Calendar:
    r = client.get(path_of(feed_url(client, person)))
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/calendar; charset=utf-8"
    assert r.headers["cache-control"] == "private, max-age=300"
    return Calendar.from_ical(r.content)


def events_of(cal: Calendar) -> dict[str, dict[str, Any]]:
    """The feed's events by UID: date, summary and description."""
    return {
        str(e["uid"]): {
            "on": e.decoded("dtstart"),
            "summary": str(e["summary"]),
            "description": str(e["description"]),
        }
        for e in cal.walk("VEVENT")
    }


def add(client: TestClient, person: Person, **fields: Any) -> int:
    body = {"company": "Acme", "position": "Engineer", **fields}
    r = client.post(f"{API}/applications", json=body, headers=person.headers)
    assert r.status_code == 201, r.text
    return r.json()["id"]


def record(client: TestClient, person: Person, app_id: int, kind: str, on: str) -> None:
    r = client.post(
        f"{API}/applications/{app_id}/events",
        json={"kind": kind, "occurred_on": on},
        headers=person.headers,
    )
    assert r.status_code == 201, r.text


def assert_not_found(r: Any) -> None:
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["type"].endswith("/calendar-not-found")


# --- the URL ------------------------------------------------------------------------------------


def test_every_account_has_its_feed_from_the_start_and_showing_it_writes_nothing(
    client: TestClient, alice: Person, db: Session
) -> None:
    stored = db.exec(select(CalendarFeed).where(CalendarFeed.user_id == alice.user.id)).one()
    first = client.get(f"{API}/calendar", headers=alice.headers).json()
    assert first["url"].endswith(f"/{stored.secret}.ics")
    assert db.exec(select(func.count()).select_from(CalendarFeed)).one() == 1


def test_a_new_account_gets_its_feed_at_sign_up(client: TestClient, db: Session) -> None:
    body = {"email": "new@example.com", "password": "correct horse battery", "name": "New"}
    assert client.post(f"{API}/auth/register", json=body).status_code == 201
    feeds = db.exec(select(func.count()).select_from(CalendarFeed)).one()
    assert feeds == 1


def test_the_feed_url_stays_the_same(client: TestClient, alice: Person) -> None:
    first = client.get(f"{API}/calendar", headers=alice.headers).json()
    again = client.get(f"{API}/calendar", headers=alice.headers).json()
    assert first == again
    assert first["url"].startswith("http://testserver/api/v1/calendar/")  # where it was asked
    assert first["url"].endswith(".ics")


def test_the_feed_url_uses_the_configured_public_address(
    app, client: TestClient, alice: Person
) -> None:
    app.state.settings.public_url = "https://touchbase.example.com"
    try:
        url = client.get(f"{API}/calendar", headers=alice.headers).json()["url"]
    finally:
        app.state.settings.public_url = None
    assert url.startswith("https://touchbase.example.com/api/v1/calendar/")


def test_the_feed_url_needs_a_signed_in_user(client: TestClient) -> None:
    assert client.get(f"{API}/calendar").status_code == 401
    assert client.post(f"{API}/calendar/rotate").status_code == 401


def test_each_user_has_their_own_feed(client: TestClient, alice: Person, bob: Person) -> None:
    assert feed_url(client, alice) != feed_url(client, bob)


def test_rotating_replaces_the_url_and_the_old_one_is_404_at_once(
    client: TestClient, alice: Person
) -> None:
    old = feed_url(client, alice)
    r = client.post(f"{API}/calendar/rotate", headers=alice.headers)
    assert r.status_code == 200
    new = r.json()["url"]
    assert new != old
    assert feed_url(client, alice) == new
    assert_not_found(client.get(path_of(old)))
    assert client.get(path_of(new)).status_code == 200


def test_rotating_before_the_first_get_gives_the_url_the_get_shows(
    client: TestClient, alice: Person
) -> None:
    r = client.post(f"{API}/calendar/rotate", headers=alice.headers)
    assert r.status_code == 200
    assert feed_url(client, alice) == r.json()["url"]


def test_twenty_gets_at_once_show_one_feed(live: LiveServer, db: Session, alice: Person) -> None:
    def get(_: int) -> httpx.Response:
        return httpx.get(f"{live.url}/api/v1/calendar", headers=alice.headers, timeout=60)

    with ThreadPoolExecutor(max_workers=20) as pool:
        responses = list(pool.map(get, range(20)))
    assert {r.status_code for r in responses} == {200}
    assert len({r.json()["url"] for r in responses}) == 1
    assert db.exec(select(func.count()).select_from(CalendarFeed)).one() == 1


def test_a_read_only_token_cannot_rotate(client: TestClient, alice: Person, db: Session) -> None:
    token = make_token(db, alice.user, scopes=["read"])
    r = client.post(f"{API}/calendar/rotate", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 403


@pytest.mark.parametrize("secret", ["nope", "x" * 32, "a.b"])
def test_a_wrong_secret_is_404_problem_json(client: TestClient, alice: Person, secret: str) -> None:
    feed_url(client, alice)
    assert_not_found(client.get(f"{API}/calendar/{secret}.ics"))


# --- the events ---------------------------------------------------------------------------------


def test_a_waiting_follow_up_is_an_all_day_event_on_its_due_date(
    client: TestClient, alice: Person
) -> None:
    app_id = add(client, alice, applied_on="2026-03-02")
    events = events_of(download(client, alice))
    assert list(events) == [f"application-{app_id}-follow-up-1@touchbase"]
    event = events[f"application-{app_id}-follow-up-1@touchbase"]
    assert event["on"] == date(2026, 3, 9)  # a date: an all-day event
    assert event["summary"] == "Follow up: Engineer at Acme"
    assert "You applied on Monday, March 2, 2026" in event["description"]
    assert "A follow-up stays timely until March 23, 2026." in event["description"]


def test_the_description_has_one_reason_per_line(client: TestClient, alice: Person) -> None:
    add(client, alice, applied_on="2026-03-02", no_phone_calls=True)
    (event,) = events_of(download(client, alice)).values()
    lines = event["description"].splitlines()
    assert "You said: no phone calls, so phone is never offered." in lines  # set by hand
    assert any(line.startswith("You applied on") for line in lines)


def test_a_due_follow_up_keeps_its_event(
    client: TestClient, alice: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    app_id = add(client, alice, applied_on="2026-03-02")
    monkeypatch.setattr(calendar, "today_in", lambda timezone: date(2026, 3, 10))
    events = events_of(download(client, alice))
    assert events[f"application-{app_id}-follow-up-1@touchbase"]["on"] == date(2026, 3, 9)


def test_a_follow_up_past_its_window_leaves_the_feed(
    client: TestClient, alice: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(client, alice, applied_on="2026-03-02")
    monkeypatch.setattr(calendar, "today_in", lambda timezone: date(2026, 3, 24))
    assert events_of(download(client, alice)) == {}


def test_a_rejection_gives_one_event_per_open_ask(client: TestClient, alice: Person) -> None:
    app_id = add(client, alice, applied_on="2026-03-02", company="Globex", position="Designer")
    record(client, alice, app_id, "rejection", "2026-03-04")
    events = events_of(download(client, alice))
    prefix = f"application-{app_id}-"
    assert events.keys() == {
        prefix + "feedback-request@touchbase",
        prefix + "informational-interview-request@touchbase",
        prefix + "future-openings-request@touchbase",
    }
    assert {e["on"] for e in events.values()} == {date(2026, 3, 4)}
    summaries = sorted(e["summary"] for e in events.values())
    assert summaries == [
        "Ask about future openings: Designer at Globex",
        "Ask for an informational interview: Designer at Globex",
        "Ask for feedback: Designer at Globex",
    ]
    assert all("Globex turned this application down" in e["description"] for e in events.values())

    record(client, alice, app_id, "feedback_request", "2026-03-05")
    after = events_of(download(client, alice))
    assert prefix + "feedback-request@touchbase" not in after
    assert len(after) == 2


def test_uids_are_stable_across_downloads(client: TestClient, alice: Person) -> None:
    add(client, alice, applied_on="2026-03-02")
    rejected = add(client, alice, applied_on="2026-03-02", company="Globex")
    record(client, alice, rejected, "rejection", "2026-03-04")
    first, second = events_of(download(client, alice)), events_of(download(client, alice))
    assert len(first) == 4
    assert first == second


def test_closed_and_responded_applications_stay_out_of_the_feed(
    client: TestClient, alice: Person
) -> None:
    kept = add(client, alice, applied_on="2026-03-02")
    add(client, alice, applied_on="2026-03-02", status="offer")
    add(client, alice, applied_on="2026-03-02", status="withdrawn")
    add(client, alice, applied_on="2026-03-02", archived=True)
    add(client, alice, applied_on="2026-03-02", status="interviewing")
    add(client, alice)  # saved, not applied
    answered = add(client, alice, applied_on="2026-03-02")
    record(client, alice, answered, "response", "2026-03-04")
    asked_all = add(client, alice, applied_on="2026-03-02")
    record(client, alice, asked_all, "rejection", "2026-03-03")
    for kind in ("feedback_request", "informational_interview_request", "future_openings_request"):
        record(client, alice, asked_all, kind, "2026-03-04")
    assert list(events_of(download(client, alice))) == [f"application-{kept}-follow-up-1@touchbase"]


def test_another_users_applications_never_appear(
    client: TestClient, alice: Person, bob: Person
) -> None:
    add(client, bob, applied_on="2026-03-02", company="Bobcorp")
    mine = add(client, alice, applied_on="2026-03-02")
    alices = events_of(download(client, alice))
    assert list(alices) == [f"application-{mine}-follow-up-1@touchbase"]
    assert all("Bobcorp" not in e["summary"] for e in alices.values())
    bobs = events_of(download(client, bob))
    assert len(bobs) == 1 and "Bobcorp" in next(iter(bobs.values()))["summary"]


def test_an_empty_feed_is_still_a_valid_calendar(client: TestClient, alice: Person) -> None:
    cal = download(client, alice)
    assert str(cal["version"]) == "2.0"
    assert cal.walk("VEVENT") == []
