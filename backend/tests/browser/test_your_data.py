"""Settings › Your data in the browser: import another tracker's CSV (the detected mapping,
the dry-run preview, confirm), change the password, delete the account; and a forgotten
password reset through the real SMTP server."""

import re

import httpx
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.engine import Engine

from app.config import Settings
from app.jobs.worker import Worker
from tests.browser.conftest import call_api, screenshot, sign_up
from tests.conftest import LiveServer
from tests.smtp import Inbox

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"  # sign_up's
NEW_PASSWORD = "a brand new passphrase"
# The real header of the open-source tracker PBP's CSV export (MadGapun/PBP at 3dc5f1b,
# src/bewerbungs_assistent/dashboard.py, api_applications_csv): German names, DD.MM.YYYY
# dates, a byte-order mark, and its stored status values (frontend/src/utils.js).
HEADER = [
    "ID", "Firma", "Titel", "Status", "Beworben am", "Quelle",
    "Bewerbungsart", "URL", "Ansprechpartner", "Kontakt-E-Mail", "Notizen",
]  # fmt: skip
STAGES = ["in_vorbereitung", "beworben", "interview", "angebot"]
BAD_LINE = 27  # the row (a line of the file, the header is line 1) with an unreadable date


def pbp_csv(rows: int) -> str:
    lines = [",".join(HEADER)]
    for i in range(1, rows + 1):
        applied = "31.13.2026" if i + 1 == BAD_LINE else f"{(i % 28) + 1:02d}.03.2026"
        lines.append(
            f"{i},Company {i},Engineer {i},{STAGES[i % 4]},{applied},LinkedIn,online,"
            f'https://jobs.example.com/{i},Sam Lee,sam{i}@example.com,"Berlin, DE"'
        )
    return "\ufeff" + "\n".join(lines) + "\n"


def open_your_data(ui: Page) -> None:
    ui.get_by_role("link", name="Settings").click()
    ui.get_by_role("link", name="Your data and account").click()
    expect(ui.get_by_role("heading", name="Your data", exact=True)).to_be_visible()


def column(ui: Page, name: str):  # type: ignore[no-untyped-def]
    return ui.locator("[data-import-mapping]").get_by_label(name, exact=True)


