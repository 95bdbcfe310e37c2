import time
from datetime import date
from urllib.parse import quote, unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.templates import rendering
from app.templates.rendering import (
    MAX_OUTPUT,
    MAX_SOURCE,
    RenderTooLarge,
    TemplateInvalid,
    TemplateProblem,
    check,
    mailto,
    render,
)
from app.templates.variables import sample_values

VALUES = sample_values(date(2026, 3, 10))

PAYLOADS = [
    # attribute walks to globals, builtins and the sandbox's own objects
    "{{ self.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ joiner.__init__.__globals__.os.popen('id').read() }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.__globals__ }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ().__class__ }}",
    "{{ [].__class__.__base__ }}",
    "{{ request.application }}",
    "{{ config }}",
    "{{ config.items() }}",
    "{{ self }}",
    "{{ company.__class__ }}",
    "{{ company.upper() }}",
    "{{ company['__class__'] }}",
    "{{ company[0] }}",
    "{{ company[0:5] }}",
    "{% if company.__class__ %}x{% endif %}",
    "{{ company|default(company.__class__.__base__.__subclasses__()) }}",
    # format and attr tricks
    "{{ '%s'|format(company) }}",
    '{{ "{0.__class__}".format(company) }}',
    "{{ '%s' % company }}",
    "{{ company|attr('__class__') }}",
    "{{ company|attr('upper')() }}",
    "{{ company|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
    "{{ company|map('upper')|list }}",
    "{{ company|pprint }}",
    "{{ company|tojson }}",
    "{{ company|safe }}",
    "{{ company|center(999999999) }}",
    "{{ company|wordwrap(999999999) }}",
    "{{ company|indent(999999999) }}",
    # resource exhaustion
    "{{ 'a' * 100000000 }}",
    "{{ company * 999999999 }}",
    "{{ range(99999999)|list }}",
    "{{ 9**9**9 }}",
    "{{ company + company }}",
    "{{ [company] * 99999999 }}",
    "{{ 1 / 0 }}",
    "{{ -company }}",
    "{{ " + "9" * 5000 + " }}",
    "{{ " + "(" * 3000 + "company" + ")" * 3000 + " }}",
    "{{ " + "not " * 2000 + "company }}",
    "{{ company" + "|upper" * 500 + " }}",
    "{% if " + " and ".join(["company"] * 600) + " %}x{% endif %}",
    "{%if company%}" * 400 + "{%endif%}" * 400,
    "{%if company%}" * 500 + "{%endif%}" * 500,
    "{{ '" + "a" * 201 + "' }}",
    "{{ 10000000000000 }}",
    # statements
    "{% for x in company %}{{ x }}{% endfor %}",
    "{% for a in company %}{% for b in company %}{% for c in company %}x"
    "{% endfor %}{% endfor %}{% endfor %}",
    "{% macro m() %}x{% endmacro %}{{ m() }}",
    "{% call company() %}x{% endcall %}",
    "{% include 'x' %}",
    "{% import 'os' as os %}",
    "{% from 'os' import system %}",
    "{% extends 'base.html' %}",
    "{% block b %}x{% endblock %}",
    "{% set x = company %}{{ x }}",
    "{% set x %}{{ company }}{% endset %}",
    "{% with x = company %}{{ x }}{% endwith %}",
    "{% filter upper %}{{ company }}{% endfilter %}",
    "{% autoescape false %}{{ company }}{% endautoescape %}",
    "{% do company.upper() %}",
    "{% trans %}x{% endtrans %}",
    # expressions outside the whitelist
    "{{ company if company else position }}",
    "{{ company is defined }}",
    "{{ {'a': company} }}",
    "{{ (company, position) }}",
    "{% if company in position %}x{% endif %}",
    "{% if company > position %}x{% endif %}",
    "{{ company|upper('x') }}",
    "{{ contact_title|default('x', boolean=true) }}",
    "{{ company|default(*position) }}",
    "{{ 1.5 }}",
    "{{ loop }}",
    "{{ caller }}",
    "{{ varargs }}",
    "{{ gettext('x') }}",
    "{{ _('x') }}",
    # unicode tricks
    "{{ ｃｏｍｐａｎｙ }}",
    "{{ ｃｏｍｐａｎｙ.__class__ }}",
    "{{ company\u200b }}",
    "{{ company\uff0e__class__ }}",
    "{{ company|ａｔｔｒ('__class__') }}",
    "{{ company|\u0430ttr('__class__') }}",
    "{{ se\u200blf }}",
    # broken syntax
    "{{ company",
    "{% if company %}no end",
    "{% endif %}",
    "{{ }}",
]


