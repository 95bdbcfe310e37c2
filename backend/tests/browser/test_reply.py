"""Paste a reply: the proposed event with its evidence, edited and recorded in one click."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import call_api, screenshot, sign_up

pytestmark = pytest.mark.browser

REPLY = (
    "Hi [Name], thank you for applying. Although we were impressed with your background, we"
    " have decided to move forward with other candidates. We will keep your resume on file"
    " for future openings."
)


def test_a_pasted_reply_is_proposed_with_evidence_edited_and_recorded(
    ui: Page, request: pytest.FixtureRequest
) -> None:
    sign_up(ui)
    body = {"company": "Initech", "position": "Dev", "applied_on": "2026-03-02"}
    app = call_api(ui, "POST", "/applications", body)
    ui.goto(f"{ui.url.split('#')[0]}#/applications/{app['id']}")
    card = ui.locator("[data-paste-reply]")
    card.get_by_text("Paste a reply").click()
    card.get_by_label("The employer's reply").fill(REPLY)
    card.get_by_role("button", name="Read it").click()

    proposal = ui.locator('[data-form="reply-proposal"]')
    expect(proposal).to_contain_text("Proposed: Rejection")
    marks = proposal.locator("[data-reply-evidence] mark")
    expect(marks.first).to_have_text(
        "Although we were impressed with your background, we have decided to move forward"
        " with other candidates."
    )
    expect(marks).to_have_count(2)
    expect(proposal.get_by_label("They keep you in mind for future openings")).to_be_checked()
    screenshot(ui, "reply-proposal", request)
    proposal.get_by_role("button", name="Record it").click()

    event = ui.locator('[data-event-kind="rejection"]')
    expect(event).to_be_visible()
    reply = event.locator("[data-reply-text]")
    expect(reply.locator("p")).to_be_hidden()  # collapsed
    reply.get_by_text("The reply").click()
    expect(reply.locator("p")).to_have_text(REPLY)
    stored = call_api(ui, "GET", f"/applications/{app['id']}")
    assert stored["status"] == "rejected"
    events = call_api(ui, "GET", f"/applications/{app['id']}/events")
    assert events[-1]["answered_asks"] == ["future_openings_request"]
    assert events[-1]["reply_text"] == REPLY
