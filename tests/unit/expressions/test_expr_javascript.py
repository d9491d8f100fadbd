"""Sandboxed JavaScript evaluation (INLINE, SWITCH, DO_WHILE) on quickjs-ng."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import pytest

from conductor.server.expressions.errors import ScriptError, ScriptTimeout
from conductor.server.expressions.javascript import (
    JavaScriptEngine,
    ScriptLimits,
    check_syntax,
    evaluate,
    evaluate_condition,
    to_boolean,
)

INPUT: dict[str, Any] = {
    "a": 5,
    "f": 2.5,
    "name": "conductor",
    "list": [1, 2, 3],
    "nested": {"x": {"y": "deep"}},
    "loop": {"iteration": 2},
    "t1": {"output": {"done": True}},
}

FAST = ScriptLimits(time_limit_seconds=0.5)


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("$.a + 1", 6),  # quickjs yields 6.0 for JSON-derived numbers; we return an int
        ("$.f * 2", 5),
        ("$.f + 1", 3.5),
        ("7", 7),
        ("2**40", 2**40),
        ("-0", 0),
        ("0.1 + 0.2", 0.30000000000000004),
        ("$.name.toUpperCase()", "CONDUCTOR"),
        ("$.a > 3", True),
        ("$.nested.x.y", "deep"),
        ("$.list.map(x => x * 2)", [2, 4, 6]),
        ("$.list.reduce((s, x) => s + x, 0) / 2", 3),
        ("({text: 'hello ' + $.name, n: $.a, f: $.f})", {"text": "hello conductor", "n": 5, "f": 2.5}),
        ("function f(){ return {text: 'hello ' + $.name} } f();", {"text": "hello conductor"}),
        ("(function(){ return $.list.length; })()", 3),
        ("if ($.a > 3) { true; } else { false; }", True),
        ("if ($.loop['iteration'] < 2) { true; } else { false; }", False),
        ("$.t1.output.done ? 'yes' : 'no'", "yes"),
        ("let {a, ...rest} = $; Object.keys(rest).length", 6),
        ("[1, 2, 3].at(-1) ?? 0", 3),
        ("new Date(0)", "1970-01-01T00:00:00.000Z"),
        ("'ü' + '漢'", "ü漢"),
        # null-ish and non-JSON results
        ("null", None),
        ("undefined", None),
        ("$.missing", None),
        ("NaN", None),
        ("Infinity", None),
        ("[1, undefined, () => 1, NaN]", [1, None, None, None]),
        ("({a: undefined, b: null, f() {}})", {"b": None}),
        ("(function(){})", None),
        # scripts cannot change the caller's input
        ("$.a = 100; $.list.push(4); $.a", 100),
    ],
)
def test_results_are_converted_like_conductor(script: str, expected: Any) -> None:
    """Completion values come back as JSON with Conductor's number normalisation."""
    bindings = {k: (v.copy() if isinstance(v, dict | list) else v) for k, v in INPUT.items()}
    result = evaluate(script, bindings)
    assert result == expected
    assert type(result) is type(expected)
    assert bindings == INPUT


def test_no_state_leaks_between_evaluations() -> None:
    """Each evaluation gets a fresh context: globals and patched builtins do not survive."""
    assert evaluate("globalThis.leak = 1; const c = 2; Array.prototype.x = 3; c", {}) == 2
    assert evaluate("typeof leak + ',' + typeof c + ',' + typeof [].x", {}) == "undefined,undefined,undefined"


@pytest.mark.parametrize(
    "name", ["require", "std", "os", "fetch", "setTimeout", "print", "process", "XMLHttpRequest", "Deno"]
)
def test_no_host_access(name: str) -> None:
    """The sandbox has no module loader, I/O, timers or host objects."""
    assert evaluate(f"typeof {name}", {}) == "undefined"


def test_import_is_refused() -> None:
    """Static imports are syntax errors; a dynamic import is only a promise that never settles.

    (Pending jobs are never run, and quickjs has no module loader: the promise would reject
    with "could not load module".)
    """
    with pytest.raises(ScriptError, match="SyntaxError"):
        evaluate("import fs from 'fs'; 1", {})
    assert evaluate("import('/etc/passwd')", {}) == {}


@pytest.mark.parametrize(
    ("script", "message"),
    [
        ("throw new Error('boom')", "Error: boom (at <input>:1:11)"),
        ("throw 'plain'", "plain"),
        ("$.nested.q.r", "TypeError: cannot read property 'r' of undefined"),
        ("x = ;", "SyntaxError: unexpected token in expression: ';'"),
        ("return 1", "SyntaxError: return not in a function"),
        ("undefinedFunction()", "ReferenceError: undefinedFunction is not defined"),
        ("function r(n){ return r(n + 1) + 1 } r(0)", "RangeError: Maximum call stack size exceeded"),
        ("10n", "unsupported result value"),
        ("const o = {}; o.self = o; o", "TypeError: circular reference"),
        # a script pretending to be interrupted is an ordinary error, not a timeout
        ("throw new InternalError('interrupted')", "InternalError: interrupted"),
    ],
)
def test_script_errors(script: str, message: str) -> None:
    """Syntax and runtime errors raise ScriptError carrying the JavaScript message."""
    with pytest.raises(ScriptError) as info:
        evaluate(script, INPUT, FAST)
    assert str(info.value).startswith(message)


