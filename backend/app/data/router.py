"""Your data: import applications from a CSV or a Touchbase export, and export everything."""

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException

from app.auth.deps import CurrentUser
from app.data import export, imports, restore
from app.data.document import ExportDocument
from app.data.models import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ROWS,
    MAX_MAPPING_LENGTH,
    DateFormat,
    ImportResult,
)
from app.db import SessionDep
from app.errors import Unprocessable
from app.inputs import TRUE_OR_FALSE

router = APIRouter(tags=["your data"])

_EXPORT_SCHEMA = {
    "type": "object",
    "required": ["format", "version"],
    "properties": {
        "format": {"const": "touchbase-export"},
        "version": {"const": 1},
        "exported_at": {"type": ["string", "null"], "format": "date-time"},
        "account": {"type": ["object", "null"]},
        "policies": {"type": "array", "items": {"type": "object"}},
        "templates": {"type": "array", "items": {"type": "object"}},
        "applications": {"type": "array", "maxItems": MAX_IMPORT_ROWS, "items": {"type": "object"}},
    },
    "additionalProperties": False,
    "description": "A Touchbase export (GET /api/v1/export.json)",
}
_IMPORT_BODY = {
    "required": True,
    "description": (
        f"A CSV (UTF-8, with or without a byte-order mark; delimiter and quoting sniffed) as "
        f"the body or as the multipart field `file`, or a Touchbase JSON export. At most "
        f"{MAX_IMPORT_BYTES} bytes (5 MB, else 413) and {MAX_IMPORT_ROWS} rows (else 422)."
    ),
    "content": {
        "text/csv": {"schema": {"type": "string"}},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
        "application/json": {"schema": _EXPORT_SCHEMA},
    },
}


def _bad_upload(detail: str) -> Unprocessable:
    problem = {"loc": ["body", "file"], "field": "file", "message": detail, "type": "value_error"}
    return Unprocessable(
        f"The upload cannot be read: {detail}", slug="invalid-upload", extra={"errors": [problem]}
    )


async def _file_of(request: Request) -> bytes:
    """The multipart field `file`, read whole (the body limit bounds it)."""
    try:
        form = await request.form(max_files=1, max_fields=10, max_part_size=MAX_IMPORT_BYTES + 1)
    except (MultiPartException, HTTPException, ValueError, KeyError) as exc:
        raise _bad_upload(getattr(exc, "detail", None) or str(exc) or "malformed") from None
    upload = form.get("file")
    if isinstance(upload, UploadFile):
        return await upload.read()
    if isinstance(upload, str):
        return upload.encode()
    raise _bad_upload("send the CSV as the multipart field `file`")


@router.post(
    "/imports",
    response_model=ImportResult,
    operation_id="createImport",
    openapi_extra={"requestBody": _IMPORT_BODY},
)
async def create_import(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    dry_run: Annotated[
        bool,
        Query(description="Check every row and say what would happen; write nothing"),
        TRUE_OR_FALSE,
    ] = False,
    skip_invalid: Annotated[
        bool, Query(description="Import the good rows and report the others"), TRUE_OR_FALSE
    ] = False,
    date_format: Annotated[
        DateFormat | None,
        Query(description="How to read 03/04/2026: dmy (3 April) or mdy (March 4)"),
    ] = None,
    mapping: Annotated[
        str | None,
        Query(
            max_length=MAX_MAPPING_LENGTH,
            pattern=r"^[^\x00]*$",
            description='Columns to fields as a JSON object, e.g. {"Employer": "company", '
            '"Unused": null}; it overrides the columns detected by name',
        ),
    ] = None,
) -> ImportResult:
    """Import applications: each row created, a duplicate of one you have, or an error.

    All or nothing: one row with an error and nothing is written (a 422 problem carrying the
    same `rows`), unless skip_invalid=true. Duplicates (same company, position, URL and
    applied date) are never created twice, so importing a file again creates nothing new.
    Imported applications get their plans at once, counted from their own dates.
    """
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        raw = await _file_of(request)
    else:
        raw = await request.body()
    imports.check_size(len(raw))
    if kind == "application/json":
        try:
            document: Any = json.loads(raw)
        except ValueError:
            raise _bad_upload("the body is not JSON") from None
        return await run_in_threadpool(
            restore.import_export,
            session,
            user,
            document,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
        )
    return await run_in_threadpool(
        imports.import_csv,
        session,
        user,
        raw,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        date_format=date_format,
        mapping=mapping,
    )


@router.get(
    "/export.csv",
    operation_id="exportCsv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
def export_csv(request: Request, user: CurrentUser) -> StreamingResponse:
    """Your applications as a CSV (UTF-8 with a byte-order mark), one row each: status, dates,
    the first contact, the plan's state and next due date. Streamed, 500 applications (the
    export batch) per query. A cell that starts with = + - @ or a tab starts with an
    apostrophe instead, so a spreadsheet shows it rather than running it."""
    return StreamingResponse(
        export.csv_lines(request.app.state.engine, user.id),  # type: ignore[arg-type]
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="touchbase-applications.csv"'},
    )


@router.get("/export.json", response_model=ExportDocument, operation_id="exportJson")
def export_json(user: CurrentUser, session: SessionDep) -> ExportDocument:
    """Your whole account ("format": "touchbase-export", "version": 1): settings, policies,
    templates, applications with their contacts, timelines and snoozes. No secrets (no
    password or token hashes, no calendar secret). POST it to /imports to restore it."""
    return export.document(session, user)
