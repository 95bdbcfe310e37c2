"""The worker as it runs: `python -m app.cli worker` and `queue`, and inside the server."""

import json
import subprocess
import sys

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.config import BACKEND_DIR, Settings
from app.mail import outbox
from app.main import create_app
from tests.smtp import Inbox, SmtpServer


def cli(database_url: str, smtp_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "TOUCHBASE_DATABASE_URL": database_url,
        "TOUCHBASE_SMTP_URL": smtp_url,
        "TOUCHBASE_SECRET_KEY": "a-secret-of-sixteen-or-more",
        "PATH": "",
    }
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        cwd=BACKEND_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_worker_command_sends_what_is_queued_and_queue_shows_it_done(
    db: Session,
    database_url: str,
    mail_settings: Settings,
    smtp_server: SmtpServer,
    inbox: Inbox,
) -> None:
    outbox.send_later(db, to="ops@example.com", subject="hi", text="t", settings=mail_settings)
    db.commit()
    ran = cli(database_url, smtp_server.url, "worker", "--once")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "ran 1 jobs"
    assert [m["To"] for m in inbox.wait_for(1)] == ["ops@example.com"]
    queue = cli(database_url, smtp_server.url, "queue")  # each start imports the app: slow
    assert queue.returncode == 0, queue.stderr
    after = json.loads(queue.stdout)
    assert (after["pending"], after["done"], after["oldest_ready_age_seconds"]) == (0, 1, None)


def test_the_server_runs_a_worker_in_process_when_asked(
    db: Session, mail_settings: Settings, inbox: Inbox
) -> None:
    settings = mail_settings.model_copy(update={"run_worker": True, "frontend_dir": None})
    app = create_app(settings)
    try:
        with TestClient(app):
            outbox.send_later(
                db, to="embedded@example.com", subject="s", text="t", settings=settings
            )
            db.commit()
            assert [m["To"] for m in inbox.wait_for(1)] == ["embedded@example.com"]
    finally:
        app.state.engine.dispose()


def test_the_worker_runs_in_process_by_default_with_sqlite_only() -> None:
    assert Settings(database_url="sqlite:///x.db").worker_in_process
    assert not Settings(database_url="postgresql+psycopg://db/x").worker_in_process
    assert not Settings(database_url="sqlite:///x.db", run_worker=False).worker_in_process
