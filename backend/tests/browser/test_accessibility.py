"""axe-core on every screen, at desktop and phone width: no serious or critical violation,
headings in order, every scrollable region focusable."""

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import call_api, sign_up
from tests.conftest import LiveServer

pytestmark = pytest.mark.browser

AXE = Axe()
BLOCKING = {"serious", "critical"}
ALWAYS = {"heading-order", "scrollable-region-focusable"}  # whatever axe's impact for them
WIDTHS = ({"width": 1200, "height": 860}, {"width": 375, "height": 740})


def problems(page: Page, where: str) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):  # once per document: it is 500 KB
        page.evaluate(AXE.axe_script)
    found: list[dict[str, Any]] = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)"
    )
    return [
        f"{where}: {v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(n["target"]) for n in v["nodes"][:3])
        for v in found
        if v["impact"] in BLOCKING or v["id"] in ALWAYS
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_screen_passes_axe_at_desktop_and_phone_width(
    browser: Browser, browser_context_args: dict[str, Any], live: LiveServer, scheme: str
) -> None:
    # axe adds inline styles as it works, which the app's CSP refuses (and logs): this page
    # lets them be, and still fails on any script error of the app's own. The system's colour
    # scheme is emulated: dark mode follows it (contrast is among axe's serious checks).
    context = browser.new_context(**browser_context_args, bypass_csp=True, color_scheme=scheme)
    ui = context.new_page()
    errors: list[str] = []
    ui.on("pageerror", lambda exc: errors.append(str(exc)))
    ui.set_default_timeout(10000)
    expect.set_options(timeout=10000)
    base = live.url + "/"
    ui.goto(base)
    expect(ui.locator("html")).to_have_attribute("data-theme", scheme)
    found: list[str] = []
    for size in WIDTHS:
        ui.set_viewport_size(size)
        for path in ("signin", "signup", "forgot-password", "reset-password?token=" + "a" * 43):
            ui.goto(f"{base}#/{path}")
            expect(ui.locator("h1")).to_be_visible()
            found += problems(ui, f"{path} at {size['width']}px")
    ui.goto(f"{base}#/signin")
    sign_up(ui)
    app = call_api(
        ui,
        "POST",
        "/applications",
        {
            "company": "Globex",
            "position": "Data Engineer",
            "applied_on": "2026-03-02",
            "posting_text": "No phone calls, please. We reply within 2 weeks.",
        },
    )
    call_api(ui, "POST", f"/applications/{app['id']}/contacts", {"name": "Jordan Lee"})
    rejected = call_api(
        ui,
        "POST",
        "/applications",
        {"company": "Initech", "position": "Analyst", "applied_on": "2026-03-02"},
    )
    turned_down = {"kind": "rejection", "occurred_on": "2026-03-20"}
    call_api(ui, "POST", f"/applications/{rejected['id']}/events", turned_down)
    template = call_api(ui, "GET", "/templates")[0]
    policy = call_api(ui, "GET", "/policies")[0]
    screens = [
        "today",
        "applications",
        "applications/new",
        "add-from-posting",
        f"applications/{app['id']}",
        f"applications/{app['id']}/edit",
        f"applications/{app['id']}/follow-up",
        # a call script, and the plan's warning (no follow-up after a rejection)
        f"applications/{rejected['id']}/follow-up?kind=follow_up&channel=phone",
        f"applications/{rejected['id']}/follow-up?kind=feedback_request&channel=phone",
        "templates",
        "templates/new",
        f"templates/{template['id']}",
        "policies",
        f"policies/{policy['id']}",
        "integrations",
        "settings",
        "settings/data",
    ]
    for size in WIDTHS:
        ui.set_viewport_size(size)
        for path in screens:
            ui.goto(f"{base}#/{path}")
            expect(ui.locator(f'[data-view="{path.split("/")[0]}"] h1')).to_be_visible()
            found += problems(ui, f"{path} at {size['width']}px")
    # Your data with an import's mapping table and preview (a row with an error) on screen.
    ui.goto(f"{base}#/settings/data")
    ui.get_by_label("Or paste the CSV").fill(
        "Company Name,Job Title,Date Applied,Tags\nAcme,Dev,2026-13-01,x\nGlobex,Ops,2026-03-02,y\n"
    )
    ui.get_by_role("button", name="Preview the import").click()
    expect(ui.locator("[data-import-counts]")).to_be_visible()
    for size in WIDTHS:
        ui.set_viewport_size(size)
        found += problems(ui, f"the import preview at {size['width']}px")
    ui.goto("about:blank")  # stop the app's requests before the database is emptied
    context.close()
    assert not found, "\n".join(found)
    assert not errors, f"script errors in the page: {errors}"
