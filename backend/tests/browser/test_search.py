"""As-you-type searches: a newer query cancels the request of the one before."""

import contextlib

import pytest
from playwright.sync_api import Error, Page, Request, Route, expect

from tests.browser.conftest import call_api, sign_up

pytestmark = pytest.mark.browser

# How long the released stale answer gets to (wrongly) reach the list before we look.
STALE_ANSWER_WAIT_MS = 1000


def test_a_fast_typed_search_shows_only_the_last_querys_results(ui: Page) -> None:
    sign_up(ui)
    for company in ("Acme Robotics", "Beta Labs"):
        call_api(ui, "POST", "/applications", {"company": company, "position": "Engineer"})
    ui.get_by_role("link", name="Applications").click()
    rows = ui.locator('[data-list="applications"] .row-title')
    expect(rows).to_have_count(2)

    # The server's answer to the first query is held back until the second one has landed:
    # the slow-network order in which a stale answer would overwrite the newer one.
    held: list[Route] = []

    def hold_the_first_query(route: Route) -> None:
        if "q=acme" in route.request.url:
            held.append(route)
        else:
            route.continue_()

    ui.route("**/api/v1/applications?*", hold_the_first_query)
    search = ui.get_by_label("Search")
    with ui.expect_request(lambda request: "q=acme" in request.url):
        search.fill("acme")  # after the debounce the request goes out, and is held

    def is_first_query(request: Request) -> bool:
        return "q=acme" in request.url

    with ui.expect_event("requestfailed", predicate=is_first_query) as failed:
        search.fill("beta")
    assert "ABORTED" in (failed.value.failure or "").upper()
    assert len(held) == 1
    expect(rows).to_have_text(["Beta Labs"])

    for route in held:
        with contextlib.suppress(Error):  # the page cancelled it: nothing left to answer
            route.continue_()
    ui.wait_for_timeout(STALE_ANSWER_WAIT_MS)
    expect(rows).to_have_text(["Beta Labs"])
