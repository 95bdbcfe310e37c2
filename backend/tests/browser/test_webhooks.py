"""Webhooks in the UI: add one (its secret shown once), send a ping, read the delivery log."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.engine import Engine
from standardwebhooks import Webhook

from app.db import utcnow
from app.webhooks.delivery import deliver_due
from tests.browser.conftest import sign_up
from tests.conftest import LiveServer
from tests.webhooks.receiver import Receiver

pytestmark = pytest.mark.browser


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    yield found
    found.stop()


def test_add_a_webhook_and_read_its_delivery_log(
    ui: Page, live: LiveServer, engine: Engine, receiver: Receiver
) -> None:
    sign_up(ui)
    ui.get_by_role("link", name="Integrations").click()
    box = ui.locator("[data-webhooks]")
    expect(box.get_by_text("No webhooks yet.")).to_be_visible()
    box.get_by_label("Webhook URL").fill(receiver.url)
    box.get_by_label("An application is added (application.created)").check()
    box.get_by_role("button", name="Add webhook").click()
    secret = box.locator("[data-webhook-secret] [data-secret]").text_content() or ""
    assert secret.startswith("whsec_")
    row = box.locator("[data-webhook-id]")
    expect(row).to_contain_text("application.created")

    row.get_by_role("button", name="Send a ping").click()
    expect(row.locator("[data-delivery-log] [data-status=pending]")).to_have_count(1)
    assert deliver_due(engine, utcnow(), allow_private=True) == 1  # the worker, once
    row.get_by_role("button", name="Delivery log").click()
    entry = row.locator("[data-delivery-log] [data-status=delivered]")
    expect(entry).to_contain_text("ping")
    expect(entry).to_contain_text("HTTP 200")
    [request] = receiver.requests
    assert Webhook(secret).verify(request.body, request.headers)["type"] == "ping"

    entry.get_by_role("button", name="Redeliver").click()
    expect(row.locator("[data-delivery-log] tbody tr")).to_have_count(2)
