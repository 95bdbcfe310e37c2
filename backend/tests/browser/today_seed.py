"""Realistic applications for Today, made through the service layer (browser tests, screenshots)."""

import random
from datetime import date, timedelta

from sqlmodel import Session, select

from app.applications import service as applications
from app.applications.models import EventCreate
from app.auth.models import User
from tests.factories import make_application

COMPANIES = [
    "Northwind Traders", "Lumen Health", "Brightline", "Acme Robotics", "Globex", "Initech",
    "Umbrella Analytics", "Stark Mobility", "Wayne Logistics", "Hooli", "Pied Piper", "Vandelay",
    "Soylent Foods", "Cyberdyne", "Tyrell Labs", "Wonka Industries", "Gringotts Finance",
    "Oceanic Air", "Monarch Energy", "Blue Sun", "Massive Dynamic", "Aperture Science",
    "Black Mesa", "Oscorp", "Dunder Mifflin", "Sterling Cooper", "Prestige Worldwide", "Bluth Co",
    "Los Pollos", "Nakatomi Trading", "Virtucon", "Rekall", "Weyland Systems", "Ingen Bio",
    "Octan Oil", "Duff Brewing", "Krusty Foods", "Kwik-E Retail", "Spacely Sprockets", "Cogswell",
    "Zorg Industries", "Omni Consumer", "Gekko & Co", "Hanso Research", "Dharma Data",
    "Yoyodyne", "Ellingson Mineral", "Abstergo", "Sirius Cybernetics", "Megadodo Publications",
]  # fmt: skip
POSITIONS = [
    "Data Analyst", "Product Analyst", "Data Engineer", "BI Developer", "Analytics Engineer",
    "Backend Engineer", "Frontend Engineer", "Product Manager", "UX Researcher", "ML Engineer",
    "Site Reliability Engineer", "Technical Writer", "QA Engineer", "Platform Engineer",
]  # fmt: skip


def user_by_email(db: Session, email: str) -> User:
    return db.exec(select(User).where(User.email == email)).one()


def seed(db: Session, user: User, count: int, today: date, start: int = 0) -> None:
    """`count` applications in every Today group, the same ones for the same arguments.

    Roughly: a fifth waiting, a quarter due now, a tenth closing soon, a third past the
    window, a few rejected (their asks are due), a few saved with nothing scheduled.
    """
    pick = random.Random(start)
    for n in range(start, start + count):
        company = COMPANIES[n % len(COMPANIES)] + (f" {n // len(COMPANIES) + 1}" if n >= 50 else "")
        fields: dict[str, object] = {"company": company, "position": pick.choice(POSITIONS)}
        roll = pick.random()
        if roll < 0.05:
            make_application(db, user, **fields)  # saved: not applied yet
            continue
        if roll < 0.25:
            days = pick.randint(0, 5)  # waiting
        elif roll < 0.5:
            days = pick.randint(8, 16)  # due now
        elif roll < 0.6:
            days = pick.randint(20, 22)  # closing soon
        else:
            days = pick.randint(26, 80)  # past the window
        fields["applied_on"] = today - timedelta(days=days)
        if roll < 0.25 and pick.random() < 0.3:  # the posting said when they reply
            fields["response_expected_on"] = today + timedelta(days=pick.randint(3, 12))
        app = make_application(db, user, **fields)
        if 0.45 < roll < 0.5:  # turned down a few days ago: the asks are due
            rejected = today - timedelta(days=pick.randint(1, 4))
            applications.create_event(
                db, app, EventCreate(kind="rejection", occurred_on=rejected), today
            )
