"""Importing a Touchbase export: into an empty account it restores the account exactly.

Settings and the default policy are taken over only by an account without applications (a
fresh one); policies and templates are matched by name, applications are never created twice
(the CSV import's duplicate key), and every id in the document is only a reference inside it.
"""

from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, func, select

from app.applications.models import Application, Contact, Event
from app.auth.models import User
from app.data.document import ExportDocument
from app.data.imports import counts_of, duplicate_key, existing_keys, refused
from app.data.models import ImportResult, ImportRow, RowError
from app.errors import Unprocessable, validation_problems
from app.followups.models import Policy, Snooze
from app.followups.plans import default_policy
from app.templates.models import Template


def parse(document: Any) -> ExportDocument:
    """The document, checked; a 422 naming each field that is wrong."""
    try:
        return ExportDocument.model_validate(document)
    except ValidationError as exc:
        errors = validation_problems([dict(e) for e in exc.errors()])
        for e in errors:
            e["loc"] = ["body", *e["loc"]]
        names = ", ".join(sorted({e["field"] for e in errors})[:10])
        raise Unprocessable(
            f"The export document has invalid fields: {names}.",
            slug="invalid-export-document",
            extra={"errors": errors},
        ) from None


def _policies(session: Session, user: User, doc: ExportDocument, fresh: bool) -> dict[int, int]:
    """The document's policy ids to the account's."""
    mine = {p.name: p for p in session.exec(select(Policy).where(Policy.owner_id == user.id))}
    default = default_policy(session, user.id)  # type: ignore[arg-type]
    ids: dict[int, int] = {}
    for part in doc.policies:
        fields = part.model_dump(exclude={"id", "is_default"})
        if part.is_default:
            row = default
            if fresh:
                row.sqlmodel_update(fields)
                session.add(row)
        elif part.name in mine:
            row = mine[part.name]
        else:
            row = Policy(owner_id=user.id, is_default=False, **fields)  # type: ignore[arg-type]
            session.add(row)
            session.flush()
        ids[part.id] = row.id  # type: ignore[assignment]
    return ids


def _templates(session: Session, user: User, doc: ExportDocument) -> dict[int, int]:
    mine = {
        (t.name, t.kind, t.channel): t
        for t in session.exec(select(Template).where(Template.owner_id == user.id))
    }
    ids: dict[int, int] = {}
    for part in doc.templates:
        row = mine.get((part.name, part.kind, part.channel))
        if row is None:
            row = Template(owner_id=user.id, **part.model_dump(exclude={"id"}))  # type: ignore[arg-type]
            session.add(row)
            session.flush()
        ids[part.id] = row.id  # type: ignore[assignment]
    return ids


def import_export(
    session: Session, user: User, document: Any, *, dry_run: bool, skip_invalid: bool
) -> ImportResult:
    """Import a Touchbase export (GET /export.json); line numbers count its applications."""
    doc = parse(document)
    count = session.exec(
        select(func.count()).select_from(Application).where(Application.owner_id == user.id)
    ).one()
    fresh = count == 0
    existing = existing_keys(session, user)
    policies = {p.id for p in doc.policies}
    rows: list[ImportRow] = []
    seen: set[Any] = set()
    for n, part in enumerate(doc.applications, start=1):
        key = duplicate_key(part.company, part.position, part.posting_url, part.applied_on)
        errors = []
        if part.policy_id is not None and part.policy_id not in policies:
            errors.append(
                RowError(
                    column="policy_id", field="policy_id", message="no such policy in the file"
                )
            )
        outcome = "error" if errors else "duplicate" if key in existing or key in seen else "create"
        seen.add(key)
        rows.append(
            ImportRow(
                line=n,
                outcome=outcome,  # type: ignore[arg-type]
                company=part.company,
                position=part.position,
                application_id=None,
                duplicate_of=existing.get(key),
                errors=errors,
                warnings=[],
            )
        )
    result = ImportResult(
        dry_run=dry_run,
        written=False,
        format="touchbase-export",
        mapping={},
        unmapped=[],
        unknown_statuses=[],
        date_format=None,
        counts=counts_of(rows),
        rows=rows,
    )
    if dry_run:
        session.rollback()
        return result
    if result.counts.error and not skip_invalid:
        session.rollback()
        raise refused(result, f"{result.counts.error} applications have errors; nothing imported.")
    if fresh and doc.account is not None:
        user.sqlmodel_update(doc.account.model_dump(exclude={"email"}))
        session.add(user)
    policy_ids = _policies(session, user, doc, fresh)
    template_ids = _templates(session, user, doc)
    created = []
    for part, row in zip(doc.applications, rows, strict=True):
        if row.outcome != "create":
            continue
        fields = part.model_dump(
            exclude={"contacts", "events", "snoozed_until", "plan_state", "next_due_on"}
        )
        if part.policy_id is not None:
            fields["policy_id"] = policy_ids[part.policy_id]
        app = Application(owner_id=user.id, **fields)  # type: ignore[arg-type]
        session.add(app)
        created.append((app, part, row))
    session.flush()
    for app, part, row in created:
        row.application_id = app.id
        for c in part.contacts:
            session.add(Contact(application_id=app.id, **c.model_dump()))  # type: ignore[arg-type]
        for e in part.events:
            fields = e.model_dump()
            if e.template_id is not None:
                fields["template_id"] = template_ids.get(e.template_id)
            session.add(Event(application_id=app.id, **fields))  # type: ignore[arg-type]
        if part.snoozed_until is not None:
            session.add(Snooze(application_id=app.id, until=part.snoozed_until))  # type: ignore[arg-type]
    session.flush()  # the plans follow (followups.plans)
    session.commit()
    result.written = True
    return result
