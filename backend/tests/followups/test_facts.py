"""One facts type: the engine's Facts. The simulation's request body and the readers of
stored applications (followups.plans.facts_of) give exactly its fields."""

import dataclasses
from datetime import date

from sqlmodel import Session

from app.followups import plans
from app.followups.models import SimulatedApplication
from app.followups.policy import Facts
from tests.factories import Person, make_application


def test_the_simulated_application_is_the_engines_facts() -> None:
    fields = {f.name: f for f in dataclasses.fields(Facts)}
    assert list(SimulatedApplication.model_fields) == list(fields)
    for name, field in fields.items():
        if field.default is not dataclasses.MISSING:
            default = SimulatedApplication.model_fields[name].get_default(call_default_factory=True)
            assert (frozenset(default) if name == "user_set" else default) == field.default, name
    body = SimulatedApplication(applied_on=date(2026, 3, 2), company="Acme")
    assert body.as_facts() == Facts(applied_on=date(2026, 3, 2), status="applied", company="Acme")


def test_a_stored_application_reads_as_facts(db: Session, alice: Person) -> None:
    app = make_application(db, alice.user, applied_on="2026-03-02", no_phone_calls=True)
    facts = plans.facts_of(app)
    assert facts == Facts(
        applied_on=date(2026, 3, 2),
        status="applied",
        no_phone_calls=True,
        company="Acme",
        user_set=frozenset({"no_phone_calls"}),  # the factory sets it by hand
    )
