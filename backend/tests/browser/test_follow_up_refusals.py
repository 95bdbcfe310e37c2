"""Recording a follow-up the plan says is too late, closed or blocked: the page shows the
refusal with its reason and asks why, as for too early; with a reason it is recorded."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import call_api, fill_in_the_brackets, sign_up

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("fields", "slug", "reason"),
    [
        ({"applied_days_ago": 60}, "too-late", "window for this follow-up closed"),
        ({"status": "withdrawn"}, "plan-closed", "You withdrew this application"),
        ({"no_contact": True}, "contact-forbidden", "not to contact the employer"),
    ],
    ids=["too late", "closed", "blocked"],
)
def test_a_refused_follow_up_is_recorded_with_a_reason(
    ui: Page, fields: dict, slug: str, reason: str
) -> None:
    sign_up(ui)
    fields = dict(fields)  # the parameters are shared by every database's run
    applied = date.today() - timedelta(days=fields.pop("applied_days_ago", 10))
    body = {"company": "Fabrikam", "position": "Analyst", "applied_on": applied.isoformat()}
    app = call_api(ui, "POST", "/applications", {**body, **fields})
    ui.goto(ui.url.split("#")[0] + f"#/applications/{app['id']}/follow-up")
    fill_in_the_brackets(ui)

    ui.locator('[data-action="mark-sent"]').click()
    refusal = ui.locator(f'[data-refusal="{slug}"]')
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text(reason)
    # A blank reason is not a reason.
    refusal.locator('[data-action="override"]').click()
    expect(refusal.locator('[data-error-for="override_reason"]')).to_be_visible()
    refusal.locator("[data-override-reason]").fill("The recruiter asked me to write")
    refusal.locator('[data-action="override"]').click()
    expect(ui.locator("[data-sent]")).to_be_visible()

    timeline = call_api(ui, "GET", f"/applications/{app['id']}/events")
    recorded = [e for e in timeline if e["kind"] == "follow_up"]
    assert [e["override_reason"] for e in recorded] == ["The recruiter asked me to write"]
