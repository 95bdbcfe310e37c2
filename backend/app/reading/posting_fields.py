"""What a pasted posting says about itself: title, company, location, posting and closing date.

Pure: text in, fields out. A paste may be plain text or HTML (tags are stripped with the
standard library's html.parser); schema.org `JobPosting` JSON-LD, in the HTML or handed over
separately (the bookmarklet sends the page's blocks), is read first: it is the employer's own
statement, so its fields are sure. Without it, a few labelled lines ("Company: ...") and the
first line's shape ("<title> at <company>") are read, each with a lower confidence. A field
that cannot be read is None: nothing is invented.
"""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from html import unescape
from html.parser import HTMLParser
from typing import Any, Literal

from app.reading.postings import MAX_TEXT, analyze

__all__ = [
    "MAX_BLOCK",
    "MAX_BLOCKS",
    "MAX_INPUT",
    "PostingFields",
    "ReadField",
    "plain_text",
    "read_fields",
]

MAX_INPUT = 100_000  # characters of pasted text or HTML read
MAX_BLOCKS = 5  # JSON-LD blocks read, at most
MAX_BLOCK = 50_000  # characters per JSON-LD block
MAX_FIELD = 200  # characters kept of a title, company or location (the application's limit)
HEAD_LINES = 5  # the first lines looked at for a title and company

Source = Literal["json_ld", "text"]
SURE = 1.0  # the posting's own JSON-LD
LABELLED = 0.9  # "Company: Acme"
SHAPED = 0.6  # "Backend Engineer at Acme"
FIRST_LINE = 0.4  # a short first line, taken as the title


@dataclass(frozen=True, slots=True)
class ReadField:
    """One value read from the posting, where it was read, and how sure the reading is."""

    value: str | date
    source: Source
    confidence: float


@dataclass(frozen=True, slots=True)
class PostingFields:
    """The fields read from a posting, and its plain text (for the constraint analysis)."""

    text: str
    title: ReadField | None = None
    company: ReadField | None = None
    location: ReadField | None = None
    posted_on: ReadField | None = None
    closes_on: ReadField | None = None
    has_json_ld: bool = False


# --- HTML -------------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt"),
        *("fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "li"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "main", "nav", "ol", "p", "pre", "section"),
        *("table", "td", "th", "tr", "ul"),
    }
)
_HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg"})
_TAG = re.compile(r"<(?:[a-zA-Z][\w-]*|/[a-zA-Z][\w-]*|!--)[^<>]*>?")


