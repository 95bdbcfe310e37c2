"""Applications, contacts and the timeline: the rules that keep them consistent."""

import functools
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import make_transient_to_detached
from sqlmodel import Session, SQLModel, col, func, select

from app import events, idempotency
from app.applications import postings, summaries
from app.applications.models import (
    MAX_CONTACTS,
    MAX_EVENTS,
    Application,
    ApplicationCreate,
    ApplicationPublic,
    ApplicationUpdate,
    Contact,
    ContactCreate,
    ContactUpdate,
    Event,
    EventCreate,
    EventPublic,
    PostingAnswer,
    PostingFinding,
    SortKey,
)
from app.auth.models import User
from app.db import CursorSelect, apply_changes, lock_key, utcnow
from app.errors import Conflict, NotFound, PreconditionFailed, field_error
from app.pagination import decode_cursor, encode_cursor, invalid_cursor

# Stored plans (followups.plans) follow every write here on their own: this package tells
# nothing to the ones above it. What happened is announced with app.events.emit, whoever
# listens (webhooks), in the same transaction.

# The policies table as far as an application names one (its rows belong to followups).
_POLICIES = sa.table("policies", sa.column("id"), sa.column("owner_id"))

# The event that sets an application's status; the latest such event wins.
STATUS_OF_EVENT = {
    "interview": "interviewing",
    "rejection": "rejected",
    "offer": "offer",
    "withdrawn": "withdrawn",
}


def etag(app: Application | sa.Row[Any]) -> str:
    """The entity tag of an application's current version."""
    return f'"{app.id}-{app.version}"'


def live() -> Any:
    """The condition every listing and lookup of applications adds: not (soft) deleted."""
    return col(Application.deleted_at).is_(None)


# Every route on one application runs it: built once, its ids bound at each run.
_OWN = select(Application).where(
    col(Application.id) == sa.bindparam("id"),
    col(Application.owner_id) == sa.bindparam("owner_id"),
    live(),
)


def get(session: Session, user: User, application_id: int) -> Application:
    """The caller's application, or 404 (another user's id is a 404 too)."""
    params = {"id": application_id, "owner_id": user.id}
    app = session.exec(_OWN, params=params).first()
    if app is None:
        raise _not_found(application_id)
    return app


def _not_found(application_id: int) -> NotFound:
    return NotFound(f"There is no application {application_id}.", slug="application-not-found")


# One application for reading only: its table's row, not a model (a third of the cost).
_OWN_ROW = sa.select(Application.__table__).where(  # type: ignore[attr-defined]  # SQLModel's table
    col(Application.id) == sa.bindparam("id"),
    col(Application.owner_id) == sa.bindparam("owner_id"),
    live(),
)


def read_one(session: Session, owner_id: int, application_id: int) -> tuple[str, dict[str, Any]]:
    """The caller's application as the API shows it (public_fields: the row as stored, not
    validated again), and its ETag; 404 as get."""
    params = {"id": application_id, "owner_id": owner_id}
    row = session.connection().execute(_OWN_ROW, params).first()
    if row is None:
        raise _not_found(application_id)
    return etag(row), public_fields(row)


def lock(session: Session, app: Application) -> Application:
    """Lock the application's row until this transaction ends, reading its latest state.

    Writes lock here, in the same thread-pool call that commits, never in a dependency: a
    lock held while waiting for the next thread starves the pool under a burst.
    """
    query = select(Application).where(Application.id == app.id, live()).with_for_update()
    locked = session.exec(query.execution_options(populate_existing=True)).first()
    if locked is None:
        raise NotFound(f"There is no application {app.id}.", slug="application-not-found")
    return locked


def check_if_match(app: Application, if_match: str | None) -> None:
    """412 unless If-Match (when sent) names the current version."""
    if if_match is None:
        return
    tags = [t.strip() for t in if_match.split(",")]
    if "*" not in tags and etag(app) not in tags:
        raise PreconditionFailed(
            f"The application changed since you read it (now {etag(app)}); read it again.",
            slug="stale-etag",
        )


def _touch(app: Application) -> None:
    app.updated_at = utcnow()
    app.version += 1


def touch(app: Application) -> None:
    """Mark a change made outside this module: a new version and updated_at."""
    _touch(app)