def test_import_fifty_applications_from_another_trackers_csv(
    ui: Page, request: pytest.FixtureRequest
) -> None:
    sign_up(ui)
    open_your_data(ui)
    ui.get_by_label("CSV file").set_input_files(
        files=[{"name": "pbp-export.csv", "mimeType": "text/csv", "buffer": pbp_csv(51).encode()}]
    )
    ui.get_by_role("button", name="Preview the import").click()

    expected = {
        "ID": "",
        "Firma": "company",
        "Titel": "position",
        "Status": "status",
        "Beworben am": "applied_on",
        "Quelle": "source",
        "Bewerbungsart": "",
        "URL": "posting_url",
        "Ansprechpartner": "contact_name",
        "Kontakt-E-Mail": "contact_email",
        "Notizen": "notes",
    }
    for name, target in expected.items():
        expect(column(ui, name)).to_have_value(target)
    counts = ui.locator("[data-import-counts]")
    expect(counts).to_have_text("51 rows: 50 to create, 0 already in Touchbase, 1 with errors.")
    bad = ui.locator(f'[data-import-rows] tr[data-line="{BAD_LINE}"]')
    expect(bad).to_have_attribute("data-outcome", "error")
    expect(bad).to_contain_text("Error")
    expect(bad.locator('[data-row-problem="error"]')).to_contain_text("Beworben am:")
    expect(ui.locator('[data-import-rows] tr[data-outcome="create"]')).to_have_count(50)

    # The notes hold the place here: the user maps them to the location instead.
    column(ui, "Notizen").select_option("location")  # the preview follows the new mapping
    expect(counts).to_have_text("51 rows: 50 to create, 0 already in Touchbase, 1 with errors.")
    expect(column(ui, "Notizen")).to_have_value("location")
    screenshot(ui, "import-preview", request)

    confirm = ui.locator('[data-form="import-confirm"]')
    confirm.get_by_role("button", name="Import 50 applications").click()
    expect(ui.get_by_text("1 of 51 rows have errors, so nothing was imported")).to_be_visible()
    assert call_api(ui, "GET", "/applications?limit=1")["total"] == 0  # all or nothing

    confirm = ui.locator('[data-form="import-confirm"]')
    confirm.get_by_label("Skip the 1 row with errors and import the others").check()
    confirm.get_by_role("button", name="Import 50 applications").click()
    done = ui.locator("[data-import-done]")
    expect(done).to_contain_text("Imported 50 applications.")
    expect(done).to_contain_text("1 row with errors skipped.")

    page = call_api(ui, "GET", "/applications?limit=100")
    assert page["total"] == 50
    by_company = {a["company"]: a for a in page["items"]}
    assert f"Company {BAD_LINE - 1}" not in by_company
    first = by_company["Company 1"]
    assert (first["position"], first["status"], first["applied_on"]) == (
        "Engineer 1",
        "applied",
        "2026-03-02",
    )
    assert first["location"] == "Berlin, DE"  # the column mapped by hand
    assert (first["source"], first["posting_url"]) == ("LinkedIn", "https://jobs.example.com/1")

    done.get_by_role("link", name="See your applications").click()
    expect(ui.locator("[data-total]")).to_contain_text("50 applications")

    # The same file again: nothing new (every good row is a duplicate now).
    open_your_data(ui)
    ui.get_by_label("CSV file").set_input_files(
        files=[{"name": "pbp-export.csv", "mimeType": "text/csv", "buffer": pbp_csv(51).encode()}]
    )
    ui.get_by_role("button", name="Preview the import").click()
    expect(ui.locator("[data-import-counts]")).to_contain_text("0 to create, 50 already in")


def test_a_pasted_csv_without_a_company_column_is_mapped_by_hand(ui: Page) -> None:
    sign_up(ui)
    open_your_data(ui)
    ui.get_by_role("button", name="Preview the import").click()
    expect(ui.locator('[data-error-for="file"]')).to_have_text(
        "Choose a CSV file, or paste the CSV below."
    )
    ui.get_by_label("Or paste the CSV").fill("Firm;Job Title\nInitech;Analyst\n")
    ui.get_by_role("button", name="Preview the import").click()
    expect(ui.get_by_text("No column of the file holds the company")).to_be_visible()
    column(ui, "Firm").select_option("company")
    expect(ui.locator("[data-import-counts]")).to_have_text(
        "1 row: 1 to create, 0 already in Touchbase, 0 with errors."
    )
    ui.get_by_role("button", name="Import 1 application").click()
    expect(ui.locator("[data-import-done]")).to_contain_text("Imported 1 application.")
    [app] = call_api(ui, "GET", "/applications")["items"]
    assert (app["company"], app["position"]) == ("Initech", "Analyst")


def test_export_downloads_csv_and_json_and_the_json_restores(ui: Page) -> None:
    sign_up(ui)
    call_api(ui, "POST", "/applications", {"company": "Globex", "position": "Data Engineer"})
    open_your_data(ui)
    with ui.expect_download() as csv_download:
        ui.get_by_role("link", name="Download applications (CSV)").click()
    text = csv_download.value.path().read_text(encoding="utf-8-sig")
    assert "Globex" in text and "Data Engineer" in text
    with ui.expect_download() as json_download:
        ui.get_by_role("link", name="Download everything (JSON)").click()
    document = json_download.value.path().read_text(encoding="utf-8")
    assert '"touchbase-export"' in document and "Globex" in document

    # The JSON export imports back: gone from the account, then restored from the file.
    [app] = call_api(ui, "GET", "/applications")["items"]
    call_api(ui, "DELETE", f"/applications/{app['id']}")
    ui.get_by_label("CSV file").set_input_files(json_download.value.path())
    ui.get_by_role("button", name="Preview the import").click()
    expect(ui.locator("[data-import-counts]")).to_have_text(
        "1 row: 1 to create, 0 already in Touchbase, 0 with errors."
    )
    expect(ui.locator("[data-import-mapping]")).to_have_count(0)
    ui.get_by_role("button", name="Import 1 application").click()
    expect(ui.locator("[data-import-done]")).to_contain_text("Imported 1 application.")
    [back] = call_api(ui, "GET", "/applications")["items"]
    assert (back["company"], back["position"]) == ("Globex", "Data Engineer")


