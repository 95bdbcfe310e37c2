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
