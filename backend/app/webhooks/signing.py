"""Standard Webhooks signatures (standardwebhooks): secrets, message ids and the three headers.

A receiver verifies with any Standard Webhooks library, or by hand: HMAC-SHA256, keyed with
the base64-decoded secret after `whsec_`, of `{webhook-id}.{webhook-timestamp}.{body}`,
base64-encoded after `v1,` in webhook-signature.
"""

import base64
import json
import secrets
import uuid
from datetime import datetime
from typing import Any

from standardwebhooks import Webhook

SECRET_BYTES = 32


def new_secret() -> str:
    """A fresh signing secret, as Standard Webhooks writes them: whsec_ and base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def new_event_id() -> str:
    """A message id (webhook-id): unique per event, the same on every attempt."""
    return f"msg_{uuid.uuid4().hex}"


def body_of(payload: dict[str, Any]) -> bytes:
    """The exact bytes sent (and signed): compact JSON."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


def headers(secret: str, event_id: str, at: datetime, body: bytes) -> dict[str, str]:
    """The webhook-id, webhook-timestamp and webhook-signature headers of one attempt."""
    signature = Webhook(secret).sign(event_id, at, body.decode())
    return {
        "webhook-id": event_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signature,
    }
