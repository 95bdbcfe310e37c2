"""Check and render user-written message templates safely.

Templates are hostile input rendered on the server. Two layers keep them harmless:

1. `check` parses the source and walks the syntax tree against a whitelist: text,
   `{{ variable }}` for the known variables only, a few string filters, `{% if %}` with
   `==`, `!=`, `and`, `or`, `not`, `~`, and short literals. Everything else (attribute and
   item access, calls, loops, macros, includes, `set`, arithmetic, ...) is refused before
   anything is compiled.
2. What passes is compiled in Jinja's immutable sandbox with no globals, and its output is
   counted as it is produced, so it cannot grow past `MAX_OUTPUT`.

Output is plain text: nothing is HTML-escaped. Whitespace follows Jinja's `trim_blocks` and
`lstrip_blocks`: a `{% if %}` line of its own leaves no blank line behind, and the line break
right after any `{% ... %}` tag is dropped.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, nodes
from jinja2.filters import FILTERS as DEFAULT_FILTERS
from jinja2.sandbox import ImmutableSandboxedEnvironment

from app.templates.variables import VARIABLE_NAMES

MAX_SOURCE = 10_000  # characters per field (subject, body)
MAX_OUTPUT = 20_000  # characters of rendered output per field
MAX_MAILTO = 2_000  # characters of a mailto: link (browsers and mail clients cut longer ones)
MAX_DEPTH = 32  # nesting of the syntax tree (ifs inside ifs, filters on filters, and/or chains)
MAX_STRING = 200  # characters of a quoted string in a template
MAX_INT = 10**9
MAX_PROBLEMS = 50  # per field; the rest are summed up in one line

# Filter name -> most positional arguments it may take.
ALLOWED_FILTERS: Mapping[str, int] = {
    "upper": 0,
    "lower": 0,
    "title": 0,
    "capitalize": 0,
    "trim": 1,
    "default": 2,
}
_ALLOWED_COMPARISONS = {"eq", "ne"}
_TOO_DEEP = f"the template is nested too deeply (limit {MAX_DEPTH} levels)"


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    """One thing wrong with a template field, with its line when it has one."""

    field: str
    line: int | None
    message: str


class TemplateInvalid(Exception):
    """A template was refused; `problems` lists every reason found."""

    def __init__(self, problems: Iterable[TemplateProblem]) -> None:
        self.problems: tuple[TemplateProblem, ...] = tuple(problems)
        super().__init__(
            "; ".join(
                f"{p.field}{f' line {p.line}' if p.line else ''}: {p.message}"
                for p in self.problems
            )
        )


class RenderTooLarge(Exception):
    """Rendering a field produced more than `MAX_OUTPUT` characters."""

    def __init__(self, field: str, limit: int = MAX_OUTPUT) -> None:
        self.field = field
        self.limit = limit
        super().__init__(f"{field}: the rendered text is longer than {limit:,} characters")


def _finalize(value: object) -> object:
    return "" if value is None else value


def _environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        autoescape=False,  # plain text out: no HTML escaping, and nothing is interpreted
        undefined=StrictUndefined,
        trim_blocks=True,  # a {% if %} on its own line leaves no blank line behind
        lstrip_blocks=True,
        finalize=_finalize,
        cache_size=0,
        auto_reload=False,
    )
    env.globals.clear()  # no range, lipsum, cycler, joiner, namespace, dict
    env.filters = {name: DEFAULT_FILTERS[name] for name in ALLOWED_FILTERS}
    env.tests = {}
    return env


_ENV = _environment()

# Messages for refused constructs, by node type; the first matching type in the MRO wins.
_REFUSED: dict[type[nodes.Node], str] = {
    nodes.For: "{% for %} loops are not allowed",
    nodes.Macro: "{% macro %} is not allowed",
    nodes.CallBlock: "{% call %} is not allowed",
    nodes.Include: "{% include %} is not allowed",
    nodes.Import: "{% import %} is not allowed",
    nodes.FromImport: "{% from ... import %} is not allowed",
    nodes.Extends: "{% extends %} is not allowed",
    nodes.Block: "{% block %} is not allowed",
    nodes.Assign: "{% set %} is not allowed",
    nodes.AssignBlock: "{% set %} is not allowed",
    nodes.FilterBlock: "{% filter %} blocks are not allowed",
    nodes.With: "{% with %} is not allowed",
    nodes.Scope: "scoped blocks are not allowed",
    nodes.EvalContextModifier: "{% autoescape %} is not allowed",
    nodes.ScopedEvalContextModifier: "{% autoescape %} is not allowed",
    nodes.Getattr: "attribute access (a.b) is not allowed",
    nodes.Getitem: "item access (a[...]) is not allowed",
    nodes.Call: "function and method calls are not allowed",
    nodes.Test: "tests (is ...) are not allowed",
    nodes.CondExpr: "inline if expressions are not allowed; use {% if %} ... {% endif %}",
    nodes.List: "lists are not allowed",
    nodes.Tuple: "tuples are not allowed",
    nodes.Dict: "dictionaries are not allowed",
    nodes.Slice: "slices are not allowed",
}


@dataclass(frozen=True, slots=True)
class _Compiled:
    """The outcome of checking one source: its problems, or the compiled template."""

    problems: tuple[tuple[int | None, str], ...]
    template: Template | None
    names: frozenset[str]


def _refusal(node: nodes.Node) -> str:
    if isinstance(node, nodes.BinExpr | nodes.UnaryExpr):
        return f"the {node.operator} operator is not allowed"
    for cls in type(node).__mro__:
        if cls in _REFUSED:
            return _REFUSED[cls]
    return f"{type(node).__name__} is not allowed"


def _unknown(name: str) -> str:
    message = f'unknown variable "{name}"'
    close = difflib.get_close_matches(name, sorted(VARIABLE_NAMES), n=1)
    return f'{message}; did you mean "{close[0]}"?' if close else message


def _const_problem(value: object) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return None if abs(value) <= MAX_INT else f"numbers may not exceed {MAX_INT:,}"
    if isinstance(value, str):
        if len(value) <= MAX_STRING:
            return None
        return f"quoted text is limited to {MAX_STRING} characters"
    return "only quoted text, whole numbers, true, false and none are allowed as values"


def _is_text(node: nodes.Node) -> bool:
    """A variable (always text) or a quoted string."""
    return isinstance(node, nodes.Name) or (
        isinstance(node, nodes.Const) and isinstance(node.value, str)
    )


def _walk(tree: nodes.Template) -> tuple[list[tuple[int | None, str]], set[str]]:
    """Check a parsed template against the whitelist; return its problems and variables."""
    problems: list[tuple[int | None, str]] = []
    names: set[str] = set()
    stack: list[tuple[nodes.Node, int]] = [(tree, 0)]
    while stack:  # iterative, so a deep tree cannot exhaust the Python stack here
        node, depth = stack.pop()
        line = node.lineno
        if depth > MAX_DEPTH:
            problems.append((line, _TOO_DEEP))
            continue
        children: list[nodes.Node] = []
        if isinstance(node, nodes.Template):
            children = list(node.body)
        elif isinstance(node, nodes.Output):
            children = list(node.nodes)
        elif isinstance(node, nodes.TemplateData):
            pass
        elif isinstance(node, nodes.If):
            children = [node.test, *node.body, *node.elif_, *node.else_]
        elif isinstance(node, nodes.Name):
            if node.ctx != "load" or node.name not in VARIABLE_NAMES:
                problems.append((line, _unknown(node.name)))
            else:
                names.add(node.name)
        elif isinstance(node, nodes.Const):
            if (problem := _const_problem(node.value)) is not None:
                problems.append((line, problem))
        elif isinstance(node, nodes.Filter):
            if node.node is None or node.name not in ALLOWED_FILTERS:
                allowed = ", ".join(ALLOWED_FILTERS)
                problems.append((line, f'filter "{node.name}" is not allowed (use: {allowed})'))
                continue
            if node.kwargs or node.dyn_args or node.dyn_kwargs:
                problems.append((line, f'filter "{node.name}" takes no keyword arguments'))
                continue
            if len(node.args) > ALLOWED_FILTERS[node.name]:
                problems.append((line, f'too many arguments for filter "{node.name}"'))
                continue
            if node.name == "trim" and node.args and not _is_text(node.args[0]):
                # str.strip() takes only text: trim(5) or trim(true) would fail at render time
                problems.append((line, 'filter "trim" takes quoted text or a variable'))
                continue
            children = [node.node, *node.args]
        elif isinstance(node, nodes.Compare):
            refused = [op.op for op in node.ops if op.op not in _ALLOWED_COMPARISONS]
            if refused:
                problems.append((line, "only == and != comparisons are allowed"))
                continue
            children = [node.expr, *(op.expr for op in node.ops)]
        elif isinstance(node, nodes.And | nodes.Or):
            children = [node.left, node.right]
        elif isinstance(node, nodes.Not):
            children = [node.node]
        elif isinstance(node, nodes.Concat):
            children = list(node.nodes)
        else:
            problems.append((line, _refusal(node)))
            continue
        stack.extend((child, depth + 1) for child in reversed(children))
    problems.sort(key=lambda p: p[0] or 0)
    return problems, names


_OPENING_TAGS = frozenset({"if", "for", "macro", "call", "filter", "block", "with", "autoescape"})
_BRACKETS = {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}
_NESTING_WORDS = frozenset({"not", "if", "-", "+"})  # each may nest one parser level deeper


def _too_deep(source: str) -> int | None:
    """The line where nesting passes MAX_DEPTH, found from the tokens without recursing.

    Jinja's parser recurses once per nested block, bracket or unary operator; refusing deep
    sources before parsing keeps a hostile one from running into the recursion limit.
    """
    blocks = brackets = words = 0
    tag_name_next = False
    try:
        for line, kind, value in _ENV.lex(source):
            if kind == "whitespace":
                continue
            if kind in ("block_begin", "variable_begin"):
                tag_name_next = kind == "block_begin"
                brackets = words = 0
                continue
            if tag_name_next and kind == "name":
                if value in _OPENING_TAGS:
                    blocks += 1
                elif value.startswith("end"):
                    blocks = max(0, blocks - 1)
            elif kind == "operator" and value in _BRACKETS:
                brackets += _BRACKETS[value]
            elif kind in ("name", "operator") and value in _NESTING_WORDS:
                words += 1
            tag_name_next = False
            if blocks + brackets + words > MAX_DEPTH:
                return line
    except TemplateSyntaxError:
        return None  # the parser reports it, with its line
    return None


def _parse(source: str) -> tuple[nodes.Template | None, tuple[int | None, str] | None]:
    try:
        return _ENV.parse(source), None
    except TemplateSyntaxError as exc:
        return None, (exc.lineno, f"syntax error: {exc.message}")
    except RecursionError:
        return None, (None, _TOO_DEEP)
    except Exception:  # hostile input: e.g. a 5,000-digit number makes int() fail
        return None, (None, "the template could not be read (is a number too long?)")


@functools.lru_cache(maxsize=512)
def _compile(source: str) -> _Compiled:
    """Check one source and compile it if it passes; cached, refusals included."""
    if (deep_at := _too_deep(source)) is not None:
        return _Compiled(((deep_at, _TOO_DEEP),), None, frozenset())
    tree, syntax_problem = _parse(source)
    if tree is None:
        assert syntax_problem is not None
        return _Compiled((syntax_problem,), None, frozenset())
    problems, names = _walk(tree)
    if problems:
        unique = list(dict.fromkeys(problems))
        if len(unique) > MAX_PROBLEMS:
            more = len(unique) - MAX_PROBLEMS
            unique[MAX_PROBLEMS:] = [(None, f"... and {more} more problems")]
        return _Compiled(tuple(unique), None, frozenset(names))
    # Compile the very tree that was checked, not a re-parse of the source.
    return _Compiled((), _ENV.from_string(tree), frozenset(names))


def _checked(field: str, source: str) -> tuple[list[TemplateProblem], _Compiled | None]:
    if len(source) > MAX_SOURCE:
        message = f"is too long: {len(source):,} characters (limit {MAX_SOURCE:,})"
        return [TemplateProblem(field, None, message)], None
    compiled = _compile(source)
    return [TemplateProblem(field, line, msg) for line, msg in compiled.problems], compiled


def check(sources: Mapping[str, str]) -> None:
    """Check template fields (field name -> source); raise TemplateInvalid listing every problem."""
    problems = [p for field, source in sources.items() for p in _checked(field, source)[0]]
    if problems:
        raise TemplateInvalid(problems)


def render(source: str, values: Mapping[str, str], field: str = "body") -> str:
    """Check, compile (cached) and render one template field with the given variable values.

    Raises TemplateInvalid if the source is refused, RenderTooLarge if the output would pass
    MAX_OUTPUT characters, and KeyError if `values` lacks a variable the template uses.
    """
    problems, compiled = _checked(field, source)
    if problems or compiled is None or compiled.template is None:
        raise TemplateInvalid(problems)
    missing = compiled.names - values.keys()
    if missing:
        raise KeyError(f"no value for: {', '.join(sorted(missing))}")
    context = {name: values[name] for name in compiled.names}
    pieces: list[str] = []
    size = 0
    for chunk in compiled.template.generate(context):
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise RenderTooLarge(field)
        pieces.append(chunk)
    return "".join(pieces)


def _quote_table(safe: str) -> list[str]:
    """What urllib.parse.quote(text, safe=safe) writes for each byte of the UTF-8 text."""
    return [chr(b) if chr(b) in _UNRESERVED + safe else f"%{b:02X}" for b in range(256)]


_UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~"
_ADDRESS_SAFE, _ALL_QUOTED = _quote_table("@"), _quote_table("")


def _quote(text: str, table: list[str]) -> str:
    """urllib.parse.quote by a table: its per-byte Python loop was a sixth of a render."""
    return "".join(map(table.__getitem__, text.encode()))


def mailto(to: str | None, subject: str, body: str) -> str | None:
    """Build a mailto: link with the subject and body filled in; None if it would be too long.

    Line breaks in the body become %0D%0A (RFC 6068); line breaks in the subject become spaces.
    Returns None when the link would pass MAX_MAILTO characters, since many clients cut it.
    """
    address = _quote((to or "").strip(), _ADDRESS_SAFE)
    one_line_subject = " ".join(subject.split())
    crlf_body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    query = []
    if one_line_subject:
        query.append("subject=" + _quote(one_line_subject, _ALL_QUOTED))
    if crlf_body:
        query.append("body=" + _quote(crlf_body, _ALL_QUOTED))
    link = "mailto:" + address + ("?" + "&".join(query) if query else "")
    return link if len(link) <= MAX_MAILTO else None
