"""Reading another tracker's CSV: the encoding, the dialect, the columns, dates and stages.

Pure: bytes in, rows of Touchbase field values (or the reasons a cell is unreadable) out.
"""

import codecs
import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import get_args

from app.data.models import MAX_IMPORT_ROWS, DateFormat, ImportField

IMPORT_FIELDS: tuple[str, ...] = get_args(ImportField)

# Header names as other trackers and spreadsheets write them, normalised (lower case, words
# only). The README's "Your data" section says where the tracker-specific ones come from.
HEADERS: dict[str, ImportField] = {
    **dict.fromkeys(
        ["company", "company name", "organisation", "organization", "employer", "org", "firma"],
        "company",
    ),
    **dict.fromkeys(
        [
            "position",
            "job title",
            "title",
            "role",
            "job",
            "job position",
            "position title",
            "job role",
            "titel",  # PBP
        ],
        "position",
    ),
    **dict.fromkeys(
        [
            "url",
            "link",
            "job url",
            "job link",
            "posting url",
            "posting link",
            "job posting url",
            "post url",
            "job posting",
            "posting",
        ],
        "posting_url",
    ),
    **dict.fromkeys(
        [
            "applied on",
            "date applied",
            "applied",
            "applied date",
            "application date",
            "date of application",
            "applied at",
            "beworben am",  # PBP
        ],
        "applied_on",
    ),
    **dict.fromkeys(
        ["status", "stage", "application status", "list", "pipeline stage", "state"], "status"
    ),
    **dict.fromkeys(["location", "job location", "city", "place"], "location"),
    **dict.fromkeys(
        ["salary", "compensation", "pay", "salary range", "max salary", "min salary"], "salary"
    ),
    **dict.fromkeys(["notes", "note", "comments", "comment", "notizen"], "notes"),
    **dict.fromkeys(
        ["source", "job board", "found on", "found via", "website", "quelle"], "source"
    ),
    **dict.fromkeys(
        ["contact", "contact name", "contact person", "recruiter", "hiring manager"]
        + ["ansprechpartner"],  # PBP
        "contact_name",
    ),
    **dict.fromkeys(
        ["contact email", "email", "recruiter email", "contact e mail", "e mail"]
        + ["kontakt e mail"],  # PBP
        "contact_email",
    ),
    **dict.fromkeys(["job description", "description", "posting text"], "posting_text"),
    **dict.fromkeys(["closes on", "closing date", "deadline", "application deadline"], "closes_on"),
}

# Names that mean one thing in one tracker's file and another (or nothing) elsewhere: they are
# read this way only when the header has all of that tracker's own columns (normalised).
# CareerForge's job_search_tracker.csv: "date" is the application date, "source" the link to
# the posting, "channel" how you applied (LinkedIn, Referral); elsewhere "source" is the job
# board and a bare "date" may be when a row was added, so neither is mapped by itself.
TRACKER_HEADERS: dict[str, tuple[frozenset[str], dict[str, ImportField]]] = {
    "CareerForge": (
        frozenset({"role type", "fit rating", "cv file", "cover letter file", "last updated"}),
        {"date": "applied_on", "source": "posting_url", "channel": "source"},
    ),
}

# Stage names of other trackers and spreadsheets, normalised, as Touchbase statuses.
STAGES: dict[str, str] = {
    **dict.fromkeys(
        [
            "saved",
            "wishlist",
            "wish list",
            "bookmarked",
            "bookmark",
            "interested",
            "to apply",
            "planned",
            "planning",
            "draft",
            "not applied",
            "researching",
            "in vorbereitung",  # PBP: in_vorbereitung, entwurf, offen
            "entwurf",
            "offen",
        ],
        "saved",
    ),
    **dict.fromkeys(
        ["applied", "applying", "submitted", "application sent", "sent", "waiting", "pending"]
        + ["beworben", "eingangsbestaetigung", "warte auf rueckmeldung"],  # PBP
        "applied",
    ),
    **dict.fromkeys(
        [
            "interview",
            "interviewing",
            "interviews",
            "phone screen",
            "screen",
            "screening",
            "onsite",
            "on site",
            "technical interview",
            "final round",
            "assessment",
            "in progress",
            "zweitgespraech",  # PBP
            "interview abgeschlossen",
        ],
        "interviewing",
    ),
    **dict.fromkeys(
        ["offer", "offered", "offer received", "negotiating", "negotiation", "accepted", "hired"]
        + ["angebot", "angenommen"],  # PBP
        "offer",
    ),
    **dict.fromkeys(
        ["rejected", "rejection", "declined by employer", "not selected", "unsuccessful", "closed"]
        + ["abgelehnt"],  # PBP
        "rejected",
    ),
    **dict.fromkeys(
        ["withdrawn", "withdrew", "declined", "not interested", "archived", "dropped"]
        + ["zurueckgezogen"],  # PBP
        "withdrawn",
    ),
}

