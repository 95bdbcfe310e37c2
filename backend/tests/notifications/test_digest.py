"""The morning digest: its day, its lines, and exactly one per user and local day, whatever
the workers do; read from a real SMTP server (aiosmtpd), on both databases."""

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.auth.service import today_for
from app.config import Settings
from app.db import writer
from app.jobs import service as jobs
from app.jobs.models import Job
from app.notifications import digest
from app.notifications import service as notifications
from app.notifications.models import DigestDelivery
from tests.factories import Person, execute, make_application, make_user
from tests.notifications.conftest import ago, due_now, wants_digest_now, worker
from tests.smtp import Inbox


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("now_utc", "zone", "hour", "weekdays_only", "day"),
    [
        ("2026-12-02 06:59", "UTC", 7, True, None),  # a Wednesday, before the hour
        ("2026-12-02 07:00", "UTC", 7, True, "2026-12-02"),
        ("2026-12-02 23:30", "UTC", 8, True, "2026-12-02"),  # late, the same day
        ("2026-12-05 09:00", "UTC", 8, True, None),  # Saturday
        ("2026-12-05 09:00", "UTC", 8, False, "2026-12-05"),
        ("2026-12-02 07:30", "Europe/Berlin", 8, True, "2026-12-02"),  # 08:30 in Berlin
        ("2026-12-02 06:30", "Europe/Berlin", 8, True, None),
        ("2026-12-02 19:00", "Pacific/Kiritimati", 8, True, "2026-12-03"),  # UTC+14: 09:00
        ("2026-12-02 11:00", "Pacific/Pago_Pago", 8, True, None),  # UTC-11: 00:00
        # Spring forward in Berlin (29 March 2026): 02:00 never happens; at 03:00 it is due.
        ("2026-03-29 01:00", "Europe/Berlin", 2, False, "2026-03-29"),
        # Fall back (25 October 2026): 02:30 happens twice; the day is one day either way.
        ("2026-10-25 00:30", "Europe/Berlin", 2, False, "2026-10-25"),
        ("2026-10-25 01:30", "Europe/Berlin", 2, False, "2026-10-25"),
    ],
)
def test_the_digest_day_is_the_users_local_day_once_their_hour_has_come(
    now_utc: str, zone: str, hour: int, weekdays_only: bool, day: str | None
) -> None:
    found = digest.digest_day(_at(now_utc), zone, hour, weekdays_only)
    assert found == (date.fromisoformat(day) if day else None)


def _deliveries(db: Session) -> list[DigestDelivery]:
    db.rollback()
    return list(db.exec(select(DigestDelivery)))


def test_a_digest_lists_each_item_in_one_line_with_links_and_unsubscribe_headers(
    db: Session, engine: Engine, mail_settings: Settings, inbox: Inbox, alice: Person
) -> None:
    user = alice.user
    wants_digest_now(db, user)
    due = due_now(db, user, company="Initech")
    make_application(db, user, company="Globex", position="Analyst", applied_on=ago(user, 22))
    make_application(db, user, company="Old Co", position="Clerk", applied_on=ago(user, 60))
    make_application(db, user, company="Later", position="Dev", applied_on=ago(user, 1))
    assert worker(engine, mail_settings).drain() == 1
    [message] = inbox.wait_for(1)
    assert message["To"] == "alice@example.com"
    assert message["Subject"].startswith("Touchbase ") and "1 due" in message["Subject"]
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    lines = [ln for ln in text.splitlines() if ln.startswith("- ")]
    assert len(lines) == 2, text  # due now, and the window that closed yesterday
    assert lines[0].startswith("- Initech, Engineer: ")
    assert lines[0].endswith(f"/#/applications/{due.id}")
    assert "until " in lines[0]
    assert lines[1].startswith("- Globex, Analyst: ")
    assert "Old Co" not in text and "Later" not in text  # old news, and not due yet
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert f'/#/applications/{due.id}">Initech, Engineer</a>' in html
    unsubscribe = message["List-Unsubscribe"].strip("<>")
    assert "/api/v1/unsubscribe/" in unsubscribe and unsubscribe in text
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [row] = _deliveries(db)
    assert (row.local_date, row.status, row.items) == (today_for(user), "sent", 2)


def test_nothing_is_sent_on_a_day_with_nothing_to_do(
    db: Session, engine: Engine, mail_settings: Settings, inbox: Inbox, alice: Person
) -> None:
    wants_digest_now(db, alice.user)
    make_application(db, alice.user, applied_on=ago(alice.user, 1))  # due next week
    worker(engine, mail_settings).drain()
    assert inbox.messages == []
    assert [r.status for r in _deliveries(db)] == ["empty"]


def test_no_digest_before_the_hour_or_for_users_who_turned_it_off(
    db: Session, engine: Engine, mail_settings: Settings, inbox: Inbox, alice: Person
) -> None:
    due_now(db, alice.user)  # alice: the defaults, 08:00 on weekdays
    off = make_user(db, "off@example.com")
    wants_digest_now(db, off)
    notifications.update(db, off, {"digest_enabled": False})
    due_now(db, off)
    saturday_before_eight = _at("2026-12-05 07:00")
    tuesday_before_eight = _at("2026-12-01 07:59")
    for now in (saturday_before_eight, tuesday_before_eight):
        assert digest.scan(engine, writer(engine), mail_settings, now) == 0
    assert digest.scan(engine, writer(engine), mail_settings, _at("2026-12-01 08:00")) == 1


