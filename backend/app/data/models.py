"""Import and export: their bounds, the import's options and its row-by-row result."""

from typing import Literal

from sqlmodel import Field, SQLModel

MAX_IMPORT_ROWS = 5_000  # data rows in one import (the header not counted)
MAX_IMPORT_BYTES = 5 * 1024 * 1024  # the file (or JSON export) of one import: 5 MB
# What a multipart envelope may add around the file before the body limit refuses it.
MULTIPART_OVERHEAD_BYTES = 64 * 1024
MAX_MAPPING_LENGTH = 4_000  # the `mapping` query parameter, as JSON text
EXPORT_BATCH = 500  # applications read per query while an export streams
EXPORT_FORMAT, EXPORT_VERSION = "touchbase-export", 1  # the JSON export (data.document)

DateFormat = Literal["iso", "dmy", "mdy"]
Outcome = Literal["create", "duplicate", "error"]
# What a CSV column can fill; `salary` goes into the notes (an application has no salary).
ImportField = Literal[
    "company",
    "position",
    "posting_url",
    "applied_on",
    "status",
    "location",
    "salary",
    "notes",
    "source",
    "contact_name",
    "contact_email",
    "posting_text",
    "closes_on",
]


class RowError(SQLModel):
    """What is wrong with one cell of a row, in words."""

    column: str = Field(description="The file's column (its header), or the JSON field")
    field: str = Field(description="The Touchbase field it fills")
    message: str


class ImportRow(SQLModel):
    """What the import does (or would do, on a dry run) with one row of the file."""

    line: int = Field(description="The row's line in the file (the header is line 1)")
    outcome: Outcome
    company: str | None
    position: str | None
    application_id: int | None = Field(description="The application created (null on a dry run)")
    duplicate_of: int | None = Field(description="The existing application it duplicates")
    errors: list[RowError]
    warnings: list[RowError] = Field(description="Kept, but worth a look (an unknown status)")


class ImportCounts(SQLModel):
    rows: int
    create: int
    duplicate: int
    error: int


class ImportResult(SQLModel):
    """The import's answer: the mapping it used, each row's outcome and the counts."""

    dry_run: bool
    written: bool = Field(description="Whether anything was written")
    format: Literal["csv", "touchbase-export"]
    mapping: dict[str, ImportField] = Field(description="Each mapped column and what it fills")
    unmapped: list[str] = Field(description="Columns the import ignored")
    unknown_statuses: list[str] = Field(description="Stage names no Touchbase status matched")
    date_format: DateFormat | None = Field(description="How day/month dates were read")
    counts: ImportCounts
    rows: list[ImportRow]
