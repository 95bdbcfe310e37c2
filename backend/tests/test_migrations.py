"""Migrations run up and down on every database, and agree with the models."""

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from pytest_alembic import tests as alembic_tests
from pytest_alembic.config import Config as AlembicTestConfig

from tests.conftest import drop_database, fresh_database


@pytest.fixture(scope="session")
def migrations_url(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database of the same kind as the suite's, left empty for the migrations to build."""
    kind = sa.make_url(database_url).get_backend_name()
    url = fresh_database(kind, tmp_path_factory.mktemp("migrations"), suffix="_migrations")
    yield url
    if kind == "postgresql":
        drop_database(url)


@pytest.fixture
def alembic_config() -> AlembicTestConfig:
    return AlembicTestConfig(config_options={"script_location": "app/migrations"})


@pytest.fixture
def alembic_engine(migrations_url: str) -> Iterator[sa.Engine]:
    engine = sa.create_engine(migrations_url)
    yield engine
    engine.dispose()


def test_single_head_revision(alembic_runner) -> None:  # type: ignore[no-untyped-def]
    alembic_tests.test_single_head_revision(alembic_runner)


def test_upgrade_to_head(alembic_runner) -> None:  # type: ignore[no-untyped-def]
    alembic_tests.test_upgrade(alembic_runner)


def test_models_match_the_migrations(alembic_runner) -> None:  # type: ignore[no-untyped-def]
    alembic_tests.test_model_definitions_match_ddl(alembic_runner)


def test_every_migration_goes_up_and_down(alembic_runner) -> None:  # type: ignore[no-untyped-def]
    alembic_tests.test_up_down_consistency(alembic_runner)


def _old_accounts(conn: sa.Connection, now: str) -> None:
    """Two accounts as a migration finds them: old@ and kept@example.com."""
    for email in ("old@example.com", "kept@example.com"):
        conn.execute(
            sa.text(
                "INSERT INTO users (name, email, password_hash, timezone, created_at,"
                " updated_at) VALUES ('Old', :email, 'x', 'UTC', :now, :now)"
            ),
            {"email": email, "now": now},
        )


def test_accounts_without_a_default_policy_get_one(alembic_runner, alembic_engine) -> None:  # type: ignore[no-untyped-def]
    alembic_runner.migrate_down_to("base")  # the database is shared with the other tests
    alembic_runner.migrate_up_to("1e595ea73281")
    now = "2026-11-30 12:00:00"
    with alembic_engine.begin() as conn:
        _old_accounts(conn, now)
        conn.execute(
            sa.text(
                "INSERT INTO policies (owner_id, name, wait_days, window_days, max_follow_ups,"
                " response_grace_days, business_days, avoid_weekends, channels, is_default,"
                " created_at, updated_at) SELECT id, 'Mine', 3, 5, 2, 1, false, false, 'email',"
                " true, :now, :now FROM users WHERE email = 'kept@example.com'"
            ),
            {"now": now},
        )
    alembic_runner.migrate_up_one()
    with alembic_engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT u.email, p.name, p.wait_days, p.window_days, p.channels FROM policies p"
                " JOIN users u ON u.id = p.owner_id WHERE p.is_default ORDER BY u.email"
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        ("kept@example.com", "Mine", 3, 5, "email"),
        ("old@example.com", "Default", 7, 14, "email phone"),
    ]
    alembic_runner.migrate_down_to("base")


def test_accounts_without_a_calendar_feed_get_one(alembic_runner, alembic_engine) -> None:  # type: ignore[no-untyped-def]
    alembic_runner.migrate_down_to("base")  # the database is shared with the other tests
    alembic_runner.migrate_up_to("a3091b5b48d1")
    now = "2026-11-30 12:00:00"
    with alembic_engine.begin() as conn:
        _old_accounts(conn, now)
        conn.execute(
            sa.text(
                "INSERT INTO calendar_feeds (user_id, secret, created_at)"
                " SELECT id, 'kept-secret', :now FROM users WHERE email = 'kept@example.com'"
            ),
            {"now": now},
        )
    alembic_runner.migrate_up_one()
    with alembic_engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT u.email, f.secret FROM calendar_feeds f"
                " JOIN users u ON u.id = f.user_id ORDER BY u.email"
            )
        ).all()
    assert [r.email for r in rows] == ["kept@example.com", "old@example.com"]
    assert rows[0].secret == "kept-secret"
    assert len(rows[1].secret) == 32  # token_urlsafe(24): 192 random bits
    alembic_runner.migrate_down_to("base")


def test_applications_gain_an_empty_closing_date_and_window(alembic_runner, alembic_engine) -> None:  # type: ignore[no-untyped-def]
    alembic_runner.migrate_down_to("base")  # the database is shared with the other tests
    alembic_runner.migrate_up_to("5c0d7e2f9a41")
    now = "2026-11-30 12:00:00"
    with alembic_engine.begin() as conn:
        _old_accounts(conn, now)
        conn.execute(
            sa.text(
                "INSERT INTO applications (owner_id, company, position, status, archived,"
                " no_phone_calls, no_contact, only_shortlisted, constraints_set, created_at,"
                " updated_at, version) SELECT id, 'Acme', 'Dev', 'applied', false, true, false,"
                " false, 'no_phone_calls', :now, :now, 1 FROM users WHERE email = 'old@example.com'"
            ),
            {"now": now},
        )
    alembic_runner.migrate_up_one()
    with alembic_engine.connect() as conn:
        row = conn.execute(
            sa.text(
                "SELECT company, no_phone_calls, constraints_set, closes_on, response_window_days,"
                " response_window_business, window_counts_from FROM applications"
            )
        ).one()
    assert tuple(row) == ("Acme", True, "no_phone_calls", None, None, False, None)
    alembic_runner.migrate_down_one()
    with alembic_engine.connect() as conn:
        columns = {c["name"] for c in sa.inspect(conn).get_columns("applications")}
        assert "closes_on" not in columns and "window_counts_from" not in columns
        assert conn.execute(sa.text("SELECT company FROM applications")).scalar_one() == "Acme"
    alembic_runner.migrate_down_to("base")
