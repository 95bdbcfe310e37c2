"""Seed a benchmark database: N applications across 100 users, fast.

Rows go in with bulk Core inserts (SQLite) or COPY (PostgreSQL), 10,000 at a time. The plan
dates and stored plans the due list reads (next_due_on, window_closes_on, stored_plans) come
from the pure policy engine and followups.stored, memoized on the facts that decide them, so
they are what the app itself would store; the rows' summaries the lists serve
(applications.summaries) are stored by the app's own keeper once the rows are in.
"""

import functools
import random
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import psycopg
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlmodel import SQLModel

import app.models  # noqa: F401  (registers every table)
from app.applications import summaries
from app.auth.service import digest, password_hash
from app.config import BACKEND_DIR
from app.followups import policy as engine
from app.followups import stored

USERS = 100
CHUNK = 10_000
PASSWORD = "bench password"
# Each user gets this many applications due on the bench day (a full page of the due list),
# or half their applications when they have fewer, so every N compares pages of one size.
DUE_PER_USER = 50
COMPANIES = ("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell")
POSITIONS = ("Engineer", "Designer", "Analyst", "Product manager", "Data scientist", "SRE")
ASK_KINDS = ("feedback_request", "informational_interview_request", "future_openings_request")
DEFAULT_POLICY = engine.PolicySettings()


def token_of(user: int) -> str:
    """The deterministic personal access token of bench user `user` (1-based)."""
    return f"tb_bench{user:03d}_" + "k" * 32