def test_change_the_password_in_the_ui(ui: Page, live: LiveServer) -> None:
    sign_up(ui)
    open_your_data(ui)
    form = ui.locator('[data-form="password"]')
    form.get_by_label("Current password").fill("not my password")
    form.get_by_label("New password").fill(NEW_PASSWORD)
    form.get_by_role("button", name="Change password").click()
    expect(form.locator('[data-error-for="current_password"]')).to_have_text(
        "The password is wrong."
    )
    form.get_by_label("Current password").fill(PASSWORD)
    form.get_by_label("New password").fill("short")
    form.get_by_role("button", name="Change password").click()
    expect(form.locator('[data-error-for="new_password"]')).not_to_be_empty()
    expect(form.locator('[data-error-for="current_password"]')).to_be_hidden()
    form.get_by_label("New password").fill(NEW_PASSWORD)
    form.get_by_role("button", name="Change password").click()
    expect(ui.get_by_text("Password changed.")).to_be_visible()
    login = f"{live.url}/api/v1/auth/login"
    old = httpx.post(login, json={"email": "alex@example.com", "password": PASSWORD})
    new = httpx.post(login, json={"email": "alex@example.com", "password": NEW_PASSWORD})
    assert (old.status_code, new.status_code) == (401, 200)
    assert call_api(ui, "GET", "/me")["email"] == "alex@example.com"  # this session stays


def test_change_the_email_in_the_ui(ui: Page, live: LiveServer) -> None:
    httpx.post(
        f"{live.url}/api/v1/auth/register",
        json={"name": "Sam", "email": "sam@example.com", "password": "sam's own passphrase"},
    ).raise_for_status()
    sign_up(ui)
    open_your_data(ui)
    form = ui.locator('[data-form="email"]')
    form.get_by_label("New email").fill("sam@example.com")
    form.get_by_label("Current password").fill("not my password")
    form.get_by_role("button", name="Change email").click()
    expect(form.locator('[data-error-for="current_password"]')).to_have_text(
        "The password is wrong."
    )
    form.get_by_label("Current password").fill(PASSWORD)
    form.get_by_role("button", name="Change email").click()
    expect(form.locator("[data-form-error]")).to_have_text(
        "An account with this email already exists."
    )
    form.get_by_label("New email").fill("alex.new@example.com")
    form.get_by_role("button", name="Change email").click()
    expect(ui.locator("[data-signed-in-as]")).to_have_text("Signed in as alex.new@example.com")
    assert call_api(ui, "GET", "/me")["email"] == "alex.new@example.com"
    # The delete form now wants the new address.
    delete = ui.locator('[data-form="delete-account"]')
    delete.get_by_label("Type your email to confirm").fill("alex@example.com")
    delete.get_by_label("Password").fill(PASSWORD)
    delete.get_by_role("button", name="Delete my account").click()
    expect(delete.locator('[data-error-for="confirm_email"]')).to_contain_text(
        "alex.new@example.com"
    )