# --- list ------------------------------------------------------------------------------------


_SORT_COLUMNS: dict[str, Any] = {
    "applied_on": Application.applied_on,
    "updated_at": Application.updated_at,
    "next_due_on": Application.next_due_on,
    "company": Application.company,
}
# The sort keys a row may lack: these sort last in both directions.
_NULLABLE = frozenset({"applied_on", "next_due_on"})


def _sort_column(sort: SortKey) -> Any:
    return _SORT_COLUMNS[sort.lstrip("-")]


def _decode_cursor(sort: SortKey, cursor: str) -> tuple[Any, int]:
    """The (sort value, id) a cursor points after; 422 when it is not one of ours."""
    cursor_sort, value, last_id = decode_cursor(cursor, 3)
    try:
        if cursor_sort != sort or not isinstance(last_id, int):
            raise ValueError("sort")
        if value is not None and sort.lstrip("-") in _NULLABLE:
            value = date.fromisoformat(value)
        elif value is not None and sort.lstrip("-") == "updated_at":
            value = datetime.fromisoformat(value)
        elif value is not None and (not isinstance(value, str) or "\x00" in value):
            raise ValueError("value")
    except (ValueError, TypeError):
        raise invalid_cursor() from None
    return value, last_id


# The list's parameters: the owner and, as the request names them, the filters, the search
# needle (LIKE-escaped: _needle), the cursor's (value, id) and the page size.
_OWNER = sa.bindparam("owner_id", type_=sa.Integer)
_NEEDLE = sa.bindparam("needle", type_=sa.String)
_AFTER_ID = sa.bindparam("after_id", type_=sa.Integer)
_LIMIT = sa.bindparam("limit", type_=sa.Integer)
_LIKE_ESCAPE = "/"  # as SQLAlchemy's autoescape: the escape character, then % and _


def _needle(q: str | None) -> str | None:
    """The search's needle for LIKE (lowercase, its wildcards escaped); None: no search."""
    needle = q.strip().lower() if q else ""
    if not needle:
        return None
    for special in (_LIKE_ESCAPE, "%", "_"):
        needle = needle.replace(special, _LIKE_ESCAPE + special)
    return needle


def _filtered(status: bool, archived: bool, search: bool) -> Any:
    """The owner's live applications matching the filters and the search the request names,
    as one condition with their values bound at each run (list_page's parameters).

    The search reads only the caller's rows (the owner_id indexes) and, for contact names,
    each row's contacts through their application_id index: bounded by one user's data.
    """
    where = [col(Application.owner_id) == _OWNER, live()]
    if status:
        where.append(col(Application.status) == sa.bindparam("status", type_=sa.String))
    if archived:
        where.append(col(Application.archived) == sa.bindparam("archived", type_=sa.Boolean))
    if search:

        def has(column: Any) -> Any:
            return func.lower(column).contains(_NEEDLE, escape=_LIKE_ESCAPE)

        named = (
            sa.select(col(Contact.id))
            .where(col(Contact.application_id) == col(Application.id), has(Contact.name))
            .exists()
        )
        where.append(
            sa.or_(
                *(has(c) for c in (Application.company, Application.position)),
                *(has(c) for c in (Application.notes, Application.location)),
                named,
            )
        )
    return sa.and_(*where)


# The list's columns: each row's stored summary (applications.summaries) and what its
# cursor needs; a row without a current one is read from its columns (summaries_of).
_TABLE = summaries.TABLE
_PAGE_COLUMNS = [
    _TABLE.c.id,
    _TABLE.c.summary_version,
    _TABLE.c.summary,
]


