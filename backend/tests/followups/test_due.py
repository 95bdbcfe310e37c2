"""The due list's query: a fixed number of queries a page, the window bounds, the cursor."""

from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.errors import Unprocessable
from app.followups import due
from app.followups import policy as engine_
from app.followups.policy import Event, Facts, PolicySettings
from app.pagination import encode_cursor
from app.web.responses import dumps
from tests.factories import Person, make_application
from tests.followups.test_policy import FAST, applications, policies
from tests.queries import recorded


def test_the_due_page_costs_a_fixed_number_of_queries(
    db: Session, engine: Engine, alice: Person
) -> None:
    for _ in range(12):
        make_application(db, alice.user, applied_on="2026-03-02")

    def count_queries(limit: int) -> int:
        with recorded(engine) as seen, Session(engine) as session:
            rows, _ = due.page(
                session.connection(),
                alice.user.id,
                on=date(2026, 3, 10),
                until=None,
                state=None,
                limit=limit,
                cursor=None,
            )
            assert len(rows) == limit
        return len(seen)

    assert count_queries(2) == count_queries(12)


@pytest.mark.parametrize("state", [None, "due", "waiting", "too_late", "post_rejection"])
@pytest.mark.parametrize("on", [date(2026, 3, 5), date(2026, 3, 10), date(2026, 4, 20)])
def test_a_page_served_from_storage_is_the_page_built_row_by_row(
    db: Session,
    engine: Engine,
    alice: Person,
    monkeypatch: pytest.MonkeyPatch,
    state: Any,
    on: date,
) -> None:
    """due._as_stored (every row current, each plan in its stored state) gives the same JSON
    as the way that looks at each row's plan and summary."""
    for day in ("2026-02-20", "2026-02-25", "2026-03-02", "2026-03-02", "2026-04-01"):
        make_application(db, alice.user, applied_on=day)
    make_application(db, alice.user, applied_on="2026-03-01", status="rejected")

    def body() -> bytes:
        with Session(engine) as session:
            items, cursor = due.page(
                session.connection(), alice.user.id, on=on, until=date(2026, 6, 1) if state
                else None, state=state, limit=3, cursor=None,
            )  # fmt: skip
            return dumps({"items": items, "next_cursor": cursor})

    fast = due._as_stored
    answers: list[object] = []
    monkeypatch.setattr(due, "_as_stored", lambda *a: answers.append(fast(*a)) or answers[-1])
    served = body()
    if state is None and on == date(2026, 3, 10):  # a due day: every row as stored
        assert answers and answers[-1] is not None
    monkeypatch.setattr(due, "_as_stored", lambda *_: None)
    assert served == body()


@pytest.mark.parametrize("country", ["DE", "US", "IN", "NP", "LK", "BD", "IL", "JP"])
def test_the_due_query_lower_bound_covers_the_longest_window(country: str) -> None:
    longest = engine_.PolicySettings(window_days=90, business_days=True, holiday_country=country)
    starts = [date(2026, 1, 1) + timedelta(days=d) for d in range(0, 730, 5)]
    span = max(engine_.add_days(start, 90, longest) - start for start in starts)
    assert span < due.MAX_WINDOW_SPAN


def test_a_tampered_cursor_is_refused() -> None:
    good = encode_cursor(["due", date(2026, 3, 9), 5])
    assert due._decode(good) == (date(2026, 3, 9), 5)
    for bad in (good[:-2], "e30", good + "AAAA"):
        with pytest.raises(Unprocessable):
            due._decode(bad)


@FAST
@given(applications, policies)
def test_property_every_window_fits_the_span_the_query_reads(
    application: tuple[Facts, list[Event], date], policy: PolicySettings
) -> None:
    facts, events, _ = application
    due_on, closes_on = engine_.schedule(facts, events, policy)
    if due_on is not None and closes_on is not None:
        assert closes_on - due_on <= due.window_span(policy.window_days, policy.business_days)


def test_a_long_window_of_another_policy_keeps_its_application_listed(
    client: TestClient, db: Session, alice: Person
) -> None:
    r = client.post(
        "/api/v1/policies", json={"name": "Patient", "window_days": 90}, headers=alice.headers
    )
    assert r.status_code == 201, r.text
    long_one = make_application(db, alice.user, applied_on="2025-12-15", policy_id=r.json()["id"])
    short_one = make_application(db, alice.user, applied_on="2025-12-15")  # the default: 14
    page = client.get(
        "/api/v1/follow-ups", params={"on": "2026-03-10"}, headers=alice.headers
    ).json()
    assert [item["application"]["id"] for item in page["items"]] == [long_one.id]
    assert short_one.id != long_one.id
