"""Importing applications from another tracker's CSV: row by row, all or nothing, no duplicates."""

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from app.applications.models import Application, Contact
from app.auth.service import today_for
from app.data.models import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS
from app.followups.models import StoredPlan
from tests.factories import Person, make_application

API = "/api/v1"
CSV = {"Content-Type": "text/csv"}


def post_csv(client: TestClient, person: Person, text: str | bytes, **params) -> dict:
    body = text.encode() if isinstance(text, str) else text
    r = client.post(
        f"{API}/imports", content=body, params=params, headers={**person.headers, **CSV}
    )
    return {"status": r.status_code, **r.json()}


def ago(person: Person, days: int) -> str:
    return (today_for(person.user) - timedelta(days=days)).isoformat()


def tracker_file(person: Person) -> str:
    """A semicolon-separated export with another tracker's column names and stages."""
    return (
        "Company;Job Title;URL;Date Applied;Stage;Location;Salary;Notes;Contact Name;"
        "Contact Email\n"
        f"Acme;Backend engineer;https://acme.example/jobs/1;{ago(person, 40)};Applied;Berlin;"
        f'"90,000";"Referred; by Grace";Grace Hopper;grace@acme.example\n'
        f"Globex;Data analyst;;{ago(person, 3)};Phone Screen;Remote;;;;\n"
        "Initech;Platform engineer;www.initech.example/careers/7;;Wishlist;;;;;\n"
        f"Umbrella;SRE;;{ago(person, 2)};Ghosted;;;;;\n"
    )


def test_a_file_in_another_trackers_column_names_creates_applications_with_plans(
    client: TestClient, db: Session, alice: Person
) -> None:
    text = "\ufeff" + tracker_file(alice)  # with a byte-order mark, as Excel writes it
    result = post_csv(client, alice, text)
    assert result["status"] == 200, result
    assert result["mapping"] == {
        "Company": "company",
        "Job Title": "position",
        "URL": "posting_url",
        "Date Applied": "applied_on",
        "Stage": "status",
        "Location": "location",
        "Salary": "salary",
        "Notes": "notes",
        "Contact Name": "contact_name",
        "Contact Email": "contact_email",
    }
    assert result["counts"] == {"rows": 4, "create": 4, "duplicate": 0, "error": 0}
    assert [r["line"] for r in result["rows"]] == [2, 3, 4, 5]
    assert result["unknown_statuses"] == ["Ghosted"]
    assert result["rows"][3]["warnings"][0]["column"] == "Stage"
    apps = {a.company: a for a in db.exec(select(Application)).all()}
    acme = apps["Acme"]
    assert (acme.position, acme.status, acme.location) == ("Backend engineer", "applied", "Berlin")
    assert acme.notes == "Referred; by Grace\nSalary: 90,000"
    assert acme.imported_at is not None
    assert apps["Globex"].status == "interviewing"
    assert apps["Initech"].status == "saved"
    assert apps["Initech"].posting_url == "https://www.initech.example/careers/7"
    assert apps["Umbrella"].status == "applied"  # unknown stage, kept as applied
    contact = db.exec(select(Contact).where(Contact.application_id == acme.id)).one()
    assert (contact.name, contact.email) == ("Grace Hopper", "grace@acme.example")
    # Plans at once, counted from the backdated dates: 40 days ago is past the window.
    assert db.get(StoredPlan, acme.id) is not None
    plan = client.get(f"{API}/applications/{acme.id}/plan", headers=alice.headers).json()
    assert plan["state"] == "too_late"
    assert acme.window_closes_on is not None and acme.window_closes_on < today_for(alice.user)


def test_importing_the_same_file_again_creates_nothing_new(
    client: TestClient, db: Session, alice: Person
) -> None:
    first = post_csv(client, alice, tracker_file(alice))
    again = post_csv(client, alice, tracker_file(alice))
    assert first["counts"]["create"] == 4
    assert again["counts"] == {"rows": 4, "create": 0, "duplicate": 4, "error": 0}
    assert {r["duplicate_of"] for r in again["rows"]} == {
        r["application_id"] for r in first["rows"]
    }
    assert len(db.exec(select(Application)).all()) == 4


