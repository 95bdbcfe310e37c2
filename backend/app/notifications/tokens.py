"""Unsubscribe links: the user's id signed with HMAC-SHA256 under TOUCHBASE_SECRET_KEY.

A token is `<user id>.<signature>`; it needs no login and never expires (a digest's link works
as long as the digest it came in is read). Anything else is no token: 404, before any query.
"""

import base64
import hashlib
import hmac
import re

from app.config import Settings
from app.inputs import MAX_ID

MAX_TOKEN_LENGTH = 64
_TOKEN = re.compile(r"([1-9][0-9]{0,9})\.([A-Za-z0-9_-]{43})")


def _signature(key: bytes, user_id: int) -> str:
    digest = hmac.new(key, f"unsubscribe:{user_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _key(settings: Settings) -> bytes | None:
    return settings.secret_key.get_secret_value().encode() if settings.secret_key else None


def sign(settings: Settings, user_id: int) -> str:
    """The unsubscribe token of a user (mail on means a secret key is set)."""
    key = _key(settings)
    if key is None:
        raise ValueError("TOUCHBASE_SECRET_KEY is not set")
    return f"{user_id}.{_signature(key, user_id)}"


def verify(settings: Settings, token: str) -> int | None:
    """The user id a token was signed for, or None for anything that is not a valid token."""
    key = _key(settings)
    match = _TOKEN.fullmatch(token)
    if key is None or match is None or int(match[1]) > MAX_ID:
        return None
    user_id = int(match[1])
    return user_id if hmac.compare_digest(match[2], _signature(key, user_id)) else None
