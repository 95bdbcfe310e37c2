"""Forms: checked before sending, errors in plain words next to each field (the browser's and
the API's), edit conflicts reapplied, unsaved changes guarded, revoked tokens gone at once,
toasts clear of what they answer, and dark mode."""

import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Dialog, Page, Request, expect

from tests.browser.conftest import call_api, sign_up

pytestmark = pytest.mark.browser

SPEC = Path(__file__).resolve().parents[3] / "openapi.yaml"
DESKTOP = {"width": 1200, "height": 860}
PHONE = {"width": 375, "height": 740}
WIDTHS = pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
# Words pydantic uses that a person must never read.
RAW = ("String should", "value is not a valid", "Input should", "Field required", "Value error")


def base(ui: Page) -> str:
    return ui.url.split("#")[0]


def no_wider_than(ui: Page, size: dict[str, int]) -> None:
    width = ui.evaluate("document.documentElement.scrollWidth")
    assert width <= size["width"], f"the page is {width}px wide at {size['width']}px"


def requests_to(ui: Page, path: str) -> list[Request]:
    sent: list[Request] = []
    ui.on("request", lambda r: sent.append(r) if path in r.url and r.method != "GET" else None)
    return sent


def error_of(ui: Page, form: str, name: str) -> Any:
    return ui.locator(f'[data-form="{form}"] [data-error-for="{name}"]')


@WIDTHS
def test_sign_up_is_checked_before_sending_with_words_next_to_each_field(
    ui: Page, size: dict[str, int]
) -> None:
    ui.set_viewport_size(size)
    ui.get_by_role("link", name="Create an account").click()
    sent = requests_to(ui, "/auth/register")
    form = ui.locator('[data-form="signup"]')
    form.get_by_role("button", name="Create account").click()
    expect(error_of(ui, "signup", "name")).to_have_text("Enter your name.")
    expect(error_of(ui, "signup", "email")).to_have_text("Enter your email address.")
    expect(error_of(ui, "signup", "password")).to_have_text("Enter a password.")
    name = form.get_by_label("Your name")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_be_focused()
    # The error is part of the field's description, so a screen reader reads it out.
    described = name.get_attribute("aria-describedby") or ""
    error_id = error_of(ui, "signup", "name").get_attribute("id")
    assert error_id in described.split()
    expect(form.locator("[data-form-error]")).to_contain_text("Check the 3 marked fields")

    name.fill("   ")  # spaces only: the API calls that blank
    form.get_by_label("Email").fill("alex.example.com")
    form.get_by_label("Password").fill("short")
    form.get_by_role("button", name="Create account").click()
    expect(error_of(ui, "signup", "name")).to_have_text("Enter your name.")
    expect(error_of(ui, "signup", "email")).to_have_text(
        "Enter an email address such as name@example.com."
    )
    expect(error_of(ui, "signup", "password")).to_have_text("Password needs at least 8 characters.")
    no_wider_than(ui, size)
    assert not sent, "a form with problems the browser can see was sent anyway"

    # Fixing a field clears its message on the next try.
    name.fill("Alex Morgan")
    form.get_by_role("button", name="Create account").click()
    expect(error_of(ui, "signup", "name")).to_be_hidden()
    expect(name).not_to_have_attribute("aria-invalid", "true")


