"""The service's pure parts: whom a message goes to, which ids name a database row."""

from datetime import UTC, datetime
from typing import Any

import pytest

from app.applications.models import Contact
from app.templates import service
from app.templates.builtins import BUILTINS_BY_KEY
from app.templates.models import Template


def contact(name: str, role: str = "hiring_manager", **fields: Any) -> Contact:
    return Contact(application_id=1, name=name, role=role, **fields)


def test_the_hiring_manager_is_preferred_where_reachable() -> None:
    recruiter = contact("Sam", "recruiter", email="sam@x.example", phone="1")
    manager = contact("Jordan", email="jordan@x.example")
    assert service.addressee([recruiter, manager], "email") == (manager, "jordan@x.example")
    # The manager has no phone: the first contact with one takes the call.
    assert service.addressee([recruiter, manager], "phone") == (recruiter, "1")


def test_without_an_address_the_manager_is_still_named() -> None:
    referral = contact("Riley", "referral")
    manager = contact("Jordan")
    assert service.addressee([referral, manager], "email") == (manager, None)
    assert service.addressee([referral], "phone") == (referral, None)
    assert service.addressee([], "email") == (None, None)


@pytest.mark.parametrize(
    ("template_id", "expected"),
    [
        ("1", 1),
        ("2147483647", 2147483647),
        ("2147483648", None),
        ("0", None),
        ("007", None),
        ("-1", None),
        ("1.0", None),
        ("١٢", None),  # Arabic-Indic digits are digits to Python, not to us
        ("builtin-follow-up-email", None),
        ("", None),
    ],
)
def test_only_canonical_in_range_numbers_name_a_row(template_id: str, expected: int | None) -> None:
    assert service._db_id(template_id) == expected


def test_public_ids_are_strings_for_both_kinds() -> None:
    builtin = service.public(BUILTINS_BY_KEY["builtin-follow-up-phone"])
    assert (builtin.id, builtin.builtin, builtin.editable, builtin.subject) == (
        "builtin-follow-up-phone",
        True,
        False,
        None,
    )
    now = datetime.now(UTC)
    row = Template(
        id=12,
        owner_id=1,
        kind="follow_up",
        channel="email",
        name="n",
        subject="s",
        body="b",
        created_at=now,
        updated_at=now,
    )
    own = service.public(row)
    assert (own.id, own.builtin, own.editable, own.created_at) == ("12", False, True, now)
