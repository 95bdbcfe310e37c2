"""Quick add: the bookmarklet on a page carrying JobPosting JSON-LD pre-fills the form; a
pasted posting does too, at phone width, and the user's corrections win."""

import os
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot, sign_up

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parents[3] / "docs"  # TOUCHBASE_DOCS_SCREENSHOTS=1 writes there
JOB_PAGE = "http://jobs.example/postings/4471"
# Google's JobPosting example (JayHoltslander/Structured-Data-JSON-LD, JobPosting.json), with
# its trailing comma, which the page's own JSON.parse refuses: the server reads it anyway.
JOB_HTML = """<!doctype html><html lang="en"><head><title>Data Entry Clerk | Jobs</title>
<script type="application/ld+json">
{"@context": "http://schema.org/", "@type": "JobPosting", "title": "Data Entry Clerk",
 "description": "<p>Widget assembly role. Please do not call the office.</p>",
 "datePosted": "2026-11-18", "validThrough": "2027-01-18T00:00",
 "hiringOrganization": {"@type": "Organization", "name": "MagsRUs Wheel Company"},
 "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress",
   "addressLocality": "Detroit", "addressRegion": "MI", "addressCountry": "US"}},
 "workHours": "",
}
</script></head><body><h1>Data Entry Clerk</h1>
<p id="ad">Widget assembly role at our Detroit plant. Please do not call the office.</p>
</body></html>"""


def bookmarklet(ui: Page) -> str:
    ui.get_by_role("link", name="Integrations").click()
    link = ui.locator("[data-bookmarklet]")
    expect(link).to_be_visible()
    href = link.get_attribute("href") or ""
    assert href.startswith("javascript:")
    return unquote(href.removeprefix("javascript:"))


def docs_screenshot(page: Page, name: str, request: pytest.FixtureRequest) -> None:
    shot = screenshot(page, name, request, full_page=False)
    if os.environ.get("TOUCHBASE_DOCS_SCREENSHOTS"):
        shutil.copy(shot, DOCS / f"{name}.png")


def test_the_bookmarklet_sends_the_pages_job_posting_to_the_form(
    ui: Page, request: pytest.FixtureRequest
) -> None:
    sign_up(ui)
    code = bookmarklet(ui)
    ui.route(JOB_PAGE, lambda route: route.fulfill(body=JOB_HTML, content_type="text/html"))
    ui.goto(JOB_PAGE)
    ui.evaluate("() => getSelection().selectAllChildren(document.getElementById('ad'))")
    with ui.expect_popup() as opened:
        ui.evaluate(code)
    form_page = opened.value
    form = form_page.locator('[data-form="quick-add"]')
    expect(form.get_by_label("Position")).to_have_value("Data Entry Clerk")
    expect(form.get_by_label("Company")).to_have_value("MagsRUs Wheel Company")
    expect(form.get_by_label("Location")).to_have_value("Detroit, MI, US")
    expect(form.get_by_label("Applications close on")).to_have_value("2027-01-18")
    expect(form.get_by_label("Posting link")).to_have_value(JOB_PAGE)
    expect(form.locator('[data-read-from="json_ld"]')).to_have_count(4)
    # The selection is the posting text, and its constraint is read from it.
    expect(form.get_by_label("Posting text (kept with the application)")).to_have_value(
        "Widget assembly role at our Detroit plant. Please do not call the office."
    )
    expect(form.get_by_label("No phone calls")).to_be_checked()
    assert "?p=" not in form_page.url  # a reload does not read it again
    form.evaluate("el => el.scrollIntoView()")
    docs_screenshot(form_page, "quick-add-desktop", request)

    form.get_by_role("button", name="Add application").click()
    expect(form_page.get_by_role("heading", name="MagsRUs Wheel Company")).to_be_visible()
    expect(form_page.locator('[data-constraint="closes_on"]')).to_be_visible()
    form_page.close()


def test_a_pasted_posting_at_phone_width_and_the_users_corrections_win(
    ui: Page, request: pytest.FixtureRequest
) -> None:
    ui.set_viewport_size({"width": 375, "height": 740})
    sign_up(ui)
    ui.goto(ui.url.split("#")[0] + "#/add-from-posting")
    ui.get_by_role("button", name="Read the posting").click()
    expect(ui.locator('[data-form="paste"] [data-form-error]')).to_contain_text("Paste the posting")
    ui.get_by_label("Posting text or HTML").fill(
        "Senior Backend Engineer at Acme GmbH\nLocation: Berlin\n\n"
        "Applications close on 3 March 2027. Only shortlisted candidates will be contacted."
    )
    ui.get_by_role("button", name="Read the posting").click()
    form = ui.locator('[data-form="quick-add"]')
    position = form.get_by_label("Position")
    expect(position).to_have_value("Senior Backend Engineer")
    expect(form.get_by_label("Company")).to_have_value("Acme GmbH")
    expect(form.get_by_label("Location")).to_have_value("Berlin")
    expect(form.get_by_label("Applications close on")).to_have_value("2027-03-03")
    expect(form.locator('[data-read-field="position"]')).to_have_text(
        "Read from the posting: check it"
    )
    expect(form.get_by_label("Only shortlisted candidates are contacted")).to_be_checked()
    width = ui.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width}px wide at 375px"
    form.evaluate("el => el.scrollIntoView()")
    docs_screenshot(ui, "quick-add-phone", request)

    position.fill("Backend Engineer")
    expect(form.locator('[data-read-field="position"]')).to_have_count(0)
    form.get_by_label("Company").fill("")
    form.get_by_role("button", name="Add application").click()
    expect(form.locator('[data-error-for="company"]')).to_have_text("Enter the company.")
    form.get_by_label("Company").fill("Acme")
    form.get_by_role("button", name="Add application").click()
    expect(ui.get_by_role("heading", name="Acme", exact=True)).to_be_visible()
