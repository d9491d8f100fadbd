"""Sandboxed JavaScript (INLINE, SWITCH/DECISION ``javascript``, DO_WHILE ``loopCondition``).

Runs on quickjs-ng (``import quickjs``): no ``require``, ``std``, ``os``, ``fetch``, timers or
module loading, and per-context CPU-time, memory and stack limits.  Design points:

* **A fresh context per evaluation** (about 100 µs): scripts cannot leave globals or patched
  builtins behind for the next task.
* ``$`` is bound to a deep copy of the input, made by ``JSON.parse`` inside the context.
* The result is the script's completion value, so ``$.a + 1``, ``(function(){...})()`` and
  ``if (c) { true; } else { false; }`` all work.  Conversion follows Conductor's GraalJS
  ``getObject``: ``undefined``/``null`` -> ``None``; objects/arrays through ``JSON.stringify``;
  integral numbers -> ``int`` (quickjs returns JSON-derived numbers as floats: ``$.a + 1`` is
  ``6.0``); ``NaN``/``Infinity`` -> ``None``.
* **Thread affinity**: a quickjs context must be created, used and dropped on one thread, so each
  evaluation does all three inside one call.  :class:`JavaScriptEngine` runs those calls on its
  own small thread pool; quickjs releases the GIL while evaluating, so the event loop keeps
  running.
* The time limit is quickjs's, which measures **process CPU time**: while other threads are busy it
  fires earlier in wall-clock terms.  It is a runaway guard (Conductor's default 4 s), not a
  deadline.

Errors: :class:`ScriptError` for syntax and runtime errors (message = the JS message and its
location), stack overflow and "out of memory"; :class:`ScriptTimeout` when the time limit hit.
"""

from __future__ import annotations

import asyncio
import math
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Final, TypeVar

import msgspec
import quickjs

from conductor.server.domain.nesting import DEFAULT_MAX_JSON_DEPTH, json_too_deep, too_deep_message
from conductor.server.expressions.errors import ScriptError, ScriptTimeout

__all__ = [
    "JavaScriptEngine",
    "ScriptLimits",
    "check_syntax",
    "evaluate",
    "evaluate_condition",
    "to_boolean",
]

_T = TypeVar("_T")

DEFAULT_TIME_LIMIT_SECONDS: Final = 4.0
DEFAULT_MEMORY_LIMIT_BYTES: Final = 64 * 1024 * 1024
DEFAULT_STACK_LIMIT_BYTES: Final = 1024 * 1024
# Evaluation threads get an explicit stack comfortably above the JS stack limit: quickjs's own
# guard must fire before the C stack runs out (musl's default thread stack is only 128 KiB).
_THREAD_STACK_BYTES: Final = 8 * 1024 * 1024
_LONG_LIMIT: Final = 2.0**63

_encoder: Final = msgspec.json.Encoder()


@dataclass(frozen=True, slots=True)
class ScriptLimits:
    """Resource limits applied to every evaluation."""

    time_limit_seconds: float = DEFAULT_TIME_LIMIT_SECONDS
    memory_limit_bytes: int = DEFAULT_MEMORY_LIMIT_BYTES
    stack_limit_bytes: int = DEFAULT_STACK_LIMIT_BYTES
    # Results nested deeper are a ScriptError: converting them recursed past Python's limit.
    max_result_depth: int = DEFAULT_MAX_JSON_DEPTH


_DEFAULT_LIMITS: Final = ScriptLimits()

# quickjs-ng's tag of a rope string, which its Python binding cannot convert.
_ROPE: Final = "Unknown quickjs tag: -6"
_FLATTEN: Final = (
    "(function (r) { return typeof r === 'string' ? r.slice(0) : r; })((0, eval)(__pyconductor_script))"
)


def evaluate(script: str, bindings: Any, limits: ScriptLimits = _DEFAULT_LIMITS) -> Any:
    """Run ``script`` with ``$`` bound to ``bindings`` and return its completion value as JSON.

    Blocks the calling thread; from async code use :meth:`JavaScriptEngine.evaluate`.
    Raises :class:`ScriptError` or :class:`ScriptTimeout`.
    """
    try:
        payload = _encoder.encode(bindings).decode()
    except (TypeError, ValueError) as exc:
        raise ScriptError(f"input is not JSON: {exc}") from None
    # quickjs's clock starts when the limit is set, so ours must start no later.
    started = time.process_time()
    context = _new_context(limits)
    try:
        context.set("$", context.parse_json(payload))
    except quickjs.JSException as exc:
        raise ScriptError(f"cannot bind the input: {_describe(str(exc))}") from None
    try:
        try:
            result = context.eval(script)
        except TypeError as exc:
            if _ROPE not in str(exc):
                raise
            # quickjs-ng cannot hand a string built by concatenation (a "rope") to Python. Run
            # the script again in a fresh context, as global code through an indirect eval, and
            # flatten the string before it leaves JavaScript. Scripts have no I/O, so running
            # twice is invisible.
            context = _new_context(limits)
            context.set("$", context.parse_json(payload))
            context.set("__pyconductor_script", script)
            result = context.eval(_FLATTEN)
        return _convert(result, limits.max_result_depth)
    except quickjs.StackOverflow as exc:
        raise ScriptError(_describe(str(exc))) from None
    except quickjs.JSException as exc:
        message = str(exc)
        # quickjs reports its interrupt as this InternalError.  A script can throw the same text,
        # so also require that the CPU clock the limit is measured on really ran out.
        if message.startswith("InternalError: interrupted") and (
            time.process_time() - started >= 0.9 * limits.time_limit_seconds
        ):
            raise ScriptTimeout(
                f"Script not evaluated within {limits.time_limit_seconds:g} seconds, interrupted."
            ) from None
        if message.startswith("InternalError: out of memory"):
            limit_mib = limits.memory_limit_bytes / (1024 * 1024)
            raise ScriptError(f"Script ran out of memory (limit {limit_mib:g} MiB)") from None
        raise ScriptError(_describe(message)) from None
    except TypeError as exc:  # e.g. "Unknown quickjs tag" for a BigInt result
        raise ScriptError(f"unsupported result value: {exc}") from None


