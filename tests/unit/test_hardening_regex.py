"""JSONPath regexes run in linear time: a backtracking pattern cannot block the event loop."""

from __future__ import annotations

import time

import pytest

from conductor.server.expressions import paths
from conductor.server.expressions.regex import RegexError, compile_regex
from conductor.server.expressions.templating import invalid_expressions, resolve

CATASTROPHIC = "(a+)+$"


@pytest.mark.parametrize("length", [25, 30, 10_000])
def test_catastrophic_pattern_over_long_subject_is_fast(length: int) -> None:
    """`[?(@ =~ /(a+)+$/)]` over "a"*25+"!" took 2.1 s with `re`, doubling per character."""
    subject = "a" * length + "!"
    doc = {"workflow": {"input": {"items": [subject, "aaa"]}}}
    started = time.monotonic()
    assert paths.read(doc, f"workflow.input.items[?(@ =~ /{CATASTROPHIC}/)]") == ["aaa"]
    assert paths.read(doc, f'workflow.input.items[?match(@, "{CATASTROPHIC}")]') == ["aaa"]
    assert paths.read(doc, f'workflow.input.items[?search(@, "{CATASTROPHIC}")]') == ["aaa"]
    assert resolve({"x": f"${{workflow.input.items[?(@ =~ /{CATASTROPHIC}/)]}}"}, doc) == {"x": ["aaa"]}
    assert time.monotonic() - started < 1.0


def test_regex_filters_keep_their_meaning() -> None:
    doc = {"a": [{"t": "blue"}, {"t": "Black"}, {"t": "red"}, {"t": "b\nx"}]}
    assert paths.read(doc, "a[?(@.t =~ /bl.*/)].t") == ["blue"]
    assert paths.read(doc, "a[?(@.t =~ /bl.*/i)].t") == ["blue", "Black"]
    assert paths.read(doc, "a[?(@.t =~ /b.x/s)].t") == ["b\nx"]
    assert paths.read(doc, 'a[?search(@.t, "e")].t') == ["blue", "red"]
    assert paths.read(doc, 'a[?match(@.t, "r.d")].t') == ["red"]
    # A bad pattern coming from data matches nothing (RFC 9535), it does not raise.
    assert paths.read(doc, 'a[?match(@.t, "(")].t') == []


@pytest.mark.parametrize("pattern", [r"(a)\1", "(?=a)a", "(", "a{2000}"])
def test_unsupported_or_bad_patterns_are_invalid_paths(pattern: str) -> None:
    """Backreferences and look-around (which need backtracking) are rejected at registration."""
    with pytest.raises(RegexError):
        compile_regex(pattern)
    expr = f"workflow.input.items[?(@ =~ /{pattern}/)]"
    with pytest.raises(paths.PathSyntaxError):
        paths.compile_path(expr)
    assert invalid_expressions({"x": "${" + expr + "}"}) == [expr]
    assert paths.read({"workflow": {"input": {"items": ["a"]}}}, expr) is None
