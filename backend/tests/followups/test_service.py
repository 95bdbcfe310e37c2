"""The follow-ups service on its own: policy choice, bulk refresh, the due page's queries."""

import pytest
from sqlmodel import Session, select

from app.applications import service as applications
from app.applications.models import Application
from app.errors import Unprocessable
from app.followups import plans, service
from app.followups import policy as engine_
from app.followups.models import Policy, PolicyCreate, PolicyUpdate
from tests.factories import Person, make_application


def test_check_policy_choice_accepts_only_the_owners_policies(
    db: Session, alice: Person, bob: Person
) -> None:
    mine = plans.default_policy(db, alice.user.id)  # type: ignore[arg-type]
    theirs = plans.default_policy(db, bob.user.id)  # type: ignore[arg-type]
    applications.check_policy_choice(db, alice.user.id, None)  # type: ignore[arg-type]
    applications.check_policy_choice(db, alice.user.id, mine.id)  # type: ignore[arg-type]
    with pytest.raises(Unprocessable) as caught:
        applications.check_policy_choice(db, alice.user.id, theirs.id)  # type: ignore[arg-type]
    assert caught.value.extra["errors"][0]["field"] == "policy_id"


def test_refresh_governed_stores_what_schedule_says(db: Session, alice: Person) -> None:
    apps = [make_application(db, alice.user, applied_on=f"2026-03-0{d}") for d in (2, 3, 4)]
    default = plans.default_policy(db, alice.user.id)  # type: ignore[arg-type]
    service.update_policy(db, default, PolicyUpdate(wait_days=10, avoid_weekends=False))
    db.expire_all()
    for app in apps:
        stored = db.get(Application, app.id)
        assert stored is not None and stored.applied_on is not None
        expected = engine_.schedule(
            plans.facts_of(stored),
            plans.timeline_of(db, stored),
            engine_.PolicySettings(wait_days=10, avoid_weekends=False),
        )
        assert (stored.next_due_on, stored.window_closes_on) == expected
        assert (stored.next_due_on - stored.applied_on).days == 10


def test_create_policy_as_default_hands_over_in_one_transaction(db: Session, alice: Person) -> None:
    old = plans.default_policy(db, alice.user.id)  # type: ignore[arg-type]
    new = service.create_policy(db, alice.user, PolicyCreate(name="New", is_default=True))
    db.expire_all()
    defaults = db.exec(
        select(Policy.id).where(Policy.owner_id == alice.user.id, Policy.is_default)
    ).all()
    assert defaults == [new.id] and old.id != new.id
