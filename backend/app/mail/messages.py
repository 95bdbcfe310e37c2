"""Building a message: plain text, an optional HTML alternative, extra headers."""

from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

MAX_SUBJECT_LENGTH = 200  # a longer subject is cut (and the cut marked)


def new_message_id(domain: str = "touchbase.local") -> str:
    """A fresh Message-ID; stored with the job, so a retried send carries the same one."""
    return make_msgid(domain=domain)


def build(
    *,
    sender: str,
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    headers: Mapping[str, str] | None = None,
    message_id: str | None = None,
) -> EmailMessage:
    """An email: text/plain, or multipart/alternative with the HTML when there is some."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    if len(subject) > MAX_SUBJECT_LENGTH:
        subject = subject[: MAX_SUBJECT_LENGTH - 1] + "…"
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = message_id or new_message_id()
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message
