"""The base of every request body: unknown fields are refused, and so is text with NUL bytes."""

from typing import Any

from pydantic import field_validator
from sqlmodel import SQLModel


def _no_nul(value: Any) -> Any:
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    if isinstance(value, list):
        for item in value:
            _no_nul(item)
    return value


class InputModel(SQLModel):
    """A request body: a client cannot set fields it does not own (id, owner, version)."""

    model_config = {**SQLModel.model_config, "extra": "forbid"}

    _text_is_clean = field_validator("*", mode="after")(classmethod(lambda cls, v: _no_nul(v)))


def _present(value: Any) -> Any:
    if value is None:
        raise ValueError("may be left out, but not set to null")
    return value


def not_null(*names: str) -> Any:
    """A validator for a partial update: these fields may be left out but not set to null.

    Field validators do not run on defaults, so only an explicit null is refused, and the
    error names the field.
    """
    return field_validator(*names, mode="after")(classmethod(lambda cls, v: _present(v)))
