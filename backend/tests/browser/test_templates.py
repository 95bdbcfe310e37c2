"""Templates: copy a built-in, edit it with a live preview; unsafe text is refused at its line."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot, sign_up

pytestmark = pytest.mark.browser


def test_edit_a_copied_template_with_live_preview(ui: Page, request: pytest.FixtureRequest) -> None:
    sign_up(ui)
    ui.get_by_role("link", name="Templates").click()
    expect(ui.locator('[data-group="mine"] .empty')).to_be_visible()
    builtin = ui.locator('[data-builtin="true"]').first
    expect(builtin).to_be_visible()
    screenshot(ui, "templates", request)
    builtin.locator('[data-action="copy"]').click()

    expect(ui.get_by_role("heading", name=re.compile("^Edit: "))).to_be_visible()
    ui.locator('[data-form="template"] [data-field="name"]').fill("My follow-up")
    body = ui.get_by_label("Body")
    body.fill("Dear {{ contact_name }},\nI applied for the {{ position }} role at ")
    expect(ui.locator("[data-preview-body]")).to_contain_text(
        "I applied for the Senior Data Analyst role at"
    )
    ui.locator('[data-variable="company"]').click()  # inserted at the cursor, at the end
    expect(body).to_have_value(re.compile(r"role at \{\{ company \}\}$"))
    expect(ui.locator("[data-preview-body]")).to_contain_text("role at Northwind Traders")
    expect(ui.locator("[data-preview-body]")).to_contain_text("Dear Jordan Lee,")
    screenshot(ui, "template-editor", request)
    ui.get_by_role("button", name="Save template").click()
    expect(ui.locator("[data-toast]")).to_have_text("Template saved")

    # An unsafe template is refused at its line, in the preview and on save.
    body.fill("Hello,\n{{ self.__init__.__globals__ }}\nThanks")
    error = ui.locator('[data-error-for="body"]')
    expect(error).to_be_visible()
    expect(error.locator("[data-error-line]")).to_have_attribute("data-error-line", "2")
    expect(body).to_have_attribute("aria-invalid", "true")
    expect(ui.locator("[data-preview]")).to_contain_text("Fix the problem")
    screenshot(ui, "template-refused", request)
    ui.get_by_role("button", name="Save template").click()
    expect(error).to_be_visible()

    # The refused change is not saved: leaving asks first.
    asked: list[str] = []
    ui.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    ui.get_by_role("link", name="Back to the library").click()
    mine = ui.locator('[data-group="mine"] [data-template-id]')
    expect(mine).to_have_count(1)
    expect(mine).to_contain_text("My follow-up")
    assert asked and "not saved" in asked[0]
