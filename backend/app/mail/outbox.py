"""The outbox: mail is enqueued in the caller's transaction and sent by the worker.

    from app.mail import outbox

    outbox.send_later(
        session,                  # the caller's Session; the caller commits
        to="ada@example.com",
        subject="Reset your Touchbase password",
        text="...",               # the plain-text body (always sent)
        html=None,                # an optional HTML alternative
        headers=None,             # optional extra headers, e.g. {"Reply-To": "..."}
        settings=None,            # the app's Settings (request.app.state.settings); None:
                                  #   the environment's (config.get_settings())
        key=None,                 # optional: a second email with the same key is not queued
    ) -> bool

It adds one `mail.send` job (MAIL_MAX_ATTEMPTS attempts with the queue's backoff) and returns
True (False when `key` was used before: nothing is added); with mail off (no
TOUCHBASE_SMTP_URL) it adds nothing and returns False, and nothing fails. The message is
sent when the transaction commits and a worker takes the job; a rollback sends nothing. Its
Message-ID is fixed at enqueue time, so a retried send carries the same one. A 5xx refusal
fails the job for good; anything else is retried.
"""

from collections.abc import Mapping
from email.message import EmailMessage

from sqlmodel import Session

from app.config import Settings, get_settings
from app.jobs import registry, service
from app.mail import messages, smtp

KIND = "mail.send"
MAIL_MAX_ATTEMPTS = 8  # about two hours of retries with the queue's backoff


def send_later(
    session: Session,
    *,
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    headers: Mapping[str, str] | None = None,
    settings: Settings | None = None,
    key: str | None = None,
) -> bool:
    """Enqueue an email in the caller's transaction; False (and nothing enqueued) when mail
    is off."""
    settings = settings or get_settings()
    if not settings.mail_enabled:
        return False
    payload = {
        "to": to,
        "subject": subject,
        "text": text,
        "html": html,
        "headers": dict(headers or {}),
        "message_id": messages.new_message_id(),
    }
    return service.enqueue(session, KIND, payload, key=key, max_attempts=MAIL_MAX_ATTEMPTS)


def deliver(settings: Settings, message: EmailMessage) -> None:
    """Send a built message now, to the configured server (the worker's one mail path)."""
    if settings.smtp_url is None:
        raise registry.GiveUp("mail is off: TOUCHBASE_SMTP_URL is not set")
    server = smtp.parse_url(settings.smtp_url.get_secret_value())
    try:
        smtp.send(server, message)
    except smtp.PermanentFailure as e:
        raise registry.GiveUp(str(e)) from e


@registry.register(KIND)
def _send(ctx: registry.Context) -> None:
    p = ctx.payload
    message = messages.build(
        sender=ctx.settings.mail_from,
        to=p["to"],
        subject=p["subject"],
        text=p["text"],
        html=p.get("html"),
        headers=p.get("headers"),
        message_id=p.get("message_id"),
    )
    deliver(ctx.settings, message)
