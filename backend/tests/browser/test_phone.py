"""Phone width (375 px): a menu reaches every page, Sign out included; long words wrap."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import call_api, sign_up

pytestmark = pytest.mark.browser


def test_the_menu_reaches_every_page_and_long_words_wrap(ui: Page) -> None:
    ui.set_viewport_size({"width": 375, "height": 740})
    sign_up(ui)
    menu = ui.get_by_role("button", name="Menu")
    nav = ui.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Integrations")).to_be_hidden()
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    nav.get_by_role("link", name="Integrations").click()
    expect(ui.get_by_role("heading", name="Integrations")).to_be_visible()
    expect(nav.get_by_role("link", name="Settings")).to_be_hidden()  # a route change closes it
    menu.click()
    ui.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    menu.click()
    nav.get_by_role("link", name="Settings").click()
    expect(ui.get_by_role("heading", name="Settings")).to_be_visible()

    word = "Aktiengesellschaftsverwaltungsdienstleistungsunternehmen" * 2
    app = call_api(ui, "POST", "/applications", {"company": word, "position": "Engineer"})
    for path in (f"applications/{app['id']}", "applications"):
        ui.goto(f"{ui.url.split('#')[0]}#/{path}")
        expect(ui.get_by_text(word).first).to_be_visible()
        width = ui.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"#/{path} is {width}px wide at 375px"

    menu.click()
    nav.get_by_role("button", name="Sign out").click()
    expect(ui.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(menu).to_be_hidden()
