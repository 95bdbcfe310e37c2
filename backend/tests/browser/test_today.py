"""Today as an inbox: one request however many applications, actions with undo, both widths."""

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, Request, expect
from sqlmodel import Session, select

from app.applications.models import Application
from app.auth.service import today_for
from tests.browser.conftest import call_api, screenshot, sign_up
from tests.browser.today_seed import seed, user_by_email
from tests.conftest import LiveServer
from tests.factories import make_application

pytestmark = pytest.mark.browser

EMAIL = "alex@example.com"
DOCS = Path(__file__).resolve().parents[3] / "docs"
WIDTHS = pytest.mark.parametrize("width", [1200, 375], ids=["desktop", "phone"])


def api_requests(page: Page, action) -> list[str]:  # type: ignore[no-untyped-def]
    """The API requests the page makes while `action` runs and until the network is quiet."""
    seen: list[str] = []

    def note(req: Request) -> None:
        if "/api/" in req.url:
            seen.append(f"{req.method} {req.url.split('/api/v1', 1)[-1]}")

    page.on("request", note)
    # A hash navigation is already "loaded": wait for Today's own answer, then for quiet.
    with page.expect_response(lambda r: "/follow-ups/today" in r.url):
        action()
    page.wait_for_timeout(300)
    page.wait_for_load_state("networkidle")
    page.remove_listener("request", note)
    return seen


def group(page: Page, key: str) -> Locator:
    return page.locator(f'[data-group="{key}"]')


def item(page: Page, company: str) -> Locator:
    return page.locator("[data-application-id]").filter(has_text=company)


def test_today_loads_in_one_request_for_50_and_500_applications(
    ui: Page, db: Session, live: LiveServer
) -> None:
    sign_up(ui)
    user = user_by_email(db, EMAIL)
    today = today_for(user)
    counts = {}
    for total, start in ((50, 0), (500, 50)):
        seed(db, user, total - start, today, start=start)
        ui.get_by_role("link", name="Settings").click()
        expect(ui.get_by_role("heading", name="Settings")).to_be_visible()
        ui.wait_for_load_state("networkidle")
        navigate = api_requests(ui, lambda: ui.get_by_role("link", name="Today").click())
        expect(group(ui, "past_window")).to_be_visible()
        cold = api_requests(ui, ui.reload)
        expect(group(ui, "past_window")).to_be_visible()
        counts[total] = (navigate, cold)
        shown = ui.locator('[data-group="past_window"] [data-count]').text_content()
        assert shown is not None and int(shown) > total // 5
    print(f"\nToday's API requests: {counts}")
    for navigate, cold in counts.values():
        assert navigate == ["GET /follow-ups/today"]
        assert [r for r in cold if "/follow-ups" in r] == ["GET /follow-ups/today"]
        assert len(cold) == 3  # with the session (/me) and the vocabulary every page loads
    # The navigation counts what is due now; another page asks for it once.
    nav = ui.locator("[data-due-count]")
    expect(nav).to_be_visible()
    summary = ui.locator("[data-summary]").text_content() or ""
    assert summary.startswith(f"{(nav.text_content() or '').split(' ')[0]} due now")


def seed_small(db: Session, ui: Page) -> None:
    user = user_by_email(db, EMAIL)
    today = today_for(user)
    # Lumen applied 10 days ago: due by yesterday whatever the weekday (a due day moved off a
    # weekend is at most 2 days later), so a send recorded yesterday counts.
    for company, days in [("Lumen Health", 10), ("Brightline", 2), ("Acme Robotics", 45)]:
        make_application(
            db, user, company=company, position="Analyst", applied_on=today - timedelta(days)
        )
    for company, days in [("Globex", 50), ("Initech", 60)]:
        make_application(
            db, user, company=company, position="Engineer", applied_on=today - timedelta(days)
        )
    ui.reload()


