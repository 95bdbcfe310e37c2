"""Importing applications from a CSV: row by row, all or nothing unless told to skip bad rows.

Imported applications are marked (imported_at) and get their plans in the same transaction
from the session hook every write reaches (followups.plans): a backdated applied date gives
a backdated plan, and Today keeps those past their window in a group of their own.
"""

import json
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import sqlalchemy as sa
from pydantic import ValidationError
from sqlmodel import Session, col

from app.applications import postings
from app.applications.models import (
    Application,
    ApplicationCreate,
    Contact,
    ContactCreate,
    Event,
)
from app.auth.models import User
from app.data import csv_rows
from app.data.models import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ROWS,
    DateFormat,
    ImportCounts,
    ImportResult,
    ImportRow,
    RowError,
)
from app.db import utcnow
from app.errors import AppError, Unprocessable

DupKey = tuple[str, str, str, date | None]
_BARE_DOMAIN = re.compile(r"^(www\.)?[\w-]+(\.[\w-]+)+(/\S*)?$")
# Pydantic's words for a few refusals, as a person reading a spreadsheet would put them.
_PLAIN = {
    "posting_url": "must be a web address starting with http:// or https://",
    "company": "must be at most 200 characters",
    "position": "must be at most 200 characters",
}


class ImportTooLarge(AppError):
    status, slug, title = 413, "import-too-large", "Import too large"


def check_size(size: int) -> None:
    """413 naming the limit when a file is over MAX_IMPORT_BYTES."""
    if size > MAX_IMPORT_BYTES:
        raise ImportTooLarge(
            f"The file is {size} bytes; an import takes at most {MAX_IMPORT_BYTES} bytes (5 MB)."
            " Split it into smaller files."
        )


def duplicate_key(company: str, position: str, url: str | None, applied: date | None) -> DupKey:
    """What makes two applications the same one: company, position, URL and applied date."""
    return (company.strip().casefold(), position.strip().casefold(), (url or "").strip(), applied)


def existing_keys(session: Session, user: User) -> dict[DupKey, int]:
    """The caller's applications by duplicate key."""
    query = sa.select(
        col(Application.id),
        col(Application.company),
        col(Application.position),
        col(Application.posting_url),
        col(Application.applied_on),
    ).where(col(Application.owner_id) == user.id)
    return {duplicate_key(c, p, u, a): i for i, c, p, u, a in session.execute(query)}


def parse_mapping(text: str | None, header: list[str]) -> dict[str, str | None]:
    """The `mapping` parameter: a JSON object of column to field (null ignores a column)."""
    if text is None:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in value.items()
    ):
        raise _query_error(
            "mapping",
            "must be a JSON object",
            'mapping is a JSON object such as {"Employer": "company", "Unused column": null}.',
        )
    for column, target in value.items():
        if column not in header:
            raise _query_error(
                "mapping", "no such column", f"The file has no column '{column}' to map."
            )
        if target is not None and target not in csv_rows.IMPORT_FIELDS:
            fields = ", ".join(csv_rows.IMPORT_FIELDS)
            raise _query_error(
                "mapping", "no such field", f"'{target}' is not a field to import into: {fields}."
            )
    return value


def _query_error(name: str, message: str, detail: str) -> Unprocessable:
    problem = {"loc": ["query", name], "field": name, "message": message, "type": "value_error"}
    return Unprocessable(detail, slug="invalid-import-option", extra={"errors": [problem]})


class Prepared:
    """One row, checked: the application's fields and its contact, or what is wrong."""

    def __init__(self, cells: csv_rows.Cells) -> None:
        self.cells = cells
        self.errors: list[RowError] = []
        self.warnings: list[RowError] = []
        self.fields: dict[str, Any] = {}
        self.contact: ContactCreate | None = None
        self.key: DupKey | None = None

    def problem(self, field: str, message: str, warning: bool = False) -> None:
        column = self.cells.columns.get(field, field)
        (self.warnings if warning else self.errors).append(
            RowError(column=column, field=field, message=message)
        )


