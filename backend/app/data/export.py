"""Exports: the applications as a CSV, streamed in batches, and the whole account as JSON."""

import csv
import io
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.applications.models import Application, Contact, Event
from app.auth.models import User
from app.data.document import (
    AccountPart,
    ApplicationPart,
    ContactPart,
    EventPart,
    ExportDocument,
    PolicyPart,
    TemplatePart,
)
from app.data.models import EXPORT_BATCH, EXPORT_FORMAT, EXPORT_VERSION
from app.db import utcnow
from app.followups.models import Policy, Snooze, StoredPlan
from app.templates.models import Template

CSV_COLUMNS = (
    "company",
    "position",
    "status",
    "archived",
    "applied_on",
    "closes_on",
    "response_expected_on",
    "location",
    "source",
    "posting_url",
    "contact_name",
    "contact_email",
    "plan_state",
    "next_due_on",
    "window_closes_on",
    "notes",
    "created_at",
    "updated_at",
)
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection, OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value: Any) -> str:
    """A cell's text, with a leading apostrophe where a spreadsheet would run a formula."""
    text = "" if value is None else value.isoformat() if hasattr(value, "isoformat") else str(value)
    if isinstance(value, bool):
        text = "true" if value else "false"
    return "'" + text if text.startswith(_FORMULA_START) else text


def _line(cells: list[Any]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()


_CSV_SELECT = (
    sa.select(
        col(Application.id),
        *(getattr(Application, c) for c in CSV_COLUMNS if hasattr(Application, c)),
        col(StoredPlan.state),
    )
    .select_from(Application)
    .outerjoin(StoredPlan, col(StoredPlan.application_id) == col(Application.id))
)
_APP_COLUMNS = [c for c in CSV_COLUMNS if hasattr(Application, c)]


def csv_lines(engine: Engine, user_id: int) -> Iterator[str]:
    """The CSV, a line at a time; EXPORT_BATCH applications per query, each batch in a short
    read transaction of its own, so memory stays flat however many there are."""
    yield "\ufeff" + _line(list(CSV_COLUMNS))  # the BOM: spreadsheets then read UTF-8
    after = 0
    while True:
        with engine.connect() as conn:
            rows = conn.execute(
                _CSV_SELECT.where(col(Application.owner_id) == user_id, col(Application.id) > after)
                .order_by(col(Application.id))
                .limit(EXPORT_BATCH)
            ).all()
            if not rows:
                return
            ids = [r.id for r in rows]
            first: dict[int, tuple[str, str | None]] = {}
            for app_id, name, email in conn.execute(
                sa.select(col(Contact.application_id), col(Contact.name), col(Contact.email))
                .where(col(Contact.application_id).in_(ids))
                .order_by(col(Contact.id))
            ):
                first.setdefault(app_id, (name, email))
        chunk = []
        for r in rows:
            values = dict(zip(_APP_COLUMNS, r[1 : 1 + len(_APP_COLUMNS)], strict=True))
            contact = first.get(r.id, (None, None))
            values |= {
                "contact_name": contact[0],
                "contact_email": contact[1],
                "plan_state": r.state,
            }
            chunk.append(_line([inert(values[c]) for c in CSV_COLUMNS]))
        yield "".join(chunk)
        after = ids[-1]


def document(session: Session, user: User) -> ExportDocument:
    """The whole account as an ExportDocument (settings, policies, templates, applications
    with their contacts, timelines and snoozes; the plan's state and next due date to read)."""
    policies = session.exec(
        select(Policy).where(Policy.owner_id == user.id).order_by(col(Policy.id))
    ).all()
    templates = session.exec(
        select(Template).where(Template.owner_id == user.id).order_by(col(Template.id))
    ).all()
    apps = session.exec(
        select(Application).where(Application.owner_id == user.id).order_by(col(Application.id))
    ).all()
    ids = [a.id for a in apps]
    contacts: dict[int, list[ContactPart]] = {i: [] for i in ids}  # type: ignore[misc]
    events: dict[int, list[EventPart]] = {i: [] for i in ids}  # type: ignore[misc]
    states: dict[int, str] = {}
    snoozes: dict[int, Any] = {}
    for start in range(0, len(ids), EXPORT_BATCH):
        batch = ids[start : start + EXPORT_BATCH]
        for c in session.exec(
            select(Contact).where(col(Contact.application_id).in_(batch)).order_by(col(Contact.id))
        ):
            contacts[c.application_id].append(ContactPart.model_validate(c, from_attributes=True))
        for e in session.exec(
            select(Event)
            .where(col(Event.application_id).in_(batch))
            .order_by(col(Event.occurred_on), col(Event.id))
        ):
            events[e.application_id].append(EventPart.model_validate(e, from_attributes=True))
        for app_id, state in session.exec(
            select(col(StoredPlan.application_id), col(StoredPlan.state)).where(
                col(StoredPlan.application_id).in_(batch)
            )
        ):
            states[app_id] = state
        for app_id, until in session.exec(
            select(col(Snooze.application_id), col(Snooze.until)).where(
                col(Snooze.application_id).in_(batch)
            )
        ):
            snoozes[app_id] = until
    parts = []
    for a in apps:
        fields = a.model_dump(include=set(ApplicationPart.model_fields))
        parts.append(
            ApplicationPart.model_validate(
                {
                    **fields,
                    "contacts": contacts[a.id],  # type: ignore[index]
                    "events": events[a.id],  # type: ignore[index]
                    "snoozed_until": snoozes.get(a.id),  # type: ignore[arg-type]
                    "plan_state": states.get(a.id),  # type: ignore[arg-type]
                    "next_due_on": a.next_due_on,
                }
            )
        )
    return ExportDocument(
        format=EXPORT_FORMAT,
        version=EXPORT_VERSION,
        exported_at=utcnow(),
        account=AccountPart.model_validate(user, from_attributes=True),
        policies=[PolicyPart.model_validate(p, from_attributes=True) for p in policies],
        templates=[TemplatePart.model_validate(t, from_attributes=True) for t in templates],
        applications=parts,
    )