@WIDTHS
def test_the_apis_field_errors_are_shown_in_words_next_to_the_field(
    ui: Page, size: dict[str, int]
) -> None:
    ui.set_viewport_size(size)
    ui.get_by_role("link", name="Create an account").click()
    form = ui.locator('[data-form="signup"]')
    sent = requests_to(ui, "/auth/register")
    form.get_by_label("Your name").fill("Alex Morgan")
    # The browser takes "alex@localhost"; the API's email check does not.
    form.get_by_label("Email").fill("alex@localhost")
    form.get_by_label("Password").fill("correct horse battery")
    form.get_by_role("button", name="Create account").click()
    error = error_of(ui, "signup", "email")
    expect(error).to_have_text("Enter an email address such as name@example.com.")
    expect(form.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    assert len(sent) == 1, "this problem only the API can find"
    text = form.inner_text()
    assert not any(raw in text for raw in RAW), text
    no_wider_than(ui, size)

    # A whole number out of the API's range, sent by the policy preview, in words.
    form.get_by_label("Email").fill("alex@example.com")
    form.get_by_role("button", name="Create account").click()
    expect(ui.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    ui.goto(f"{base(ui)}#/policies")
    policy = ui.locator('[data-form="policy"]')
    policy.get_by_label("Wait before following up (days)").fill("500")
    expect(error_of(ui, "policy", "wait_days")).to_have_text(
        "Wait before following up (days) must be at most 90."
    )
    assert not any(raw in policy.inner_text() for raw in RAW)


def test_contact_and_token_forms_check_what_the_api_checks(ui: Page) -> None:
    sign_up(ui)
    app = call_api(ui, "POST", "/applications", {"company": "Globex", "position": "Analyst"})
    ui.goto(f"{base(ui)}#/applications/{app['id']}")
    contacts = ui.locator("[data-contacts]")
    contacts.get_by_text("Add a contact").click()
    sent = requests_to(ui, "/contacts")
    contacts.get_by_label("Phone").fill("call me maybe")
    contacts.get_by_role("button", name="Add contact").click()
    expect(error_of(ui, "contact", "name")).to_have_text("Enter their name.")
    expect(error_of(ui, "contact", "phone")).to_have_text(
        "Write the phone number with digits, spaces and + ( ) - . / only."
    )
    assert not sent
    contacts.get_by_label("Name").fill("Jordan Lee")
    contacts.get_by_label("Phone").fill("+49 (30) 123-456")
    contacts.get_by_role("button", name="Add contact").click()
    expect(contacts.locator("[data-contact-id]")).to_contain_text("Jordan Lee")

    ui.goto(f"{base(ui)}#/integrations")
    tokens = ui.locator('[data-form="token"]')
    tokens.get_by_label("Name").fill("x" * 101)
    tokens.get_by_label("Expires after (days)").fill("5000")
    tokens.get_by_role("button", name="Create token").click()
    expect(tokens.get_by_label("Name")).to_have_value("x" * 100)  # the API's limit holds
    expect(error_of(ui, "token", "expires_in_days")).to_have_text(
        "Expires after (days) must be from 1 to 3650."
    )
    tokens.get_by_label("Expires after (days)").fill("2.5")
    tokens.get_by_role("button", name="Create token").click()
    expect(error_of(ui, "token", "expires_in_days")).to_have_text(
        "Expires after (days) must be a whole number."
    )


def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = yaml.safe_load(SPEC.read_text())["components"]["schemas"][name]
    return schema


def _limits(prop: dict[str, Any]) -> dict[str, Any]:
    merged = dict(prop)
    for alternative in prop.get("anyOf", []):
        merged.update(alternative)
    return merged


def test_form_limits_are_the_apis_limits(ui: Page) -> None:
    """Each form field's maxlength, minlength, min and max are those in openapi.yaml."""
    ui.get_by_role("link", name="Create an account").click()
    checked = _compare(ui, "signup", "UserRegister")
    ui.goto(f"{base(ui)}#/signin")
    checked += _compare(ui, "signin", "LoginRequest")
    sign_up(ui)
    app = call_api(ui, "POST", "/applications", {"company": "Globex", "position": "Analyst"})
    ui.goto(f"{base(ui)}#/applications/new")
    checked += _compare(ui, "application", "ApplicationCreate")
    ui.goto(f"{base(ui)}#/applications/{app['id']}")
    ui.get_by_text("Add a contact").click()
    checked += _compare(ui, "contact", "ContactCreate")
    ui.goto(f"{base(ui)}#/templates/new")
    checked += _compare(ui, "template", "TemplateCreate")
    ui.goto(f"{base(ui)}#/policies")
    checked += _compare(ui, "policy", "PolicyCreate")
    ui.goto(f"{base(ui)}#/integrations")
    checked += _compare(ui, "token", "TokenCreate")
    ui.goto(f"{base(ui)}#/settings")
    checked += _compare(ui, "settings", "UserUpdate")
    assert checked >= 30, f"only {checked} limits compared"


def _compare(ui: Page, form: str, schema_name: str) -> int:
    schema = _schema(schema_name)
    expect(ui.locator(f'[data-form="{form}"]')).to_be_visible()
    controls: list[dict[str, Any]] = ui.locator(f'[data-form="{form}"] [data-field]').evaluate_all(
        """els => els.map(e => ({name: e.dataset.field, type: e.type, required: e.required,
            maxLength: e.maxLength, minLength: e.minLength, min: e.min, max: e.max}))"""
    )
    compared = 0
    for control in controls:
        prop = schema["properties"].get(control["name"])
        # Dates are pickers; a time zone is one of the names in its list (its own check).
        skip = (
            control["type"] in ("checkbox", "select-one", "date") or control["name"] == "timezone"
        )
        if prop is None or skip:
            continue
        limits = _limits(prop)
        where = f"{form}.{control['name']}"
        if control["type"] == "number":
            assert float(control["min"]) == limits["minimum"], where
            assert float(control["max"]) == limits["maximum"], where
            compared += 2
            continue
        longest = max((len(v) for v in limits.get("enum", [])), default=-1)
        assert control["maxLength"] == limits.get("maxLength", longest), where
        compared += 1
        if limits.get("minLength", 0) > 1:
            assert control["minLength"] == limits["minLength"], where
            compared += 1
        if control["name"] in schema.get("required", []) and limits.get("minLength", 0) >= 1:
            assert control["required"], f"{where} is required by the API"
            compared += 1
    return compared


def _etag(ui: Page, app_id: int) -> str:
    tag: str = ui.evaluate(
        "id => fetch('/api/v1/applications/' + id).then(r => r.headers.get('ETag'))", app_id
    )
    return tag


@WIDTHS
def test_an_edit_conflict_reloads_and_reapplies_my_changes(ui: Page, size: dict[str, int]) -> None:
    ui.set_viewport_size(size)
    sign_up(ui)
    app = call_api(
        ui,
        "POST",
        "/applications",
        {"company": "Globex", "position": "Analyst", "location": "Berlin", "notes": "First"},
    )
    ui.goto(f"{base(ui)}#/applications/{app['id']}/edit")
    form = ui.locator('[data-form="application"]')
    form.get_by_label("Notes").fill("Mine: ask about the team")
    form.get_by_label("Position").fill("Senior Analyst")
    # Meanwhile, in another tab: the location and the position change.
    call_api(
        ui,
        "PATCH",
        f"/applications/{app['id']}",
        {"location": "Hamburg", "position": "Lead Analyst"},
    )
    tag = _etag(ui, app["id"])
    form.get_by_role("button", name="Save changes").click()
    conflict = form.locator("[data-conflict]")
    expect(conflict).to_contain_text("Someone else changed this")
    page_text = ui.locator("body").inner_text()
    assert tag not in page_text and 'W/"' not in page_text, "the version tag is shown"
    no_wider_than(ui, size)

    conflict.get_by_role("button", name="Reload and reapply my changes").click()
    done = form.locator("[data-reapplied]")
    expect(done).to_contain_text("put back your changes to Position, Notes")
    expect(done).to_contain_text("Your change replaces theirs for Position")
    expect(form.get_by_label("Location")).to_have_value("Hamburg")
    expect(form.get_by_label("Notes")).to_have_value("Mine: ask about the team")
    expect(form.get_by_label("Position")).to_have_value("Senior Analyst")
    form.get_by_role("button", name="Save changes").click()
    expect(ui.get_by_role("heading", name="Globex", exact=True)).to_be_visible()
    saved = call_api(ui, "GET", f"/applications/{app['id']}")
    assert (saved["location"], saved["position"], saved["notes"]) == (
        "Hamburg",
        "Senior Analyst",
        "Mine: ask about the team",
    )


def _reload_asks(ui: Page) -> bool:
    """Reloads the tab, saying yes to any question; True when the browser asked first."""
    asked: list[str] = []

    def answer(dialog: Dialog) -> None:
        asked.append(dialog.type)
        dialog.accept()

    ui.on("dialog", answer)
    ui.reload()
    ui.remove_listener("dialog", answer)
    expect(ui.locator("h1")).to_be_visible()
    return "beforeunload" in asked


def _asked(ui: Page, questions: list[str], count: int) -> None:
    """Waits until the page has asked `count` questions. A dialog reaches the test as an event
    after the click that raised it has returned, and a check of what is on the page can pass
    before it arrives (the screen under the question is still shown)."""
    deadline = time.monotonic() + 8
    while len(questions) < count and time.monotonic() < deadline:
        ui.wait_for_timeout(20)  # lets playwright deliver the dialog event


def test_leaving_a_form_with_unsaved_changes_asks_first(ui: Page) -> None:
    sign_up(ui)
    ui.goto(f"{base(ui)}#/applications/new")
    form = ui.locator('[data-form="application"]')
    expect(form).to_be_visible()
    assert not _reload_asks(ui), "an untouched form asks before the tab is reloaded"
    ui.get_by_role("link", name="Today").click()  # nothing changed: no question
    expect(ui.get_by_role("heading", name="Today", exact=True)).to_be_visible()

    ui.goto(f"{base(ui)}#/applications/new")
    form.get_by_label("Company").fill("Initech")
    questions: list[str] = []
    ui.once("dialog", lambda d: (questions.append(d.message), d.dismiss()))
    ui.get_by_role("link", name="Today").click()
    _asked(ui, questions, 1)
    expect(form.get_by_label("Company")).to_have_value("Initech")
    assert questions and "not saved" in questions[0]
    assert ui.url.endswith("#/applications/new"), ui.url
    # The browser's back button is a hash change too.
    ui.once("dialog", lambda d: (questions.append(d.message), d.dismiss()))
    ui.go_back()
    _asked(ui, questions, 2)
    expect(form.get_by_label("Company")).to_have_value("Initech")
    assert len(questions) == 2
    assert _reload_asks(ui), "reloading (or closing) the tab does not ask"
    expect(form.get_by_label("Company")).to_have_value("")  # reloaded: the change is gone

    form.get_by_label("Company").fill("Initech")
    ui.once("dialog", lambda d: (questions.append(d.message), d.accept()))
    ui.get_by_role("link", name="Applications", exact=True).click()
    expect(ui.get_by_role("heading", name="Applications", exact=True)).to_be_visible()
    assert len(questions) == 3
    assert not _reload_asks(ui)

    # A saved form leaves without a question.
    ui.goto(f"{base(ui)}#/applications/new")
    form.get_by_label("Company").fill("Initech")
    form.get_by_label("Position").fill("Analyst")
    form.get_by_role("button", name="Add application").click()
    expect(ui.get_by_role("heading", name="Initech", exact=True)).to_be_visible()
    assert len(questions) == 3
    assert not _reload_asks(ui)


@WIDTHS
def test_a_revoked_token_disappears_at_once(ui: Page, size: dict[str, int]) -> None:
    ui.set_viewport_size(size)
    sign_up(ui)
    for name in ("Scripts", "Backup"):
        call_api(ui, "POST", "/tokens", {"name": name, "scopes": ["read"]})
    ui.goto(f"{base(ui)}#/integrations")
    rows = ui.locator("[data-token-id]")
    expect(rows).to_have_count(2)

    held: list[Any] = []
    ui.route("**/api/v1/tokens/*", lambda route: held.append(route))
    ui.once("dialog", lambda d: d.accept())
    rows.filter(has_text="Backup").locator('[data-action="revoke"]').click()
    # Gone while the server has not even answered.
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Scripts")
    assert len(held) == 1
    held[0].continue_()
    expect(ui.locator("[data-toast]")).to_have_text("Token revoked")
    ui.unroute("**/api/v1/tokens/*")
    assert [t["name"] for t in call_api(ui, "GET", "/tokens")] == ["Scripts"]

    # Refused by the server: the row comes back, with the reason.
    ui.route(
        "**/api/v1/tokens/*",
        lambda route: route.fulfill(
            status=503,
            content_type="application/problem+json",
            body='{"type": "about:blank", "title": "Unavailable", "status": 503,'
            ' "detail": "The server is busy; try again."}',
        ),
    )
    ui.once("dialog", lambda d: d.accept())
    rows.first.locator('[data-action="revoke"]').click()
    expect(ui.locator("[data-token-error]")).to_contain_text("could not be revoked")
    expect(rows).to_have_count(1)
    no_wider_than(ui, size)


def _box(locator: Any) -> dict[str, float]:
    box: dict[str, float] = locator.bounding_box()
    assert box, "not on screen"
    return box


def _apart(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@WIDTHS
def test_a_toast_never_covers_the_error_or_the_control(ui: Page, size: dict[str, int]) -> None:
    ui.set_viewport_size(size)
    sign_up(ui)
    ui.goto(f"{base(ui)}#/applications/new")
    form = ui.locator('[data-form="application"]')
    form.get_by_label("Company").fill("Initech")
    form.get_by_label("Position").fill("Analyst")
    form.get_by_label("Applications close on").fill("3000-01-01")
    form.get_by_role("button", name="Add application").click()
    error = error_of(ui, "application", "closes_on")
    expect(error).to_have_text(
        "Applications close on must be a date between the years 1900 and 2999."
    )
    notes = form.get_by_label("Applications close on")
    # The error just above the bottom edge, where a toast would go.
    error.evaluate("e => window.scrollBy(0, e.getBoundingClientRect().bottom - innerHeight + 24)")
    assert _box(error)["y"] + _box(error)["height"] > size["height"] - 40, "not at the bottom"
    ui.evaluate("import('/js/dom.js').then(m => m.toast('Copied to the clipboard'))")
    toast = ui.locator("[data-toast]")
    expect(toast).to_be_visible()
    assert _apart(_box(toast), _box(error)), "the toast covers the error"
    assert _apart(_box(toast), _box(notes)), "the toast covers the invalid field"

    # A real toast, answering the Save button right above the bottom edge: it stays clear of it.
    ui.once("dialog", lambda d: d.accept())  # leave the unsaved application
    ui.goto(f"{base(ui)}#/settings")
    save = ui.get_by_role("button", name="Save settings")
    save.evaluate("b => window.scrollBy(0, b.getBoundingClientRect().bottom - innerHeight + 24)")
    save.click()
    expect(toast).to_have_text("Settings saved")
    assert _apart(_box(toast), _box(save)), "the toast covers the button it answers"


def _background(ui: Page) -> str:
    colour: str = ui.evaluate("getComputedStyle(document.body).backgroundColor")
    return colour


def _is_dark(ui: Page) -> bool:
    parts = _background(ui).removeprefix("rgb(").removesuffix(")").split(",")
    return sum(int(p) for p in parts[:3]) < 3 * 80


@WIDTHS
def test_dark_mode_follows_the_system_and_the_switch(ui: Page, size: dict[str, int]) -> None:
    ui.set_viewport_size(size)
    ui.emulate_media(color_scheme="dark")
    ui.reload()
    expect(ui.locator("h1")).to_be_visible()
    assert _is_dark(ui), _background(ui)
    sign_up(ui)
    ui.goto(f"{base(ui)}#/settings")
    switch = ui.locator("[data-theme-switch]")
    expect(switch.get_by_label("Same as the system")).to_be_checked()
    no_wider_than(ui, size)
    switch.get_by_label("Light").check()
    expect(ui.locator("html")).to_have_attribute("data-theme", "light")
    assert not _is_dark(ui), _background(ui)
    ui.reload()  # remembered in this browser
    expect(ui.locator("[data-theme-switch]").get_by_label("Light")).to_be_checked()
    assert not _is_dark(ui)

    ui.locator("[data-theme-switch]").get_by_label("Same as the system").check()
    expect(ui.locator("html")).to_have_attribute("data-theme", "dark")
    ui.emulate_media(color_scheme="light")  # the system changes its mind: so does the page
    expect(ui.locator("html")).to_have_attribute("data-theme", "light")
    ui.locator("[data-theme-switch]").get_by_label("Dark").check()
    ui.emulate_media(color_scheme="light")
    expect(ui.locator("html")).to_have_attribute("data-theme", "dark")
    assert _is_dark(ui)


@pytest.mark.parametrize("where", ["contact", "webhook", "quick add", "notifications"])
def test_the_other_forms_ask_before_their_changes_are_left(ui: Page, where: str) -> None:
    sign_up(ui)
    if where == "contact":
        made = call_api(ui, "POST", "/applications", {"company": "Initech", "position": "Analyst"})
        ui.goto(f"{base(ui)}#/applications/{made['id']}")
        ui.get_by_text("Add a contact").click()
        ui.locator('[data-form="contact"]').get_by_label("Name").fill("Sam Lee")
    elif where == "webhook":
        ui.get_by_role("link", name="Integrations").click()
        form = ui.locator('[data-form="webhook"]')
        form.get_by_label("Webhook URL").fill("https://example.com/hooks/touchbase")
    elif where == "quick add":
        ui.goto(f"{base(ui)}#/add-from-posting")
        form = ui.locator('[data-form="paste"]')
        form.get_by_label("Posting text or HTML").fill("Analyst at Initech. No phone calls.")
    else:
        ui.get_by_role("link", name="Settings").click()
        ui.locator('[data-form="notifications"]').get_by_label("Weekdays only").uncheck()
    left_from = ui.url
    questions: list[str] = []
    ui.once("dialog", lambda d: (questions.append(d.message), d.dismiss()))
    ui.get_by_role("link", name="Today").click()
    _asked(ui, questions, 1)
    expect(ui.locator("h1")).to_be_visible()
    assert questions and "not saved" in questions[0], questions
    assert ui.url == left_from  # the user stayed with their changes