# Each shape (sort key, which filters, a cursor and whether its value is null) is built once:
# 8 sort keys x 3 cursor states x 8 filter sets, at most 192 statements a process.
@functools.cache
def _page_query(
    sort: SortKey, status: bool, archived: bool, search: bool, after: str
) -> CursorSelect:
    """One page's select for a shape, each row ending with how many match in all; `after` is
    "" (first page), "value" or "null" (the cursor's sort value). Parameters: list_page's."""
    column = _sort_column(sort)
    descending = sort.startswith("-")
    # The total rides along as a last column: one statement, its subquery run once.
    total = _count_query(status, archived, search).correlate(None).scalar_subquery()
    query = sa.select(*_PAGE_COLUMNS, column.label("sort_value"), total.label("total")).where(
        _filtered(status, archived, search)
    )
    # Only applied_on and next_due_on can be empty; the other sort keys keep plain ORDER BY
    # and row comparisons, which PostgreSQL reads straight off the (owner_id, key, id) index.
    nullable = sort.lstrip("-") in _NULLABLE
    if after:
        key = col(Application.id)
        after_id = key < _AFTER_ID if descending else key > _AFTER_ID
        if after == "null":
            query = query.where(column.is_(None), after_id)
        else:
            value = sa.bindparam("after_value", type_=column.type)
            beyond = column < value if descending else column > value
            keyset = [beyond, sa.and_(column == value, after_id)]
            query = query.where(sa.or_(*keyset, *([column.is_(None)] if nullable else [])))
    order = column.desc() if descending else column.asc()
    id_order = col(Application.id).desc() if descending else col(Application.id).asc()
    order = order.nulls_last() if nullable else order
    return CursorSelect(query.order_by(order, id_order).limit(_LIMIT))


@functools.cache
def _count_query(status: bool, archived: bool, search: bool) -> Any:
    """How many match in all, for a shape of filters (parameters: list_page's)."""
    return sa.select(func.count()).select_from(_TABLE).where(_filtered(status, archived, search))


def summary_items(conn: sa.Connection, rows: Sequence[Any]) -> list[Any]:
    """ApplicationSummary's JSON of rows read with id, summary_version and summary (by those
    names): the stored summary where current (an orjson.Fragment), else read from the row's
    columns."""
    current = summaries.VERSION
    if stale := [r.id for r in rows if r.summary_version != current]:
        read = summaries.summaries_of(conn, stale)
        return [
            summaries.fragment(r.summary) if r.summary_version == current else read[r.id]
            for r in rows
        ]
    return [summaries.fragment(r.summary) for r in rows]


def list_page(
    conn: sa.Connection,
    owner_id: int,
    *,
    status: str | None,
    archived: bool | None,
    q: str | None,
    sort: SortKey,
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None, int]:
    """One page of the caller's applications as ApplicationSummary's JSON (summary_items),
    keyset-paginated (nulls last in both directions), with how many match in all."""
    needle = _needle(q)
    shape = (status is not None, archived is not None, needle is not None)
    params: dict[str, Any] = {
        "owner_id": owner_id,
        "status": status,
        "archived": archived,
        "needle": needle,
        "limit": limit + 1,
    }
    after = ""
    if cursor:
        params["after_value"], params["after_id"] = _decode_cursor(sort, cursor)
        after = "null" if params["after_value"] is None else "value"
    # On the DBAPI cursor: none of the ORM's or Core's result machinery, and the rows as the
    # DBAPI gives them (id, summary_version, summary, sort value, total): only the row the
    # cursor names is converted (its sort value is a date or a time).
    query = _page_query(sort, *shape, after)
    found = query.raw(conn, params)
    current = summaries.VERSION
    if all(r[1] == current for r in found[:limit]):
        rows: list[Any] = [summaries.fragment(r[2]) for r in found[:limit]]
    else:
        rows = summary_items(conn, query.converted(conn.dialect, found[:limit]))
    next_cursor = None
    if len(found) > limit:
        [last] = query.converted(conn.dialect, found[limit - 1 : limit])
        next_cursor = encode_cursor([sort, last.sort_value, last.id])
    if found:
        return rows, next_cursor, found[0][-1]
    if cursor is None:  # nothing matches
        return rows, None, 0
    # A cursor past the last row: no row to carry the total.
    return rows, None, conn.execute(_count_query(*shape), params).scalar_one()


# --- write -----------------------------------------------------------------------------------


def lock_policies(session: Session, owner_id: int) -> None:
    """Serialize the owner's policy writes (the one-default rule and the cap)."""
    lock_key(session, f"policies:{owner_id}")


