"""Settings › Notifications: change the digest, and a test email that really arrives."""

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.engine import Engine

from app.config import Settings
from app.jobs.worker import Worker
from tests.browser.conftest import call_api, screenshot, sign_up
from tests.smtp import Inbox

pytestmark = pytest.mark.browser


def test_change_the_digest_and_send_a_test_email(
    ui: Page, engine: Engine, mail_on: Settings, inbox: Inbox, request: pytest.FixtureRequest
) -> None:
    sign_up(ui)
    ui.get_by_role("link", name="Settings").click()
    card = ui.locator('[data-form="notifications"]')
    expect(card.get_by_role("heading", name="Notifications")).to_be_visible()
    expect(card.locator("[data-mail-off]")).to_have_count(0)
    card.get_by_label("At").select_option("7")
    card.get_by_label("Weekdays only").uncheck()
    card.get_by_role("button", name="Save notifications").click()
    expect(ui.get_by_text("Notifications saved")).to_be_visible()
    saved = call_api(ui, "GET", "/me/notifications")
    assert (saved["digest_hour"], saved["weekdays_only"], saved["digest_enabled"]) == (
        7,
        False,
        True,
    )

    card.get_by_role("button", name="Send me a test email").click()
    expect(ui.get_by_text("Test email on its way to alex@example.com")).to_be_visible()
    screenshot(ui, "notifications", request)
    Worker(engine, mail_on).drain()
    [message] = inbox.wait_for(1)
    assert message["To"] == "alex@example.com"
