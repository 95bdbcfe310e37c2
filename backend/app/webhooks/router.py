"""Webhooks: subscriptions, their signing secret, a ping, the delivery log and redelivery."""

from typing import Annotated

from fastapi import APIRouter, Query, status

from app.auth.deps import CurrentUser, SettingsDep
from app.db import SessionDep
from app.inputs import WHOLE_NUMBER
from app.webhooks import service
from app.webhooks.deps import DeliveryDep, WebhookDep
from app.webhooks.models import (
    MAX_SUBSCRIPTIONS,
    DeliveryPage,
    DeliveryPublic,
    WebhookCreate,
    WebhookPublic,
    WebhookUpdate,
    WebhookWithSecret,
)

router = APIRouter(tags=["webhooks"])


@router.get("/webhooks", response_model=list[WebhookPublic], operation_id="listWebhooks")
def list_webhooks(user: CurrentUser, session: SessionDep) -> list[WebhookPublic]:
    """Your webhooks, oldest first."""
    return [WebhookPublic.of(r) for r in service.list_subscriptions(session, user)]


@router.post(
    "/webhooks",
    status_code=status.HTTP_201_CREATED,
    response_model=WebhookWithSecret,
    operation_id="createWebhook",
    description=f"""Add a webhook: its URL and the events wanted (at most {MAX_SUBSCRIPTIONS}
per user, else 409). The answer holds the signing secret, shown this once. A URL naming a
loopback, private, link-local, multicast, reserved or metadata address is 422 (unless the
server allows private addresses); every delivery checks the address again after DNS.""",
)
def create_webhook(
    data: WebhookCreate, user: CurrentUser, session: SessionDep, settings: SettingsDep
) -> WebhookWithSecret:
    row = service.create(session, user, data, allow_private=settings.webhooks_allow_private)
    return WebhookWithSecret.of(row)


@router.get("/webhooks/{webhook_id}", response_model=WebhookPublic, operation_id="getWebhook")
def get_webhook(row: WebhookDep) -> WebhookPublic:
    """One webhook (its secret is not shown again: rotate it to get a new one)."""
    return WebhookPublic.of(row)


@router.patch("/webhooks/{webhook_id}", response_model=WebhookPublic, operation_id="updateWebhook")
def update_webhook(
    data: WebhookUpdate, row: WebhookDep, session: SessionDep, settings: SettingsDep
) -> WebhookPublic:
    """Change the fields sent; turning a switched-off webhook on again clears its reason, and
    turning one off gives up on its pending deliveries."""
    allow = settings.webhooks_allow_private
    return WebhookPublic.of(service.update(session, row, data, allow_private=allow))


@router.delete(
    "/webhooks/{webhook_id}", status_code=status.HTTP_204_NO_CONTENT, operation_id="deleteWebhook"
)
def delete_webhook(row: WebhookDep, session: SessionDep) -> None:
    """Delete a webhook and its delivery log."""
    service.delete(session, row)


@router.post(
    "/webhooks/{webhook_id}/rotate-secret",
    response_model=WebhookWithSecret,
    operation_id="rotateWebhookSecret",
)
def rotate_webhook_secret(row: WebhookDep, session: SessionDep) -> WebhookWithSecret:
    """A new signing secret, shown this once; the old one signs nothing from now on."""
    return WebhookWithSecret.of(service.rotate_secret(session, row))


@router.post(
    "/webhooks/{webhook_id}/ping",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=DeliveryPublic,
    operation_id="pingWebhook",
)
def ping_webhook(row: WebhookDep, session: SessionDep) -> DeliveryPublic:
    """Queue a `ping` event to the webhook; the worker sends it within seconds."""
    return DeliveryPublic.model_validate(service.ping(session, row))


@router.get(
    "/webhooks/{webhook_id}/deliveries",
    response_model=DeliveryPage,
    operation_id="listWebhookDeliveries",
)
def list_webhook_deliveries(
    row: WebhookDep,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100), WHOLE_NUMBER] = 50,
    cursor: Annotated[str | None, Query(max_length=500, pattern=r"^[A-Za-z0-9_-]*$")] = None,
) -> DeliveryPage:
    """The webhook's delivery log, newest first, one keyset page at a time (1 to 100)."""
    rows, next_cursor = service.list_deliveries(session, row, limit=limit, cursor=cursor)
    return DeliveryPage(
        items=[DeliveryPublic.model_validate(r) for r in rows], next_cursor=next_cursor
    )


@router.post(
    "/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=DeliveryPublic,
    operation_id="redeliverWebhookDelivery",
)
def redeliver_webhook_delivery(
    delivery: DeliveryDep, row: WebhookDep, session: SessionDep
) -> DeliveryPublic:
    """Queue the same event again (same webhook-id and body) as a new entry in the log."""
    return DeliveryPublic.model_validate(service.redeliver(session, row, delivery))