def check_policy_choice(session: Session, owner_id: int, policy_id: int | None) -> None:
    """422 naming policy_id unless it is None or one of the owner's policies.

    Takes the owner's policy lock (before any application row lock, the order policy writes
    use too), so a policy being deleted cannot be named at the same moment.
    """
    if policy_id is None:
        return
    lock_policies(session, owner_id)
    owner = session.execute(
        sa.select(_POLICIES.c.owner_id).where(_POLICIES.c.id == policy_id)
    ).scalar_one_or_none()
    if owner is None or owner != owner_id:
        raise field_error(
            "policy_id",
            "no such policy",
            f"You have no policy {policy_id}.",
            "unknown-policy",
        )


_PUBLIC_NAMES = tuple(ApplicationPublic.model_fields)


def public_fields(app: Application | sa.Row[Any]) -> dict[str, Any]:
    """The application (a model, or a row of its table) as the API shows it, with what its
    posting leaves to ask: ApplicationPublic's fields, values as stored (see public)."""
    analysis = postings.read(app)
    fields = app.model_dump() if isinstance(app, Application) else app._asdict()
    shown = {name: fields[name] for name in _PUBLIC_NAMES if name in fields}
    return {
        **shown,
        "user_set": sorted(postings.explicit(app) & set(postings.FINDINGS)),
        "posting_questions": [q.model_dump() for q in postings.questions(app, analysis)],
        "posting_language": analysis.language if app.posting_text else None,
        "posting_language_message": analysis.language_message if app.posting_text else None,
    }


def public(app: Application | sa.Row[Any]) -> ApplicationPublic:
    """The application as the API shows it, as a model (validated)."""
    return ApplicationPublic.model_validate(public_fields(app))


# What a new application implies beyond its row and its applied event: its plan's dates
# and stored plan. create writes its rows straight (Core: an INSERT each, no flush), past the
# flush hooks that keep those after every other write, so the package keeping them registers
# here too (followups.plans.plan_new). A keeper is called with the row before its INSERT (it
# may set the row's fields) and the timeline going in with it; what it returns runs once the
# row has its id.
NewRowKeeper = Callable[[Session, Application, Sequence[Mapping[str, Any]]], Callable[[], None]]
NEW_ROW_KEEPERS: list[NewRowKeeper] = []

_EVENTS: sa.Table = Event.__table__  # type: ignore[attr-defined]  # SQLModel's table
_CLASS = sa.inspect(Application).class_manager


def _field_defaults(model: type[SQLModel]) -> Callable[[], dict[str, Any]]:
    """A model's field defaults as its constructor fills them (each factory called anew)."""
    fields = model.model_fields
    plain = {
        n: f.default for n, f in fields.items() if not f.is_required() and not f.default_factory
    }
    factories = {n: f.default_factory for n, f in fields.items() if f.default_factory is not None}
    return lambda: {**plain, **{name: make() for name, make in factories.items()}}  # type: ignore[call-arg]


_APPLICATION_DEFAULTS = _field_defaults(Application)
_EVENT_DEFAULTS = _field_defaults(Event)


def _new_application(values: dict[str, Any]) -> Application:
    """A new Application of these values and the fields' defaults, as the constructor makes
    it (not yet in a session), built the way a query builds a loaded row: the constructor
    sets each field through the ORM's instrumentation, which cost a fifth of a create."""
    app: Application = _CLASS.new_instance()
    app.__dict__.update(_APPLICATION_DEFAULTS(), **values)
    return app


def create(session: Session, owner_id: int, data: ApplicationCreate) -> Application:
    """Add an application of the owner (written, not committed); an applied date records the
    applied event.

    The application comes back persistent in the session, as if loaded.
    """
    fields = data.model_dump(exclude_unset=True)
    fields = {k: v for k, v in fields.items() if v is not None}
    check_policy_choice(session, owner_id, data.policy_id)
    if data.applied_on is not None and "status" not in fields:
        fields["status"] = "applied"
    app = _new_application({"owner_id": owner_id, **fields})
    postings.note_explicit(app, data.model_fields_set)
    postings.autofill(app)
    timeline = (
        [] if app.applied_on is None else [{"kind": "applied", "occurred_on": app.applied_on}]
    )
    session.flush()  # what the session holds goes in first, so the keepers' reads see it
    events.emit(session, app.owner_id, "application.created", lambda: _json(app))
    after = [keep(session, app, timeline) for keep in NEW_ROW_KEEPERS]  # the dates, before
    connection = session.connection()
    # Past the flush hook too, as the keepers above: its summary goes in with it.
    # Its applied event too (on PostgreSQL in the same statement).
    events_in = [(_EVENTS, {**_EVENT_DEFAULTS(), **row}) for row in timeline]
    app.id, app.summary = summaries.INSERT_NEW.insert(connection, app.model_dump(), events_in)
    app.summary_version = summaries.VERSION
    for store in after:
        store()
    make_transient_to_detached(app)  # its fields as stored, no change pending
    session.add(app)
    return app


