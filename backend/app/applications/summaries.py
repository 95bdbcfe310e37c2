"""Stored summaries: each application's row as the lists show it, kept by every write.

The due list and the applications list serve fifty rows a page; building each row's
ApplicationSummary JSON from its columns (reading 19 of them, converting dates and times,
a dict, orjson) was about a third of such a page. So every write of an application stores
that JSON beside its columns (Application.summary), and the lists put it into their answer
as it is (an orjson.Fragment).

One keeper, `store`: it reads the rows back by the same statement the lists would (so the
JSON is what they would build, byte for byte) and writes their summaries. A session hook
(below) calls it after every flush that wrote an application, including the rows a deleted
policy's ON DELETE SET NULL changes in the database; the one write that passes the ORM by
(service.create's INSERT) calls it itself. A row whose summary_version is not VERSION (none
yet, or stored by other code) is read from its columns instead (`summaries_of`).
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import UOWTransaction
from sqlalchemy.orm.attributes import set_committed_value

from app.applications.models import Application, ApplicationSummary
from app.db import CursorSelect, PerTransaction
from app.web.responses import dumps

# Bump by one whenever what a summary holds changes (ApplicationSummary's fields, their
# order or their JSON form): stored summaries of another version are not served.
# tests/applications/test_summaries.py fingerprints both.
VERSION = 1

TABLE: sa.Table = Application.__table__  # type: ignore[attr-defined]  # SQLModel's table
NAMES = tuple(ApplicationSummary.model_fields)
COLUMNS = [TABLE.c[name] for name in NAMES]
_ID = NAMES.index("id")
BATCH = 500  # ids per statement


def encode(row: Sequence[Any]) -> str:
    """A row of COLUMNS (as read: dates as dates) as the lists show it."""
    return dumps(dict(zip(NAMES, row, strict=True))).decode()


_IDS: sa.BindParameter[Any] = sa.bindparam("ids", expanding=True)
_READ = sa.select(*COLUMNS).where(TABLE.c.id.in_(_IDS))
_WRITE = (
    sa.update(TABLE)
    .where(TABLE.c.id == sa.bindparam("b_id"))
    .values(summary=sa.bindparam("b_summary"), summary_version=VERSION)
)


# One application's row (most writes): on the DBAPI cursor, as the lists read theirs.
_READ_ONE = CursorSelect(sa.select(*COLUMNS).where(TABLE.c.id == sa.bindparam("id")))


def _rows_of(conn: sa.Connection, ids: Sequence[int]) -> Iterator[Sequence[Any]]:
    """These applications' rows of COLUMNS, BATCH ids a statement (a batch at a time)."""
    for start in range(0, len(ids), BATCH):
        batch = list(ids[start : start + BATCH])
        if len(batch) == 1:
            yield _READ_ONE.rows(conn, {"id": batch[0]})
        else:
            yield conn.execute(_READ, {"ids": batch}).all()


def summaries_of(conn: sa.Connection, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """ApplicationSummary's fields of these applications, read from their columns."""
    return {
        row[_ID]: dict(zip(NAMES, row, strict=True)) for rows in _rows_of(conn, ids) for row in rows
    }


def store(conn: sa.Connection, ids: Iterable[int]) -> dict[int, str]:
    """Store the summaries of these applications afresh, from their rows as they are now;
    what was stored, by id."""
    stored: dict[int, str] = {}
    for rows in _rows_of(conn, sorted(set(ids))):
        if rows:
            texts = {r[_ID]: encode(r) for r in rows}
            params = [{"b_id": key, "b_summary": t} for key, t in texts.items()]
            conn.execute(_WRITE, params[0] if len(params) == 1 else params)
            stored.update(texts)
    return stored


def stored_on(app: Application, text: str) -> None:
    """Show a summary just stored on the loaded application, as if read with it."""
    set_committed_value(app, "summary", text)
    set_committed_value(app, "summary_version", VERSION)


def store_all(conn: sa.Connection) -> int:
    """Store every application's summary afresh (after an upgrade, or a bulk load); how many."""
    ids = list(conn.execute(sa.select(TABLE.c.id).order_by(TABLE.c.id)).scalars())
    store(conn, ids)
    return len(ids)


def fragment(text: str) -> orjson.Fragment:
    """A stored summary, to go into an answer as it is."""
    return orjson.Fragment(text)


# --- the unit-of-work hook ---------------------------------------------------------------------


@dataclass
class _Written:
    """Applications a flush writes (new ones have no id before it) or the database changes."""

    apps: list[Application] = field(default_factory=list)
    ids: set[int] = field(default_factory=set)


_PENDING: PerTransaction[_Written] = PerTransaction("applications.summaries", _Written)

# Columns of applications the database sets null when the row they name is deleted (a
# policy's: ON DELETE SET NULL), as (the named table, its column, ours): the ORM never writes
# those rows. By name: the named tables belong to packages above this one.
_SET_NULL = [
    (*fk.target_fullname.split("."), fk.parent)
    for fk in TABLE.foreign_keys
    if (fk.ondelete or "").upper() == "SET NULL"
]


def _set_null_by(session: OrmSession, obj: Any) -> set[int]:
    """The applications whose column the database sets null as `obj` is deleted."""
    mapper = sa.inspect(obj).mapper
    found: set[int] = set()
    for table, name, column in _SET_NULL:
        if mapper.local_table.name == table:
            value = getattr(obj, mapper.get_property_by_column(mapper.local_table.c[name]).key)
            found.update(session.execute(sa.select(TABLE.c.id).where(column == value)).scalars())
    return found


@event.listens_for(OrmSession, "before_flush")
def _note_written(session: OrmSession, _context: UOWTransaction, _instances: Any) -> None:
    written: _Written | None = None
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Application) and (obj in session.new or session.is_modified(obj)):
            written = written or _PENDING.get(session)
            written.apps.append(obj)
    for obj in session.deleted:
        if ids := _set_null_by(session, obj):
            written = written or _PENDING.get(session)
            written.ids |= ids


@event.listens_for(OrmSession, "after_flush_postexec")
def _store_written(session: OrmSession, _context: UOWTransaction | None = None) -> None:
    written = _PENDING.take(session)
    if written is not None:  # (an application deleted since is simply not found)
        ids = {a.id for a in written.apps if a.id is not None} | written.ids
        stored = store(session.connection(), ids)
        for app in written.apps:
            if app.id in stored:
                stored_on(app, stored[app.id])
