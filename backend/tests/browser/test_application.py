"""An application's contacts and timeline quick actions, and editing it."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import call_api, screenshot, sign_up

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


WIDTHS = pytest.mark.parametrize("width", [1200, 375], ids=["desktop", "phone"])


def open_application(ui: Page, body: dict, width: int) -> dict:
    ui.set_viewport_size({"width": width, "height": 900})
    sign_up(ui)
    app: dict = call_api(ui, "POST", "/applications", body)
    ui.goto(f"{ui.url.split('#')[0]}#/applications/{app['id']}")
    expect(ui.get_by_role("heading", name=body["company"])).to_be_visible()
    ui.evaluate("window.__samePage = true")  # gone if the page were loaded again
    return app


@WIDTHS
def test_the_plan_follows_a_contact_added_or_removed_at_once(ui: Page, width: int) -> None:
    applied = (date.today() - timedelta(days=9)).isoformat()
    body = {"company": "Globex", "position": "Data Engineer", "applied_on": applied}
    open_application(ui, body, width)
    plan = ui.locator("[data-plan-card]")
    unnamed = plan.locator('[data-rule="contact_gap"]')
    expect(unnamed).to_contain_text("Hiring Team")

    contacts = ui.locator("[data-contacts]")
    contacts.get_by_text("Add a contact").click()
    contacts.get_by_label("Name").fill("Jordan Lee")
    contacts.get_by_label("Email").fill("jordan@globex.example")
    contacts.get_by_role("button", name="Add contact").click()
    expect(contacts.locator("[data-contact-id]")).to_contain_text("Jordan Lee")
    expect(unnamed).to_have_count(0)
    expect(plan.locator("[data-plan-state]")).to_have_text("Follow-up due")

    ui.once("dialog", lambda dialog: dialog.accept())
    contacts.get_by_role("button", name="Remove Jordan Lee").click()
    expect(contacts.locator(".empty")).to_be_visible()
    expect(unnamed).to_be_visible()
    assert ui.evaluate("window.__samePage") is True


@WIDTHS
def test_a_response_offers_the_status_it_implies_in_one_click_with_undo(
    ui: Page, width: int, request: pytest.FixtureRequest
) -> None:
    applied = (date.today() - timedelta(days=9)).isoformat()
    body = {"company": "Initech", "position": "Analyst", "applied_on": applied}
    app = open_application(ui, body, width)
    answered = (date.today() - timedelta(days=1)).isoformat()
    ui.locator('[data-quick="response"]').click()
    form = ui.locator('[data-form="event-response"]')
    form.get_by_label("Date").fill(answered)
    form.get_by_label("Interviews being scheduled?").select_option("true")
    form.get_by_role("button", name="Save").click()

    offer = ui.locator("[data-status-offer]")
    expect(offer).to_be_visible()
    moves = offer.locator("[data-move-to]")
    expect(moves).to_have_text(["Move to Interviewing?", "Mark as Rejected?", "Mark as Offer?"])
    screenshot(ui, f"status-offer-{width}", request)
    offer.get_by_role("button", name="Move to Interviewing?").click()

    expect(ui.locator(".page-head .badge")).to_have_text("Interviewing")
    expect(ui.locator("[data-status-offer]")).to_have_count(0)
    expect(ui.locator('[data-event-kind="interview"]')).to_be_visible()
    stored = call_api(ui, "GET", f"/applications/{app['id']}")
    assert stored["status"] == "interviewing"
    events = call_api(ui, "GET", f"/applications/{app['id']}/events")
    assert [(e["kind"], e["occurred_on"]) for e in events if e["kind"] == "interview"] == [
        ("interview", answered)
    ]

    ui.locator('[data-undo-toast] [data-action="undo"]').click()
    expect(ui.locator("[data-undo-toast]")).to_have_text("Undone.")
    expect(ui.locator(".page-head .badge")).to_have_text("Applied")
    expect(ui.locator('[data-event-kind="interview"]')).to_have_count(0)
    assert call_api(ui, "GET", f"/applications/{app['id']}")["status"] == "applied"


def test_a_response_offer_can_be_declined_and_a_rejection_marked(ui: Page) -> None:
    applied = (date.today() - timedelta(days=9)).isoformat()
    body = {"company": "Hooli", "position": "Analyst", "applied_on": applied}
    app = open_application(ui, body, 1200)
    for _ in range(2):
        ui.locator('[data-quick="response"]').click()
        ui.locator('[data-form="event-response"]').get_by_role("button", name="Save").click()
        expect(ui.locator("[data-status-offer] [data-move-to]").first).to_have_text(
            "Move to Interviewing?"
        )
        if _ == 0:  # keep the status: the offer goes, nothing else is recorded
            ui.get_by_role("button", name="Keep Applied").click()
            expect(ui.locator("[data-status-offer]")).to_have_count(0)
            kinds = [e["kind"] for e in call_api(ui, "GET", f"/applications/{app['id']}/events")]
            assert kinds.count("response") == 1 and "interview" not in kinds
    ui.get_by_role("button", name="Mark as Rejected?").click()
    expect(ui.locator(".page-head .badge")).to_have_text("Rejected")
    expect(ui.locator("[data-plan-state]")).to_have_text("After the rejection")