def migrate(url: str) -> None:
    """Build the schema with the real migrations."""
    config = Config(str(BACKEND_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(BACKEND_DIR / "app" / "migrations"))
    engine_ = sa.create_engine(url)
    with engine_.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    engine_.dispose()


def fresh_postgres(url: str, name: str = "touchbase_bench") -> str:
    """Drop and create the bench database on the server of `url`; its URL."""
    parsed = sa.make_url(url)
    admin = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return parsed.set(database=name).render_as_string(hide_password=False)


def seeded_count(url: str) -> int | None:
    """How many applications a bench database holds, or None if it has no bench schema."""
    engine_ = sa.create_engine(url)
    try:
        with engine_.connect() as conn:
            users = conn.execute(sa.text("SELECT count(*) FROM users")).scalar_one()
            apps = conn.execute(sa.text("SELECT count(*) FROM applications")).scalar_one()
            version = conn.execute(sa.text("SELECT version FROM stored_plans LIMIT 1")).scalar()
            shown = conn.execute(sa.text("SELECT summary_version FROM applications LIMIT 1"))
            # Plans or summaries stored by other code would be read afresh on every request.
            current = version == stored.VERSION and shown.scalar() == summaries.VERSION
            return apps if users == USERS and current else None
    except sa.exc.SQLAlchemyError:
        return None
    finally:
        engine_.dispose()


def forget_created(url: str, company: str) -> int:
    """Delete the applications a run created (by their company), with what cascades from them,
    so the database holds N again for the next run."""
    engine_ = sa.create_engine(url)
    try:
        with engine_.begin() as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            query = sa.text("DELETE FROM applications WHERE company = :c")
            return conn.execute(query, {"c": company}).rowcount
    finally:
        engine_.dispose()


@functools.lru_cache(maxsize=100_000)
def _plans(facts: engine.Facts, events: tuple[tuple[str, date], ...]) -> tuple[engine.Plan, ...]:
    return engine.plans_by_state(facts, [engine.Event(k, d) for k, d in events], DEFAULT_POLICY)


def _schedule(
    row: dict[str, Any], events: list[tuple[str, date]], has_contact: bool
) -> tuple[date | None, date | None, dict[str, Any] | None]:
    """(next_due_on, window_closes_on, stored plan) as followups.plans.refresh_many stores them."""
    facts = engine.Facts(
        applied_on=row["applied_on"],
        status=row["status"],
        archived=row["archived"],
        no_phone_calls=row["no_phone_calls"],
        no_contact=row["no_contact"],
        only_shortlisted=row["only_shortlisted"],
        response_expected_on=row["response_expected_on"],
        has_contact_email=has_contact,
        has_contact_name=has_contact,
        company=row["company"],
    )
    plans = _plans(facts, tuple(events))
    if not plans:
        return None, None, None
    policy = {"id": row["owner_id"], "name": "Default"}  # user u has policy u (_accounts)
    state, plan, others = stored.encode(plans, policy)
    kept = {"application_id": row["id"], "version": stored.VERSION, "state": state}
    return plans[0].due_on, plans[0].window_closes_on, {**kept, "plan": plan, "others": others}


def _application(
    rng: random.Random, app_id: int, owner: int, k: int, due_quota: int, day: date
) -> tuple[dict[str, Any], list[tuple[str, date]], bool]:
    """One application's columns, its events, and whether it has a contact."""
    company = f"{COMPANIES[app_id % len(COMPANIES)]} {app_id % 997}"
    row: dict[str, Any] = {
        "id": app_id,
        "owner_id": owner,
        "company": company,
        "position": POSITIONS[app_id % len(POSITIONS)],
        "status": "applied",
        "archived": False,
        "no_phone_calls": rng.random() < 0.2,
        "no_contact": False,
        "only_shortlisted": rng.random() < 0.1,
        "response_expected_on": None,
        "applied_on": None,
    }
    events: list[tuple[str, date]] = []
    if k < due_quota:  # due on the bench day: applied 7 to 20 days before it
        applied = day - timedelta(days=7 + k % 14)
        row["applied_on"] = applied
        events.append(("applied", applied))
        return row, events, rng.random() < 0.3
    roll = rng.random()
    if roll < 0.08:  # saved, not applied yet
        row["status"] = "saved"
        return row, events, False
    # Two years of history, with a few still waiting for their follow-up.
    applied = day - timedelta(days=rng.randint(0, 730))
    row["applied_on"] = applied
    events.append(("applied", applied))
    if rng.random() < 0.1:
        row["response_expected_on"] = applied + timedelta(days=14)
    if rng.random() < 0.02:
        row["no_contact"] = True
    later = applied + timedelta(days=rng.randint(3, 40))
    if roll < 0.23:
        row["status"] = "rejected"
        events.append(("rejection", later))
        for kind in ASK_KINDS:
            if rng.random() < 0.4:
                events.append((kind, later + timedelta(days=2)))
    elif roll < 0.31:
        row["status"] = "interviewing"
        events.append(("interview", later))
    elif roll < 0.34:
        row["status"] = "offer"
        events.append(("offer", later))
    elif roll < 0.38:
        row["status"] = "withdrawn"
        events.append(("withdrawn", later))
    elif roll < 0.42:
        row["archived"] = True
    elif roll < 0.45:
        events.append(("response", later))
    elif roll < 0.60:
        events.append(("follow_up", applied + timedelta(days=8)))
    return row, events, rng.random() < 0.3


def _moment(day: date, app_id: int) -> datetime:
    """A time on `day`, spread by id, so timestamps differ as in real use."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(seconds=app_id % 86_400)


def generate(n: int, day: date) -> Iterator[tuple[list[dict], ...]]:
    """(applications, events, contacts, stored plans) in chunks of CHUNK applications."""
    rng = random.Random(20260615)
    now = datetime.now(UTC)
    per_user = n // USERS
    due_quota = min(DUE_PER_USER, per_user // 2)
    apps: list[dict] = []
    events: list[dict] = []
    contacts: list[dict] = []
    stored_plans: list[dict] = []
    for app_id in range(1, n + 1):
        owner, k = (app_id - 1) % USERS + 1, (app_id - 1) // USERS
        row, timeline, has_contact = _application(rng, app_id, owner, k, due_quota, day)
        due, closes, plans = _schedule(row, timeline, has_contact)
        if plans is not None:
            stored_plans.append(plans)
        row.update(
            next_due_on=due,
            window_closes_on=closes,
            policy_id=None,
            constraints_set="",
            created_at=_moment(timeline[0][1] if timeline else day, app_id),
            updated_at=_moment(max((d for _, d in timeline), default=day), app_id),
            version=1,
        )
        apps.append(row)
        for kind, occurred_on in timeline:
            events.append(
                {
                    "application_id": app_id,
                    "kind": kind,
                    "occurred_on": occurred_on,
                    "created_at": now,
                }
            )
        if has_contact:
            contacts.append(
                {
                    "application_id": app_id,
                    "name": "Dana Hiring",
                    "email": f"dana{app_id}@example.com",
                    "phone": None,
                    "role": "hiring_manager",
                    "created_at": now,
                    "updated_at": now,
                }
            )
        if len(apps) == CHUNK:
            yield apps, events, contacts, stored_plans
            apps, events, contacts, stored_plans = [], [], [], []
    if apps:
        yield apps, events, contacts, stored_plans


def _accounts() -> tuple[list[dict], list[dict], list[dict]]:
    now = datetime.now(UTC)
    hashed = password_hash.hash(PASSWORD)  # argon2 is slow on purpose: once for everyone
    users = [
        {
            "id": u,
            "email": f"bench{u:03d}@example.com",
            "name": f"Bench User {u}",
            "password_hash": hashed,
            "timezone": "UTC",
            "created_at": now,
            "updated_at": now,
        }
        for u in range(1, USERS + 1)
    ]
    policies = [
        {
            "id": u,
            "owner_id": u,
            "name": "Default",
            "wait_days": DEFAULT_POLICY.wait_days,
            "window_days": DEFAULT_POLICY.window_days,
            "max_follow_ups": DEFAULT_POLICY.max_follow_ups,
            "response_grace_days": DEFAULT_POLICY.response_grace_days,
            "business_days": False,
            "holiday_country": None,
            "avoid_weekends": True,
            "channels": "email phone",
            "is_default": True,
            "created_at": now,
            "updated_at": now,
        }
        for u in range(1, USERS + 1)
    ]
    tokens = [
        {
            "id": u,
            "user_id": u,
            "name": "bench",
            "prefix": token_of(u)[:10],
            "token_hash": digest(token_of(u)),
            "scopes": "read write",
            "created_at": now,
            "expires_at": None,
        }
        for u in range(1, USERS + 1)
    ]
    return users, policies, tokens


def _copy(cursor: psycopg.Cursor, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def seed(url: str, n: int, day: date) -> float:
    """Migrate and fill the database at `url`; returns the seconds it took."""
    started = time.perf_counter()
    migrate(url)
    tables = SQLModel.metadata.tables
    users, policies, tokens = _accounts()
    if sa.make_url(url).get_backend_name() == "postgresql":
        plain = sa.make_url(url).set(drivername="postgresql").render_as_string(False)
        with psycopg.connect(plain) as conn, conn.cursor() as cur:
            _copy(cur, "users", users)
            _copy(cur, "policies", policies)
            _copy(cur, "api_tokens", tokens)
            for apps, events, contacts, plans in generate(n, day):
                _copy(cur, "applications", apps)
                _copy(cur, "events", events)
                _copy(cur, "contacts", contacts)
                _copy(cur, "stored_plans", plans)
            for table in ("users", "policies", "api_tokens", "applications", "events", "contacts"):
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"
                )
            conn.commit()
        engine_ = sa.create_engine(url)
        with engine_.begin() as sa_conn:
            summaries.store_all(sa_conn)  # what the app stores, by the app's own keeper
        engine_.dispose()
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    else:
        engine_ = sa.create_engine(url)

        @sa.event.listens_for(engine_, "connect")
        def _fast(dbapi_connection: Any, _record: Any) -> None:
            # A big page cache keeps the four application indexes in memory while they grow.
            for pragma in ("cache_size=-524288", "synchronous=OFF", "foreign_keys=OFF"):
                dbapi_connection.execute(f"PRAGMA {pragma}")

        with engine_.begin() as conn:
            conn.execute(tables["users"].insert(), users)
            conn.execute(tables["policies"].insert(), policies)
            conn.execute(tables["api_tokens"].insert(), tokens)
            for apps, events, contacts, plans in generate(n, day):
                conn.execute(tables["applications"].insert(), apps)
                conn.execute(tables["events"].insert(), events)
                for table, rows in (("contacts", contacts), ("stored_plans", plans)):
                    if rows:
                        conn.execute(tables[table].insert(), rows)
            summaries.store_all(conn)  # what the app stores, by the app's own keeper
        with engine_.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
        engine_.dispose()
    return time.perf_counter() - started


def due_counts(url: str, day: date) -> tuple[int, int]:
    """(applications due on `day` across all users, the fewest any one user has)."""
    engine_ = sa.create_engine(url)
    query = sa.text(
        "SELECT owner_id, count(*) FROM applications "
        "WHERE next_due_on <= :d AND window_closes_on >= :d GROUP BY owner_id"
    )
    with engine_.connect() as conn:
        counts = [c for _, c in conn.execute(query, {"d": day})]
    engine_.dispose()
    return sum(counts), min(counts, default=0) if len(counts) == USERS else 0
