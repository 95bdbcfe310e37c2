"""Keyset-pagination cursors: opaque, URL-safe tokens holding the last row's sort key and id.

A cursor is base64url (unpadded) of a compact JSON list; each listing decides what the list
holds and checks it when it comes back (and answers invalid_cursor() when it is not its own).
"""

import base64
import binascii
import json
from datetime import date, datetime
from typing import Any

from app.errors import Unprocessable


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
    plain = [p.isoformat() if isinstance(p, date | datetime) else p for p in parts]
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
