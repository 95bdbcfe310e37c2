"""Keyset-pagination cursors: opaque, URL-safe tokens holding the last row's sort key and id.

A cursor is base64url (unpadded) of a compact JSON list; each listing decides what the list
holds and checks it when it comes back (and answers invalid_cursor() when it is not its own).
"""

import base64
import binascii
import json
import re
from datetime import date
from typing import Any

import orjson

from app.errors import Unprocessable

_PRINTABLE = re.compile(rb"[ -~]*")


def invalid_cursor() -> Unprocessable:
    """The 422 for a cursor that is not one of this listing's."""
    problem = {
        "loc": ["query", "cursor"],
        "field": "cursor",
        "message": "invalid cursor",
        "type": "value_error",
    }
    return Unprocessable(
        "The cursor is not valid for this listing; start again without it.",
        slug="invalid-cursor",
        extra={"errors": [problem]},
    )


def encode_cursor(parts: list[Any]) -> str:
    """A cursor holding `parts` (dates and datetimes as ISO 8601 text)."""
    plain = [p.isoformat() if isinstance(p, date) else p for p in parts]  # datetimes too
    # orjson writes what json.dumps does for printable ASCII text, whole numbers and null, ten
    # times faster (every list page makes a cursor); other text and floats go by json.dumps
    # (and numbers past 64 bits, which orjson refuses).
    try:
        raw: bytes | None = orjson.dumps(plain)
    except TypeError:  # an integer past 64 bits
        raw = None
    if raw is None or not _PRINTABLE.fullmatch(raw) or float in map(type, plain):
        raw = json.dumps(plain, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, length: int) -> list[Any]:
    """The `length` parts of a cursor; invalid_cursor() when it holds anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        parts = json.loads(raw)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise invalid_cursor() from None
    if not isinstance(parts, list) or len(parts) != length:
        raise invalid_cursor()
    return parts
