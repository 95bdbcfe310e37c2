"""The habits hold together: CI lints before it tests, pre-commit runs `make lint`'s checks,
mypy is strict, and a deprecation fails the tests."""

import re
import shlex
import tomllib

import yaml

from app.config import BACKEND_DIR, REPO_DIR

MAKEFILE = REPO_DIR / "Makefile"
CI = REPO_DIR / ".ci" / "run"
PRE_COMMIT = REPO_DIR / ".pre-commit-config.yaml"


def lint_commands() -> list[str]:
    """The commands of `make lint`'s recipe, run from backend/."""
    recipe = re.search(r"^lint:.*\n\t(.+)$", MAKEFILE.read_text(), re.MULTILINE)
    assert recipe, "the Makefile has no lint target"
    first, *rest = (part.strip() for part in recipe.group(1).split("&&"))
    assert first == "cd backend"
    return rest


def test_ci_lints_before_it_tests() -> None:
    steps = [ln.strip() for ln in CI.read_text().splitlines() if ln.strip().startswith("make ")]
    assert [s.split()[1] for s in steps] == ["lint", "test"]


def test_pre_commit_runs_the_checks_of_make_lint() -> None:
    config = yaml.safe_load(PRE_COMMIT.read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert all(repo["repo"] == "local" for repo in config["repos"]), "hooks download nothing"
    commands = []
    for hook in hooks:
        bash, flag, script = shlex.split(hook["entry"])
        assert (bash, flag) == ("bash", "-c")
        cd, *command = (part.strip() for part in script.split("&&"))
        assert cd == "cd backend"
        commands += command
    assert commands == lint_commands()


def test_mypy_is_strict_and_deprecations_are_errors() -> None:
    tools = tomllib.loads((BACKEND_DIR / "pyproject.toml").read_text())["tool"]
    assert tools["mypy"]["strict"] is True
    filters = tools["pytest"]["ini_options"]["filterwarnings"]
    assert filters[0] == "error::DeprecationWarning"
    # Later filters win: an ignore must name the module it is for.
    for rule in filters[1:]:
        action, _message, category, *where = rule.split(":")  # action:message:category:module
        if action == "ignore" and "Deprecation" in category:
            assert where and where[0], f"{rule} ignores deprecations everywhere"
