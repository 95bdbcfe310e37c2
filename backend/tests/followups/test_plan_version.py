"""Stored plans carry the version of the code that decided them, bumped by hand on purpose.

The plan-deciding code (stored.PLAN_CODE) is fingerprinted as its syntax tree without
docstrings, so whitespace, comments and wording do not count and a change to what decides a
plan cannot slip in without a PLAN_VERSION bump.
"""

import ast
import hashlib
from pathlib import Path

from app.followups import stored

BACKEND = Path(__file__).resolve().parents[2]
# Every PLAN_VERSION and the fingerprint of the plan-deciding code it names (keep the old ones).
RECORDED = {
    1: "b2420bcdb2f46d92",
    2: "017feb4e58c2e5c5",  # closing-date windows; who said what in the reasons
    3: "136f767171f26d16",  # asks a reply already answered; deleted applications
    4: "198120e892d07c40",  # a new application's contacts and stored plan are not read
    5: "3fd011cf894b1e2b",  # a new application's plan computed before its row goes in
    6: "d2c9a7fdc81d989b",  # a create's policy read and plan INSERT on the cursor; one-pass encode
}


def _without_docstrings(node: ast.AST) -> ast.AST:
    for child in ast.walk(node):
        body = getattr(child, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        docstring = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
        if docstring and isinstance(first.value.value, str):  # type: ignore[union-attr]
            child.body = body[1:] or [ast.Pass()]  # type: ignore[attr-defined,index]
    return node


def code_of(path: str, names: tuple[str, ...] | None) -> str:
    """The normalized syntax of a module, or of some of its top-level functions and names."""
    tree = ast.parse((BACKEND / path).read_text())
    if names is None:
        return ast.dump(_without_docstrings(tree))
    found: dict[str, ast.stmt] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            found[node.name] = node
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found.update((t.id, node) for t in targets if isinstance(t, ast.Name))
    missing = set(names) - found.keys()
    assert not missing, f"stored.PLAN_CODE names {sorted(missing)}, not in {path}"
    return "\n".join(ast.dump(_without_docstrings(found[name])) for name in names)


def fingerprint() -> str:
    digest = hashlib.sha256()
    for path, names in sorted(stored.PLAN_CODE.items()):
        digest.update(f"{path}\n{code_of(path, names)}\n".encode())
    return digest.hexdigest()[:16]


def test_the_plan_deciding_code_is_the_one_its_version_names() -> None:
    now = fingerprint()
    assert RECORDED.get(stored.PLAN_VERSION) == now, (
        f"the code that decides stored plans changed: bump PLAN_VERSION and record the new "
        f"fingerprint (app/followups/stored.py; {now} in RECORDED, {Path(__file__).name})"
    )


def test_every_version_names_other_code() -> None:
    assert max(RECORDED) == stored.PLAN_VERSION
    assert len(set(RECORDED.values())) == len(RECORDED)


def test_whitespace_comments_and_docstrings_do_not_count() -> None:
    source = '"""A module."""\n\ndef f(x):\n    """Doubles."""\n    return x * 2\n'
    edited = "def f(x):  # a comment\n\n    return x*2\n"
    changed = "def f(x):\n    return x * 3\n"

    def dump(text: str) -> str:
        return ast.dump(_without_docstrings(ast.parse(text)))

    assert dump(source) == dump(edited) != dump(changed)
