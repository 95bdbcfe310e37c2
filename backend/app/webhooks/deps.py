"""Lookup-or-404 dependencies for webhooks and their deliveries."""

from typing import Annotated

from fastapi import Depends

from app.auth.deps import CurrentUser
from app.db import RowId, SessionDep
from app.webhooks import service
from app.webhooks.models import WebhookDelivery, WebhookSubscription


def get_webhook(webhook_id: RowId, user: CurrentUser, session: SessionDep) -> WebhookSubscription:
    """The caller's webhook, or 404."""
    return service.get(session, user, webhook_id)


WebhookDep = Annotated[WebhookSubscription, Depends(get_webhook)]


def get_delivery(delivery_id: RowId, row: WebhookDep, session: SessionDep) -> WebhookDelivery:
    """One delivery of the caller's webhook, or 404."""
    return service.get_delivery(session, row, delivery_id)


DeliveryDep = Annotated[WebhookDelivery, Depends(get_delivery)]
