"""Browser tests: Debian's Chromium, driven by pytest-playwright, against the live server."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import LiveServer

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# Headless runs use Debian's chromium-headless-shell: the same Blink without the browser around
# it, what Playwright itself runs headless; the browser tests took a third less time on it.
# --headed runs, and machines without the shell, use the full browser.
HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    headless = browser_type_launch_args.get("headless", True)
    shell = headless and HEADLESS_SHELL.exists()
    return {
        **browser_type_launch_args,
        "executable_path": str(HEADLESS_SHELL if shell else CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_context_args,
        "viewport": {"width": 1200, "height": 860},
        "locale": "en-US",
        "timezone_id": "UTC",
    }


@pytest.fixture
def ui(page: Page, live: LiveServer, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page on the live app that fails the test on any uncaught script error."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and "Failed to load resource" not in msg.text
            else None
        ),
    )
    page.set_default_timeout(8000)
    expect.set_options(timeout=8000)
    page.goto(live.url + "/")
    yield page
    page.on("dialog", lambda dialog: dialog.accept())  # "leave unsaved changes?": yes
    page.goto("about:blank")  # stop the app's requests before the database is emptied
    assert not errors, f"script errors in the page: {errors}"


def sign_up(page: Page, name: str = "Alex Morgan", email: str = "alex@example.com") -> None:
    """Create an account through the UI and land on Today."""
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()


def screenshot(
    page: Page, name: str, request: pytest.FixtureRequest, full_page: bool = True
) -> Path:
    """Save a full-page screenshot under test-results/screenshots (one per database)."""
    database = getattr(request.node, "callspec", None)
    suffix = f"-{database.params.get('database_url')}" if database else ""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}{suffix}.png"
    page.evaluate("document.querySelector('[data-toast]').hidden = true")
    page.screenshot(path=str(path), full_page=full_page)
    return path


def call_api(page: Page, method: str, path: str, body: object = None) -> Any:
    """Call the API from inside the page, as the signed-in user (cookie plus CSRF token)."""
    return page.evaluate(
        """async ([method, path, body]) => {
            const headers = {'Content-Type': 'application/json',
                             'X-CSRF-Token': localStorage.getItem('touchbase.csrf') || ''};
            const r = await fetch('/api/v1' + path, {method, headers,
                body: body === null ? undefined : JSON.stringify(body)});
            if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${await r.text()}`);
            return r.status === 204 ? null : r.json();
        }""",
        [method, path, body],
    )


FIT_LINE = "In my current role I cut monthly reporting time by 40%."


def fill_in_the_brackets(page: Page, text: str = FIT_LINE) -> None:
    """Write what the built-in email leaves in [brackets] for the user (sending waits for it)."""
    body = page.locator("[data-message-body]")
    expect(body).not_to_have_value("")
    body.fill(re.sub(r"\[[^\]]*\]", text, body.input_value()))
