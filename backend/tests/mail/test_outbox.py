"""Mail goes out through the queue to a real SMTP server (aiosmtpd), on both databases."""

import pytest
from pydantic import SecretStr
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.config import Settings
from app.jobs.models import Job
from app.jobs.worker import Worker
from app.mail import outbox, smtp
from tests.smtp import Inbox


def test_an_enqueued_email_reaches_the_smtp_server_when_the_worker_runs(
    db: Session, engine: Engine, mail_settings: Settings, inbox: Inbox
) -> None:
    assert outbox.send_later(
        db,
        to="ada@example.com",
        subject="Reset your password",
        text="Follow the link.",
        html="<p>Follow the <a href='https://x.test/r'>link</a>.</p>",
        headers={"Reply-To": "help@example.com"},
        settings=mail_settings,
    )
    assert inbox.messages == []  # not before the commit and a worker
    db.commit()
    assert Worker(engine, mail_settings).drain() == 1
    [message] = inbox.wait_for(1)
    assert inbox.recipients == [["ada@example.com"]]
    assert message["To"] == "ada@example.com"
    assert message["From"] == "Touchbase <touchbase@example.com>"
    assert message["Subject"] == "Reset your password"
    assert message["Reply-To"] == "help@example.com"
    assert message.get_body(("plain",)).get_content().strip() == "Follow the link."  # type: ignore[union-attr]
    assert "<a href='https://x.test/r'>" in message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    [job] = db.exec(select(Job)).all()
    assert job.status == "done" and job.payload["message_id"] == message["Message-ID"]


def test_a_rolled_back_email_is_never_sent(
    db: Session, engine: Engine, mail_settings: Settings, inbox: Inbox
) -> None:
    outbox.send_later(db, to="a@example.com", subject="s", text="t", settings=mail_settings)
    db.rollback()
    assert Worker(engine, mail_settings).drain() == 0
    assert inbox.messages == []


def test_with_mail_off_nothing_is_enqueued_and_nothing_fails(
    db: Session, settings: Settings
) -> None:
    assert not settings.mail_enabled
    assert not outbox.send_later(db, to="a@example.com", subject="s", text="t", settings=settings)
    db.commit()
    assert db.exec(select(Job)).all() == []


def test_a_refused_message_fails_for_good_and_a_down_server_is_retried(
    db: Session, engine: Engine, mail_settings: Settings, inbox: Inbox
) -> None:
    inbox.refuse_with = "550 5.1.1 no such user"
    outbox.send_later(db, to="nobody@example.com", subject="s", text="t", settings=mail_settings)
    db.commit()
    Worker(engine, mail_settings).drain()
    [refused] = db.exec(select(Job)).all()
    assert refused.status == "failed" and "550" in (refused.last_error or "")
    db.rollback()

    down = mail_settings.model_copy(update={"smtp_url": SecretStr("smtp://127.0.0.1:9")})
    outbox.send_later(db, to="a@example.com", subject="s", text="t", settings=down)
    db.commit()
    Worker(engine, down).drain()
    db.rollback()
    retried = db.exec(select(Job).where(Job.id != refused.id)).one()
    assert retried.status == "pending" and retried.attempts == 1 and retried.last_error


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://mail.test", ("mail.test", 25, None, None, False, False)),
        (
            "smtp://u%40x:p%3Aw@mail.test:587?starttls=true",
            ("mail.test", 587, "u@x", "p:w", False, True),
        ),
        ("smtps://u:p@mail.test", ("mail.test", 465, "u", "p", True, False)),
    ],
)
def test_smtp_urls_name_host_port_login_and_tls(url: str, expected: tuple[object, ...]) -> None:
    s = smtp.parse_url(url)
    assert (s.host, s.port, s.username, s.password, s.implicit_tls, s.starttls) == expected


def test_an_smtp_url_of_another_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="smtp://"):
        smtp.parse_url("http://mail.test")


def test_mail_without_a_secret_key_is_refused_at_startup() -> None:
    with pytest.raises(ValueError, match="TOUCHBASE_SECRET_KEY"):
        Settings(smtp_url="smtp://mail.test")  # type: ignore[arg-type]
