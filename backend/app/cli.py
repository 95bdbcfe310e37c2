"""Administration: accounts for servers where sign-up is off, and stored plans.

    python -m app.cli create-user --email ada@example.com --name "Ada Lovelace"
    python -m app.cli create-token --email ada@example.com --name laptop --scopes read,write
    python -m app.cli refresh-plans    # after an upgrade that changes the follow-up rules
    python -m app.cli purge-deleted    # daily: remove applications deleted 30+ days ago

The password is read from TOUCHBASE_PASSWORD or asked for (never a command-line argument, so
it stays out of shell history). The database is the settings' TOUCHBASE_DATABASE_URL.
"""

import argparse
import getpass
import os
import sys

from pydantic import ValidationError
from sqlmodel import Session

from app import models  # noqa: F401  (every table and the session hooks)
from app.applications import moves
from app.auth import service
from app.auth.models import TokenCreate, UserRegister
from app.config import get_settings
from app.db import create_db_engine, utcnow, writer
from app.errors import AppError
from app.followups import service as followups


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
    return f"refreshed the plans of {count} application{'' if count == 1 else 's'}"


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
        "refresh-plans", help="store every application's dates and plans afresh"
    )
    plans.set_defaults(run=refresh_plans)
    purge = commands.add_parser(
        "purge-deleted", help="delete for good the applications deleted 30 or more days ago"
    )
    purge.set_defaults(run=purge_deleted)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    engine = create_db_engine(get_settings())
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