def test_a_row_that_duplicates_an_application_typed_by_hand_is_not_created(
    client: TestClient, db: Session, alice: Person
) -> None:
    mine = make_application(db, alice.user, company="Acme", position="Engineer")
    result = post_csv(client, alice, "company,position\nACME, engineer \nAcme,Engineer\nNew,Role\n")
    assert [r["outcome"] for r in result["rows"]] == ["duplicate", "duplicate", "create"]
    assert result["rows"][0]["duplicate_of"] == mine.id


def test_one_bad_row_and_nothing_is_written_unless_skip_invalid(
    client: TestClient, db: Session, alice: Person
) -> None:
    text = "Company,Position,Date applied,URL\nAcme,Dev,2026-02-30,\n,Tester,,\nGood,Job,,\n"
    refused = post_csv(client, alice, text)
    assert refused["status"] == 422
    assert refused["type"].endswith("/import-refused")
    assert refused["counts"] == {"rows": 3, "create": 1, "duplicate": 0, "error": 2}
    errors = {r["line"]: r["errors"] for r in refused["rows"]}
    assert errors[2][0]["column"] == "Date applied"
    assert errors[3][0]["column"] == "company"
    assert "company is empty" in errors[3][0]["message"]
    assert db.exec(select(Application)).all() == []

    skipped = post_csv(client, alice, text, skip_invalid="true")
    assert skipped["status"] == 200 and skipped["written"] is True
    db.rollback()  # a fresh snapshot
    assert [a.company for a in db.exec(select(Application)).all()] == ["Good"]


def test_a_dry_run_says_what_would_happen_and_writes_nothing(
    client: TestClient, db: Session, alice: Person
) -> None:
    result = post_csv(client, alice, tracker_file(alice), dry_run="true")
    assert result["status"] == 200
    assert (result["dry_run"], result["written"]) == (True, False)
    assert result["counts"]["create"] == 4
    assert all(r["application_id"] is None for r in result["rows"])
    assert db.exec(select(Application)).all() == []


def test_day_month_dates_are_read_as_the_file_shows_or_as_date_format_says(
    client: TestClient, db: Session, alice: Person
) -> None:
    ambiguous = "company,position,applied\nA,One,03/04/2026\n"
    refused = post_csv(client, alice, ambiguous)
    assert refused["status"] == 422
    assert "date_format" in refused["rows"][0]["errors"][0]["message"]
    assert post_csv(client, alice, ambiguous, date_format="dmy")["status"] == 200
    day_first = "company,position,applied\nB,Two,03/04/2026\nC,Three,25/12/2025\n"
    result = post_csv(client, alice, day_first)
    assert result["date_format"] == "dmy"
    dates = {a.company: a.applied_on.isoformat() for a in db.exec(select(Application)).all()}
    assert dates == {"A": "2026-04-03", "B": "2026-04-03", "C": "2025-12-25"}
    month_first = post_csv(client, alice, "company,position,applied\nD,Four,12/25/2025\n")
    assert month_first["date_format"] == "mdy"
    named = post_csv(client, alice, "company,position,applied\nE,Five,14 Mar 2026\n")
    assert named["status"] == 200


def test_an_explicit_mapping_overrides_the_columns_detected(
    client: TestClient, db: Session, alice: Person
) -> None:
    text = "Firm,Gig,Title\nAcme,Backend,ignored\n"
    missing = post_csv(client, alice, text)
    assert missing["status"] == 422 and missing["type"].endswith("/import-columns-missing")
    mapping = '{"Firm": "company", "Gig": "position", "Title": null}'
    result = post_csv(client, alice, text, mapping=mapping)
    assert result["status"] == 200, result
    assert result["mapping"] == {"Firm": "company", "Gig": "position"}
    assert result["unmapped"] == ["Title"]
    bad = post_csv(client, alice, text, mapping='{"Nope": "company"}')
    assert bad["status"] == 422 and bad["errors"][0]["field"] == "mapping"


