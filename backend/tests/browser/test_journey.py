"""The journey: posting → constraints → plan → follow-up → refusal → rejection → the asks."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import call_api, fill_in_the_brackets, screenshot, sign_up

pytestmark = pytest.mark.browser

POSTING = (
    "Northwind Traders is hiring a Data Analyst to join our insights team.\n"
    "You will build dashboards and work with product managers. No phone calls, please. "
    "We will contact you within 2 weeks of your application. We look forward to hearing from you."
)


def seed_today(page: Page, today: date) -> None:
    """A few more applications, so Today has something in each group."""
    for company, position, days_ago in [
        ("Lumen Health", "Product Analyst", 9),
        ("Brightline", "Data Engineer", 2),
        ("Acme Robotics", "BI Developer", 45),
    ]:
        applied = (today - timedelta(days=days_ago)).isoformat()
        call_api(
            page,
            "POST",
            "/applications",
            {"company": company, "position": position, "applied_on": applied, "status": "applied"},
        )


def test_follow_up_journey(ui: Page, request: pytest.FixtureRequest) -> None:
    ui.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_up(ui)
    today = date.today()
    applied = today - timedelta(days=20)

    # Add an application; pasting the posting shows what it says, each with its sentence.
    ui.get_by_role("link", name="Applications").click()
    expect(ui.get_by_text("No applications yet.")).to_be_visible()
    ui.get_by_role("link", name="Add your first application").click()
    ui.get_by_label("Company").fill("Northwind Traders")
    ui.get_by_label("Position").fill("Data Analyst")
    ui.get_by_label("Applied on").fill(applied.isoformat())
    ui.get_by_label("Posting text").fill(POSTING)
    phone = ui.locator('[data-finding="no_phone_calls"]')
    expect(phone.locator("mark")).to_have_text("No phone calls, please.")
    expect(ui.locator('[data-finding="response_time"] mark')).to_contain_text("within 2 weeks")
    expect(ui.get_by_label("No phone calls", exact=True)).to_be_checked()
    expected_by = (applied + timedelta(days=14)).isoformat()
    expect(ui.get_by_label("They will respond by")).to_have_value(expected_by)
    screenshot(ui, "application-form", request)
    ui.get_by_role("button", name="Add application").click()

    # The plan: due, with its date and the reasons; phone is off on this posting.
    expect(ui.get_by_role("heading", name="Northwind Traders")).to_be_visible()
    expect(ui.locator("[data-plan-state]")).to_have_text("Follow-up due")
    due_on = ui.locator("[data-due-on]").get_attribute("data-due-on")
    assert due_on is not None and date.fromisoformat(due_on) >= applied + timedelta(days=16)
    expect(ui.locator("[data-reasons]")).to_contain_text("2")
    expect(ui.locator("[data-constraints]")).to_contain_text("No phone calls")
    screenshot(ui, "application", request)
    ui.locator('[data-action="follow-up"]').click()

    # Follow up: phone visibly off with the reason, the template rendered and editable.
    expect(ui.get_by_role("heading", name="Follow-up", exact=True)).to_be_visible()
    off = ui.locator('[data-channel="phone"]')
    expect(off).to_have_attribute("data-allowed", "false")
    expect(ui.get_by_label("Phone (off)")).to_be_disabled()
    expect(off.locator("[data-off-reason]")).to_contain_text(re.compile("phone|call", re.I))
    expect(ui.get_by_label("Email")).to_be_checked()
    body = ui.locator("[data-message-body]")
    expect(body).to_have_value(re.compile("Data Analyst"))
    expect(ui.locator("[data-message-subject]")).not_to_have_value("")
    body.fill(body.input_value() + "\nP.S. I have just finished a course in causal inference.")
    expect(ui.locator('[data-action="mailto"]')).to_have_attribute(
        "href", re.compile(r"^mailto:.*causal%20inference")
    )
    ui.locator('[data-action="copy"]').click()
    assert "causal inference" in ui.evaluate("navigator.clipboard.readText()")
    screenshot(ui, "follow-up", request)

    fill_in_the_brackets(ui)
    ui.locator('[data-action="mark-sent"]').click()
    expect(ui.locator("[data-sent]")).to_be_visible()
    expect(ui.locator("[data-plan-state]")).to_have_text("Followed up")

    # A second follow-up goes past the policy: refused, with the override offered.
    ui.locator('[data-action="mark-sent"]').click()
    refusal = ui.locator('[data-refusal="follow-up-limit-reached"]')
    expect(refusal).to_be_visible()
    expect(refusal.locator("[data-override-reason]")).to_be_visible()
    screenshot(ui, "follow-up-refused", request)

    # Record a rejection: the three polite asks appear.
    ui.get_by_role("link", name="← Northwind Traders").click()
    expect(ui.locator('[data-event-kind="follow_up"]')).to_have_count(1)
    ui.locator('[data-quick="rejection"]').click()
    ui.get_by_label("What happened", exact=True).fill(
        "Thanked me; they chose someone with more SQL experience."
    )
    ui.get_by_role("button", name="Save", exact=True).click()
    expect(ui.locator('[data-event-kind="rejection"]')).to_be_visible()
    expect(ui.locator("[data-plan-state]")).to_have_text("After the rejection")
    for kind in ("feedback_request", "informational_interview", "future_openings"):
        expect(ui.locator(f'[data-next-steps] [data-step="{kind}"]')).to_be_visible()
    screenshot(ui, "application-rejected", request)

    # Today lists them, one click from writing the ask.
    seed_today(ui, today)
    ui.get_by_role("link", name="Today").click()
    asks = ui.locator('[data-group="due_now"] [data-state="post_rejection"]')
    expect(asks).to_have_count(1)
    expect(asks).to_contain_text("Northwind Traders")
    expect(asks).to_contain_text("Ask for feedback")
    expect(ui.locator('[data-group="due_now"]')).to_contain_text("Lumen Health")
    expect(ui.locator('[data-group="waiting"]')).to_contain_text("Brightline")
    expect(ui.locator('[data-group="past_window"]')).to_contain_text("Acme Robotics")
    screenshot(ui, "today", request)
    asks.locator("summary").click()
    asks.get_by_role("link", name="Write the ask").click()
    expect(ui.get_by_role("heading", name="Ask for feedback")).to_be_visible()
    expect(ui.locator("[data-message-body]")).not_to_have_value("")
