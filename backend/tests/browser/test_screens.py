"""Settings, the policy preview, the applications list, a phone-sized screen, signing in and out."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import call_api, screenshot, sign_up

pytestmark = pytest.mark.browser


def test_settings_show_field_errors_and_persist(ui: Page, request: pytest.FixtureRequest) -> None:
    sign_up(ui)
    ui.get_by_role("link", name="Settings").click()
    form = ui.locator('[data-form="settings"]')
    form.get_by_label("Time zone").fill("Europe/Berlin")
    form.get_by_label("Phone").fill("+49 30 1234567")
    form.get_by_label("Email signature").fill("Alex Morgan\nData analyst")
    form.get_by_role("button", name="Save settings").click()
    expect(ui.locator("[data-toast]")).to_have_text("Settings saved")
    form.locator('[data-field="name"]').fill("")
    form.get_by_role("button", name="Save settings").click()
    expect(form.locator('[data-error-for="name"]')).to_be_visible()
    screenshot(ui, "settings", request)
    ui.once("dialog", lambda dialog: dialog.accept())  # the refused change is left unsaved
    ui.reload()
    expect(ui.get_by_label("Time zone")).to_have_value("Europe/Berlin")
    expect(ui.get_by_label("Phone")).to_have_value("+49 30 1234567")


def test_policy_preview_follows_the_numbers(ui: Page, request: pytest.FixtureRequest) -> None:
    sign_up(ui)
    ui.get_by_role("link", name="Policy").click()
    preview = ui.locator("[data-simulation]")
    expect(preview.locator('[data-point="Follow-up due"]')).to_contain_text("Mon, Mar 9, 2026")
    wait = ui.locator('[data-field="wait_days"]')
    wait.fill("10")
    expect(preview.locator('[data-point="Follow-up due"]')).to_contain_text("Thu, Mar 12, 2026")
    ui.get_by_label("The posting says").check()
    expect(preview.locator('[data-point="Follow-up due"]')).to_contain_text("Wed, Mar 18, 2026")
    screenshot(ui, "policy", request)
    ui.get_by_role("button", name="Save policy").click()
    expect(ui.locator("[data-toast]")).to_have_text("Policy saved")
    wait.fill("0")
    expect(ui.locator('[data-error-for="wait_days"]')).to_be_visible()
    ui.reload()
    expect(ui.locator('[data-field="wait_days"]')).to_have_value("10")


def test_applications_list_searches_filters_and_pages(
    ui: Page, request: pytest.FixtureRequest
) -> None:
    sign_up(ui)
    companies = [f"Company {n:02}" for n in range(21)]
    ui.evaluate(
        """(names) => Promise.all(names.map((company) => fetch('/api/v1/applications', {
            method: 'POST',
            headers: {'Content-Type': 'application/json',
                      'X-CSRF-Token': localStorage.getItem('touchbase.csrf')},
            body: JSON.stringify({company, position: 'Analyst', applied_on: '2026-03-02'}),
        }).then((r) => { if (!r.ok) throw new Error(String(r.status)); })))""",
        companies,
    )
    call_api(
        ui,
        "POST",
        "/applications",
        {"company": "Globex", "position": "Data Engineer", "status": "saved"},
    )
    ui.get_by_role("link", name="Applications").click()
    rows = ui.locator('[data-list="applications"] [data-application-id]')
    expect(rows).to_have_count(20)
    ui.locator('[data-action="more"]').click()
    expect(rows).to_have_count(22)
    expect(ui.locator('[data-action="more"]')).to_have_count(0)
    ui.get_by_label("Search").fill("globex")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Globex")
    ui.get_by_label("Status").select_option("rejected")
    expect(ui.get_by_text("No applications match these filters.")).to_be_visible()
    ui.get_by_label("Search").fill("")
    ui.get_by_label("Status").select_option("")
    expect(rows).to_have_count(20)
    screenshot(ui, "applications", request)

    ui.set_viewport_size({"width": 390, "height": 844})
    screenshot(ui, "applications-phone", request, full_page=False)
    ui.get_by_role("button", name="Menu").click()  # the navigation is behind it at phone width
    ui.get_by_role("link", name="Today").click()
    expect(ui.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    screenshot(ui, "today-phone", request, full_page=False)


def test_sign_out_and_back_in_with_the_keyboard(ui: Page, request: pytest.FixtureRequest) -> None:
    sign_up(ui)
    ui.get_by_role("button", name="Sign out").click()
    expect(ui.get_by_role("heading", name="Sign in")).to_be_visible()
    screenshot(ui, "sign-in", request)
    ui.get_by_label("Email").fill("alex@example.com")
    ui.get_by_label("Password").fill("wrong password!")
    ui.keyboard.press("Enter")
    expect(ui.locator("[data-form-error]")).to_be_visible()
    ui.get_by_label("Password").fill("correct horse battery")
    ui.keyboard.press("Enter")
    expect(ui.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    ui.get_by_role("link", name="Applications").focus()
    ui.keyboard.press("Enter")
    expect(ui.get_by_role("heading", name="Applications")).to_be_visible()
