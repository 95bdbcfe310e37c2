"""Stored summaries: the lists serve each row's stored JSON, and rows without a current one
from their columns, with the same answer either way (applications.summaries).

Every test checks at its end that each stored summary is its row's (tests.conftest's
check_summaries), so every write path the suite takes is held to them.
"""

import hashlib

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.applications import summaries
from tests.factories import Person, make_application
from tests.followups.test_plan_version import code_of

# Every summaries.VERSION and the fingerprint of what decides a summary (keep the old ones).
RECORDED = {1: "8a0f9804c5bff437"}


def fingerprint() -> str:
    """ApplicationSummary's fields in order and the JSON form (encode, web.responses.dumps)."""
    parts = [
        repr(summaries.NAMES),
        code_of("app/applications/summaries.py", ("encode",)),
        code_of("app/web/responses.py", ("dumps",)),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def test_the_summary_version_names_what_decides_a_summary() -> None:
    assert RECORDED.get(summaries.VERSION) == fingerprint(), (
        "what a stored summary holds changed: bump summaries.VERSION and record "
        f"{summaries.VERSION + 1}: {fingerprint()!r}"
    )


def test_rows_without_a_current_summary_are_served_from_their_columns(
    client: TestClient, db: Session, alice: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    for applied_on in ("2026-03-02", "2026-03-09", None):
        make_application(db, alice.user, applied_on=applied_on, location="Berlin")
    pages = ("/api/v1/applications?limit=2", "/api/v1/follow-ups?on=2026-03-16&until=2026-04-30")
    served = [client.get(page, headers=alice.headers).content for page in pages]
    assert b'"location":"Berlin"' in served[0] and b'"plan"' in served[1]
    db.execute(sa.text("UPDATE applications SET summary_version = 0, summary = '{}'"))
    db.commit()
    assert [client.get(page, headers=alice.headers).content for page in pages] == served
    summaries.store_all(db.connection())
    db.commit()

    def unused(*_: object) -> None:
        raise AssertionError("a current summary was read from the columns")

    monkeypatch.setattr(summaries, "summaries_of", unused)  # stored ones are served as they are
    assert [client.get(page, headers=alice.headers).content for page in pages] == served