def test_two_workers_at_once_send_exactly_one_digest_per_user(
    db: Session, engine: Engine, mail_settings: Settings, inbox: Inbox
) -> None:
    users = [make_user(db, f"u{n}@example.com", timezone="Europe/Berlin") for n in range(6)]
    for user in users:
        wants_digest_now(db, user)
        due_now(db, user)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            for _ in range(3):  # and each scans again, as a worker does every minute
                worker(engine, mail_settings).drain()
        except BaseException as e:  # a failure in a thread must fail the test
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    inbox.wait_for(6)
    assert sorted(r[0] for r in inbox.recipients) == sorted(u.email for u in users)
    assert [r.status for r in _deliveries(db)] == ["sent"] * 6


def test_a_worker_that_died_after_the_claim_is_retried_and_a_sent_digest_never_again(
    db: Session, engine: Engine, mail_settings: Settings, inbox: Inbox, alice: Person
) -> None:
    wants_digest_now(db, alice.user)
    due_now(db, alice.user)
    assert digest.scan(engine, writer(engine), mail_settings) == 1
    [job] = jobs.claim(engine, "died", [digest.KIND], lease_seconds=-1)  # claimed, never sent
    assert inbox.messages == []
    assert worker(engine, mail_settings).drain() == 1  # the lease ran out: taken again
    inbox.wait_for(1)
    # A send job for a day already sent (a duplicate, a restart, a second scan) sends nothing.
    jobs.enqueue(db, digest.KIND, job.payload)
    db.commit()
    assert worker(engine, mail_settings).drain() == 1
    assert len(inbox.messages) == 1


def test_a_refused_attempt_is_retried_and_sends_once(
    db: Session, engine: Engine, mail_settings: Settings, inbox: Inbox, alice: Person
) -> None:
    wants_digest_now(db, alice.user)
    due_now(db, alice.user)
    inbox.refuse_with = "451 4.3.0 try again later"
    worker(engine, mail_settings).drain()
    [job] = db.exec(select(Job)).all()
    assert job.status == "pending" and "451" in (job.last_error or "")
    assert [r.status for r in _deliveries(db)] == ["claimed"]
    inbox.refuse_with = None
    execute(engine, sa.update(Job).values(run_at=datetime.now(UTC)))  # the backoff is over
    worker(engine, mail_settings).drain()
    assert len(inbox.wait_for(1)) == 1
    assert [r.status for r in _deliveries(db)] == ["sent"]


def test_a_day_that_ended_before_its_digest_could_go_sends_nothing(
    db: Session, engine: Engine, mail_settings: Settings, inbox: Inbox, alice: Person
) -> None:
    wants_digest_now(db, alice.user)
    due_now(db, alice.user)
    yesterday = today_for(alice.user) - timedelta(days=1)
    with Session(writer(engine)) as s:
        assert digest._claim(s, alice.user.id, yesterday)  # type: ignore[arg-type]
        jobs.enqueue(s, digest.KIND, {"user_id": alice.user.id, "on": yesterday.isoformat()})
        s.commit()
    worker(engine, mail_settings).drain()
    assert len(inbox.wait_for(1)) == 1  # today's; yesterday's is over
    statuses = {r.local_date: r.status for r in _deliveries(db)}
    assert statuses == {yesterday: "expired", today_for(alice.user): "sent"}


def test_with_mail_off_the_scan_claims_nothing(
    db: Session, engine: Engine, settings: Settings, alice: Person
) -> None:
    wants_digest_now(db, alice.user)
    due_now(db, alice.user)
    assert digest.scan(engine, writer(engine), settings) == 0
    assert _deliveries(db) == []


def _scan(engine: Engine, settings: Settings, at: str) -> int:
    return digest.scan(engine, writer(engine), settings, _at(at))


def test_a_worker_down_past_the_hour_claims_the_day_late_once_then_the_next_day(
    db: Session, engine: Engine, mail_settings: Settings
) -> None:
    make_user(db, "berlin@example.com", timezone="Europe/Berlin")  # the defaults: 08:00
    assert _scan(engine, mail_settings, "2026-12-02 06:00") == 0  # 07:00 in Berlin
    # The worker was down from before 08:00 until 22:00: the day is claimed late, once.
    assert _scan(engine, mail_settings, "2026-12-02 21:00") == 1
    assert _scan(engine, mail_settings, "2026-12-02 22:30") == 0
    assert _scan(engine, mail_settings, "2026-12-03 07:30") == 1  # Thursday 08:30
    days = sorted(r.local_date.isoformat() for r in _deliveries(db))
    assert days == ["2026-12-02", "2026-12-03"]


@pytest.mark.parametrize(
    ("scans", "claims"),
    [
        # Spring forward (29 March 2026): 01:59 CET, then 03:00 CEST; 02:00 never happens.
        (["2026-03-29 00:59", "2026-03-29 01:00", "2026-03-29 01:30"], [0, 1, 0]),
        # Fall back (25 October 2026): 02:00 CEST, then 02:00 CET again, then 03:00 CET.
        (["2026-10-25 00:00", "2026-10-25 01:00", "2026-10-25 02:00"], [1, 0, 0]),
    ],
)
def test_a_daylight_saving_change_claims_the_day_once(
    db: Session, engine: Engine, mail_settings: Settings, scans: list[str], claims: list[int]
) -> None:
    user = make_user(db, "dst@example.com", timezone="Europe/Berlin")
    notifications.update(db, user, {"digest_hour": 2, "weekdays_only": False})
    assert [_scan(engine, mail_settings, at) for at in scans] == claims
    assert len(_deliveries(db)) == 1
