"""Cursors: what goes in comes out, and anything else is the listing's 422."""

import base64
import json
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import Unprocessable
from app.pagination import decode_cursor, encode_cursor

parts = st.lists(
    st.one_of(st.none(), st.integers(), st.text(max_size=20), st.booleans()), min_size=1
)


@given(parts)
def test_a_cursor_gives_back_what_it_holds(values: list[object]) -> None:
    assert decode_cursor(encode_cursor(values), len(values)) == values


@given(
    st.lists(
        st.one_of(
            st.none(),
            st.integers(),
            st.text(max_size=20),
            st.booleans(),
            st.floats(allow_nan=False),
        )
    )
)
def test_a_cursor_is_the_same_text_json_dumps_would_make(values: list[object]) -> None:
    """orjson writes the cursors it can as json.dumps did, so cursors given out before still
    match, byte for byte."""
    raw = json.dumps(values, separators=(",", ":")).encode()
    assert encode_cursor(values) == base64.urlsafe_b64encode(raw).decode().rstrip("=")


def test_dates_travel_as_iso_text() -> None:
    cursor = encode_cursor(["due", date(2026, 3, 9), datetime(2026, 3, 9, 12, 30), 5])
    assert decode_cursor(cursor, 4) == ["due", "2026-03-09", "2026-03-09T12:30:00", 5]


@pytest.mark.parametrize("bad", ["", "e30", "!!!!", "W10", encode_cursor([1, 2]), "bm90IGpzb24"])
def test_anything_else_is_an_invalid_cursor(bad: str) -> None:
    with pytest.raises(Unprocessable) as caught:
        decode_cursor(bad, 3)
    assert caught.value.slug == "invalid-cursor"
