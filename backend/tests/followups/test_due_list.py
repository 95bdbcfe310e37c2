"""The due list: read from the stored dates, soonest first, one keyset page at a time."""

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.followups import policy as engine
from tests.factories import Person, make_application

API = "/api/v1"
ON = "2026-03-10"  # a Tuesday


def due_list(client: TestClient, person: Person, **params) -> dict:
    r = client.get(f"{API}/follow-ups", params={"on": ON, **params}, headers=person.headers)
    assert r.status_code == 200, r.text
    return r.json()


def names(page: dict) -> list[str]:
    return [item["application"]["position"] for item in page["items"]]


@pytest.fixture
def board(client: TestClient, db: Session, alice: Person, bob: Person) -> None:
    """Alice's applications in every situation, and one of Bob's that is due."""
    for position, applied_on in [
        ("late", "2026-02-02"),  # due 02-09, window closed 02-23
        ("early", "2026-02-23"),  # due 03-02 until 03-16
        ("now", "2026-03-02"),  # due 03-09 until 03-23
        ("next week", "2026-03-09"),  # due 03-16
        ("in two weeks", "2026-03-16"),  # due 03-23
    ]:
        make_application(db, alice.user, position=position, applied_on=applied_on)
    make_application(db, alice.user, position="saved")
    make_application(db, alice.user, position="blocked", applied_on="2026-03-02", no_contact=True)
    rejected = make_application(db, alice.user, position="rejected", applied_on="2026-02-23")
    client.post(
        f"{API}/applications/{rejected.id}/events",
        json={"kind": "rejection", "occurred_on": "2026-03-08"},
        headers=alice.headers,
    )
    interviewing = make_application(db, alice.user, position="talking", applied_on="2026-02-23")
    client.post(
        f"{API}/applications/{interviewing.id}/events",
        json={"kind": "interview", "occurred_on": "2026-03-05"},
        headers=alice.headers,
    )
    make_application(db, bob.user, position="bobs", applied_on="2026-03-02")


@pytest.mark.usefixtures("board")
def test_by_default_what_is_due_that_day_soonest_first(client: TestClient, alice: Person) -> None:
    page = due_list(client, alice)
    assert names(page) == ["early", "rejected", "now"]
    assert [i["plan"]["state"] for i in page["items"]] == ["due", "post_rejection", "due"]
    assert page["items"][0]["plan"]["due_on"] == "2026-03-02"
    assert page["items"][0]["application"]["company"] == "Acme"
    assert "posting_text" not in page["items"][0]["application"]
    assert page["next_cursor"] is None


@pytest.mark.usefixtures("board")
def test_until_adds_what_falls_due_by_then(client: TestClient, alice: Person) -> None:
    assert names(due_list(client, alice, until="2026-03-16")) == [
        "early",
        "rejected",
        "now",
        "next week",
    ]
    assert names(due_list(client, alice, until="2026-03-31"))[-1] == "in two weeks"


@pytest.mark.usefixtures("board")
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"state": "due"}, ["early", "now"]),
        ({"state": "post_rejection"}, ["rejected"]),
        ({"state": "waiting"}, ["next week", "in two weeks"]),
        ({"state": "waiting", "until": "2026-03-20"}, ["next week"]),
        ({"state": "too_late"}, ["late"]),
    ],
)
def test_state_filters(client: TestClient, alice: Person, params: dict, expected: list) -> None:
    page = due_list(client, alice, **params)
    assert names(page) == expected
    assert {i["plan"]["state"] for i in page["items"]} == {params["state"]}


@pytest.mark.usefixtures("board")
def test_other_states_and_other_users_never_show(client: TestClient, alice: Person) -> None:
    shown = set()
    for state in ("due", "waiting", "too_late", "post_rejection"):
        shown |= set(names(due_list(client, alice, state=state)))
    assert not shown & {"saved", "blocked", "talking", "bobs"}


@pytest.mark.usefixtures("board")
def test_a_day_later_the_list_moves_on(client: TestClient, alice: Person) -> None:
    r = client.get(f"{API}/follow-ups", params={"on": "2026-03-17"}, headers=alice.headers)
    assert names(r.json()) == ["rejected", "now", "next week"]  # early closed on 03-16


def test_pages_follow_the_cursor_without_gaps_or_repeats(
    client: TestClient, db: Session, alice: Person
) -> None:
    ids = [make_application(db, alice.user, applied_on="2026-03-02").id for _ in range(4)]
    ids.insert(0, make_application(db, alice.user, applied_on="2026-02-27").id)  # due 03-06
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = due_list(client, alice, **params)
        seen += [i["application"]["id"] for i in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ids and pages == 3


def test_bad_parameters_are_refused(client: TestClient, alice: Person) -> None:
    for params, field in [
        ({"cursor": "bm90IGEgY3Vyc29y"}, "cursor"),
        ({"cursor": "%%%"}, "cursor"),
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"state": "closed"}, "state"),
        ({"on": "yesterday"}, "on"),
    ]:
        r = client.get(f"{API}/follow-ups", params=params, headers=alice.headers)
        assert r.status_code == 422, params
        assert r.json()["errors"][0]["field"] == field
    r = client.get(
        f"{API}/follow-ups", params={"cursor": "bm90IGEgY3Vyc29y"}, headers=alice.headers
    )
    assert r.json()["type"].endswith("/invalid-cursor")


