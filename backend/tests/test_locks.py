"""The hashed locks agree with pyproject.toml, so a forgotten `make lock` fails here.

`make install` installs backend/requirements.lock, `make install-test` and CI
backend/requirements-test.lock, the image the first; pyproject.toml names the direct
dependencies with exact pins.
"""

import re
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from app.config import BACKEND_DIR

PYPROJECT = BACKEND_DIR / "pyproject.toml"
LOCK = BACKEND_DIR / "requirements.lock"
LOCK_TEST = BACKEND_DIR / "requirements-test.lock"
# One entry: `name==version [; marker] \` then its `--hash=sha256:...` lines.
ENTRY = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(?P<version>[^\s;\\]+)"
    r"(?P<rest>(?:.*\\\n)*.*)",
    re.MULTILINE,
)


def pins(lock: Path) -> dict[str, set[str]]:
    """Each locked package's versions (one per marker branch of a universal lock)."""
    found: dict[str, set[str]] = defaultdict(set)
    for entry in ENTRY.finditer(lock.read_text()):
        found[canonicalize_name(entry["name"])].add(entry["version"])
    return found


def declared(*extras: str) -> list[Requirement]:
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    names = list(project["dependencies"])
    for extra in extras:
        names += project["optional-dependencies"][extra]
    return [Requirement(name) for name in names]


@pytest.mark.parametrize(
    ("lock", "extras"), [(LOCK, ()), (LOCK_TEST, ("test",))], ids=["app", "test"]
)
def test_lock_pins_every_dependency_at_pyprojects_version(
    lock: Path, extras: tuple[str, ...]
) -> None:
    locked = pins(lock)
    stale = []
    for requirement in declared(*extras):
        (spec,) = requirement.specifier  # every direct dependency is pinned exactly
        assert spec.operator == "==", f"{requirement} is not pinned with =="
        name = canonicalize_name(requirement.name)
        if locked.get(name) != {spec.version}:
            stale.append(f"{requirement} (locked: {sorted(locked.get(name, [])) or 'missing'})")
    assert not stale, f"{lock.name} is stale, run `make lock`: {stale}"


def test_app_lock_installs_the_test_locks_versions() -> None:
    app, test = pins(LOCK), pins(LOCK_TEST)
    differ = {name: (v, test.get(name)) for name, v in app.items() if test.get(name) != v}
    assert not differ, f"run `make lock`: {differ}"


def test_app_lock_leaves_the_test_tools_out() -> None:
    app = pins(LOCK)
    tools = {canonicalize_name(r.name) for r in declared("test")} - {
        canonicalize_name(r.name) for r in declared()
    }
    assert tools and not tools & app.keys(), f"test tools in {LOCK.name}: {tools & app.keys()}"


@pytest.mark.parametrize("lock", [LOCK, LOCK_TEST], ids=["app", "test"])
def test_every_locked_package_carries_its_hashes(lock: Path) -> None:
    entries = list(ENTRY.finditer(lock.read_text()))
    assert len(entries) >= len(declared())
    unhashed = [e["name"] for e in entries if "--hash=sha256:" not in e["rest"]]
    assert not unhashed, f"{lock.name} has packages without hashes: {unhashed}"