def _json(app: Application) -> dict[str, Any]:
    return public(app).model_dump(mode="json")


def update(
    session: Session, app: Application, data: ApplicationUpdate, if_match: str | None
) -> Application:
    """Change an application if If-Match (when sent) still names its version."""
    check_policy_choice(session, app.owner_id, data.policy_id)  # before the row lock
    app = lock(session, app)
    check_if_match(app, if_match)
    fields = data.model_dump(exclude_unset=True)
    had_applied = app.applied_on is not None
    for name, value in fields.items():
        setattr(app, name, value)
    if not had_applied and app.applied_on is not None:
        if "status" not in fields and app.status == "saved":
            app.status = "applied"
        if not _has_event(session, app, "applied"):
            session.add(Event(application_id=app.id, kind="applied", occurred_on=app.applied_on))  # type: ignore[arg-type]  # SQLModel types table ids int | None
            session.flush()
    postings.note_explicit(app, set(fields))
    if {"posting_text", "applied_on"} & fields.keys():
        postings.autofill(app)
    _touch(app)
    session.add(app)
    events.emit(session, app.owner_id, "application.updated", lambda: _json(app))
    session.commit()
    return app


def answer_question(
    session: Session,
    app: Application,
    finding: PostingFinding,
    data: PostingAnswer,
    if_match: str | None,
) -> Application:
    """Apply or dismiss one of the posting's findings, as the user's own choice (it sticks)."""
    app = lock(session, app)
    check_if_match(app, if_match)
    if not postings.answer(app, finding, data.apply):
        raise Conflict(
            f"The posting text says nothing about {finding}: there is nothing to apply.",
            slug="finding-not-in-posting",
        )
    _touch(app)
    session.add(app)
    events.emit(session, app.owner_id, "application.updated", lambda: _json(app))
    session.commit()
    return app


def delete(session: Session, app: Application, if_match: str | None) -> None:
    """Delete an application with its contacts and timeline."""
    app = lock(session, app)
    check_if_match(app, if_match)
    events.emit(session, app.owner_id, "application.deleted", lambda: _json(app))  # as it was
    session.execute(sa.delete(Contact).where(col(Contact.application_id) == app.id))
    session.execute(sa.delete(Event).where(col(Event.application_id) == app.id))
    session.delete(app)
    session.commit()


# --- contacts --------------------------------------------------------------------------------


def list_contacts(session: Session, app: Application) -> list[Contact]:
    return list(
        session.exec(
            select(Contact).where(Contact.application_id == app.id).order_by(col(Contact.id))
        )
    )


