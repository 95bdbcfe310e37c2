"""What a digest says: Today's groups (followups.today) on the user's day, one line an item.

Due now, closing soon, and windows closed since the last digest ("newly past"); each line
names the company, the position, what to do, why, until when, and links to the
application. Nothing to say: no digest.
"""

import html
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson
from sqlmodel import Session

from app.auth.models import User
from app.config import Settings
from app.followups import today

DIGEST_ITEMS_PER_GROUP = 20  # lines per section; the rest is a count and a link to Today
SECTIONS = {
    "due_now": "Due now",
    "closing_soon": "Closing soon",
    "past_window": "Window just closed",
}


@dataclass(frozen=True)
class Line:
    """One item of the digest."""

    application_id: int
    company: str
    position: str
    todo: str
    why: str
    until: date | None
    url: str


@dataclass(frozen=True)
class Digest:
    """A digest's sections (key → lines) and how many items each holds in all."""

    on: date
    sections: dict[str, list[Line]]
    totals: dict[str, int]

    @property
    def items(self) -> int:
        return sum(self.totals.values())


def base_url(settings: Settings) -> str:
    """Where links in emails point: TOUCHBASE_PUBLIC_URL, or the local default."""
    return (settings.public_url or "http://localhost:8000").rstrip("/")


def _line(item: dict[str, Any], base: str) -> Line:
    app, plan = item["application"], item["plan"]
    steps, reasons = plan.get("next_steps") or [], plan.get("reasons") or []
    until = plan.get("window_closes_on") or app.get("closes_on")
    return Line(
        application_id=app["id"],
        company=app["company"],
        position=app["position"],
        todo=steps[0]["label"] if steps else "Follow up",
        why=reasons[0]["message"] if reasons else "",
        until=date.fromisoformat(until) if until else None,
        url=f"{base}/#/applications/{app['id']}",
    )


def digest_of(session: Session, user: User, on: date, since: date, base: str) -> Digest | None:
    """The digest of `on` (windows closed on `since` or later count as newly past), or None
    when it would be empty."""
    page = today.page(session, user, on=on, limit=DIGEST_ITEMS_PER_GROUP, group=None, cursor=None)
    page = orjson.loads(orjson.dumps(page))  # the stored plans are JSON fragments
    sections: dict[str, list[Line]] = {}
    totals: dict[str, int] = {}
    for group in page["groups"]:
        if group["key"] not in SECTIONS:
            continue
        lines = [_line(item, base) for item in group["items"]]
        total = group["count"]
        if group["key"] == "past_window":  # the most recently closed first
            lines = [ln for ln in lines if ln.until is not None and ln.until >= since]
            total = len(lines)
        if lines:
            sections[group["key"]], totals[group["key"]] = lines, total
    return Digest(on, sections, totals) if sections else None


def subject(digest: Digest) -> str:
    """The subject: how many items of each kind."""
    words = {"due_now": "due", "closing_soon": "closing soon", "past_window": "just closed"}
    parts = [f"{n} {words[k]}" for k, n in digest.totals.items()]
    return f"Touchbase {digest.on:%a %d %b}: " + ", ".join(parts)


def _when(day: date | None) -> str:
    return f"until {day:%a %d %b}" if day else "no closing date"


def text(digest: Digest, user: User, links: dict[str, str]) -> str:
    """The plain-text body."""
    out = [f"Good morning {user.name}, here is what to follow up on today.", ""]
    for key, lines in digest.sections.items():
        out.append(f"{SECTIONS[key]} ({digest.totals[key]})")
        for ln in lines:
            why = f" ({ln.why})" if ln.why else ""
            out.append(
                f"- {ln.company}, {ln.position}: {ln.todo}{why}, {_when(ln.until)}. {ln.url}"
            )
        if digest.totals[key] > len(lines):
            out.append(f"  and {digest.totals[key] - len(lines)} more: {links['today']}")
        out.append("")
    out += [f"Today: {links['today']}", f"Unsubscribe from this digest: {links['unsubscribe']}"]
    return "\n".join(out) + "\n"


def html_body(digest: Digest, user: User, links: dict[str, str]) -> str:
    """The HTML alternative (every value escaped)."""
    e = html.escape
    out = [f"<p>Good morning {e(user.name)}, here is what to follow up on today.</p>"]
    for key, lines in digest.sections.items():
        out.append(f"<h3>{e(SECTIONS[key])} ({digest.totals[key]})</h3><ul>")
        for ln in lines:
            why = f" ({e(ln.why)})" if ln.why else ""
            out.append(
                f'<li><a href="{e(ln.url)}">{e(ln.company)}, {e(ln.position)}</a>: '
                f"{e(ln.todo)}{why}, {e(_when(ln.until))}.</li>"
            )
        if digest.totals[key] > len(lines):
            more = digest.totals[key] - len(lines)
            out.append(f'<li><a href="{e(links["today"])}">and {more} more</a></li>')
        out.append("</ul>")
    out.append(
        f'<p><a href="{e(links["today"])}">Open Today</a> · '
        f'<a href="{e(links["unsubscribe"])}">Unsubscribe from this digest</a></p>'
    )
    return "\n".join(out)
