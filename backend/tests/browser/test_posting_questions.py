"""The application's page asks about unsure findings, shows their evidence, and keeps the answer."""

import pytest
from playwright.sync_api import Page, expect

from tests.applications.test_postings import CLOSING, GERMAN, UNSURE, UNSURE_FINDING
from tests.browser.conftest import call_api, screenshot, sign_up

pytestmark = pytest.mark.browser


def open_application(ui: Page, app: dict) -> None:
    ui.goto(f"{ui.url.split('#')[0]}#/applications/{app['id']}")
    expect(ui.get_by_role("heading", name=app["company"])).to_be_visible()


def test_an_unsure_finding_is_asked_with_its_evidence_and_the_answer_sticks(
    ui: Page, request: pytest.FixtureRequest
) -> None:
    sign_up(ui)
    body = {"company": "Initech", "position": "Dev", "applied_on": "2026-03-02"}
    app = call_api(ui, "POST", "/applications", {**body, "posting_text": UNSURE})
    open_application(ui, app)
    question = ui.locator(f'[data-question="{UNSURE_FINDING}"]')
    expect(question).to_contain_text("This posting may ask for no phone calls: apply?")
    sentence = app["posting_questions"][0]["sentence"]
    expect(question.locator("mark")).to_have_text(sentence)  # the evidence, highlighted
    expect(ui.locator(f'[data-constraint="{UNSURE_FINDING}"]')).to_have_count(0)
    screenshot(ui, "posting-question", request)

    question.get_by_role("button", name="Apply").click()
    expect(ui.locator("[data-posting-questions]")).to_have_count(0)
    chip = ui.locator(f'[data-constraint="{UNSURE_FINDING}"]')
    expect(chip).to_contain_text("you said so")
    screenshot(ui, "posting-question-applied", request)
    expect(ui.locator('[data-rule="no_phone_calls"]')).to_have_text(
        "You said: no phone calls, so phone is never offered."
    )
    stored = call_api(ui, "GET", f"/applications/{app['id']}")
    assert stored[UNSURE_FINDING] is True and stored["user_set"] == [UNSURE_FINDING]

    # Overridden the other way, it shows as dismissed, and a new text does not ask again.
    chip.get_by_role("button", name="Turn off").click()
    expect(ui.locator(f'[data-dismissed-finding="{UNSURE_FINDING}"]')).to_be_visible()
    call_api(ui, "PATCH", f"/applications/{app['id']}", {"posting_text": UNSURE + " Thanks!"})
    ui.reload()
    expect(ui.locator(f'[data-dismissed-finding="{UNSURE_FINDING}"]')).to_be_visible()
    expect(ui.locator("[data-posting-questions]")).to_have_count(0)


def test_dismissing_a_question_keeps_the_finding_off(ui: Page) -> None:
    sign_up(ui)
    body = {"company": "Initech", "position": "Dev", "applied_on": "2026-03-02"}
    app = call_api(ui, "POST", "/applications", {**body, "posting_text": UNSURE})
    open_application(ui, app)
    ui.locator(f'[data-question="{UNSURE_FINDING}"]').get_by_role("button", name="Dismiss").click()
    expect(ui.locator("[data-posting-questions]")).to_have_count(0)
    expect(ui.locator(f'[data-dismissed-finding="{UNSURE_FINDING}"]')).to_be_visible()
    assert call_api(ui, "GET", f"/applications/{app['id']}")[UNSURE_FINDING] is False


def test_the_page_shows_the_closing_window_and_a_posting_not_in_english(ui: Page) -> None:
    sign_up(ui)
    body = {"company": "Globex", "position": "Dev", "applied_on": "2026-03-02"}
    app = call_api(ui, "POST", "/applications", {**body, "posting_text": CLOSING})
    open_application(ui, app)
    expect(ui.locator('[data-constraint="response_window"]')).to_contain_text(
        "within 4 weeks of the closing date"
    )
    expect(ui.locator('[data-rule="closing_date"]')).to_contain_text(
        "within 4 weeks of the closing date (March 15, 2026)"
    )
    german = call_api(ui, "POST", "/applications", {**body, "posting_text": GERMAN})
    open_application(ui, german)
    expect(ui.locator('[data-posting-language="de"]')).to_contain_text("English")
