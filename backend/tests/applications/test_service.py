"""applications.service: the list's queries use the indexes they were written for; a create
stores what the model makes."""

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.applications import postings, service
from app.applications.models import Application, ApplicationCreate
from tests.factories import Person, make_person, many_applications
from tests.queries import query_plan, recorded

PER_OWNER = 150


def _selects(engine: Engine, db: Session, person: Person) -> list[tuple[str, Any]]:
    """The SELECTs list_page runs for a first page with more after it (so it counts too)."""
    with recorded(engine) as seen:
        rows, next_cursor, total = service.list_page(
            db.connection(), person.user.id, status=None, archived=None, q=None,
            sort="-updated_at", limit=50, cursor=None,
        )  # fmt: skip
    db.rollback()
    assert (len(rows), total) == (50, PER_OWNER) and next_cursor
    return [(sql, params) for sql, params in seen if sql.lstrip().upper().startswith("SELECT")]


def test_the_total_is_counted_from_the_live_index_and_the_page_walks_its_sort_index(
    engine: Engine, db: Session, alice: Person
) -> None:
    owners = [alice, make_person(db, "bob@example.com"), make_person(db, "cy@example.com")]
    many_applications(engine, owners, PER_OWNER)
    [(page, page_params)] = _selects(engine, db, alice)  # the total in the page's statement
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":  # SQLite without statistics, as Touchbase runs it
            page_plan = query_plan(conn, page, page_params)
            assert "COVERING INDEX ix_applications_owner_live" in page_plan, page  # the total
            assert "ix_applications_owner_updated" in page_plan and "TEMP B-TREE" not in page_plan
        else:  # cost-based on its own statistics (at 450 rows it scans); the index is there
            indexes = {
                i["name"]: i["column_names"] for i in sa.inspect(conn).get_indexes("applications")
            }
            assert indexes["ix_applications_owner_live"][:2] == ["owner_id", "deleted_at"]


def test_each_shape_of_the_list_builds_its_statements_once(db: Session, alice: Person) -> None:
    """Values (owner, filters, needle, cursor, limit) are bound at each run, not built in."""
    bob = make_person(db, "bob@example.com")
    service._page_query.cache_clear()
    service._count_query.cache_clear()

    def page(person: Person, **filters: Any) -> None:
        options: dict[str, Any] = {"status": None, "archived": None, "q": None, "cursor": None}
        service.list_page(
            db.connection(), person.user.id, sort="company", limit=10, **{**options, **filters}
        )

    page(alice, q="acme")
    page(bob, q="globex")
    page(alice, q="100%", status="applied")
    page(bob, q="  ", status="saved")  # a blank search is no search: another shape
    db.rollback()
    assert service._page_query.cache_info().currsize == 3
    assert service._page_query.cache_info().hits == 1


def test_a_create_stores_the_row_the_model_would(db: Session, alice: Person) -> None:
    """create builds its row without the model's constructor (service._new_application): the
    row stored and the one returned are what Application(...) makes of the same fields."""
    data = ApplicationCreate(
        company="Acme", position="Engineer", notes="Met at a fair", applied_on=date(2026, 3, 2)
    )
    app = service.create(db, alice.user.id, data)
    assert sa.inspect(app).persistent and not db.dirty and not db.new
    returned = app.model_dump()
    db.commit()
    made = Application(
        owner_id=alice.user.id, status="applied", **data.model_dump(exclude_unset=True)
    )  # type: ignore[arg-type]
    postings.note_explicit(made, data.model_fields_set)
    postings.autofill(made)
    db.expire_all()
    stored = db.get(Application, app.id)
    assert stored is not None
    plan_and_bookkeeping = {"id", "created_at", "updated_at", "next_due_on", "window_closes_on"}
    plan_and_bookkeeping |= {"summary", "summary_version"}  # derived (applications.summaries)
    expected = made.model_dump(exclude=plan_and_bookkeeping)
    assert {k: v for k, v in returned.items() if k not in plan_and_bookkeeping} == expected
    assert stored.model_dump(exclude=plan_and_bookkeeping) == expected
    assert stored.model_dump() == returned
