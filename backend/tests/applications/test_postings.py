"""What an application takes from its posting: closing dates, sure and unsure findings, answers."""

from fastapi.testclient import TestClient

from app.applications.models import ApplicationPublic
from app.applications.postings import CONFIDENT
from app.reading.postings import analyze
from tests.factories import Person

API = "/api/v1"
CLOSING = (
    "Applications close on 15 March 2026. "
    "We will respond to all applicants within 4 weeks of the closing date."
)
# The reader finds "no phone calls" here, but is not sure of it (see the first test).
UNSURE = "Interested? Send your CV to jobs@acme.example. We would prefer no phone calls."
UNSURE_FINDING = "no_phone_calls"


def create(client: TestClient, person: Person, **fields) -> dict:
    body = {"company": "Acme", "position": "Dev", "applied_on": "2026-03-02", **fields}
    r = client.post(f"{API}/applications", json=body, headers=person.headers)
    assert r.status_code == 201, r.text
    return r.json()


def patch(client: TestClient, person: Person, app: dict, **fields) -> dict:
    r = client.patch(f"{API}/applications/{app['id']}", json=fields, headers=person.headers)
    assert r.status_code == 200, r.text
    return r.json()


def answer(client: TestClient, person: Person, app: dict, finding: str, apply: bool):
    return client.post(
        f"{API}/applications/{app['id']}/posting-questions/{finding}",
        json={"apply": apply},
        headers=person.headers,
    )


def plan(client: TestClient, person: Person, app: dict, on: str) -> dict:
    r = client.get(f"{API}/applications/{app['id']}/plan?on={on}", headers=person.headers)
    assert r.status_code == 200, r.text
    return r.json()


def reason(p: dict, rule: str) -> str:
    return next(r["message"] for r in p["reasons"] if r["rule"] == rule)


def test_the_unsure_text_really_is_unsure() -> None:
    found = analyze(UNSURE)
    assert getattr(found, UNSURE_FINDING) is True
    assert found.confidence(UNSURE_FINDING) < CONFIDENT


# --- closing dates ---------------------------------------------------------------------------


def test_the_closing_date_is_read_from_the_posting(client: TestClient, alice: Person) -> None:
    app = create(client, alice, posting_text=CLOSING)
    assert app["closes_on"] == "2026-03-15" and app["user_set"] == []
    assert app["window_counts_from"] == "closing_date" and app["response_window_days"] == 28
    got = client.get(f"{API}/applications/{app['id']}", headers=alice.headers).json()
    assert got["closes_on"] == "2026-03-15" and got["posting_questions"] == []


def test_a_window_from_the_closing_date_counts_from_it_in_the_plan(
    client: TestClient, alice: Person
) -> None:
    app = create(client, alice, posting_text=CLOSING)
    p = plan(client, alice, app, "2026-04-01")
    # 15 March + 4 weeks = 12 April; + 2 days grace: Tuesday 14 April (the wait alone: 9 March)
    assert (p["state"], p["due_on"]) == ("waiting", "2026-04-14")
    assert reason(p, "closing_date") == (
        "The posting says you will hear within 4 weeks of the closing date (March 15, 2026), "
        "so by April 12, 2026; the policy waits 2 days after that."
    )
    listed = client.get(f"{API}/follow-ups?on=2026-04-14", headers=alice.headers).json()
    assert [i["plan"]["due_on"] for i in listed["items"]] == ["2026-04-14"]


def test_a_closing_date_set_by_hand_wins_and_the_window_counts_from_it(
    client: TestClient, alice: Person
) -> None:
    app = create(client, alice, posting_text=CLOSING)
    app = patch(client, alice, app, closes_on="2026-03-22")
    assert app["closes_on"] == "2026-03-22" and app["user_set"] == ["closes_on"]
    p = plan(client, alice, app, "2026-04-01")
    assert p["due_on"] == "2026-04-21"
    assert "(March 22, 2026 as you set it)" in reason(p, "closing_date")
    # a new posting text does not undo the user's date
    app = patch(client, alice, app, posting_text=CLOSING.replace("15 March", "1 March"))
    assert app["closes_on"] == "2026-03-22"


