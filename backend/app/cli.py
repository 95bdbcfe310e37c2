"""Administration: accounts for servers where sign-up is off, and stored plans.

    python -m app.cli create-user --email ada@example.com --name "Ada Lovelace"
    python -m app.cli create-token --email ada@example.com --name laptop --scopes read,write
    python -m app.cli refresh-plans    # after an upgrade that changes the follow-up rules
    python -m app.cli worker           # run jobs until stopped (--once: until none is ready)
    python -m app.cli queue            # the job queue: jobs per status, the oldest's age
    python -m app.cli reset-password ada@example.com   # prints a one-time link (1 hour)
    python -m app.cli backup FILE      # a consistent copy of the SQLite database, live
    python -m app.cli restore FILE     # put a copy back (refused while a server runs)
    python -m app.cli purge-deleted    # daily: remove applications deleted 30+ days ago

The password is read from TOUCHBASE_PASSWORD or asked for (never a command-line argument, so
it stays out of shell history). The database is the settings' TOUCHBASE_DATABASE_URL.
"""

import argparse
import getpass
import json
import logging
import os
import signal
import sys
import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from pydantic import ValidationError
from sqlmodel import Session

from app import models  # noqa: F401  (every table and the session hooks)
from app.applications import moves, summaries
from app.auth import account, service
from app.auth.models import TokenCreate, UserRegister
from app.config import BACKEND_DIR, get_settings
from app.data import backup
from app.db import create_db_engine, utcnow, writer
from app.errors import AppError
from app.followups import service as followups
from app.jobs import service as jobs
from app.jobs.worker import Worker


def _password() -> str:
    password = os.environ.get("TOUCHBASE_PASSWORD")
    if password is None:
        password = getpass.getpass("Password (8 characters or more): ")
    return password


def create_user(session: Session, args: argparse.Namespace) -> str:
    data = UserRegister(email=args.email, name=args.name, password=_password())
    user = service.register(session, data)
    return f"created user {user.id} <{user.email}>"


def create_token(session: Session, args: argparse.Namespace) -> str:
    user = service.get_by_email(session, args.email)
    if user is None:
        raise SystemExit(f"error: there is no user {args.email}")
    data = TokenCreate(
        name=args.name, scopes=args.scopes.split(","), expires_in_days=args.expires_in_days
    )
    return service.create_token(session, user, data).token


def refresh_plans(session: Session, args: argparse.Namespace) -> str:
    count = followups.refresh_all(session)
    summaries.store_all(session.connection())  # the lists' rows too (applications.summaries)
    session.commit()
    return f"refreshed the plans of {count} application{'' if count == 1 else 's'}"


def queue(session: Session, args: argparse.Namespace) -> str:
    return json.dumps(jobs.stats(session))


def worker(session: Session, args: argparse.Namespace) -> str:
    one = Worker(args.engine, get_settings(), batch_size=args.batch_size)
    if args.once:
        return f"ran {one.drain()} jobs"
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):  # finish the job at hand, then stop
        signal.signal(sig, lambda *_: stop.set())
    one.run(stop)
    return "worker stopped"


def reset_password(session: Session, args: argparse.Namespace) -> str:
    user = service.get_by_email(session, args.email)
    if user is None:
        raise SystemExit(f"error: there is no user {args.email}")
    token = account.issue_reset(session, user)
    session.commit()
    base = get_settings().public_url or "http://127.0.0.1:8000"
    return account.reset_link(base, token)


def run_backup(args: argparse.Namespace) -> str:
    size = backup.backup(get_settings().database_url, Path(args.file))
    return f"backed up the database to {args.file} ({size} bytes)"


def run_restore(args: argparse.Namespace) -> str:
    url = get_settings().database_url
    backup.restore(url, Path(args.file))
    command.upgrade(alembic_config(url), "head")  # an older copy migrates to this release
    return f"restored the database from {args.file}"


def alembic_config(url: str) -> Config:
    config = Config(str(BACKEND_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(BACKEND_DIR / "app" / "migrations"))
    config.attributes["database_url"] = url
    return config


def purge_deleted(session: Session, args: argparse.Namespace) -> str:
    count = moves.purge_deleted(session, utcnow())
    return f"purged {count} application{'' if count == 1 else 's'} deleted over 30 days ago"


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m app.cli", description=__doc__.splitlines()[0])
    commands = top.add_subparsers(dest="command", required=True)
    user = commands.add_parser("create-user", help="create an account")
    user.add_argument("--email", required=True)
    user.add_argument("--name", required=True)
    user.set_defaults(run=create_user)
    token = commands.add_parser("create-token", help="issue a personal access token")
    token.add_argument("--email", required=True, help="whose token")
    token.add_argument("--name", required=True, help="what the token is for")
    token.add_argument("--scopes", default="read,write", help="read, or read,write")
    token.add_argument("--expires-in-days", type=int, default=None)
    token.set_defaults(run=create_token)
    plans = commands.add_parser(
        "refresh-plans", help="store every application's dates, plans and list summaries afresh"
    )
    plans.set_defaults(run=refresh_plans)
    work = commands.add_parser("worker", help="run the job worker (mail, digests, webhooks)")
    work.add_argument("--once", action="store_true", help="run until no job is ready, then exit")
    work.add_argument("--batch-size", type=int, default=jobs.BATCH_SIZE, help="jobs per claim")
    work.set_defaults(run=worker)
    status = commands.add_parser("queue", help="the job queue: jobs per status, oldest age")
    status.set_defaults(run=queue)
    reset = commands.add_parser(
        "reset-password", help="print a one-time link (for an hour) that sets a new password"
    )
    reset.add_argument("email")
    reset.set_defaults(run=reset_password)
    for name, run, what in (
        ("backup", run_backup, "copy the live SQLite database to FILE"),
        ("restore", run_restore, "replace the SQLite database with FILE, then migrate it"),
    ):
        sub = commands.add_parser(name, help=what)
        sub.add_argument("file")
        sub.set_defaults(run=None, offline=run)
    purge = commands.add_parser(
        "purge-deleted", help="delete for good the applications deleted 30 or more days ago"
    )
    purge.set_defaults(run=purge_deleted)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if getattr(args, "offline", None) is not None:  # backup and restore open no session
        try:
            print(args.offline(args))
        except backup.BackupError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        return 0
    engine = create_db_engine(get_settings())
    args.engine = engine  # the worker reads and writes in transactions of its own
    try:
        with Session(writer(engine), expire_on_commit=False) as session:
            print(args.run(session, args))
    except ValidationError as e:
        for error in e.errors():
            field = ".".join(str(p) for p in error["loc"])
            print(f"error: {field}: {error['msg']}", file=sys.stderr)
        return 2
    except AppError as e:
        print(f"error: {e.detail}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