def to_boolean(value: Any) -> bool:
    """Conductor's ``ScriptEvaluator.toBoolean``: a bool is itself, a number is ``> 0``, else False."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value > 0
    return False


def evaluate_condition(script: str, bindings: Any, limits: ScriptLimits = _DEFAULT_LIMITS) -> bool:
    """Evaluate a DO_WHILE ``loopCondition`` (or other boolean script) with :func:`to_boolean`.

    Conductor's truthiness, not JavaScript's: ``"yes"``, ``{}`` and ``-1`` are false.
    """
    return to_boolean(evaluate(script, bindings, limits))


# Prefixed to the script: the whole script is parsed (so syntax errors surface) but the first
# statement throws before any user code runs.  Kept on line 1 so line numbers stay right.
_SYNTAX_PROBE: Final = "throw null;"
_LOCATION: Final = re.compile(r"<input>:1:(\d+)")


def check_syntax(script: str, limits: ScriptLimits = _DEFAULT_LIMITS) -> str | None:
    """Return the syntax error message of ``script``, or ``None`` when it compiles.

    Nothing in the script runs, so registration can validate SWITCH/DECISION expressions whose
    ``$`` references are not bound yet (Conductor's ``validateScriptSyntax``).
    """
    if not isinstance(script, str):
        return "script is not a string"
    context = _new_context(limits)
    try:
        context.eval(_SYNTAX_PROBE + script)
    except quickjs.JSException as exc:
        message = str(exc)
        if message.startswith("SyntaxError"):
            offset = len(_SYNTAX_PROBE)
            message = _LOCATION.sub(lambda m: f"<input>:1:{max(1, int(m.group(1)) - offset)}", message)
            return _describe(message)
    return None


class JavaScriptEngine:
    """Evaluates scripts on a small dedicated thread pool without blocking the event loop."""

    def __init__(self, max_workers: int = 2, limits: ScriptLimits = _DEFAULT_LIMITS) -> None:
        self.limits = limits
        self._executor = _executor_with_stack(max_workers, "js-eval")

    async def evaluate(self, script: str, bindings: Any) -> Any:
        """Async :func:`evaluate`."""
        return await self._run(evaluate, script, bindings, self.limits)

    async def evaluate_condition(self, script: str, bindings: Any) -> bool:
        """Async :func:`evaluate_condition`."""
        return await self._run(evaluate_condition, script, bindings, self.limits)

    async def check_syntax(self, script: str) -> str | None:
        """Async :func:`check_syntax`."""
        return await self._run(check_syntax, script, self.limits)

    def close(self) -> None:
        """Stop the threads once running evaluations end (each is bounded by the time limit)."""
        self._executor.shutdown(wait=True, cancel_futures=True)

    async def _run(self, fn: Callable[..., _T], *args: Any) -> _T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, fn, *args)

    def __enter__(self) -> JavaScriptEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# --------------------------------------------------------------------------- helpers


def _new_context(limits: ScriptLimits) -> Any:
    context = quickjs.Context()
    context.set_time_limit(limits.time_limit_seconds)
    context.set_memory_limit(limits.memory_limit_bytes)
    context.set_max_stack_size(limits.stack_limit_bytes)
    return context


def _convert(result: Any, max_depth: int = DEFAULT_MAX_JSON_DEPTH) -> Any:
    if isinstance(result, quickjs.Object):
        text = result.json()  # JSON.stringify: None for functions and symbols
        if text is None:
            return None
        if json_too_deep(text.encode(), max_depth):
            raise ScriptError(too_deep_message("The script's result", max_depth))
        return _normalise(msgspec.json.decode(text))
    return _normalise(result)


def _normalise(value: Any) -> Any:
    """Integral floats -> int (GraalJS ``fitsInLong``); NaN/Infinity -> None."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        if value.is_integer() and abs(value) < _LONG_LIMIT:
            return int(value)
        return value
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    return value


def _describe(message: str) -> str:
    """``"TypeError: x\\n    at <eval> (<input>:1:5)\\n"`` -> ``"TypeError: x (at <input>:1:5)"``."""
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    if not lines:
        return "script error"
    head = lines[0]
    for line in lines[1:]:
        if line.startswith("at "):
            location = line[3:]
            if "(" in location and location.endswith(")"):
                location = location[location.index("(") + 1 : -1]
            return f"{head} (at {location})"
    return head


def _executor_with_stack(max_workers: int, prefix: str) -> ThreadPoolExecutor:
    """A pool whose threads all exist now and were created with ``_THREAD_STACK_BYTES`` stacks."""
    executor = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix=prefix)
    barrier = threading.Barrier(max_workers + 1)
    previous = threading.stack_size()
    try:
        threading.stack_size(_THREAD_STACK_BYTES)
        # Each blocked task forces the pool to start one more thread while the size is in effect.
        futures = [executor.submit(barrier.wait) for _ in range(max_workers)]
        barrier.wait()
        for future in futures:
            future.result()
    finally:
        threading.stack_size(previous)
    return executor
