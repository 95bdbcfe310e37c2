"""The webhook steps every worker runs: send what is ready, announce what fell due.

Each delivery row is its own queue entry (status, next attempt, lease), so the steps claim
deliveries themselves; any number of workers may run them at once.
"""

from app.db import utcnow
from app.jobs import registry
from app.webhooks import delivery, due

DELIVER_SECONDS = 1  # how often a worker looks for deliveries that are ready


@registry.every(DELIVER_SECONDS, name="webhooks.deliver")
def _deliver(ctx: registry.Context) -> None:
    delivery.deliver_due(
        ctx.write_engine, utcnow(), allow_private=ctx.settings.webhooks_allow_private
    )


@registry.every(due.STEP_SECONDS, name="webhooks.announce_due")
def _announce(ctx: registry.Context) -> None:
    due.announce_due(ctx.write_engine, utcnow())