def _prepare(cells: csv_rows.Cells, order: DateFormat | None, unknown: set[str]) -> Prepared:
    row = Prepared(cells)
    values = dict(cells.values)
    fields: dict[str, Any] = {}
    for name in ("applied_on", "closes_on"):
        if name in values:
            try:
                fields[name] = csv_rows.parse_day(values.pop(name), order)
            except ValueError as exc:
                row.problem(name, str(exc))
    if "status" in values:
        stage = values.pop("status")
        status = csv_rows.status_of(stage)
        if status is None:
            unknown.add(stage)
            kept = "applied" if "applied_on" in fields else "saved"
            row.problem("status", f"'{stage}' is no stage Touchbase knows: kept as {kept}", True)
        else:
            fields["status"] = status
    contact_name, contact_email = (
        values.pop("contact_name", None),
        values.pop("contact_email", None),
    )
    notes = [values.pop("notes")] if "notes" in values else []
    notes += [f"{column}: {value}" for column, value in cells.salary]
    if notes:
        fields["notes"] = "\n".join(notes)
    url = values.get("posting_url")
    if url and _BARE_DOMAIN.match(url):
        values["posting_url"] = "https://" + url  # "www.acme.com/jobs/1" as a link
    fields.update(values)
    for name in ("company", "position"):
        if name not in fields:
            row.problem(name, f"{name} is empty: every application needs one")
    try:
        data = ApplicationCreate.model_validate(fields)
    except ValidationError as exc:
        for e in exc.errors():
            name = str(e["loc"][0]) if e["loc"] else "row"
            if not any(p.field == name for p in row.errors):
                plain = _PLAIN.get(name) if e["type"] != "missing" else None
                row.problem(name, plain or str(e["msg"]).removeprefix("Value error, "))
    else:
        row.fields = data.model_dump(exclude_unset=True)
        row.key = duplicate_key(data.company, data.position, data.posting_url, data.applied_on)
    if contact_name or contact_email:
        try:
            row.contact = ContactCreate.model_validate(
                {"name": contact_name or contact_email, "email": contact_email}
            )
        except ValidationError as exc:
            for e in exc.errors():
                name = "contact_email" if e["loc"] and e["loc"][0] == "email" else "contact_name"
                row.problem(name, str(e["msg"]).removeprefix("Value error, "))
    if row.errors:
        row.fields, row.key = {}, None
    return row


def _rows_result(prepared: Iterable[Prepared], existing: dict[DupKey, int]) -> list[ImportRow]:
    seen: dict[DupKey, int] = {}
    out = []
    for row in prepared:
        duplicate_of = None
        if row.errors:
            outcome = "error"
        elif row.key in existing or row.key in seen:
            outcome, duplicate_of = "duplicate", existing.get(row.key)
        else:
            outcome = "create"
            seen[row.key] = row.cells.line  # type: ignore[index]
        out.append(
            ImportRow(
                line=row.cells.line,
                outcome=outcome,  # type: ignore[arg-type]
                company=row.cells.values.get("company"),
                position=row.cells.values.get("position"),
                application_id=None,
                duplicate_of=duplicate_of,
                errors=row.errors,
                warnings=row.warnings,
            )
        )
    return out


def counts_of(rows: list[ImportRow]) -> ImportCounts:
    outcomes = [r.outcome for r in rows]
    return ImportCounts(
        rows=len(rows),
        create=outcomes.count("create"),
        duplicate=outcomes.count("duplicate"),
        error=outcomes.count("error"),
    )


def refused(result: ImportResult, detail: str) -> Unprocessable:
    """A refused import: a 422 problem carrying the same row list and counts."""
    body = result.model_dump(mode="json")
    return Unprocessable(
        detail,
        slug="import-refused",
        title="Import refused",
        extra={"counts": body["counts"], "rows": body["rows"], "mapping": body["mapping"]},
    )


