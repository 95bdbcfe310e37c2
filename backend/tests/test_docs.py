"""The docs point at code that exists: every path docs/domain.md and the README cite."""

import re

import pytest

from app.config import REPO_DIR

DOCS = ["docs/domain.md", "README.md"]
# A repository path as the docs cite it: backend/app/... or frontend/..., up to a space,
# backtick, bracket or quote.
PATH = re.compile(r"(?<![\w/])((?:backend/app|frontend)/[\w./-]*[\w/])")


def cited(doc: str) -> list[str]:
    return sorted(set(PATH.findall((REPO_DIR / doc).read_text())))


@pytest.mark.parametrize("doc", DOCS)
def test_every_cited_path_exists(doc: str) -> None:
    missing = [p for p in cited(doc) if not (REPO_DIR / p).exists()]
    assert missing == [], f"{doc} cites paths that do not exist: {missing}"


def test_the_domain_document_cites_the_code() -> None:
    assert "backend/app/followups/policy.py" in cited("docs/domain.md")


def test_code_cites_the_domain_document_where_it_lives() -> None:
    old = "DOMAIN" + ".md"  # its name before it came into the repository
    stale = [
        str(path.relative_to(REPO_DIR))
        for folder in ("backend/app", "backend/tests", "frontend", "bench")
        for path in (REPO_DIR / folder).rglob("*")
        if path.suffix in {".py", ".js", ".html", ".md"} and old in path.read_text()
    ]
    assert stale == [], f"cite docs/domain.md instead of {old}"
