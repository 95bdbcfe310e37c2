"""The base of every request body (unknown fields are refused, and so is text with NUL bytes),
and the strict types every input uses: a date is a date, a number a number."""

import re
from datetime import date, datetime
from typing import Annotated, Any, ClassVar, get_args

import email_validator
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from sqlmodel import SQLModel


def _no_nul(value: Any) -> Any:
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    if isinstance(value, list):
        for item in value:
            _no_nul(item)
    return value


# The spec's `format: email` takes any domain; email-validator also refuses special-use ones
# (.test, .local, .invalid), which its README lets an app allow. Touchbase sends no mail.
email_validator.SPECIAL_USE_DOMAIN_NAMES.clear()

NO_NUL_PATTERN = r"^[^\x00]*$"


# Python's whitespace (str.isspace), as a regex class both JSON Schema and Python read.
_SPACE = "".join(f"\\u{ord(c):04x}" for c in map(chr, range(0x10000)) if c.isspace())
NOT_BLANK_PATTERN = f"^[^\\x00]*[^\\x00{_SPACE}][^\\x00]*$"


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value.strip()


NotBlank = Annotated[str, AfterValidator(_not_blank)]
"""Text with something besides whitespace in it, stripped (the schema: NOT_BLANK_PATTERN)."""


def _takes_int(annotation: Any) -> bool:
    if annotation is int:
        return True
    return any(_takes_int(arg) for arg in get_args(annotation))


def _integral_float(cls: Any, value: Any, info: ValidationInfo) -> Any:
    # JSON Schema's integer includes 3.0; strict mode alone would refuse it.
    name = info.field_name
    if isinstance(value, float) and value.is_integer() and name is not None:
        return int(value) if _takes_int(cls.model_fields[name].annotation) else value
    return value


def _refuse_null(cls: Any, value: Any) -> Any:
    if value is None:
        raise ValueError("may be left out, but not set to null")
    return value


def _no_nul_schema(schema: dict[str, Any]) -> None:
    """State the NUL refusal on every free-text string of a schema (nested ones too)."""
    if schema.get("type") == "string" and not {"pattern", "format", "enum", "const"} & set(schema):
        schema["pattern"] = NO_NUL_PATTERN
    for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
        for sub in schema.get(key, []):
            _no_nul_schema(sub)
    if isinstance(schema.get("items"), dict):
        _no_nul_schema(schema["items"])


def _input_schema(schema: dict[str, Any], model: type) -> None:
    """The schema states what the validators refuse: NUL bytes, null where not_null, and the
    model's schema_rules."""
    not_nullable = {
        name
        for decorator in model.__pydantic_decorators__.field_validators.values()  # type: ignore[attr-defined]
        if getattr(decorator.func, "__func__", decorator.func) is _refuse_null
        for name in decorator.info.fields
    }
    schema.update(getattr(model, "schema_rules", {}))
    for name, prop in schema.get("properties", {}).items():
        _no_nul_schema(prop)
        variants = prop.get("anyOf")
        if name in not_nullable and variants:
            kept = [v for v in variants if v.get("type") != "null"]
            prop.pop("anyOf")
            prop.pop("default", None)
            if len(kept) == 1:
                prop.update({k: v for k, v in kept[0].items() if k not in prop})
            else:
                prop["anyOf"] = kept


class InputModel(SQLModel):
    """A request body: a client cannot set fields it does not own (id, owner, version)."""

    # strict: no silent coercion (0 is not false, 1.5 not 1, "7" not 7)
    model_config = {
        **SQLModel.model_config,
        "extra": "forbid",
        "strict": True,
        "json_schema_extra": _input_schema,
    }
    # Cross-field rules, stated in the schema (JSON Schema if/then) beside the validators.
    schema_rules: ClassVar[dict[str, Any]] = {}

    _text_is_clean = field_validator("*", mode="after")(classmethod(lambda cls, v: _no_nul(v)))
    _integral = field_validator("*", mode="before")(classmethod(_integral_float))


def not_null(*names: str) -> Any:
    """A validator for a partial update: these fields may be left out but not set to null.

    Field validators do not run on defaults, so only an explicit null is refused, and the
    error names the field.
    """
    return field_validator(*names, mode="after")(classmethod(_refuse_null))


# --- strict scalars: what the spec says, with no silent coercion ------------------------------

FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)
# The years FIRST_DAY to LAST_DAY, as the schema states them to clients.
DAY_PATTERN = r"^(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$"
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_day(value: Any) -> Any:
    # Pydantic alone takes 0 as 1970-01-01 and a midnight date-time as its date.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError("must be a real date written YYYY-MM-DD") from None
    raise ValueError("must be a date written YYYY-MM-DD")


def _plausible(day: date) -> date:
    # Plans add weeks to these dates; near date.max that arithmetic would overflow.
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"must be between {FIRST_DAY} and {LAST_DAY}")
    return day


Day = Annotated[
    date,
    BeforeValidator(_iso_day),
    AfterValidator(_plausible),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DAY_PATTERN}),
]
"""A calendar date, YYYY-MM-DD between FIRST_DAY and LAST_DAY: never a number or a date-time."""


def _query_int(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(r"-?[0-9]+", value):
        raise ValueError("must be a whole number")
    return value


def _query_bool(value: Any) -> Any:
    if isinstance(value, str) and value not in ("true", "false"):
        raise ValueError("must be true or false")
    return value


# Put after Query(...) in Annotated, so the schema keeps Query's minimum and maximum.
WHOLE_NUMBER = BeforeValidator(_query_int)
"""An integer query parameter is digits only (no 1.0, no spaces)."""
TRUE_OR_FALSE = BeforeValidator(_query_bool)
"""A boolean query parameter is true or false (no 1, yes, on)."""


MAX_ID = 2**31 - 1
"""The largest row id: the id columns are 32-bit, so beyond it is a 422, not a database error."""


def _whole_id(value: object) -> object:
    # JSON Schema's integer includes 3.0 (as InputModel's own fields take it), in lists too.
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _in_id_range(value: int) -> int:
    if not 1 <= value <= MAX_ID:
        raise ValueError(f"an id is from 1 to {MAX_ID}")
    return value


# A row id inside a request body's list (a top-level field's own validators do not reach in).
IdItem = Annotated[
    int,
    BeforeValidator(_whole_id),
    AfterValidator(_in_id_range),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": MAX_ID}),
]
