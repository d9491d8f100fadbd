"""Nested ``${...}``: validation and resolution stay linear, and nesting depth is bounded."""

from __future__ import annotations

import time

import pytest

from conductor.server.expressions.templating import (
    MAX_EXPRESSION_DEPTH,
    expression_depth,
    invalid_expressions,
    is_valid_expression,
    referenced_roots,
    resolve,
)


def nested(depth: int, core: str = "x") -> str:
    return "${" * depth + core + "}" * depth


@pytest.mark.parametrize("depth", [22, 30, MAX_EXPRESSION_DEPTH])
def test_nested_validation_is_fast(depth: int) -> None:
    """Checking each nested level again for every outer one doubled the time per level
    (depth 22: 3.35 s, depth 30: ~15 min)."""
    started = time.monotonic()
    assert invalid_expressions({"a": nested(depth)}) == []
    assert referenced_roots({"a": nested(depth)}) == {"x"}
    assert is_valid_expression(nested(depth - 1))
    assert time.monotonic() - started < 1.0


def test_long_nested_strings_parse_in_linear_time() -> None:
    text = "${workflow.input." * MAX_EXPRESSION_DEPTH + "x" * 1_000_000 + "}" * MAX_EXPRESSION_DEPTH
    started = time.monotonic()
    assert expression_depth(text) == MAX_EXPRESSION_DEPTH
    assert invalid_expressions({"a": text}) == []
    assert resolve({"a": text}, {"workflow": {"input": {}}}) == {"a": None}
    assert time.monotonic() - started < 2.0


def test_too_deep_expressions_are_invalid_and_stay_literal() -> None:
    too_deep = nested(MAX_EXPRESSION_DEPTH + 1)
    assert expression_depth(too_deep) == MAX_EXPRESSION_DEPTH + 1
    assert not is_valid_expression(too_deep)
    assert invalid_expressions({"a": too_deep})  # the outer expressions are reported
    # Resolution leaves the part below the limit as text (a path that reads nothing) instead of
    # recursing without bound.
    started = time.monotonic()
    assert resolve({"a": nested(5000)}, {"workflow": {}}) == {"a": None}
    assert time.monotonic() - started < 1.0


def test_nested_resolution_keeps_its_semantics() -> None:
    doc = {"workflow": {"input": {"k": "b", "b": "deep"}}, "t": {"output": {"deep": 7}}}
    assert resolve({"a": "${t.output.${workflow.input.${workflow.input.k}}}"}, doc) == {"a": 7}
    assert resolve({"a": "x ${workflow.input.${workflow.input.k}} $${y}"}, doc) == {"a": "x deep ${y}"}


@pytest.mark.parametrize(
    ("text", "depth"),
    [("plain", 0), ("${a}", 1), ("${a.${b}} ${c}", 2), ("$${a}", 0), ("{${a}}", 1), ("${a{${b}}}", 2)],
)
def test_expression_depth(text: str, depth: int) -> None:
    assert expression_depth(text) == depth