_WORDS = re.compile(r"[^0-9a-z]+")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})")
_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_NAMED = ("%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%b %d, %Y", "%B %d, %Y")


class FileProblem(ValueError):
    """The file as a whole cannot be read (its encoding, no header); carries a slug."""

    def __init__(self, slug: str, detail: str) -> None:
        super().__init__(detail)
        self.slug = slug
        self.detail = detail


def normalise(name: str) -> str:
    """A header or stage name as the tables above spell it."""
    return _WORDS.sub(" ", name.lower().translate(_UMLAUTS)).strip()


def decode(raw: bytes) -> str:
    """The file's text: UTF-8, with or without a byte-order mark; anything else is refused."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileProblem("unsupported-encoding", "The file is UTF-16; save it as UTF-8 (CSV).")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(
            "unsupported-encoding",
            f"The file is not UTF-8 (byte {exc.start + 1} is not valid UTF-8). Save it as "
            "'CSV UTF-8' in your spreadsheet and upload it again.",
        ) from None


def read_table(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the data rows with their line numbers; the dialect is sniffed.

    Stops one row past MAX_IMPORT_ROWS, so the caller can name the limit without reading on.
    """
    sample = text[: 64 * 1024]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            raise FileProblem("empty-file", "The file has no header row.")
        rows: list[tuple[int, list[str]]] = []
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            rows.append((reader.line_num, cells))
            if len(rows) > MAX_IMPORT_ROWS:
                break
    except csv.Error as exc:
        raise FileProblem(
            "unreadable-csv", f"The CSV cannot be read near line {reader.line_num}: {exc}."
        ) from None
    return [h.strip() for h in header], rows


def detect_mapping(header: list[str]) -> dict[str, ImportField]:
    """The columns Touchbase recognises by name, each to the field it fills (first one wins)."""
    found: dict[str, ImportField] = {}
    taken: set[str] = set()
    names = {normalise(name) for name in header}
    own: dict[str, ImportField] = {}
    for signature, meanings in TRACKER_HEADERS.values():
        if signature <= names:
            own.update(meanings)
    for name in header:
        target = own.get(normalise(name)) or HEADERS.get(normalise(name))
        if target is not None and target not in taken and name:
            found[name] = target
            if target != "salary":
                taken.add(target)
    return found


def status_of(stage: str) -> str | None:
    """The Touchbase status for another tracker's stage name, or None when unknown."""
    return STAGES.get(normalise(stage))


def _numeric(a: int, b: int, year: int, order: DateFormat) -> date:
    if year < 100:
        year += 2000
    return date(year, b, a) if order == "dmy" else date(year, a, b)


def day_first_or_month_first(values: list[str]) -> DateFormat | None:
    """What a file's day/month dates show: a first part over 12 means day-first, a second
    part over 12 month-first; None when no date tells (or they contradict each other)."""
    seen: set[DateFormat] = set()
    for value in values:
        m = _NUMERIC.fullmatch(value.strip())
        if m:
            a, b = int(m[1]), int(m[2])
            if a > 12 >= b:
                seen.add("dmy")
            elif b > 12 >= a:
                seen.add("mdy")
    return seen.pop() if len(seen) == 1 else None


def parse_day(value: str, order: DateFormat | None) -> date:
    """A date in ISO, day/month or month/day numbers (as `order` says), or with a month name."""
    text = value.strip()
    if m := _ISO.fullmatch(text) or _YEAR_FIRST.fullmatch(text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC.fullmatch(text):
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        if order in (None, "iso") and a != b and a <= 12 and b <= 12:
            raise ValueError(
                f"'{text}' could be day/month or month/day; send date_format=dmy or date_format=mdy"
            )
        if order in (None, "iso"):
            order = "dmy" if a > 12 else "mdy"
        return _numeric(a, b, year, order)
    for pattern in _NAMED:
        try:
            return datetime.strptime(text.replace(".", ""), pattern).date()
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date Touchbase reads (such as 2026-03-14)")


@dataclass
class Cells:
    """One data row as the mapping reads it: field values and the column each came from."""

    line: int
    values: dict[str, str] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    salary: list[tuple[str, str]] = field(default_factory=list)


def map_rows(
    header: list[str], rows: list[tuple[int, list[str]]], mapping: Mapping[str, str]
) -> list[Cells]:
    """Each row's non-empty cells under the fields their columns fill."""
    index = {name: i for i, name in enumerate(header)}
    out = []
    for line, cells in rows:
        row = Cells(line)
        for column, target in mapping.items():
            i = index[column]
            value = cells[i].strip() if i < len(cells) else ""
            if not value:
                continue
            if target == "salary":
                row.salary.append((column, value))
            else:
                row.values[target] = value
                row.columns[target] = column
        out.append(row)
    return out
