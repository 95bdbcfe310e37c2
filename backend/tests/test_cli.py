"""The admin CLI creates users and tokens that then work against the API, and refreshes plans.

The commands run in process (`app.cli.main`, the function `python -m app.cli` calls), with the
settings from the environment as an operator's shell gives them; one test runs the real
`python -m app.cli` to prove the entry point.
"""

import contextlib
import io
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlmodel import Session

from app import cli as admin
from app.config import BACKEND_DIR, get_settings
from app.followups.stored import VERSION
from tests.factories import Person, make_application

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run one admin command in process; the result reads like a finished subprocess."""

    def run(
        database_url: str, *args: str, password: str = "s3cret-enough"
    ) -> subprocess.CompletedProcess[str]:
        monkeypatch.setenv("TOUCHBASE_DATABASE_URL", database_url)
        monkeypatch.setenv("TOUCHBASE_PASSWORD", password)
        get_settings.cache_clear()
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = admin.main(list(args))
            except SystemExit as e:  # argparse's refusals, or a message as Python prints it
                code = e.code if isinstance(e.code, int) else 1
                if isinstance(e.code, str):
                    print(e.code, file=sys.stderr)
        get_settings.cache_clear()
        return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())

    return run


def test_python_dash_m_app_cli_runs_a_command(database_url: str, client: TestClient) -> None:
    env = {"TOUCHBASE_DATABASE_URL": database_url, "TOUCHBASE_PASSWORD": "s3cret-enough"}
    made = subprocess.run(
        [sys.executable, "-m", "app.cli", "create-user", "--email", "a@example.com", "--name", "A"],
        cwd=BACKEND_DIR,
        env={**env, "PATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    assert "a@example.com" in made.stdout


def test_create_user_then_token_then_call_the_api(
    cli: Cli, database_url: str, client: TestClient
) -> None:
    made = cli(database_url, "create-user", "--email", "Ops@Example.com", "--name", "Ops")
    assert made.returncode == 0, made.stderr
    assert "ops@example.com" in made.stdout
    token = cli(
        database_url,
        "create-token",
        "--email",
        "ops@example.com",
        "--name",
        "laptop",
        "--scopes",
        "read",
    )
    assert token.returncode == 0, token.stderr
    secret = token.stdout.strip()
    assert secret.startswith("tb_")
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200 and me.json()["email"] == "ops@example.com"
    write = client.patch(
        "/api/v1/me", json={"name": "X"}, headers={"Authorization": f"Bearer {secret}"}
    )
    assert write.status_code == 403  # a read-only token
    policies = client.get("/api/v1/policies", headers={"Authorization": f"Bearer {secret}"})
    assert [(p["name"], p["is_default"]) for p in policies.json()] == [("Default", True)]


def test_cli_refuses_a_short_password_and_a_duplicate(
    cli: Cli, database_url: str, client: TestClient
) -> None:
    short = cli(
        database_url, "create-user", "--email", "a@example.com", "--name", "A", password="short"
    )
    assert short.returncode == 2 and "password" in short.stderr
    common = cli(
        database_url, "create-user", "--email", "a@example.com", "--name", "A", password="password"
    )
    assert common.returncode == 2 and "most common passwords" in common.stderr
    assert (
        cli(database_url, "create-user", "--email", "a@example.com", "--name", "A").returncode == 0
    )
    again = cli(database_url, "create-user", "--email", "a@example.com", "--name", "A")
    assert again.returncode == 1 and "already exists" in again.stderr


def test_token_for_an_unknown_user_fails(cli: Cli, database_url: str, client: TestClient) -> None:
    result = cli(database_url, "create-token", "--email", "ghost@example.com", "--name", "x")
    assert result.returncode != 0 and "no user" in result.stderr


def test_refresh_plans_stores_every_plan_again(
    cli: Cli, database_url: str, client: TestClient, db: Session, alice: Person
) -> None:
    for applied_on in ("2026-03-02", "2026-03-09"):
        make_application(db, alice.user, applied_on=applied_on)
    before = db.execute(sa.text("SELECT plan FROM stored_plans ORDER BY application_id")).all()
    db.execute(sa.text("UPDATE stored_plans SET version = 'older code', plan = '{}'"))
    db.commit()
    done = cli(database_url, "refresh-plans")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "refreshed the plans of 2 applications"
    rows = db.execute(sa.text("SELECT version, plan FROM stored_plans ORDER BY application_id"))
    assert [(VERSION, plan) for (plan,) in before] == [tuple(row) for row in rows]


def test_purge_deleted_removes_only_what_was_deleted_30_days_ago(
    cli: Cli, database_url: str, client: TestClient, db: Session, alice: Person
) -> None:
    old, recent, kept = (make_application(db, alice.user).id for _ in range(3))
    db.execute(
        sa.text("UPDATE applications SET deleted_at = :at WHERE id = :id"),
        [
            {"id": old, "at": datetime.now(UTC) - timedelta(days=31)},
            {"id": recent, "at": datetime.now(UTC) - timedelta(days=29)},
        ],
    )
    db.commit()
    done = cli(database_url, "purge-deleted")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "purged 1 application deleted over 30 days ago"
    left = db.execute(sa.text("SELECT id FROM applications ORDER BY id")).scalars().all()
    assert left == [recent, kept]