def get_contact(session: Session, app: Application, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None or contact.application_id != app.id:
        raise NotFound(
            f"Application {app.id} has no contact {contact_id}.", slug="contact-not-found"
        )
    return contact


def create_contact(session: Session, app: Application, data: ContactCreate) -> Contact:
    """Add a contact (at most MAX_CONTACTS per application)."""
    app = lock(session, app)  # so two requests cannot both take the last place
    count = session.exec(
        select(func.count()).select_from(Contact).where(Contact.application_id == app.id)
    ).one()
    if count >= MAX_CONTACTS:
        raise Conflict(
            f"An application holds at most {MAX_CONTACTS} contacts.", slug="too-many-contacts"
        )
    contact = Contact(application_id=app.id, **data.model_dump())  # type: ignore[arg-type]
    session.add(contact)
    session.flush()
    session.commit()
    return contact


def update_contact(
    session: Session, app: Application, contact: Contact, data: ContactUpdate
) -> Contact:
    app = lock(session, app)
    apply_changes(contact, data.model_dump(exclude_unset=True))
    session.add(contact)
    session.flush()
    session.commit()
    return contact


def delete_contact(session: Session, app: Application, contact: Contact) -> None:
    app = lock(session, app)
    session.delete(contact)
    session.flush()
    session.commit()


# --- timeline --------------------------------------------------------------------------------


def _has_event(session: Session, app: Application, kind: str) -> bool:
    return (
        session.exec(
            select(Event.id).where(Event.application_id == app.id, Event.kind == kind).limit(1)
        ).first()
        is not None
    )


def _event_json(event: Event) -> dict[str, Any]:
    return EventPublic.of(event).model_dump(mode="json")


def list_events(session: Session, app: Application) -> list[Event]:
    """The timeline, oldest first."""
    return list(
        session.exec(
            select(Event)
            .where(Event.application_id == app.id)
            .order_by(col(Event.occurred_on), col(Event.id))
        )
    )


def get_event(session: Session, app: Application, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None or event.application_id != app.id:
        raise NotFound(f"Application {app.id} has no event {event_id}.", slug="event-not-found")
    return event


def _follow_timeline(session: Session, app: Application) -> None:
    """Set the status from the latest status-bearing event, else from the applied date."""
    latest = session.exec(
        select(Event.kind)
        .where(Event.application_id == app.id, col(Event.kind).in_(STATUS_OF_EVENT))
        .order_by(col(Event.occurred_on).desc(), col(Event.id).desc())
        .limit(1)
    ).first()
    if latest is not None:
        app.status = STATUS_OF_EVENT[latest]
    elif app.status in STATUS_OF_EVENT.values():
        app.status = "applied" if app.applied_on else "saved"


def add_event(session: Session, app: Application, event: Event) -> Event:
    """Record an event (flushed, not committed) and let the application's status follow it."""
    app = lock(session, app)
    count = session.exec(
        select(func.count()).select_from(Event).where(Event.application_id == app.id)
    ).one()
    if count >= MAX_EVENTS:
        raise Conflict(f"An application holds at most {MAX_EVENTS} events.", slug="too-many-events")
    session.add(event)
    session.flush()
    changed = False
    if event.kind == "applied" and app.applied_on is None:
        app.applied_on = event.occurred_on
        if app.status == "saved":
            app.status = "applied"
        changed = True
    if event.kind in STATUS_OF_EVENT:
        _follow_timeline(session, app)
        changed = True
    if changed:
        _touch(app)
    return event


def create_event(session: Session, app: Application, data: EventCreate, today: date) -> Event:
    """Record a timeline event from the API."""
    news = data.news.model_dump() if data.news else {}
    event = Event(
        application_id=app.id,  # type: ignore[arg-type]
        kind=data.kind,
        occurred_on=data.occurred_on or today,
        channel=data.channel,
        summary=data.summary,
        **news,
    )
    events.emit(session, app.owner_id, "event.created", lambda: _event_json(event))
    add_event(session, app, event)
    session.commit()
    return event


def delete_event(session: Session, app: Application, event: Event) -> None:
    """Remove an event; the status follows what remains."""
    app = lock(session, app)
    session.delete(event)
    session.flush()
    if event.kind in STATUS_OF_EVENT:
        _follow_timeline(session, app)
        _touch(app)
    session.commit()


def create_once(
    session: Session, owner_id: int, data: ApplicationCreate, key: str | None
) -> tuple[idempotency.Stored, bool]:
    """Create an application, or replay the first response to the same Idempotency-Key.

    Returns the response to send (its body as JSON values, or a fresh create's fields as
    stored: write it with orjson, as web.responses does) and whether it is a replay. The key
    is stored in the same transaction as the application, so neither exists without the other.
    """
    request_hash = ""
    if key is not None:
        body = data.model_dump(mode="json", exclude_unset=True)
        request_hash = idempotency.fingerprint("POST", "/applications", body)
        stored = idempotency.claim(session, owner_id, key, request_hash)
        if stored is not None:
            session.rollback()
            return stored, True
    app = create(session, owner_id, data)
    response = idempotency.Stored(
        201,
        public_fields(app),  # ApplicationPublic's fields, not validated again (see public_fields)
        {"Location": f"/api/v1/applications/{app.id}", "ETag": etag(app)},
    )
    if key is not None:
        idempotency.remember(session, owner_id, key, request_hash, response)
    session.commit()
    return response, False
