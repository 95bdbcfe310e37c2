"""Integrations: a token is shown once, works, and stops working when revoked; the calendar feed."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot, sign_up
from tests.conftest import LiveServer

pytestmark = pytest.mark.browser


def test_create_use_and_revoke_a_token(
    ui: Page, live: LiveServer, request: pytest.FixtureRequest
) -> None:
    sign_up(ui)
    ui.get_by_role("link", name="Integrations").click()
    expect(ui.get_by_text("No tokens yet.")).to_be_visible()
    ui.get_by_label("Name").fill("My scripts")
    ui.get_by_label("Access").select_option("write")
    ui.get_by_role("button", name="Create token").click()

    shown = ui.locator("[data-created-token]")
    expect(shown).to_contain_text("shown only once")
    token = shown.locator("[data-secret]").first.text_content() or ""
    assert token.startswith("tb_")
    expect(shown.locator("[data-secret]").nth(1)).to_contain_text(f"Authorization: Bearer {token}")
    row = ui.locator("[data-token-id]")
    expect(row).to_contain_text("My scripts")
    expect(ui.locator("[data-calendar] [data-secret]")).to_contain_text(".ics")
    screenshot(ui, "integrations", request)

    bearer = {"Authorization": f"Bearer {token}"}
    assert ui.request.get(f"{live.url}/api/v1/me", headers=bearer).status == 200
    ui.once("dialog", lambda dialog: dialog.accept())
    row.locator('[data-action="revoke"]').click()
    expect(ui.get_by_text("No tokens yet.")).to_be_visible()  # at once, before the server answers
    expect(ui.locator("[data-toast]")).to_contain_text("Token revoked")  # the server has answered
    assert ui.request.get(f"{live.url}/api/v1/me", headers=bearer).status == 401
