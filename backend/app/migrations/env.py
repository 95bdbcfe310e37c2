"""Alembic runs migrations against the configured database (or a connection handed to it)."""

from typing import Any, Literal

from alembic import context
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString

import app.models  # noqa: F401  (registers every table on the metadata)
from app.config import get_settings
from app.db import UTCDateTime, create_db_engine

config = context.config
target_metadata = SQLModel.metadata


def _render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    """Write our column types as plain SQLAlchemy ones, so migrations never import the app."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and isinstance(obj, AutoString):
        return f"sa.String(length={obj.length})" if obj.length else "sa.String()"
    return False


def _configure(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
        render_item=_render_item,
    )


def run_offline() -> None:
    context.configure(
        url=get_settings().database_url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def _migrate(connection: Connection) -> None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Migrate a connection or engine handed over by the caller (tests), else the settings' URL."""
    given = config.attributes.get("connection")
    if isinstance(given, Connection):
        _migrate(given)
        return
    engine = given if isinstance(given, Engine) else create_db_engine(get_settings())
    with engine.connect() as connection:
        _migrate(connection)
        connection.commit()
    if given is None:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