def test_a_closing_date_given_on_create_is_the_users(client: TestClient, alice: Person) -> None:
    app = create(client, alice, posting_text=CLOSING, closes_on="2026-03-31")
    assert app["closes_on"] == "2026-03-31" and app["user_set"] == ["closes_on"]


def test_closes_on_is_a_strict_date(client: TestClient, alice: Person) -> None:
    for bad in ("2026-02-30", "15 March", 20260315, "2026-03-15T00:00:00"):
        r = client.post(
            f"{API}/applications",
            json={"company": "Acme", "position": "Dev", "closes_on": bad},
            headers=alice.headers,
        )
        assert r.status_code == 422, bad
        assert r.json()["errors"][0]["field"] == "closes_on"


# --- unsure findings are asked, not applied --------------------------------------------------


def test_an_unsure_finding_is_asked_and_not_applied(client: TestClient, alice: Person) -> None:
    app = create(client, alice, posting_text=UNSURE)
    assert app[UNSURE_FINDING] is False
    [question] = app["posting_questions"]
    assert question["finding"] == UNSURE_FINDING and question["confidence"] < CONFIDENT
    assert UNSURE[question["start"] : question["end"]] == question["sentence"]
    assert question["question"] == "This posting may ask for no phone calls: apply?"
    p = plan(client, alice, app, "2026-03-09")
    assert "phone" in p["channels_allowed"]


def test_applying_an_unsure_finding_makes_it_the_users_choice(
    client: TestClient, alice: Person
) -> None:
    app = create(client, alice, posting_text=UNSURE)
    r = answer(client, alice, app, UNSURE_FINDING, True)
    assert r.status_code == 200, r.text
    app = r.json()
    assert app[UNSURE_FINDING] is True and app["posting_questions"] == []
    assert app["user_set"] == [UNSURE_FINDING] and r.headers["etag"] == f'"{app["id"]}-2"'
    p = plan(client, alice, app, "2026-03-09")
    assert p["channels_allowed"] == ["email"]
    assert reason(p, "no_phone_calls") == "You said: no phone calls, so phone is never offered."


def test_a_dismissed_finding_stays_dismissed_when_the_posting_changes(
    client: TestClient, alice: Person
) -> None:
    app = create(client, alice, posting_text=UNSURE)
    app = answer(client, alice, app, UNSURE_FINDING, False).json()
    assert app[UNSURE_FINDING] is False and app["posting_questions"] == []
    app = patch(client, alice, app, posting_text=UNSURE + " No phone calls, please.")
    assert app[UNSURE_FINDING] is False and app["posting_questions"] == []
    assert app["user_set"] == [UNSURE_FINDING]


def test_a_sure_finding_applies_and_the_user_can_still_turn_it_off(
    client: TestClient, alice: Person
) -> None:
    app = create(client, alice, posting_text="No phone calls, please.")
    assert app["no_phone_calls"] is True and app["user_set"] == []
    p = plan(client, alice, app, "2026-03-09")
    assert reason(p, "no_phone_calls").startswith("The posting says no phone calls")
    app = answer(client, alice, app, "no_phone_calls", False).json()
    assert app["no_phone_calls"] is False and app["user_set"] == ["no_phone_calls"]
    assert "phone" in plan(client, alice, app, "2026-03-09")["channels_allowed"]


def test_dismissing_the_closing_window_plans_from_the_application_again(
    client: TestClient, alice: Person
) -> None:
    app = create(client, alice, posting_text=CLOSING)
    app = answer(client, alice, app, "response_window", False).json()
    assert app["window_counts_from"] is None and app["response_window_days"] is None
    assert plan(client, alice, app, "2026-03-09")["due_on"] == "2026-03-17"  # closing + 2
    app = answer(client, alice, app, "response_window", True).json()
    assert app["window_counts_from"] == "closing_date"
    assert plan(client, alice, app, "2026-03-09")["due_on"] == "2026-04-14"


