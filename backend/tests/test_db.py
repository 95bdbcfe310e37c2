"""app.db's per-transaction state: made on first use, gone when the transaction ends."""

from sqlalchemy import text
from sqlmodel import Session

from app.db import PerTransaction

_SEEN: PerTransaction[list[str]] = PerTransaction("tests.seen", list)


def test_state_lives_for_one_transaction_and_ends_with_commit_or_rollback(db: Session) -> None:
    assert _SEEN.take(db) is None
    _SEEN.get(db).append("a")
    _SEEN.get(db).append("b")
    assert _SEEN.get(db) == ["a", "b"]  # the same list all through the transaction

    db.execute(text("SELECT 1"))
    db.commit()
    assert _SEEN.get(db) == []  # the commit forgot it

    _SEEN.get(db).append("c")
    db.execute(text("SELECT 1"))
    db.rollback()
    assert _SEEN.take(db) is None  # and so did the rollback

    _SEEN.get(db).append("d")
    assert _SEEN.take(db) == ["d"]
    assert _SEEN.take(db) is None  # taken means removed
