"""Sending over SMTP with the standard library's smtplib, to the server TOUCHBASE_SMTP_URL names.

smtp://host:25                         plain (a local relay)
smtp://user:pass@host:587?starttls=true   STARTTLS, then log in
smtps://user:pass@host:465             TLS from the start
"""

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from functools import cache
from urllib.parse import parse_qs, unquote, urlsplit

SMTP_TIMEOUT_SECONDS = 20  # connecting and each command; a slower server fails the attempt


@dataclass(frozen=True)
class SmtpServer:
    """Where and how to connect."""

    host: str
    port: int
    username: str | None
    password: str | None
    implicit_tls: bool
    starttls: bool


def parse_url(url: str) -> SmtpServer:
    """The server an smtp:// or smtps:// URL names (ValueError for anything else)."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError("an SMTP URL is smtp://[user:pass@]host[:port] or smtps://...")
    query = {k.lower(): v[-1].lower() for k, v in parse_qs(parts.query).items()}
    implicit = parts.scheme == "smtps"
    return SmtpServer(
        host=parts.hostname,
        port=parts.port or (465 if implicit else 25),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        implicit_tls=implicit,
        starttls=not implicit and query.get("starttls") in ("true", "1", "yes"),
    )


class PermanentFailure(Exception):
    """The server refused the message for good (a 5xx answer): sending again cannot help."""


@cache
def _tls_context() -> ssl.SSLContext:
    # Loading the CA store costs tens of milliseconds: once per process, and only for TLS.
    return ssl.create_default_context()


def send(server: SmtpServer, message: EmailMessage) -> None:
    """Hand the message to the server; PermanentFailure on a 5xx refusal, OSError or
    smtplib.SMTPException on anything that may pass (retried)."""
    client: smtplib.SMTP
    if server.implicit_tls:
        client = smtplib.SMTP_SSL(
            server.host, server.port, timeout=SMTP_TIMEOUT_SECONDS, context=_tls_context()
        )
    else:
        client = smtplib.SMTP(server.host, server.port, timeout=SMTP_TIMEOUT_SECONDS)
    with client:
        if server.starttls:
            client.starttls(context=_tls_context())
        if server.username:
            client.login(server.username, server.password or "")
        try:
            refused = client.send_message(message)
        except smtplib.SMTPRecipientsRefused as e:
            raise PermanentFailure(f"every recipient was refused: {e.recipients}") from e
        except smtplib.SMTPResponseException as e:
            if 500 <= e.smtp_code < 600:
                raise PermanentFailure(f"{e.smtp_code} {e.smtp_error!r}") from e
            raise
    if refused:
        raise PermanentFailure(f"refused: {refused}")
