"""Stored summaries: each application's row as the lists show it, kept by every write.

The due list and the applications list serve fifty rows a page; building each row's
ApplicationSummary JSON from its columns (reading 19 of them, converting dates and times,
a dict, orjson) was about a third of such a page. So every write of an application stores
that JSON beside its columns (Application.summary), and the lists put it into their answer
as it is (an orjson.Fragment).

One keeper, `store`: it reads the rows back by the same statement the lists would (so the
JSON is what they would build, byte for byte) and writes their summaries. A session hook
(below) calls it after every flush that wrote an application, including the rows a deleted
policy's ON DELETE SET NULL changes in the database. The one write that passes the ORM by,
service.create's, writes a new row's summary in its INSERT (InsertNew: the text of the values
going in, the id chosen in SQL), so the row is written once. A row whose summary_version is
not VERSION (none yet, or stored by other code) is read from its columns instead
(`summaries_of`).
"""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import UOWTransaction
from sqlalchemy.orm.attributes import set_committed_value

from app.applications.models import Application, ApplicationSummary
from app.db import CursorInsert, CursorSelect, PerTransaction
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


# --- a new row, written with its summary -------------------------------------------------------

# A summary's JSON begins with the row's id ('{"id":12,"company":...'): a new row's is its
# text for id 0 with the id the INSERT chooses put in place of the 0.
_ID_HEAD = '{"id":'
_HEAD_OF_ID_0 = _ID_HEAD + "0"


def rest_of_new(values: Mapping[str, Any]) -> str:
    """A new row's summary after its id, from the values going into its INSERT (as stored,
    dates as dates: what reading the row back would give)."""
    text = encode([0 if name == "id" else values[name] for name in NAMES])
    assert text.startswith(_HEAD_OF_ID_0 + ","), text[:20]
    return text[len(_HEAD_OF_ID_0) :]


def _next_id(dialect: str) -> Any:
    """The id a new row takes, chosen in SQL so that its summary goes in with it: SQLite's
    own choice for a rowid table without AUTOINCREMENT (one more than the largest; writers
    are serialised by BEGIN IMMEDIATE), PostgreSQL's from the column's sequence."""
    if dialect == "sqlite":
        return sa.func.coalesce(sa.func.max(TABLE.c.id), 0) + 1
    if dialect == "postgresql":
        return sa.func.nextval(sa.func.pg_get_serial_sequence(TABLE.name, TABLE.c.id.name))
    raise NotImplementedError(dialect)


class InsertNew:
    """One new application's INSERT with its summary, in one statement: the id chosen in SQL
    (_next_id) and the summary its text around it, so the row is written once (no read back,
    no UPDATE). Like db.CursorInsert, no column defaults apply: every column but the id and
    the summary's two is given. The new id comes back.

    Rows of other tables that name the new row (`children`: a table and its row's values but
    the `application_id`) go in after it; on PostgreSQL in the same statement, as INSERTs in
    its WITH (one round trip, not one each).
    """

    def __init__(self) -> None:
        self.statements: dict[tuple[str, ...], CursorSelect] = {}
        self.children: dict[str, CursorInsert] = {}
        self.names = [
            c.key for c in TABLE.columns if c.key not in ("id", "summary", "summary_version")
        ]

    def _statement(self, dialect: str, tables: Sequence[sa.Table]) -> CursorSelect:
        new = sa.select(_next_id(dialect).label("id")).cte("new")
        rest = sa.bindparam("summary_rest", type_=sa.Text)
        source = sa.select(
            new.c.id,
            (sa.literal(_ID_HEAD, sa.Text) + sa.cast(new.c.id, sa.Text) + rest).label("summary"),
            sa.literal(VERSION, sa.Integer).label("summary_version"),
            *(sa.bindparam(n, type_=TABLE.c[n].type) for n in self.names),
        )
        columns = ["id", "summary", "summary_version", *self.names]
        insert = sa.insert(TABLE).from_select(columns, source).returning(TABLE.c.id)
        for i, table in enumerate(tables):
            names = [c.key for c in _child_columns(table)]
            row = sa.select(
                *(sa.bindparam(f"c{i}_{n}", type_=table.c[n].type) for n in names), new.c.id
            )
            child = sa.insert(table).from_select([*names, "application_id"], row)
            insert = insert.add_cte(child.cte(f"c{i}"))
        return CursorSelect(insert)

    def insert(
        self,
        conn: sa.Connection,
        values: Mapping[str, Any],
        children: Sequence[tuple[sa.Table, Mapping[str, Any]]] = (),
    ) -> tuple[int, str]:
        """Insert the row of these values, and its children, inside conn's transaction; its
        id and summary."""
        dialect = conn.dialect.name
        together = dialect == "postgresql"
        shape = (dialect, *(t.name for t, _ in children)) if together else (dialect,)
        statement = self.statements.get(shape)
        if statement is None:
            tables = [t for t, _ in children] if together else []
            statement = self.statements[shape] = self._statement(dialect, tables)
        rest = rest_of_new(values)
        params = {**values, "summary_rest": rest}
        if together:
            for i, (_, row) in enumerate(children):
                params.update({f"c{i}_{name}": value for name, value in row.items()})
        new_id: int = statement.rows(conn, params)[0][0]
        if not together:
            for table, row in children:
                if table.name not in self.children:
                    self.children[table.name] = CursorInsert(table)
                self.children[table.name].insert(conn, {**row, "application_id": new_id})
        return new_id, f"{_ID_HEAD}{new_id}{rest}"


def _child_columns(table: sa.Table) -> list[sa.Column[Any]]:
    """A child table's columns given by its row: all but its key and the application_id."""
    auto = table.autoincrement_column
    return [c for c in table.columns if c is not auto and c.key != "application_id"]


INSERT_NEW = InsertNew()


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
