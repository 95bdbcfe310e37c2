"""The UI's statuses, event kinds, channels and template kinds come from GET /vocabulary."""

from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from app.config import REPO_DIR
from tests.browser.conftest import call_api, sign_up

pytestmark = pytest.mark.browser

SCRIPTS = sorted((REPO_DIR / "frontend" / "js").rglob("*.js"))


def in_scripts(text: str) -> bool:
    """Whether any script of the UI holds `text` as a string literal."""
    return any(f"{quote}{text}{quote}" in path.read_text() for path in SCRIPTS for quote in "'\"`")


def options(select: Locator) -> list[tuple[str, str]]:
    pairs: list[list[str]] = select.locator("option").evaluate_all(
        "options => options.map((o) => [o.value, o.textContent])"
    )
    return [(value, text) for value, text in pairs]


def pairs(words: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(w["value"], w["label"]) for w in words]


def test_status_select_is_the_apis_list_with_words_no_script_holds(ui: Page) -> None:
    sign_up(ui)
    vocabulary = call_api(ui, "GET", "/vocabulary")
    ui.get_by_role("link", name="Applications").click()
    status = ui.get_by_label("Status")
    expect(status.locator("option")).to_have_count(len(vocabulary["statuses"]) + 1)
    assert options(status) == [("", "All statuses"), *pairs(vocabulary["statuses"])]
    # Statuses the UI shows although no script spells them: they can only come from the API.
    unspelled = [
        w
        for w in vocabulary["statuses"]
        if not in_scripts(w["value"]) and not in_scripts(w["label"])
    ]
    assert unspelled, "every status is spelled in a script"
    status.select_option(unspelled[0]["value"])
    expect(ui.locator(".empty")).to_contain_text("No applications match these filters.")


def test_event_kinds_and_channels_on_the_timeline_come_from_the_api(ui: Page) -> None:
    sign_up(ui)
    vocabulary = call_api(ui, "GET", "/vocabulary")
    app = call_api(ui, "POST", "/applications", {"company": "Initech", "position": "Analyst"})
    ui.goto(f"{ui.url.split('#')[0]}#/applications/{app['id']}")
    ui.locator('[data-quick="response"]').click()
    form = ui.locator('[data-form="event-response"]')
    assert options(form.get_by_label("Channel")) == pairs(vocabulary["event_channels"])
    form.get_by_role("button", name="Save").click()

    kind = next(w for w in vocabulary["event_kinds"] if w["value"] == "response")
    assert not in_scripts(kind["label"]), "the label of a response is spelled in a script"
    expect(ui.locator('[data-event-kind="response"] .event-title strong')).to_have_text(
        kind["label"]
    )


def test_template_kind_and_channel_selects_are_the_apis_lists(ui: Page) -> None:
    sign_up(ui)
    vocabulary = call_api(ui, "GET", "/vocabulary")
    ui.goto(f"{ui.url.split('#')[0]}#/templates/new")
    expect(ui.get_by_label("Kind")).to_be_visible()
    assert options(ui.get_by_label("Kind")) == pairs(vocabulary["template_kinds"])
    assert options(ui.get_by_label("Channel")) == pairs(vocabulary["channels"])
