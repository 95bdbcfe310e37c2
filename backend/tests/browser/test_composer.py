"""The follow-up composer: it warns before recording against the plan, asks the day it was
sent, blocks unfilled placeholders, lays a call out as a script, and writes the asks after a
rejection by email or by phone."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import call_api, fill_in_the_brackets, screenshot, sign_up

pytestmark = pytest.mark.browser

WIDTHS = pytest.mark.parametrize("width", [1200, 375], ids=["desktop", "phone"])
FIT_HINT = "[One sentence on why you fit"


def ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def compose(ui: Page, fields: dict, width: int = 1200, query: str = "") -> dict:
    """Sign up, make an application, and open its follow-up screen."""
    ui.set_viewport_size({"width": width, "height": 900})
    sign_up(ui)
    # Applied 10 days ago: due 3 days ago, so even a due day moved off a weekend (2 days at
    # most) is before yesterday, the day the tests record a send on, whatever the weekday.
    body = {"company": "Fabrikam", "position": "Analyst", "applied_on": ago(10), **fields}
    app: dict = call_api(ui, "POST", "/applications", body)
    ui.goto(f"{ui.url.split('#')[0]}#/applications/{app['id']}/follow-up{query}")
    expect(ui.locator("[data-composer] h2")).to_be_visible()
    return app


def recorded(ui: Page, app: dict, kind: str = "follow_up") -> list[dict]:
    events = call_api(ui, "GET", f"/applications/{app['id']}/events")
    return [e for e in events if e["kind"] == kind]


@pytest.mark.parametrize(
    ("fields", "state", "says"),
    [
        ({"applied_on": ago(60)}, "too_late", "The window closed on"),
        ({"status": "withdrawn"}, "closed", "You withdrew this application"),
        ({"applied_on": ago(2)}, "waiting", "The follow-up is due on"),
    ],
    ids=["too late", "closed", "too early"],
)
def test_the_composer_warns_before_recording_against_the_plan(
    ui: Page, fields: dict, state: str, says: str
) -> None:
    app = compose(ui, dict(fields))
    warning = ui.locator(f'[data-plan-warning="{state}"]')
    expect(warning).to_be_visible()  # before any click
    expect(warning).to_contain_text(says)
    expect(warning).to_contain_text("you will be asked why")
    fill_in_the_brackets(ui)
    ui.locator('[data-action="mark-sent"]').click()
    expect(ui.locator("[data-refusal] [data-override-reason]")).to_be_visible()
    assert recorded(ui, app) == []


def test_no_warning_when_the_follow_up_is_due(ui: Page) -> None:
    app = compose(ui, {})
    expect(ui.locator("[data-message-body]")).not_to_have_value("")
    expect(ui.locator("[data-plan-warning]")).to_have_count(0)
    fill_in_the_brackets(ui)
    ui.locator('[data-action="mark-sent"]').click()
    expect(ui.locator("[data-sent]")).to_be_visible()
    assert len(recorded(ui, app)) == 1


@WIDTHS
def test_mark_as_sent_asks_the_day_today_by_default_never_a_future_one(
    ui: Page, width: int
) -> None:
    app = compose(ui, {}, width)
    sent_on = ui.get_by_label("Sent on")
    today = date.today()
    expect(sent_on).to_have_value(today.isoformat())
    expect(sent_on).to_have_attribute("max", today.isoformat())
    fill_in_the_brackets(ui)
    send = ui.locator('[data-action="mark-sent"]')
    sent_on.fill((today + timedelta(days=1)).isoformat())
    send.click()
    expect(ui.locator('[data-error-for="sent_on"]')).to_contain_text("has not come yet")
    expect(sent_on).to_have_attribute("aria-invalid", "true")
    assert recorded(ui, app) == []

    yesterday = (today - timedelta(days=1)).isoformat()
    sent_on.fill(yesterday)
    send.click()
    expect(ui.locator("[data-sent]")).to_be_visible()
    expect(ui.locator('[data-error-for="sent_on"]')).to_be_hidden()
    assert [e["occurred_on"] for e in recorded(ui, app)] == [yesterday]


@WIDTHS
def test_unfilled_placeholders_block_sending_and_are_named(
    ui: Page, width: int, request: pytest.FixtureRequest
) -> None:
    app = compose(ui, {}, width)
    body = ui.locator("[data-message-body]")
    expect(body).to_have_value(re.compile(re.escape(FIT_HINT)))
    expect(ui.locator("[data-to-fill]")).to_contain_text(FIT_HINT)  # said before sending
    blocked = ui.locator("[data-unfilled]")
    ui.locator('[data-action="mailto"]').click()  # not opened in the mail program either
    expect(blocked).to_contain_text("One placeholder is not filled in")
    ui.locator("[data-outcome]").evaluate("el => el.replaceChildren()")
    send = ui.locator('[data-action="mark-sent"]')
    send.click()
    expect(blocked).to_contain_text("One placeholder is not filled in")
    expect(blocked.locator("[data-placeholder]")).to_contain_text(FIT_HINT)
    screenshot(ui, f"composer-unfilled-{width}", request, full_page=False)
    assert recorded(ui, app) == []

    # A variable typed by hand is not filled in either, in the subject or the body.
    fill_in_the_brackets(ui, "I cut reporting time by 40%. Best, {{ hiring_manager }}")
    ui.locator("[data-message-subject]").fill("Following up {{ position_title }}")
    send.click()
    expect(blocked).to_contain_text("2 placeholders are not filled in")
    expect(blocked.locator("[data-placeholder]")).to_have_text(
        ["{{ position_title }}", "{{ hiring_manager }}"]
    )
    assert recorded(ui, app) == []

    ui.locator("[data-message-subject]").fill("Following up on my application")
    body.fill(body.input_value().replace("{{ hiring_manager }}", "Alex"))
    expect(ui.locator("[data-to-fill]")).to_be_hidden()
    send.click()
    expect(ui.locator("[data-sent]")).to_be_visible()
    assert [e["subject"] for e in recorded(ui, app)] == ["Following up on my application"]


@WIDTHS
def test_the_phone_script_reads_as_a_call_with_a_voicemail(
    ui: Page, width: int, request: pytest.FixtureRequest
) -> None:
    ui.set_viewport_size({"width": width, "height": 900})
    sign_up(ui)
    body = {"company": "Fabrikam", "position": "Analyst", "applied_on": ago(10)}
    app = call_api(ui, "POST", "/applications", body)
    contact = {"name": "Jordan Lee", "phone": "+1 555 010 0100"}
    call_api(ui, "POST", f"/applications/{app['id']}/contacts", contact)
    call_api(ui, "PATCH", "/me", {"phone": "+1 555 010 0199"})
    ui.goto(f"{ui.url.split('#')[0]}#/applications/{app['id']}/follow-up?channel=phone")

    composer = ui.locator("[data-composer]")
    expect(composer.get_by_role("heading", name="Your call")).to_be_visible()
    script = composer.locator("[data-phone-script]")
    call = script.locator('[data-script-part="call"]')
    voicemail = script.locator('[data-script-part="voicemail"]')
    expect(call.get_by_role("heading")).to_have_text("Call")
    expect(call.locator("[data-direction]").first).to_contain_text("Ask for Jordan Lee.")
    greeting = call.locator('[data-say="1"]')
    expect(greeting).to_contain_text("Hello Jordan, this is Alex Morgan.")  # who you are
    expect(call.locator("[data-say]").filter(has_text="Is the position still open?")).to_have_count(
        1
    )
    expect(voicemail.get_by_role("heading")).to_have_text("Voicemail (if no one answers)")
    expect(voicemail.locator("[data-say]")).to_contain_text("my number is +1 555 010 0199")
    # A call, not an email: no subject, no mail program; the number to dial.
    expect(composer.get_by_label("Subject")).to_have_count(0)
    expect(composer.locator('[data-action="mailto"]')).to_have_count(0)
    expect(composer.locator('[data-action="call"]')).to_have_attribute("href", "tel:+15550100100")
    expect(script).not_to_contain_text("[")  # stage directions lose their brackets
    assert ui.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(ui, f"phone-script-{width}", request)

    # Edited, the script follows; the directions are not placeholders to fill.
    composer.get_by_text("Edit the script").click()
    text = composer.get_by_label("Call script")
    text.fill(text.input_value().replace("Thank you for your time.", "Thanks a lot for your time."))
    expect(call.locator("[data-say]").filter(has_text="Thanks a lot")).to_have_count(1)
    composer.get_by_role("button", name="Mark as called").click()
    expect(ui.locator("[data-sent]")).to_be_visible()
    sent = recorded(ui, app)
    assert [e["channel"] for e in sent] == ["phone"] and sent[0]["subject"] is None
    assert "Thanks a lot for your time." in sent[0]["body"]


def reject(ui: Page, app: dict) -> None:
    rejection = {"kind": "rejection", "occurred_on": ago(1)}
    call_api(ui, "POST", f"/applications/{app['id']}/events", rejection)


@WIDTHS
@pytest.mark.parametrize(
    ("kind", "event", "says"),
    [
        ("feedback_request", "feedback_request", "What would have made me a stronger candidate?"),
        ("informational_interview", "informational_interview_request", "20-minute conversation"),
        ("future_openings", "future_openings_request", "keep me in mind for future openings"),
    ],
    ids=["feedback", "informational interview", "future openings"],
)
def test_after_a_rejection_each_ask_can_be_made_by_phone(
    ui: Page, width: int, kind: str, event: str, says: str, request: pytest.FixtureRequest
) -> None:
    ui.set_viewport_size({"width": width, "height": 900})
    sign_up(ui)
    body = {"company": "Fabrikam", "position": "Analyst", "applied_on": ago(20)}
    app = call_api(ui, "POST", "/applications", body)
    reject(ui, app)
    ui.goto(f"{ui.url.split('#')[0]}#/applications/{app['id']}")
    ui.locator(f'[data-next-steps] [data-step="{kind}"] a').click()
    composer = ui.locator("[data-composer]")
    expect(composer.get_by_label("Email")).to_be_checked()  # email first, phone offered
    expect(ui.locator('[data-channel="phone"]')).to_have_attribute("data-allowed", "true")
    expect(ui.locator("[data-plan-warning]")).to_have_count(0)
    composer.get_by_label("Phone").check()
    script = composer.locator("[data-phone-script]")
    expect(script.locator('[data-script-part="call"]')).to_contain_text(says)
    expect(script.locator('[data-script-part="voicemail"]')).to_be_visible()
    expect(composer.get_by_label("Subject")).to_have_count(0)
    screenshot(ui, f"ask-by-phone-{kind}-{width}", request)
    composer.get_by_label("Called on").fill(ago(0))
    composer.get_by_role("button", name="Mark as called").click()
    expect(ui.locator("[data-sent]")).to_be_visible()
    made = recorded(ui, app, event)
    assert [(e["channel"], e["occurred_on"]) for e in made] == [("phone", ago(0))]
    # Made once: the plan moves on, and this ask is no longer among its steps.
    plan = call_api(ui, "GET", f"/applications/{app['id']}/plan")
    assert kind not in [s["template_kind"] for s in plan["next_steps"]]


def test_no_phone_calls_leaves_the_asks_to_email_with_the_reason(ui: Page) -> None:
    app = compose(ui, {"applied_on": ago(20), "no_phone_calls": True})
    reject(ui, app)
    ui.goto(f"{ui.url.split('#')[0]}#/applications/{app['id']}/follow-up?kind=feedback_request")
    expect(ui.get_by_role("heading", name="Ask for feedback")).to_be_visible()
    phone = ui.locator('[data-channel="phone"]')
    expect(phone).to_have_attribute("data-allowed", "false")
    expect(phone.locator("[data-off-reason]")).to_contain_text("no phone calls")
    expect(ui.get_by_label("Email")).to_be_checked()
    expect(ui.locator("[data-message-subject]")).to_have_value("Request for feedback: Analyst")
    ui.locator('[data-action="mark-sent"]').click()
    expect(ui.locator("[data-sent]")).to_be_visible()
    assert [e["channel"] for e in recorded(ui, app, "feedback_request")] == ["email"]


def test_an_ask_already_made_is_warned_about(ui: Page) -> None:
    app = compose(ui, {"applied_on": ago(20)})
    reject(ui, app)
    asked = {"kind": "feedback_request", "occurred_on": ago(0), "channel": "email"}
    call_api(ui, "POST", f"/applications/{app['id']}/events", asked)
    ui.goto(f"{ui.url.split('#')[0]}#/applications/{app['id']}/follow-up?kind=feedback_request")
    expect(ui.locator('[data-plan-warning="post_rejection"]')).to_contain_text("Already asked")
