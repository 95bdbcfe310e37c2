"""An application's contacts and timeline quick actions, and editing it."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import call_api, sign_up

pytestmark = pytest.mark.browser


def test_contacts_and_a_response_with_news(ui: Page) -> None:
    sign_up(ui)
    app = call_api(
        ui,
        "POST",
        "/applications",
        {"company": "Globex", "position": "Data Engineer", "applied_on": "2026-03-02"},
    )
    ui.goto(f"{ui.url.split('#')[0]}#/applications/{app['id']}")
    contacts = ui.locator("[data-contacts]")
    expect(contacts.locator(".empty")).to_be_visible()
    contacts.get_by_text("Add a contact").click()
    contacts.get_by_role("button", name="Add contact").click()
    expect(contacts.locator('[data-error-for="name"]')).to_be_visible()
    contacts.get_by_label("Name").fill("Jordan Lee")
    contacts.get_by_label("Email").fill("jordan@globex.example")
    contacts.get_by_role("button", name="Add contact").click()
    expect(contacts.locator("[data-contact-id]")).to_contain_text("Jordan Lee")

    ui.locator('[data-quick="response"]').click()
    form = ui.locator('[data-form="event-response"]')
    form.get_by_label("Position still open?").select_option("true")
    form.get_by_label("How many applied").fill("120")
    form.get_by_label("What happened").fill("The recruiter wrote back: interviews start next week.")
    form.get_by_role("button", name="Save").click()
    event = ui.locator('[data-event-kind="response"]')
    expect(event).to_contain_text("position still open, 120 applied")
    expect(ui.locator("[data-plan-state]")).to_have_text("They answered")

    ui.get_by_role("link", name="Edit").click()
    ui.get_by_label("Position").fill("Senior Data Engineer")
    ui.get_by_role("button", name="Save changes").click()
    expect(ui.get_by_text("Senior Data Engineer")).to_be_visible()
