"""The board (moves by keyboard and by drag record the implied event and change the plan) and
the list (its view in the URL; bulk delete with undo), at desktop and phone width."""

import os
import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlmodel import Session

from app.auth.service import today_for
from tests.browser.conftest import call_api, screenshot, sign_up
from tests.browser.today_seed import user_by_email
from tests.factories import make_application

pytestmark = pytest.mark.browser

EMAIL = "alex@example.com"
DOCS = Path(__file__).resolve().parents[3] / "docs"
WIDTHS = pytest.mark.parametrize("width", [1200, 375], ids=["desktop", "phone"])


def seed(ui: Page, db: Session, *companies: str) -> dict[str, int]:
    user = user_by_email(db, EMAIL)
    today = today_for(user)
    ids = {}
    for i, company in enumerate(companies):
        applied = today - timedelta(days=3 + 7 * i)
        ids[company] = make_application(db, user, company=company, applied_on=applied).id
    return ids


def card(ui: Page, company: str) -> Locator:
    return ui.locator(".board-card").filter(has_text=company)


def navigate(ui: Page, name: str) -> None:
    """Follow a navigation link; at phone width the links are behind the Menu button."""
    menu = ui.get_by_role("button", name="Menu")
    if menu.is_visible():
        menu.click()
    ui.get_by_role("link", name=name, exact=True).click()


def column(ui: Page, status: str) -> Locator:
    return ui.locator(f'[data-column="{status}"]')


@WIDTHS
def test_board_moves_by_keyboard_and_by_drag_record_the_event_and_change_the_plan(
    ui: Page, db: Session, width: int, request: pytest.FixtureRequest
) -> None:
    ui.set_viewport_size({"width": width, "height": 860})
    sign_up(ui)
    ids = seed(ui, db, "Lumen Health", "Globex")
    navigate(ui, "Board")
    expect(column(ui, "applied")).to_contain_text("Lumen Health")
    due_before = card(ui, "Lumen Health").locator("[data-due]").text_content()
    assert due_before and due_before.startswith("Next follow-up")

    # The keyboard: Move to…, arrow down to Rejected, Enter.
    move = ui.get_by_role("button", name="Move Lumen Health, Engineer to…")
    move.focus()
    ui.keyboard.press("Enter")
    menu = ui.get_by_role("menu", name="Move Lumen Health, Engineer to")
    expect(menu).to_be_visible()
    for _ in range(5):
        if ui.evaluate("document.activeElement.textContent") == "Rejected":
            break
        ui.keyboard.press("ArrowDown")
    ui.keyboard.press("Enter")
    expect(column(ui, "rejected")).to_contain_text("Lumen Health")
    expect(ui.get_by_role("button", name="Move Lumen Health, Engineer to…")).to_be_focused()
    events = call_api(ui, "GET", f"/applications/{ids['Lumen Health']}/events")
    assert [e["kind"] for e in events] == ["applied", "rejection"]
    assert call_api(ui, "GET", f"/applications/{ids['Lumen Health']}/plan")["state"] == (
        "post_rejection"
    )

    # The mouse: drag Globex's card onto Interviewing.
    card(ui, "Globex").drag_to(column(ui, "interviewing"))
    expect(column(ui, "interviewing")).to_contain_text("Globex")
    expect(column(ui, "interviewing").locator("[data-count]")).to_have_text("1")
    events = call_api(ui, "GET", f"/applications/{ids['Globex']}/events")
    assert [e["kind"] for e in events] == ["applied", "interview"]
    plan = call_api(ui, "GET", f"/applications/{ids['Globex']}/plan")
    assert (plan["state"], plan["due_on"]) == ("responded", None)
    expect(card(ui, "Globex").locator("[data-due]")).to_have_text("Nothing scheduled")
    assert call_api(ui, "GET", f"/applications/{ids['Globex']}")["status"] == "interviewing"
    shot = screenshot(ui, f"board-{width}", request)  # TOUCHBASE_DOCS_SCREENSHOTS=1: to docs/
    if os.environ.get("TOUCHBASE_DOCS_SCREENSHOTS"):
        shutil.copy(shot, DOCS / f"board-{'desktop' if width > 400 else 'phone'}.png")


@WIDTHS
def test_the_lists_view_lives_in_the_url_through_reload_and_back(
    ui: Page, db: Session, width: int
) -> None:
    ui.set_viewport_size({"width": width, "height": 860})
    sign_up(ui)
    ids = seed(ui, db, "Lumen Health", "Globex", "Initech")
    call_api(ui, "POST", f"/applications/{ids['Initech']}/status", {"status": "offer"})
    user = user_by_email(db, EMAIL)
    make_application(db, user, company="Umbrella", notes="met the Lumen recruiter")
    navigate(ui, "Applications")
    expect(ui.locator("[data-total]")).to_have_text("4 applications")
    ui.get_by_label("Status").select_option("applied")
    expect(ui.locator("[data-total]")).to_have_text("2 applications")
    ui.get_by_label("Sort").select_option("next_due_on")
    expect(ui).to_have_url(re.compile(r"#/applications\?status=applied&sort=next_due_on$"))
    rows = ui.locator("[data-list] .row-title")
    expect(rows).to_have_text(["Globex", "Lumen Health"])  # Globex applied first: due first
    ui.reload()
    expect(ui.get_by_label("Status")).to_have_value("applied")
    expect(ui.get_by_label("Sort")).to_have_value("next_due_on")
    expect(rows).to_have_text(["Globex", "Lumen Health"])
    ui.go_back()
    expect(ui.get_by_label("Sort")).to_have_value("-updated_at")
    expect(ui.get_by_label("Status")).to_have_value("applied")
    ui.go_back()
    expect(ui.get_by_label("Status")).to_have_value("")
    expect(ui.locator("[data-total]")).to_have_text("4 applications")
    ui.go_forward()
    expect(ui.get_by_label("Status")).to_have_value("applied")
    # Search reads notes too, and a shared link shows the same list.
    ui.goto(ui.url.split("#")[0] + "#/applications?q=lumen")
    expect(ui.get_by_label("Search")).to_have_value("lumen")
    expect(rows).to_have_text(["Umbrella", "Lumen Health"])


@WIDTHS
def test_bulk_delete_then_undo(ui: Page, db: Session, width: int) -> None:
    ui.set_viewport_size({"width": width, "height": 860})
    sign_up(ui)
    ids = seed(ui, db, "Lumen Health", "Globex", "Initech")
    navigate(ui, "Applications")
    expect(ui.locator("[data-total]")).to_have_text("3 applications")
    ui.get_by_label("Select Lumen Health, Engineer").check()
    ui.get_by_label("Select Globex, Engineer").check()
    bar = ui.get_by_role("region", name="Selected applications")
    expect(bar).to_contain_text("2 selected")
    bar.get_by_role("button", name="Delete").click()
    expect(ui.locator("[data-total]")).to_have_text("1 application")
    expect(ui.locator("[data-list] .row-title")).to_have_text(["Initech"])
    today = call_api(ui, "GET", "/follow-ups/today")
    shown = {i["application"]["id"] for g in today["groups"] for i in g["items"]}
    assert not shown & {ids["Lumen Health"], ids["Globex"]}  # gone from Today at once
    ui.locator('[data-undo-toast] [data-action="undo"]').click()
    expect(ui.locator("[data-undo-toast]")).to_have_text("Undone.")
    expect(ui.locator("[data-total]")).to_have_text("3 applications")
    assert call_api(ui, "GET", "/applications")["total"] == 3