def test_delete_the_account_then_its_credentials_no_longer_sign_in(
    ui: Page, live: LiveServer
) -> None:
    sign_up(ui)
    call_api(ui, "POST", "/applications", {"company": "Acme", "position": "Dev"})
    open_your_data(ui)
    form = ui.locator('[data-form="delete-account"]')
    form.get_by_label("Type your email to confirm").fill("someone@example.com")
    form.get_by_label("Password").fill(PASSWORD)
    form.get_by_role("button", name="Delete my account").click()
    expect(form.locator('[data-error-for="confirm_email"]')).to_contain_text(
        "Type your account’s email, alex@example.com, exactly."
    )
    form.get_by_label("Type your email to confirm").fill("alex@example.com")
    form.get_by_label("Password").fill("not my password")
    form.get_by_role("button", name="Delete my account").click()
    expect(form.locator('[data-error-for="password"]')).to_have_text("The password is wrong.")
    assert call_api(ui, "GET", "/me")["email"] == "alex@example.com"  # still there

    form.get_by_label("Password").fill(PASSWORD)
    form.get_by_role("button", name="Delete my account").click()
    expect(ui.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(ui.get_by_text("Your account and everything in it are deleted.")).to_be_visible()

    ui.get_by_label("Email").fill("alex@example.com")
    ui.get_by_label("Password").fill(PASSWORD)
    ui.get_by_role("button", name="Sign in").click()
    expect(ui.locator('[data-form="signin"] [data-form-error]')).to_be_visible()
    expect(ui.get_by_role("heading", name="Sign in")).to_be_visible()
    login = httpx.post(
        f"{live.url}/api/v1/auth/login", json={"email": "alex@example.com", "password": PASSWORD}
    )
    assert login.status_code == 401


def test_forgot_password_mails_a_link_that_sets_a_new_one(
    ui: Page, engine: Engine, mail_on: Settings, inbox: Inbox, request: pytest.FixtureRequest
) -> None:
    sign_up(ui)
    ui.get_by_role("button", name="Sign out").click()
    ui.get_by_role("link", name="Forgot your password?").click()
    expect(ui.get_by_role("heading", name="Forgot your password?")).to_be_visible()
    ui.get_by_label("Email").fill("nobody@example.com")
    ui.get_by_role("button", name="Send me a link").click()
    unknown = ui.locator("[data-reset-requested]").text_content() or ""
    Worker(engine, mail_on).drain()
    assert inbox.messages == []  # no account, no mail: and the page said the same (below)

    ui.reload()
    ui.get_by_label("Email").fill("alex@example.com")
    ui.get_by_role("button", name="Send me a link").click()
    known = ui.locator("[data-reset-requested]").text_content() or ""
    assert known.replace("alex@example.com", "X") == unknown.replace("nobody@example.com", "X")
    assert "a link to set a new password is on its way" in known
    Worker(engine, mail_on).drain()
    [message] = inbox.wait_for(1)
    assert message["To"] == "alex@example.com"
    body = message.get_body(("plain",))
    assert body is not None
    link = re.search(r"http\S+#/reset-password\?token=[\w-]+", body.get_content())
    assert link, body.get_content()

    ui.goto(link.group(0))
    expect(ui.get_by_role("heading", name="Set a new password")).to_be_visible()
    screenshot(ui, "reset-password", request)
    ui.get_by_label("New password").fill("short")
    ui.get_by_role("button", name="Set new password").click()
    expect(ui.locator('[data-error-for="new_password"]')).not_to_be_empty()
    ui.get_by_label("New password").fill(NEW_PASSWORD)
    ui.get_by_role("button", name="Set new password").click()
    expect(ui.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(ui.get_by_text("Your new password is set. Sign in with it.")).to_be_visible()
    ui.get_by_label("Email").fill("alex@example.com")
    ui.get_by_label("Password").fill(NEW_PASSWORD)
    ui.get_by_role("button", name="Sign in").click()
    expect(ui.get_by_role("heading", name="Today", exact=True)).to_be_visible()

    # The link worked once: opened again (signed in, which that page allows), it says so.
    ui.goto(link.group(0))
    expect(ui.get_by_role("heading", name="Set a new password")).to_be_visible()
    ui.get_by_label("New password").fill("yet another passphrase")
    ui.get_by_role("button", name="Set new password").click()
    expect(ui.locator('[data-form="reset-password"] [data-form-error]')).to_have_text(
        "This reset link is unknown, used already or expired. Ask for a new one below."
    )