@WIDTHS
def test_mark_sent_with_its_date_and_undo_and_the_too_late_reason(
    ui: Page, db: Session, width: int, request: pytest.FixtureRequest
) -> None:
    ui.set_viewport_size({"width": width, "height": 860})
    sign_up(ui)
    seed_small(db, ui)
    lumen = item(ui, "Lumen Health")
    expect(group(ui, "due_now")).to_contain_text("Lumen Health")
    lumen.locator("summary").click()  # the reason on expand
    expect(lumen.locator("[data-reason]")).to_contain_text("You applied on")
    lumen.get_by_role("button", name="Mark sent").click()
    sent_on = lumen.get_by_label("Sent on")
    today = today_for(user_by_email(db, EMAIL))
    expect(sent_on).to_have_value(today.isoformat())
    sent_on.fill((today - timedelta(days=1)).isoformat())
    lumen.get_by_role("button", name="Record").click()
    expect(item(ui, "Lumen Health")).to_have_count(0)
    assert call_api(ui, "GET", "/follow-ups/today/counts")["due_now"] == 0
    events = call_api(ui, "GET", f"/applications/{lumen_id(db)}/events")
    sent = [e for e in events if e["kind"] == "follow_up"]
    assert [e["occurred_on"] for e in sent] == [(today - timedelta(days=1)).isoformat()]
    ui.locator('[data-undo-toast] [data-action="undo"]').click()
    expect(ui.locator("[data-undo-toast]")).to_have_text("Undone.")
    expect(group(ui, "due_now")).to_contain_text("Lumen Health")
    events = call_api(ui, "GET", f"/applications/{lumen_id(db)}/events")
    assert [e for e in events if e["kind"] == "follow_up"] == []

    # Too late: the policy refuses, and a reason records it anyway.
    acme = item(ui, "Acme Robotics")
    acme.get_by_role("button", name="Mark sent").click()
    acme.get_by_role("button", name="Record").click()
    refusal = acme.locator('[data-refusal="too-late"]')
    expect(refusal).to_be_visible()
    acme.get_by_role("button", name="Record with this reason").click()
    expect(refusal).to_contain_text("Give a reason")
    screenshot(ui, f"today-too-late-{width}", request, full_page=False)
    refusal.get_by_label("Say why").fill("They asked me to check in this week.")
    refusal.get_by_role("button", name="Record with this reason").click()
    expect(item(ui, "Acme Robotics")).to_have_count(0)


def lumen_id(db: Session) -> int:
    db.expire_all()
    return db.exec(select(Application.id).where(Application.company == "Lumen Health")).one()  # type: ignore[return-value]


@WIDTHS
def test_snooze_and_archive_leave_today_and_undo_brings_them_back(
    ui: Page, db: Session, width: int
) -> None:
    ui.set_viewport_size({"width": width, "height": 860})
    sign_up(ui)
    seed_small(db, ui)
    today = today_for(user_by_email(db, EMAIL))
    lumen = item(ui, "Lumen Health")
    lumen.get_by_role("button", name="Snooze").click()
    until = lumen.get_by_label("Snooze until")
    expect(until).to_have_value((today + timedelta(days=7)).isoformat())
    until.fill((today + timedelta(days=3)).isoformat())
    lumen.get_by_role("button", name="Snooze", exact=True).last.click()
    expect(item(ui, "Lumen Health")).to_have_count(0)
    expect(ui.locator("[data-summary]")).to_contain_text("1 snoozed")
    ui.locator('[data-undo-toast] [data-action="undo"]').click()
    expect(group(ui, "due_now")).to_contain_text("Lumen Health")
    assert call_api(ui, "GET", "/follow-ups/today/counts")["snoozed"] == 0

    item(ui, "Brightline").get_by_role("button", name="Archive").click()
    expect(item(ui, "Brightline")).to_have_count(0)
    expect(ui.locator("[data-undo-toast]")).to_contain_text("Archived Brightline")
    ui.locator('[data-undo-toast] [data-action="undo"]').click()
    expect(group(ui, "waiting")).to_contain_text("Brightline")
    apps = call_api(ui, "GET", "/applications")["items"]
    assert not next(a for a in apps if a["company"] == "Brightline")["archived"]


