"""A reset link raced: concurrent confirms of one token over real HTTP, one winner."""

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlmodel import Session, col, select

from app.auth import account
from app.auth.models import PasswordReset
from tests.conftest import LiveServer
from tests.factories import Person

ROUNDS = 3  # fresh tokens, each raced by RACERS confirms
RACERS = 2


def race(base: str, token: str, passwords: list[str]) -> list[httpx.Response]:
    """One confirm per password, all of the same token, released at the same instant."""
    start = threading.Barrier(len(passwords))

    def confirm(password: str) -> httpx.Response:
        with httpx.Client(timeout=60) as client:  # a connection each, opened before the start
            client.get(f"{base}/api/health").raise_for_status()
            start.wait()
            return client.post(
                f"{base}/api/v1/auth/password-reset/confirm",
                json={"token": token, "new_password": password},
            )

    with ThreadPoolExecutor(max_workers=len(passwords)) as pool:
        return list(pool.map(confirm, passwords))


def test_two_concurrent_confirms_of_one_reset_link_have_exactly_one_winner(
    live: LiveServer, db: Session, alice: Person
) -> None:
    login = f"{live.url}/api/v1/auth/login"
    for round_ in range(ROUNDS):
        token = account.issue_reset(db, alice.user)
        db.commit()
        passwords = [f"racer {i} of round {round_} passphrase" for i in range(RACERS)]
        responses = race(live.url, token, passwords)

        statuses = sorted(r.status_code for r in responses)
        assert statuses == [204] + [422] * (RACERS - 1), [r.text for r in responses]
        [loser] = [r for r in responses if r.status_code == 422]
        assert loser.headers["content-type"].startswith("application/problem+json")
        assert loser.json()["errors"][0]["field"] == "token"
        # The winner's password is the account's; the loser's never was set.
        winner = next(i for i, r in enumerate(responses) if r.status_code == 204)
        signed = [
            httpx.post(login, json={"email": alice.user.email, "password": p}).status_code
            for p in passwords
        ]
        assert signed == [200 if i == winner else 401 for i in range(RACERS)]
        db.expire_all()
        used = db.exec(
            select(PasswordReset.used_at).where(col(PasswordReset.user_id) == alice.user.id)
        ).all()
        assert len(used) == round_ + 1 and all(u is not None for u in used)
        db.rollback()