class _Reader(HTMLParser):
    """Collects the visible text (block tags become line breaks) and the JSON-LD blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.blocks: list[str] = []
        self._hidden = 0
        self._json_ld: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and (dict(attrs).get("type") or "").strip().lower() in (
            "application/ld+json"
        ):
            self._json_ld = []
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
        elif tag in _BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._json_ld is not None:
            if len(self.blocks) < MAX_BLOCKS:
                self.blocks.append("".join(self._json_ld)[:MAX_BLOCK])
            self._json_ld = None
        if tag in _HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCK_TAGS:
            self._break()

    def _break(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._json_ld is not None:
            self._json_ld.append(data)
        elif not self._hidden:
            self.parts.append(data)


def _tidy(text: str) -> str:
    lines = (re.sub(r"[^\S\n]+", " ", line).strip() for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _looks_like_html(text: str) -> bool:
    return len(_TAG.findall(text[:5000])) >= 2


def _parse_html(html: str) -> tuple[str, list[str]]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return _tidy("".join(reader.parts)), reader.blocks


def plain_text(text: str) -> str:
    """The text of `text` with any HTML tags stripped and whitespace tidied."""
    text = text[:MAX_INPUT]
    return _parse_html(text)[0] if _looks_like_html(text) else _tidy(text)


# --- JSON-LD ----------------------------------------------------------------------------------

_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def _load(block: str) -> Any:
    block = block.strip()
    # Hand-written blocks often carry raw newlines in strings (strict=False takes them) and
    # a trailing comma (browsers' JSON.parse refuses it too, but the intent is plain).
    for candidate in (block, _TRAILING_COMMA.sub(r"\1", block)):
        try:
            return json.loads(candidate, strict=False)
        except ValueError:
            continue
    return None


def _is_posting(node: dict[str, Any]) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == "JobPosting" for k in kinds)


def _postings(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(node, list):
        for item in node[:50]:
            yield from _postings(item, depth + 1)
    elif isinstance(node, dict):
        if _is_posting(node):
            yield node
        elif "@graph" in node:
            yield from _postings(node["@graph"], depth + 1)


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if not isinstance(value, str):
        return None
    text = re.sub(r"\s+", " ", unescape(_TAG.sub(" ", value))).strip()
    return text[:MAX_FIELD] or None


def _place(value: Any) -> str | None:
    places = value if isinstance(value, list) else [value]
    names: list[str] = []
    for place in places[:5]:
        if not isinstance(place, dict):
            name = _text(place)
        else:
            address = place.get("address")
            if isinstance(address, dict):
                parts = [
                    _text(address.get(key))
                    for key in ("addressLocality", "addressRegion", "addressCountry")
                ]
                name = ", ".join(dict.fromkeys(p for p in parts if p)) or None
            else:
                name = _text(address)
            name = name or _text(place.get("name"))
        if name and name not in names:
            names.append(name)
    return "; ".join(names)[:MAX_FIELD] or None


def _day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _sure(value: str | date | None) -> ReadField | None:
    return ReadField(value, "json_ld", SURE) if value is not None else None


def _from_json_ld(blocks: list[str]) -> tuple[dict[str, ReadField | None], str] | None:
    for block in blocks[:MAX_BLOCKS]:
        for posting in _postings(_load(block[:MAX_BLOCK])):
            location = _place(posting.get("jobLocation"))
            if not location and str(posting.get("jobLocationType", "")).upper() == "TELECOMMUTE":
                location = "Remote"
            fields = {
                "title": _sure(_text(posting.get("title"))),
                "company": _sure(_text(posting.get("hiringOrganization"))),
                "location": _sure(location),
                "posted_on": _sure(_day(posting.get("datePosted"))),
                "closes_on": _sure(_day(posting.get("validThrough"))),
            }
            description = posting.get("description")
            return fields, plain_text(description) if isinstance(description, str) else ""
    return None


# --- plain text -------------------------------------------------------------------------------

_LABELS = {
    "title": r"job title|position|role|title|vacancy",
    "company": r"company|employer|organi[sz]ation|hiring organi[sz]ation",
    "location": r"location|based in|place of work|work location",
}
_LABELLED = {
    name: re.compile(rf"^\s*(?:{labels})\s*[:\-–—]\s*(?P<value>\S.{{0,{MAX_FIELD}}}?)\s*$", re.I)
    for name, labels in _LABELS.items()
}
_AT = re.compile(r"^(?P<title>[^.!?]{2,100}?)\s+(?:at|@)\s+(?P<company>[^.!?]{2,100}?)\s*$")
_HIRING = re.compile(
    r"^(?P<company>[^.!?]{2,100}?)\s+is\s+(?:hiring|looking\s+for|seeking)\s+"
    r"(?:an?\s+)?(?P<title>[^.!?]{2,100}?)[.!]?\s*$",
    re.I,
)


def _from_text(text: str) -> dict[str, ReadField]:
    found: dict[str, ReadField] = {}
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:40]:
        for name, pattern in _LABELLED.items():
            match = pattern.match(line)
            if match and name not in found:
                found[name] = ReadField(match["value"][:MAX_FIELD], "text", LABELLED)
    head = lines[:HEAD_LINES]
    for line in head[:2]:
        shaped = _AT.match(line) or _HIRING.match(line)
        if shaped:
            found.setdefault("title", ReadField(shaped["title"].strip(), "text", SHAPED))
            found.setdefault("company", ReadField(shaped["company"].strip(), "text", SHAPED))
            break
    if "title" not in found and head:
        first = head[0]
        # A heading, not a sentence: short, and not ending like one.
        if len(first) <= 80 and len(first.split()) <= 10 and not re.search(r"[.:;,!?]$", first):
            found["title"] = ReadField(first, "text", FIRST_LINE)
    return found


def read_fields(
    text: str,
    json_ld: list[str] | None = None,
    page_title: str | None = None,
    reference_date: date | None = None,
) -> PostingFields:
    """Read the posting's fields from its text or HTML, its JSON-LD blocks and page title.

    JSON-LD found in `text` or given in `json_ld` wins; what it leaves out is read from the
    text (and then from `page_title`) with lower confidence; a closing date the text states
    is read as the constraint reader reads it (a year-less date near `reference_date`).
    `text` in the result is the posting's plain text: the paste's, or else the JobPosting's
    description.
    """
    text = text[:MAX_INPUT]
    blocks = list(json_ld or [])[:MAX_BLOCKS]
    if _looks_like_html(text):
        plain, embedded = _parse_html(text)
        blocks = (blocks + embedded)[:MAX_BLOCKS]
    else:
        plain = _tidy(text)
    sure = _from_json_ld(blocks)
    fields: dict[str, ReadField | None] = {}
    if sure:
        fields, description = sure
        plain = plain or description
    for name, value in _from_text(plain).items():
        if fields.get(name) is None:
            fields[name] = value
    if page_title and (fields.get("title") is None or fields.get("company") is None):
        for name, value in _from_text(page_title[:300]).items():
            if fields.get(name) is None and value.confidence > FIRST_LINE:
                fields[name] = value
    if fields.get("closes_on") is None and plain:
        # The closing date the constraint reader finds ("Applications close on 3 March").
        analysis = analyze(plain[:MAX_TEXT], reference_date)
        if analysis.closes_on is not None:
            fields["closes_on"] = ReadField(
                analysis.closes_on, "text", analysis.confidence("closes_on")
            )
    return PostingFields(
        text=plain,
        title=fields.get("title"),
        company=fields.get("company"),
        location=fields.get("location"),
        posted_on=fields.get("posted_on"),
        closes_on=fields.get("closes_on"),
        has_json_ld=sure is not None,
    )
