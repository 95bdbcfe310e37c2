"""follow_up.due: announced once, on the day an application becomes due in its owner's zone.

A worker step (any number of workers may run it at once): for each owner with a webhook
wanting follow_up.due, the applications whose stored plan falls due on the owner's today.
A DueNotice row per application and due date, inserted with ON CONFLICT DO NOTHING in the
transaction that queues the deliveries, makes the announcement happen once.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app import events
from app.applications import service as applications
from app.applications.models import Application
from app.auth.models import User
from app.db import writer
from app.followups import plans
from app.followups.models import StoredPlan
from app.webhooks.models import DueNotice, WebhookSubscription

DUE = "follow_up.due"
STEP_SECONDS = 60  # how often a worker looks for applications that became due


def announce_due(engine: Engine, now: datetime) -> int:
    """Emit follow_up.due for what falls due on each subscribed owner's today; how many."""
    announced = 0
    with Session(writer(engine), expire_on_commit=False) as session:
        owners = session.exec(
            select(User.id, User.timezone)
            .join(WebhookSubscription, col(WebhookSubscription.owner_id) == col(User.id))
            .where(
                col(WebhookSubscription.enabled).is_(True),
                col(WebhookSubscription.event_types).contains(DUE),
            )
            .distinct()
        ).all()
        dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
        for owner_id, timezone in owners:
            today = now.astimezone(ZoneInfo(timezone)).date()
            due = session.exec(
                select(Application)
                .join(StoredPlan, col(StoredPlan.application_id) == col(Application.id))
                .where(
                    Application.owner_id == owner_id,
                    Application.next_due_on == today,
                    col(Application.archived).is_(False),
                    StoredPlan.state == "due",
                )
                .order_by(col(Application.id))
            ).all()
            for app in due:
                insert = dialect.insert(DueNotice).values(
                    application_id=app.id, due_on=today, created_at=now
                )
                # RETURNING, not rowcount: an ORM-level insert on PostgreSQL reports -1 rows
                claimed = session.execute(
                    insert.on_conflict_do_nothing().returning(DueNotice.application_id)
                ).first()
                if claimed is None:
                    continue  # announced already (by this worker or another)
                data = {
                    "application": applications.public(app).model_dump(mode="json"),
                    "plan": plans.plan_of(session, app, today).model_dump(mode="json"),
                }
                events.emit(session, app.owner_id, DUE, data)
                announced += 1
        session.commit()
    return announced