def test_infinite_loop_hits_the_time_limit() -> None:
    """while(true){} raises ScriptTimeout after about the CPU-time limit."""
    started = time.monotonic()
    with pytest.raises(ScriptTimeout, match="not evaluated within 0.5 seconds"):
        evaluate("while(true){}", {}, FAST)
    assert time.monotonic() - started < 5
    assert evaluate("1 + 1", {}) == 2


def test_memory_bomb_reports_out_of_memory() -> None:
    """Allocating past the memory limit raises ScriptError saying "out of memory"."""
    limits = ScriptLimits(memory_limit_bytes=16 * 1024 * 1024)
    with pytest.raises(ScriptError, match="out of memory") as info:
        evaluate("let a = []; while (true) { a.push('x'.repeat(4096) + a.length) }", {}, limits)
    assert not isinstance(info.value, ScriptTimeout)
    assert evaluate("'still ok'", {}, limits) == "still ok"


def test_large_input_binding() -> None:
    """Big inputs are bound through JSON.parse and can be processed."""
    data = {"items": [{"i": i, "s": "x" * 10} for i in range(20_000)]}
    assert evaluate("$.items.filter(x => x.i % 2 == 0).length", data) == 10_000


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, True),
        (False, False),
        (1, True),
        (0.5, True),
        (0, False),
        (-1, False),
        (None, False),
        ("true", False),
        ("yes", False),
        ({}, False),
        ([1], False),
    ],
)
def test_to_boolean_is_conductors_not_javascripts(value: Any, expected: bool) -> None:
    """DO_WHILE truthiness: bool itself, number > 0, anything else false."""
    assert to_boolean(value) is expected


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("$.loop['iteration'] < 3", True),
        ("$.loop['iteration'] < 2", False),
        ("if ($.t1.output.done) { false; } else { true; }", False),
        ("$.loop.iteration", True),
        ("$.loop.iteration - 5", False),
        ("'non-empty string'", False),
        ("", False),
    ],
)
def test_evaluate_condition(script: str, expected: bool) -> None:
    """Loop conditions see $.<ref>... bindings and use Conductor's truthiness."""
    assert evaluate_condition(script, INPUT) is expected


@pytest.mark.parametrize(
    ("script", "error"),
    [
        ("$.a > 1", None),
        ("$.notBoundYet.deeply.nested == 'x'", None),  # never executed, so no TypeError
        ("while(true){}", None),  # never executed, so no timeout
        ("if ($.a) { 'x' } else { 'y' }", None),
        ("", None),
        ("x = ;", "SyntaxError: unexpected token in expression: ';' (at <input>:1:5)"),
        ("a\n b c", "SyntaxError: expecting ';' (at <input>:2:4)"),
        ("return 1", "SyntaxError: return not in a function (at <input>:1:1)"),
        ("}); globalThis.x = 1; (function(){", "SyntaxError"),
    ],
)
def test_check_syntax_compiles_without_running(script: str, error: str | None) -> None:
    """check_syntax reports syntax errors only, with locations in the user's coordinates."""
    result = check_syntax(script)
    if error is None:
        assert result is None
    else:
        assert result is not None
        assert result.startswith(error)


# --------------------------------------------------------------------------- async engine


@pytest.fixture
def engine() -> Iterator[JavaScriptEngine]:
    with JavaScriptEngine(max_workers=2, limits=FAST) as js:
        yield js


async def test_engine_evaluates_off_the_event_loop(engine: JavaScriptEngine) -> None:
    """A runaway script times out in the pool while the event loop keeps running."""
    ticks = 0
    stop = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            await asyncio.sleep(0)

    ticker_task = asyncio.create_task(ticker())
    with pytest.raises(ScriptTimeout):
        await engine.evaluate("while(true){}", {})
    stop.set()
    await ticker_task
    assert ticks > 100
    assert await engine.evaluate("$.a * 2", {"a": 21}) == 42


async def test_engine_runs_many_concurrent_evaluations(engine: JavaScriptEngine) -> None:
    """Concurrent callers each get their own context and their own result."""
    results = await asyncio.gather(*(engine.evaluate("$.n * $.n", {"n": n}) for n in range(50)))
    assert results == [n * n for n in range(50)]


async def test_engine_condition_and_syntax(engine: JavaScriptEngine) -> None:
    """The async twins of evaluate_condition and check_syntax."""
    assert await engine.evaluate_condition("$.i < 3", {"i": 1}) is True
    assert await engine.check_syntax("$.i <") is not None
    assert await engine.check_syntax("$.i < 3") is None


@pytest.mark.parametrize(
    "script, expected",
    [
        ("'a' + 'x'.repeat(1000)", "a" + "x" * 1000),
        ("var s = ''; for (var i = 0; i < 300; i++) { s += $.w; } s", "ab" * 300),
        ("function f() { return 'q' + 'z'.repeat(600); } f()", "q" + "z" * 600),
        ("({t: 'b' + 'y'.repeat(700)})", {"t": "b" + "y" * 700}),
    ],
)
def test_a_long_concatenated_string_is_a_result_like_any_other(script: str, expected: Any) -> None:
    """quickjs-ng's binding cannot convert a concatenated ("rope") string: the script is run
    again with the string flattened in JavaScript."""
    assert evaluate(script, {"w": "ab"}) == expected


def test_a_flattened_rerun_keeps_script_errors_and_limits() -> None:
    with pytest.raises(ScriptError, match="boom"):
        evaluate("var s = 'a' + 'x'.repeat(1000); throw new Error('boom')", {})
