"""A JSON answer the service already built: serialised once, not validated again."""

from collections.abc import Mapping
from typing import Any

import orjson
from fastapi import Response


def dumps(body: Any) -> bytes:
    """`body` as JSON by orjson: dates in ISO form and UTC times with a `Z`, as the API's
    models write them."""
    return orjson.dumps(body, option=orjson.OPT_UTC_Z)


def json_response(
    body: Any, status_code: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    """`body` as JSON by orjson: dates in ISO form and UTC times with a `Z`, as the API's
    models write them. For the pages whose rows come straight from the database (the due
    list, Today, the applications list) and a create's answer, where validating each row
    again doubled the cost; the route keeps its response_model for the contract."""
    return Response(
        dumps(body),
        status_code=status_code,
        headers=headers,
        media_type="application/json",
    )