def test_a_file_that_is_not_utf8_is_refused_with_the_reason(
    client: TestClient, alice: Person
) -> None:
    result = post_csv(client, alice, "company,position\nCafé,Barista\n".encode("latin-1"))
    assert result["status"] == 422
    assert result["type"].endswith("/unsupported-encoding")
    assert "UTF-8" in result["detail"]


def test_the_row_and_size_limits_are_problems_naming_the_limit(
    client: TestClient, db: Session, alice: Person
) -> None:
    rows = "".join(f"C{i},P{i}\n" for i in range(MAX_IMPORT_ROWS + 1))
    too_many = post_csv(client, alice, "company,position\n" + rows)
    assert too_many["status"] == 422 and str(MAX_IMPORT_ROWS) in too_many["detail"]
    big = b"company,position,notes\n" + b"A,B," + b"x" * MAX_IMPORT_BYTES + b"\n"
    too_big = post_csv(client, alice, big)
    assert too_big["status"] == 413
    assert str(MAX_IMPORT_BYTES + 64 * 1024) in too_big["detail"] or "5 MB" in too_big["detail"]
    # Past the 256 KB that other requests may send: an import has its own bound.
    long_notes = b"company,position,notes\nA,B," + b"x" * 9_000 + b"\n"
    assert post_csv(client, alice, long_notes * 1 + b"C,D,e\n" * 60_000)["status"] == 422
    assert post_csv(client, alice, b"company,position\n" + b"C,D\n" * 4_000)["status"] == 200
    assert len(db.exec(select(col(Application.id))).all()) == 1


def test_a_multipart_upload_reads_the_file_field_and_a_broken_one_is_a_problem(
    client: TestClient, db: Session, alice: Person
) -> None:
    text = tracker_file(alice).encode()
    r = client.post(
        f"{API}/imports",
        files={"file": ("huntr.csv", text, "text/csv")},
        params={"dry_run": "true"},
        headers=alice.headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["counts"]["create"] == 4
    broken = client.post(
        f"{API}/imports",
        content=b"--x\r\nContent-Disposition: form-data\r\n\r\nzzz",
        headers={**alice.headers, "Content-Type": "multipart/form-data; boundary=x"},
    )
    assert broken.status_code == 422, broken.text
    assert broken.headers["content-type"] == "application/problem+json"
    fields = client.post(
        f"{API}/imports",
        data={f"f{i}": "v" for i in range(50)},
        headers=alice.headers,
        files={"file": ("a.csv", b"company,position\nA,B\n", "text/csv")},
    )
    assert fields.status_code == 422, fields.text


def test_imported_applications_past_their_window_land_in_their_own_today_group(
    client: TestClient, db: Session, alice: Person
) -> None:
    make_application(db, alice.user, position="typed", applied_on=ago(alice, 40))
    lines = "".join(f"Co{i},Old {i},{ago(alice, 40 + i)}\n" for i in range(30))
    # Applied 10 days ago: its follow-up fell due 3 days ago, so a due day moved off a weekend
    # (at most 2 days) is still today or earlier, whatever weekday the test runs on.
    post_csv(
        client, alice, "company,position,applied on\n" + lines + f"New,Fresh,{ago(alice, 10)}\n"
    )
    today = client.get(f"{API}/follow-ups/today", headers=alice.headers).json()
    assert today["counts"]["past_window"] == 1
    assert today["counts"]["imported_past_window"] == 30
    assert today["counts"]["due_now"] + today["counts"]["closing_soon"] == 1
    r = client.post(f"{API}/follow-ups/today/archive-past-window", headers=alice.headers)
    assert (len(r.json()["application_ids"]), r.json()["remaining"]) == (31, 0)
    after = client.get(f"{API}/follow-ups/today/counts", headers=alice.headers).json()
    assert after["imported_past_window"] == after["past_window"] == 0


def test_another_users_duplicates_are_not_yours(
    client: TestClient, db: Session, alice: Person, bob: Person
) -> None:
    make_application(db, bob.user, company="Acme", position="Engineer")
    result = post_csv(client, alice, "company,position\nAcme,Engineer\n")
    assert result["rows"][0]["outcome"] == "create"