@WIDTHS
def test_archive_all_past_the_window_in_one_action_and_undo(
    ui: Page, db: Session, width: int, request: pytest.FixtureRequest
) -> None:
    ui.set_viewport_size({"width": width, "height": 860})
    sign_up(ui)
    seed_small(db, ui)
    past = group(ui, "past_window")
    expect(past.locator("[data-application-id]")).to_have_count(3)
    screenshot(ui, f"today-small-{width}", request)
    calls = []
    ui.on("request", lambda r: calls.append(r.url) if "archive-past-window" in r.url else None)
    past.get_by_role("button", name="Archive all 3").click()
    expect(past).to_have_count(0)
    assert len(calls) == 1
    expect(ui.locator("[data-undo-toast]")).to_contain_text("Archived 3 applications")
    expect(group(ui, "due_now")).to_contain_text("Lumen Health")
    ui.locator('[data-undo-toast] [data-action="undo"]').click()
    expect(past.locator("[data-application-id]")).to_have_count(3)


def test_the_empty_state_says_when_the_next_item_falls_due(ui: Page, db: Session) -> None:
    sign_up(ui)
    expect(ui.locator("[data-empty]")).to_contain_text("Nothing scheduled yet")
    user = user_by_email(db, EMAIL)
    make_application(db, user, company="Brightline", position="Analyst", applied_on=today_for(user))
    ui.reload()
    expect(ui.locator('[data-group="due_now"] [data-next]')).to_contain_text(
        "The next follow-up falls due"
    )
    call_api(ui, "POST", "/follow-ups/today/archive-past-window")
    apps = call_api(ui, "GET", "/applications")["items"]
    call_api(ui, "PATCH", f"/applications/{apps[0]['id']}", {"archived": True})
    ui.reload()
    expect(ui.locator("[data-empty]")).to_be_visible()


def test_today_at_fifty_applications_desktop_and_phone(
    ui: Page, db: Session, request: pytest.FixtureRequest
) -> None:
    """The docs' screenshots (TOUCHBASE_DOCS_SCREENSHOTS=1 writes them to docs/)."""
    ui.set_viewport_size({"width": 1200, "height": 1400})
    sign_up(ui)
    user = user_by_email(db, EMAIL)
    seed(db, user, 50, today_for(user))
    ui.reload()
    expect(group(ui, "past_window")).to_be_visible()
    lines = ui.locator(".today-line")
    first = lines.first.bounding_box()
    assert first is not None and first["height"] < 40  # one line per item on a laptop
    item(ui, "Lumen Health").locator("summary").click()
    desktop = screenshot(ui, "today-desktop", request, full_page=False)
    ui.set_viewport_size({"width": 375, "height": 812})
    expect(ui.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    assert ui.evaluate("document.documentElement.scrollWidth") <= 375  # nothing runs off
    phone = screenshot(ui, "today-phone", request, full_page=False)
    if os.environ.get("TOUCHBASE_DOCS_SCREENSHOTS"):
        shutil.copy(desktop, DOCS / "today-desktop.png")
        shutil.copy(phone, DOCS / "today-phone.png")


def test_marking_an_ask_sent_records_that_ask_and_undo_removes_it(ui: Page, db: Session) -> None:
    sign_up(ui)
    user = user_by_email(db, EMAIL)
    today = today_for(user)
    app = make_application(
        db, user, company="Northwind", position="Analyst", applied_on=today - timedelta(20)
    )
    rejection = {"kind": "rejection", "occurred_on": (today - timedelta(2)).isoformat()}
    call_api(ui, "POST", f"/applications/{app.id}/events", rejection)
    ui.reload()
    ask = item(ui, "Northwind")
    expect(ask).to_contain_text("Ask for feedback")
    ask.get_by_role("button", name="Mark sent").click()
    ask.get_by_role("button", name="Record").click()
    expect(item(ui, "Northwind")).to_contain_text("Ask for an informational interview")
    kinds = [e["kind"] for e in call_api(ui, "GET", f"/applications/{app.id}/events")]
    assert kinds.count("feedback_request") == 1
    ui.locator('[data-undo-toast] [data-action="undo"]').click()
    expect(item(ui, "Northwind")).to_contain_text("Ask for feedback")
    kinds = [e["kind"] for e in call_api(ui, "GET", f"/applications/{app.id}/events")]
    assert "feedback_request" not in kinds
