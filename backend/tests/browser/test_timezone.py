"""Sign-up takes the browser's time zone, shown and editable; the picker is searchable."""

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import sign_up
from tests.conftest import LiveServer

pytestmark = pytest.mark.browser


def test_sign_up_detects_the_zone_and_settings_change_it(
    browser: Browser, browser_context_args: dict[str, Any], live: LiveServer
) -> None:
    context = browser.new_context(**{**browser_context_args, "timezone_id": "Asia/Tokyo"})
    page = context.new_page()
    page.set_default_timeout(10000)
    expect.set_options(timeout=10000)
    page.goto(live.url + "/")
    page.get_by_role("link", name="Create an account").click()
    expect(page.get_by_label("Time zone")).to_have_value("Asia/Tokyo")
    page.get_by_role("link", name="Sign in").click()
    sign_up(page)
    page.get_by_role("link", name="Settings").click()
    zone = page.get_by_label("Time zone")
    expect(zone).to_have_value("Asia/Tokyo")
    assert zone.get_attribute("list")  # suggestions from the zone list, as you type
    assert page.locator(f"datalist#{zone.get_attribute('list')} option").count() > 300
    zone.fill("America/Chicago")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Settings saved")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Time zone")).to_have_value("America/Chicago")
    page.goto("about:blank")
    context.close()