@pytest.fixture
def no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything reaches the Jinja compiler."""
    rendering._compile.cache_clear()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a refused template reached the compiler")

    monkeypatch.setattr(rendering._ENV, "from_string", refuse)


def test_the_payload_corpus_is_big_enough() -> None:
    assert len(PAYLOADS) >= 25
    assert len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escape_and_injection_payloads_are_refused_quickly(
    payload: str, no_compiling: None
) -> None:
    # CPU time, so other work on a busy machine does not count against the template.
    started = time.process_time()
    with pytest.raises(TemplateInvalid) as refused:
        render(payload, VALUES)
    assert time.process_time() - started < 0.5
    assert refused.value.problems
    assert all(p.field == "body" and p.message for p in refused.value.problems)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_check_refuses_payloads_too(payload: str, no_compiling: None) -> None:
    with pytest.raises(TemplateInvalid):
        check({"subject": payload})


def test_the_sandbox_alone_still_blocks_attribute_walks() -> None:
    # Defense in depth: even without the whitelist, the sandbox refuses private attributes.
    template = rendering._ENV.from_string("{{ company.__class__.__mro__ }}")
    with pytest.raises(Exception, match="unsafe|__class__"):
        template.render(company="Acme")
    assert rendering._ENV.globals == {}


def test_refusals_name_the_construct() -> None:
    cases = {
        "{% for x in company %}{% endfor %}": "{% for %}",
        "{{ company.upper }}": "attribute access",
        "{{ company['x'] }}": "item access",
        "{{ company|attr('x') }}": 'filter "attr"',
        "{{ 'a' * 3 }}": "* operator",
        "{% include 'x' %}": "{% include %}",
        "{% set x = 1 %}": "{% set %}",
        "{{ company() }}": "calls",
    }
    for source, words in cases.items():
        with pytest.raises(TemplateInvalid) as refused:
            check({"body": source})
        assert words in refused.value.problems[0].message, source


def test_good_templates_render() -> None:
    source = (
        "Dear {{ contact_first_name }},\n"
        "{{ position|upper }} at {{ company|lower }} ({{ '  x  '|trim }}) {{ company ~ '!' }}\n"
        "{# a comment #}"
        "{% raw %}{{ not a variable }}{% endraw %}\n\n"
        "{% if contact_title == 'CEO' %}ceo{% elif not contact_title %}none"
        "{% elif contact_title != 'x' and (company or position) %}{{ contact_title|title }}"
        "{% else %}else{% endif %}"
    )
    assert render(source, VALUES) == (
        "Dear Jordan,\n"
        "SENIOR DATA ANALYST at northwind traders (x) Northwind Traders!\n"
        "{{ not a variable }}\n"
        "Head Of Analytics"
    )


def test_default_with_true_replaces_empty_values() -> None:
    values = {**VALUES, "contact_title": ""}
    assert render("{{ contact_title|default('the team', true) }}", values) == "the team"
    assert render("{{ contact_title|default('the team') }}", values) == ""


def test_an_if_on_its_own_line_leaves_no_blank_line() -> None:
    source = "Hello\n  {% if company %}\n  {{ company }}\n  {% endif %}\nBye"
    assert render(source, VALUES) == "Hello\n  Northwind Traders\nBye"


def test_a_block_tag_ending_a_line_takes_its_line_break_with_it() -> None:
    # Jinja's trim_blocks: the documented price of tidy standalone {% if %} lines.
    assert render("A{% if company %}B{% endif %}\nC", VALUES) == "ABC"
    assert render("A{% if company %}B{% endif %}\n\nC", VALUES) == "AB\nC"


def test_nesting_within_the_limit_renders() -> None:
    source = "{% if company %}" * 10 + "deep" + "{% endif %}" * 10
    assert render(source, VALUES) == "deep"


def test_unknown_variable_is_named_with_its_line() -> None:
    with pytest.raises(TemplateInvalid) as refused:
        check({"body": "Hello\n\nI applied at {{ compnay }}."})
    [problem] = refused.value.problems
    assert problem.field == "body"
    assert problem.line == 3
    assert '"compnay"' in problem.message
    assert 'did you mean "company"' in problem.message


def test_syntax_error_is_reported_with_its_line() -> None:
    with pytest.raises(TemplateInvalid) as refused:
        check({"subject": "ok", "body": "line one\nline two\n{{ company }\n"})
    [problem] = refused.value.problems
    assert problem.field == "body"
    assert problem.line == 3
    assert problem.message.startswith("syntax error")


def test_every_problem_in_every_field_is_listed() -> None:
    with pytest.raises(TemplateInvalid) as refused:
        check(
            {
                "subject": "{{ compnay }}",
                "body": "Hi {{ contact.name }}\n{{ company }}\n{% for x in company %}{% endfor %}\n"
                "{{ posting }}",
            }
        )
    problems = refused.value.problems
    assert [(p.field, p.line) for p in problems] == [
        ("subject", 1),
        ("body", 1),
        ("body", 3),
        ("body", 4),
    ]
    assert "subject line 1" in str(refused.value)


def test_same_problem_on_the_same_line_is_listed_once() -> None:
    with pytest.raises(TemplateInvalid) as refused:
        check({"body": "{{ a.b }} {{ c.d }}\n{{ e.f }}"})
    assert [p.line for p in refused.value.problems] == [1, 2]


def test_source_length_boundary() -> None:
    at_limit = "x" * MAX_SOURCE
    check({"body": at_limit})
    assert render(at_limit, VALUES) == at_limit
    with pytest.raises(TemplateInvalid) as refused:
        check({"body": at_limit + "x"})
    assert refused.value.problems == (
        TemplateProblem("body", None, "is too long: 10,001 characters (limit 10,000)"),
    )
    with pytest.raises(TemplateInvalid):
        render(at_limit + "x", VALUES)


def test_output_past_the_limit_raises_render_too_large() -> None:
    source = "{{ company }}" * (MAX_SOURCE // len("{{ company }}"))
    assert len(source) <= MAX_SOURCE
    values = {**VALUES, "company": "x" * 40}
    with pytest.raises(RenderTooLarge) as too_large:
        render(source, values, field="subject")
    assert too_large.value.field == "subject"
    assert not isinstance(too_large.value, TemplateInvalid)


def test_output_at_the_limit_renders() -> None:
    values = {**VALUES, "company": "x" * (MAX_OUTPUT // 2)}
    assert len(render("{{ company }}{{ company }}", values)) == MAX_OUTPUT
    with pytest.raises(RenderTooLarge):
        render("{{ company }}{{ company }}!", values)


def test_html_and_template_syntax_in_values_stay_literal() -> None:
    values = {
        **VALUES,
        "company": "<b>Acme</b> & <script>alert(1)</script>",
        "position": "{{ company.__class__ }}{% for x in y %}",
    }
    expected = (
        "<p><b>Acme</b> & <script>alert(1)</script></p> {{ company.__class__ }}{% for x in y %}"
    )
    assert render("<p>{{ company }}</p> {{ position }}", values) == expected


def test_none_prints_as_nothing() -> None:
    assert render("[{{ none }}]", VALUES) == "[]"


def test_missing_values_are_a_programming_error() -> None:
    with pytest.raises(KeyError, match="company"):
        render("{{ company }}", {"position": "Analyst"})


def test_compiled_templates_are_cached() -> None:
    rendering._compile.cache_clear()
    source = "Hello {{ contact_first_name }} at {{ company }}"
    first = render(source, VALUES)
    second = render(source, {**VALUES, "company": "Acme"})
    assert (first, second) == ("Hello Jordan at Northwind Traders", "Hello Jordan at Acme")
    info = rendering._compile.cache_info()
    assert (info.misses, info.hits) == (1, 1)
    assert info.maxsize == 512


def test_refusals_are_cached_too() -> None:
    rendering._compile.cache_clear()
    for _ in range(3):
        with pytest.raises(TemplateInvalid):
            render("{{ company.__class__ }}", VALUES)
    assert rendering._compile.cache_info().hits == 2


TOKENS = [
    "{{", "}}", "{%", "%}", "{#", "#}", "-", " ", "\n", "if", "elif", "else", "endif", "for",
    "in", "endfor", "set", "=", "company", "position", "self", "x", ".", "__class__", "(", ")",
    "[", "]", "'a'", '"b"', "9", "*", "**", "~", "|", "upper", "attr", "default", "==", "!=",
    "not", "and", "or", ",", "raw", "endraw", "true", "none",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join) | st.text(max_size=200))
def test_arbitrary_sources_render_or_are_refused(source: str) -> None:
    try:
        out = render(source, VALUES)
    except (TemplateInvalid, RenderTooLarge):
        return
    assert isinstance(out, str)
    assert "__class__" not in out or "__class__" in source


def test_mailto_encodes_subject_and_body() -> None:
    link = mailto("jordan.lee+jobs@example.com", "Following up\non X", "Hi Jordan,\n\nA & B? #1 é")
    assert link == (
        "mailto:jordan.lee%2Bjobs@example.com"
        "?subject=Following%20up%20on%20X"
        "&body=Hi%20Jordan%2C%0D%0A%0D%0AA%20%26%20B%3F%20%231%20%C3%A9"
    )
    assert unquote(link.split("body=")[1]) == "Hi Jordan,\r\n\r\nA & B? #1 é"


def test_mailto_without_an_address_or_text() -> None:
    assert mailto(None, "Hello", "") == "mailto:?subject=Hello"
    assert mailto("  ", "", "Body") == "mailto:?body=Body"
    assert mailto("a@example.com", "", "") == "mailto:a@example.com"


def test_mailto_normalises_every_line_break_to_crlf() -> None:
    link = mailto(None, "", "a\r\nb\rc\nd")
    assert link == "mailto:?body=a%0D%0Ab%0D%0Ac%0D%0Ad"


def test_mailto_is_none_past_2000_characters() -> None:
    prefix = len("mailto:a@example.com?body=")
    fits = mailto("a@example.com", "", "x" * (2000 - prefix))
    assert fits is not None and len(fits) == 2000
    assert mailto("a@example.com", "", "x" * (2001 - prefix)) is None
    assert mailto("a@example.com", "", "é" * 400) is None  # 6 characters each once encoded


@given(st.text())
def test_the_mailto_quoting_writes_what_urllib_quote_writes(text: str) -> None:
    try:
        expected = quote(text, safe=""), quote(text, safe="@")
    except UnicodeEncodeError:  # lone surrogates: both refuse them
        with pytest.raises(UnicodeEncodeError):
            rendering._quote(text, rendering._ALL_QUOTED)
        return
    assert (
        rendering._quote(text, rendering._ALL_QUOTED),
        rendering._quote(text, rendering._ADDRESS_SAFE),
    ) == expected