def write(
    session: Session, user: User, items: list[tuple[dict[str, Any], ContactCreate | None]]
) -> list[int]:
    """Create the applications (with their applied events and contacts) in one flush each."""
    now = utcnow()
    apps = []
    for fields, _ in items:
        fields = dict(fields)
        if fields.get("applied_on") is not None and "status" not in fields:
            fields["status"] = "applied"
        app = Application(owner_id=user.id, imported_at=now, **fields)  # type: ignore[arg-type]
        postings.note_explicit(app, set(fields))
        postings.autofill(app)
        apps.append(app)
    session.add_all(apps)
    session.flush()
    for app, (_, contact) in zip(apps, items, strict=True):
        if app.applied_on is not None:
            session.add(Event(application_id=app.id, kind="applied", occurred_on=app.applied_on))  # type: ignore[arg-type]
        if contact is not None:
            session.add(Contact(application_id=app.id, **contact.model_dump()))  # type: ignore[arg-type]
    session.flush()  # the plans follow (followups.plans)
    return [a.id for a in apps]  # type: ignore[misc]


def import_csv(
    session: Session,
    user: User,
    raw: bytes,
    *,
    dry_run: bool,
    skip_invalid: bool,
    date_format: DateFormat | None,
    mapping: str | None,
) -> ImportResult:
    """Read a CSV, check every row, and create the applications it holds (unless a dry run)."""
    check_size(len(raw))
    try:
        header, table = csv_rows.read_table(csv_rows.decode(raw))
    except csv_rows.FileProblem as exc:
        raise Unprocessable(exc.detail, slug=exc.slug, title="Unreadable file") from None
    if len(table) > MAX_IMPORT_ROWS:
        raise Unprocessable(
            f"The file has more than {MAX_IMPORT_ROWS} rows; an import takes at most "
            f"{MAX_IMPORT_ROWS}. Split it into smaller files.",
            slug="too-many-rows",
            title="Too many rows",
        )
    detected: dict[str, str] = dict(csv_rows.detect_mapping(header))
    for column, target in parse_mapping(mapping, header).items():
        detected.pop(column, None)
        if target is not None:
            for other in [c for c, t in detected.items() if t == target and t != "salary"]:
                del detected[other]
            detected[column] = target
    used = dict(detected)
    missing = [f for f in ("company", "position") if f not in used.values()]
    if missing:
        names = " and ".join(missing)
        raise Unprocessable(
            f"No column of the file holds the {names}. Name them in `mapping`, e.g. "
            f'{{"Employer": "company", "Job": "position"}}; the file\'s columns are: '
            f"{', '.join(header)}.",
            slug="import-columns-missing",
            title="Columns missing",
            extra={"mapping": used, "columns": header},
        )
    cells = csv_rows.map_rows(header, table, used)
    dated = [c.values[f] for c in cells for f in ("applied_on", "closes_on") if f in c.values]
    order = date_format or csv_rows.day_first_or_month_first(dated)
    unknown: set[str] = set()
    prepared = [_prepare(c, order, unknown) for c in cells]
    rows = _rows_result(prepared, existing_keys(session, user))
    result = ImportResult(
        dry_run=dry_run,
        written=False,
        format="csv",
        mapping=used,  # type: ignore[arg-type]
        unmapped=[h for h in header if h not in used],
        unknown_statuses=sorted(unknown),
        date_format=order,
        counts=counts_of(rows),
        rows=rows,
    )
    if dry_run:
        session.rollback()
        return result
    if result.counts.error and not skip_invalid:
        session.rollback()
        raise refused(
            result,
            f"{result.counts.error} of {result.counts.rows} rows have errors, so nothing was "
            "imported. Fix them, or send skip_invalid=true to import the other rows.",
        )
    creating = [(p, r) for p, r in zip(prepared, rows, strict=True) if r.outcome == "create"]
    ids = write(session, user, [(p.fields, p.contact) for p, _ in creating])
    for (_, r), new_id in zip(creating, ids, strict=True):
        r.application_id = new_id
    session.commit()
    result.written = bool(ids)
    return result