def test_applying_what_the_posting_does_not_say_is_a_conflict(
    client: TestClient, alice: Person
) -> None:
    app = create(client, alice, posting_text="A friendly team.")
    r = answer(client, alice, app, "closes_on", True)
    assert r.status_code == 409 and r.headers["content-type"] == "application/problem+json"
    assert "closes_on" in r.json()["detail"]
    r = answer(client, alice, app, "no_moon_landings", True)
    assert r.status_code == 422
    r = client.post(
        f"{API}/applications/{app['id']}/posting-questions/no_contact",
        json={"apply": "yes"},
        headers=alice.headers,
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "apply"


def test_another_user_can_neither_see_nor_answer_the_questions(
    client: TestClient, alice: Person, bob: Person
) -> None:
    app = create(client, alice, posting_text=UNSURE)
    assert client.get(f"{API}/applications/{app['id']}", headers=bob.headers).status_code == 404
    r = answer(client, bob, app, UNSURE_FINDING, True)
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    mine = client.get(f"{API}/applications/{app['id']}", headers=alice.headers).json()
    assert mine[UNSURE_FINDING] is False and len(mine["posting_questions"]) == 1
    assert mine["version"] == 1


def test_a_stale_etag_leaves_the_question_open(client: TestClient, alice: Person) -> None:
    app = create(client, alice, posting_text=UNSURE)
    r = client.post(
        f"{API}/applications/{app['id']}/posting-questions/{UNSURE_FINDING}",
        json={"apply": True},
        headers={**alice.headers, "If-Match": f'"{app["id"]}-0"'},
    )
    assert r.status_code == 412
    got = client.get(f"{API}/applications/{app['id']}", headers=alice.headers).json()
    assert len(got["posting_questions"]) == 1


# --- only English is read --------------------------------------------------------------------

GERMAN = (
    "Wir freuen uns auf Ihre Bewerbung. Bitte keine Anrufe. Wir melden uns innerhalb von zwei "
    "Wochen bei Ihnen, sobald wir alle Unterlagen gesichtet haben."
)


def test_a_posting_not_in_english_says_so(client: TestClient, alice: Person) -> None:
    app = create(client, alice, posting_text=GERMAN)
    assert app["posting_language"] == "de" and app["posting_language_message"]
    english = create(client, alice, posting_text=CLOSING)
    assert english["posting_language"] == "en" and english["posting_language_message"] is None
    bare = create(client, alice)
    assert bare["posting_language"] is None and bare["posting_language_message"] is None


def test_a_read_by_id_shows_what_the_model_would(client: TestClient, alice: Person) -> None:
    """GET by id serialises the row's fields as stored (service.public_fields), not validated
    again: the same JSON as the ApplicationPublic model of them, questions and language too."""
    for fields in ({"posting_text": UNSURE, "notes": "Met at a fair"}, {"posting_text": CLOSING}):
        app = create(client, alice, **fields)
        r = client.get(f"{API}/applications/{app['id']}", headers=alice.headers)
        assert r.status_code == 200 and r.headers["ETag"] == f'"{app["id"]}-1"'
        assert r.json() == ApplicationPublic.model_validate(r.json()).model_dump(mode="json")
        assert r.json() == app  # the create's answer, built through the model
    assert app["closes_on"] == "2026-03-15" and r.json()["posting_language"] == "en"


def test_a_create_answers_what_the_model_would(client: TestClient, alice: Person) -> None:
    """A create answers its row's fields as stored (service.public_fields, written by orjson),
    not validated again: byte for byte the JSON of the ApplicationPublic model of them, and a
    replay under its Idempotency-Key gives the same bytes."""
    for n, fields in enumerate(({"posting_text": UNSURE, "notes": "Met at a fair"}, {})):
        body = {"company": "Acmé", "position": "Dev", "applied_on": "2026-03-02", **fields}
        headers = {**alice.headers, "Idempotency-Key": f"model-{n}"}
        first = client.post(f"{API}/applications", json=body, headers=headers)
        again = client.post(f"{API}/applications", json=body, headers=headers)
        assert first.status_code == again.status_code == 201, first.text
        model = ApplicationPublic.model_validate(first.json())
        assert first.content == model.model_dump_json().encode()
        assert again.content == first.content and again.headers["Idempotent-Replayed"] == "true"
        assert first.headers["content-type"] == "application/json"
        assert first.headers["ETag"] == f'"{model.id}-1"'