def test_a_cursor_from_the_applications_list_is_refused(
    client: TestClient, db: Session, alice: Person
) -> None:
    for _ in range(2):
        make_application(db, alice.user)
    cursor = client.get(f"{API}/applications?limit=1", headers=alice.headers).json()["next_cursor"]
    r = client.get(f"{API}/follow-ups", params={"cursor": cursor}, headers=alice.headers)
    assert r.status_code == 422 and r.json()["type"].endswith("/invalid-cursor")


def test_the_due_list_needs_authentication(client: TestClient) -> None:
    assert client.get(f"{API}/follow-ups").status_code == 401


def test_items_show_the_application_as_the_applications_list_does(
    client: TestClient, db: Session, alice: Person
) -> None:
    app = make_application(db, alice.user, applied_on="2026-03-02", location="Berlin")
    [item] = due_list(client, alice)["items"]
    listed = client.get(f"{API}/applications", headers=alice.headers).json()["items"]
    assert item["application"] == listed[0] and item["application"]["id"] == app.id
    plan = client.get(f"{API}/applications/{app.id}/plan?on={ON}", headers=alice.headers).json()
    assert item["plan"] == plan


# --- stored plans --------------------------------------------------------------------------

EVERY_LISTING = [
    pytest.param({}, id="due today"),
    pytest.param({"until": "2026-03-31"}, id="until"),
    pytest.param({"state": "waiting", "until": "2026-03-31"}, id="waiting"),
    pytest.param({"state": "too_late"}, id="too late"),
    pytest.param({"state": "post_rejection"}, id="asks"),
]


def plan_on(client: TestClient, person: Person, app_id: int, on: str = ON) -> dict:
    r = client.get(f"{API}/applications/{app_id}/plan", params={"on": on}, headers=person.headers)
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.usefixtures("board")
@pytest.mark.parametrize("params", EVERY_LISTING)
def test_each_item_is_the_plan_its_application_shows_that_day(
    client: TestClient, alice: Person, params: dict
) -> None:
    items = due_list(client, alice, **params)["items"]
    assert items
    for item in items:
        assert item["plan"] == plan_on(client, alice, item["application"]["id"])


@pytest.mark.usefixtures("board")
@pytest.mark.parametrize("params", EVERY_LISTING)
def test_the_list_serves_stored_plans_without_running_the_engine(
    client: TestClient, alice: Person, params: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = due_list(client, alice, **params)

    def refuse(*args: object) -> None:
        raise AssertionError("the due list computed a plan")

    monkeypatch.setattr(engine, "plan", refuse)
    assert due_list(client, alice, **params) == expected


@pytest.mark.usefixtures("board")
@pytest.mark.parametrize(
    "change",
    [
        pytest.param("UPDATE stored_plans SET version = 'older code', plan = '{}'", id="stale"),
        pytest.param("DELETE FROM stored_plans", id="missing"),
    ],
)
def test_a_plan_stored_by_other_code_or_not_at_all_is_computed_afresh(
    client: TestClient, db: Session, alice: Person, change: str
) -> None:
    expected = [due_list(client, alice, **params.values[0]) for params in EVERY_LISTING]
    db.execute(sa.text(change))
    db.commit()
    assert [due_list(client, alice, **params.values[0]) for params in EVERY_LISTING] == expected


def test_contacts_change_the_listed_plan(client: TestClient, db: Session, alice: Person) -> None:
    app = make_application(db, alice.user, applied_on="2026-03-02")
    [item] = due_list(client, alice)["items"]
    assert item["plan"]["contact_gap"] is True
    contact = {"name": "Dana Reyes", "email": "dana@example.com", "role": "hiring_manager"}
    url = f"{API}/applications/{app.id}/contacts"
    r = client.post(url, json=contact, headers=alice.headers)
    assert r.status_code == 201, r.text
    [item] = due_list(client, alice)["items"]
    assert item["plan"]["contact_gap"] is False
    assert item["plan"] == plan_on(client, alice, app.id)
    r = client.patch(f"{url}/{r.json()['id']}", json={"email": None}, headers=alice.headers)
    assert r.status_code == 200, r.text
    [item] = due_list(client, alice)["items"]
    assert item["plan"]["contact_gap"] is True and item["plan"] == plan_on(client, alice, app.id)
    assert client.delete(f"{url}/{r.json()['id']}", headers=alice.headers).status_code == 204
    [item] = due_list(client, alice)["items"]
    assert "no_contact_name" not in [r["rule"] for r in item["plan"]["reasons"]]
    assert item["plan"] == plan_on(client, alice, app.id)


def test_renaming_a_policy_renames_it_in_the_list(
    client: TestClient, db: Session, alice: Person
) -> None:
    make_application(db, alice.user, applied_on="2026-03-02")
    [item] = due_list(client, alice)["items"]
    policy = item["plan"]["policy"]
    r = client.patch(
        f"{API}/policies/{policy['id']}", json={"name": "Gentle"}, headers=alice.headers
    )
    assert r.status_code == 200, r.text
    [item] = due_list(client, alice)["items"]
    assert item["plan"]["policy"] == {"id": policy["id"], "name": "Gentle"}
