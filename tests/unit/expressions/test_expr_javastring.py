"""Java ``toString`` formatting and Jayway-style path reads used by interpolation."""

from __future__ import annotations

from typing import Any

import pytest

from conductor.server.expressions import paths
from conductor.server.expressions.javastring import (
    JsonArray,
    java_double_to_string,
    java_to_string,
    json_smart_to_string,
)


# Expected values printed by OpenJDK's Double.toString.
@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1.0, "1.0"),
        (0.5, "0.5"),
        (100.0, "100.0"),
        (1e7, "1.0E7"),
        (1.5e-5, "1.5E-5"),
        (0.001, "0.001"),
        (9999999.0, "9999999.0"),
        (1234567.125, "1234567.125"),
        (1e-4, "1.0E-4"),
        (1e21, "1.0E21"),
        (123456789.0, "1.23456789E8"),
        (-2.5, "-2.5"),
        (1e100, "1.0E100"),
        (2.0 / 3, "0.6666666666666666"),
        (-1e-7, "-1.0E-7"),
        (12345678.9, "1.23456789E7"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (float("nan"), "NaN"),
        (float("inf"), "Infinity"),
        (float("-inf"), "-Infinity"),
    ],
)
def test_java_double_to_string(value: float, text: str) -> None:
    """Doubles print like Java: plain between 1e-3 and 1e7, otherwise d.dddEn."""
    assert java_double_to_string(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("plain", "plain"),
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (42, "42"),
        (2**70, "1180591620717411303424"),
        (2.0, "2.0"),
        ([], "[]"),
        ({}, "{}"),
        ([1, "x", None, 2.5, True], "[1, x, null, 2.5, true]"),
        ({"a": 1, "b": "x"}, "{a=1, b=x}"),
        ({"m": {"n": [1, {"o": None}]}, "e": []}, "{m={n=[1, {o=null}]}, e=[]}"),
        (JsonArray(["a", 1, None, 1.0, {"k": "v/w"}, [True]]), '["a",1,null,1.0,{"k":"v\\/w"},[true]]'),
        ([JsonArray(["a"])], '[["a"]]'),
    ],
)
def test_java_to_string(value: Any, text: str) -> None:
    """Maps print as {k=v, ...}, lists as [a, b]; JSONPath result lists print as JSON."""
    assert java_to_string(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ('q"b\\s', '"q\\"b\\\\s"'),
        ("a/b", '"a\\/b"'),
        ("tab\tnl\n", '"tab\\tnl\\n"'),
        ("\x01\x7f\u2028é", '"\\u0001\\u007F\\u2028é"'),
        (float("nan"), "null"),
        (1e7, "1.0E7"),
    ],
)
def test_json_smart_escaping(value: Any, text: str) -> None:
    """json-smart's default style escapes '/' and control ranges as \\uXXXX."""
    assert json_smart_to_string(value) == text


DOC: dict[str, Any] = {"a": {"b": [{"c": 1}, {"c": 2, "d": "x"}], "e": None, "0": "zero"}, "l": [3, 1, 2]}


@pytest.mark.parametrize(
    ("path", "expected", "definite"),
    [
        ("a.b[1].c", 2, True),
        ("$.a.b[1].c", 2, True),
        ("@.a.b[1].c", 2, True),
        ("['a']['b'][0]['c']", 1, True),
        ("a.0", "zero", True),  # a dotted number is a property name
        ("a[0]", None, True),  # an index on an object is a read error
        ("a.e", None, True),
        ("a.e.f", None, True),
        ("l[-1]", 2, True),
        ("l[3]", None, True),
        ("a.b[*].c", [1, 2], False),
        ("a.b[*].d", ["x"], False),
        ("$..c", [1, 2], False),
        ("a.b[?(@.c > 1)].d", ["x"], False),
        ("a.b[?(@.c > 5)].d", [], False),
        ("l[0:2]", [3, 1], False),
        ("l.length()", 3, True),
        ("l.min()", 1.0, True),
        ("l.stddev()", 0.816496580927726, True),
        ("a.b.avg()", None, True),  # no numbers to aggregate
        ("a.b[*].c.sum()", 3.0, True),
    ],
)
def test_path_reads(path: str, expected: Any, definite: bool) -> None:
    """Definite paths give a value (None when missing), indefinite ones a JsonArray."""
    result = paths.read(DOC, path)
    assert result == pytest.approx(expected) if isinstance(expected, float) else result == expected
    assert isinstance(result, JsonArray) is (not definite)


@pytest.mark.parametrize("path", ["", "a.", "a..", "a[", "a[?(@.x >", "a.b.concat('x')"])
def test_invalid_paths(path: str) -> None:
    """Unparsable paths raise on compile and read as None."""
    with pytest.raises(paths.PathSyntaxError):
        paths.compile_path(path)
    assert paths.read(DOC, path) is None


def test_plain_paths_use_the_fast_walker() -> None:
    """Dotted/indexed paths never reach the JSONPath library."""
    assert paths.compile_path("workflow.input.a[0]['b c'].d-e").steps == (
        "workflow",
        "input",
        "a",
        0,
        "b c",
        "d-e",
    )
    assert paths.compile_path("$..a").steps is None
