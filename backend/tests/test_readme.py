"""The README's promises: its walkthrough runs against a live server, its tables match the code."""

import re
import subprocess
from pathlib import Path

from app.applications.models import MAX_CONTACTS, MAX_EVENTS, MAX_POSTING_TEXT
from app.auth.passwords import COMMON_PASSWORDS, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from app.config import REPO_DIR, Settings
from app.idempotency import MAX_KEY_LENGTH
from tests.conftest import LiveServer

README = REPO_DIR / "README.md"
MAKEFILE = REPO_DIR / "Makefile"
MARKER = "<!-- walkthrough -->"
READER_URL = "http://127.0.0.1:8000"


def walkthrough() -> str:
    """The one ```bash block right after the walkthrough marker."""
    text = README.read_text()
    assert text.count(MARKER) == 1, f"the README needs exactly one {MARKER} line"
    match = re.search(re.escape(MARKER) + r"\n```bash\n(.*?)\n```\n", text, re.DOTALL)
    assert match, f"a ```bash block must follow {MARKER} directly"
    return match.group(1)


def test_walkthrough_needs_only_curl_and_python() -> None:
    script = walkthrough()
    assert READER_URL in script
    assert not re.search(r"\bjq\b", script)
    assert script.rstrip().endswith("echo walkthrough ok")


def test_readme_walkthrough_runs_against_a_live_server(live: LiveServer, tmp_path: Path) -> None:
    script = walkthrough().replace(READER_URL, live.url)
    (tmp_path / "walkthrough.sh").write_text(script)
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "walkthrough.sh"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    out = done.stdout
    assert done.returncode == 0, f"stdout:\n{out}\nstderr:\n{done.stderr}"
    assert "register: 201" in out
    assert re.search(r"^token: tb_", out, re.MULTILINE)
    created = re.search(r"^created application (\d+), the retry answered (\d+)$", out, re.M)
    assert created and created.group(1) == created.group(2)
    assert re.search(r"^etag: \"\d+-1\"", out, re.IGNORECASE | re.MULTILINE)
    assert "stale If-Match: 412" in out
    assert "https://touchbase.dev/problems/stale-etag" in out
    assert out.rstrip().endswith("walkthrough ok")
    assert (tmp_path / "cookies.txt").exists()


def test_every_setting_is_in_the_configuration_table() -> None:
    text = README.read_text()
    for name in Settings.model_fields:
        assert f"`TOUCHBASE_{name.upper()}`" in text, f"the README does not document {name}"


def test_every_make_target_the_readme_names_exists() -> None:
    targets = set(re.findall(r"^([a-z][a-z-]*):", MAKEFILE.read_text(), re.MULTILINE))
    named = set(re.findall(r"`make ([a-z][a-z-]*)", README.read_text()))
    assert named, "the README names no make targets"
    assert named <= targets, f"missing from the Makefile: {sorted(named - targets)}"


def test_bounds_table_matches_the_code() -> None:
    text = README.read_text()
    bounds = text[text.index("## Bounds") :].split("\n## ")[0]
    rows = {line.split("|")[1].strip(): line for line in bounds.splitlines() if line.count("|") > 3}
    defaults = Settings()
    assert f"{defaults.max_body_bytes // 1024} KB" in rows["request body"]
    assert "1 to 100" in rows["page size (`limit`)"]
    assert f"{MAX_POSTING_TEXT:,} characters" in rows["`posting_text`"]
    assert f"| {MAX_CONTACTS} |" in rows["contacts per application"]
    assert f"| {MAX_EVENTS} |" in rows["events per application"]
    assert f"{defaults.login_max_failures} within a minute" in rows["failed sign-ins"]
    assert defaults.login_window_seconds == 60
    assert f"{len(COMMON_PASSWORDS):,} most common" in rows["password"]
    assert f"{MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters" in rows["password"]
    client = rows["failed sign-ins from one client"]
    assert f"{defaults.login_client_max_failures} within 10 minutes" in client
    assert defaults.login_client_window_seconds == 600
    assert f"{MAX_KEY_LENGTH} characters" in rows["`Idempotency-Key`"]
