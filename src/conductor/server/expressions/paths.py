"""JSONPath reads with Jayway JsonPath semantics (what Conductor evaluates inside ``${...}``).

Conductor reads every ``${path}`` with Jayway JsonPath 2.4 and ``SUPPRESS_EXCEPTIONS``:

* a path without a leading ``$`` gets ``$.`` prepended (``workflow.input.a`` = ``$.workflow.input.a``);
* a *definite* path (names and single indices only) yields the value, or ``None`` when anything on
  the way is missing or of the wrong type;
* an *indefinite* path (``..``, ``*``, filters, slices, unions) yields the list of matches, ``[]``
  when nothing matches (returned as :class:`JsonArray`, which Java prints as JSON);
* a trailing function (``.length()``, ``.size()``, ``.min()``, ``.max()``, ``.avg()``, ``.sum()``,
  ``.stddev()``) is applied to that result;
* any other error (bad syntax, failing filter) yields ``None``.

Two evaluators sit behind :func:`read`.  Plain dotted/indexed paths (``workflow.input.a[0].b``,
``t1.output['key with space']``), which are nearly all real-world paths, are parsed by a small
hand-written scanner and walked directly (about 1 µs).  Everything else goes to
`python-jsonpath <https://pypi.org/project/python-jsonpath/>`_, which accepts Jayway's filter
syntax (``[?(@.a > 1 && @.b == 'x')]``, ``=~`` regexes, ``in``).  Both compiled forms are cached.
Regexes (``=~``, ``match()``, ``search()``) are matched by RE2 in linear time (see :mod:`.regex`):
a backtracking pattern cannot freeze the event loop the decider runs on.

Known differences from Jayway (all in rarely used corners): a filter applied to an object tests
its member values (RFC 9535) where Jayway tests the object itself; Jayway-only filter operators
(``nin``, ``subsetof``, ``anyof``, ``noneof``, ``size``, ``empty``) and the functions taking
arguments (``concat``, ``append``) are not supported and resolve to ``None``; a multi-name
selection ``['a','b']`` returns a list instead of Jayway's merged map.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final, cast

import jsonpath
from jsonpath.filter import BaseExpression, RegexLiteral
from jsonpath.function_extensions import Match, Search
from jsonpath.parse import Parser
from jsonpath.stream import TokenStream
from jsonpath.token import TOKEN_RE_FLAGS

from conductor.server.expressions.javastring import JsonArray
from conductor.server.expressions.regex import RegexError, compile_regex

__all__ = ["CompiledPath", "JsonArray", "PathSyntaxError", "compile_path", "read"]


class PathSyntaxError(ValueError):
    """The text is not a JSONPath expression we can evaluate."""


class _LinearRegexParser(Parser):
    """python-jsonpath's parser with ``/pattern/flags`` literals compiled by RE2, not ``re``."""

    def parse_regex(self, stream: TokenStream) -> BaseExpression:
        token = stream.current()
        flags = ""
        if stream.peek().kind == TOKEN_RE_FLAGS:
            stream.next()
            flags = stream.next().value
        try:
            compiled = compile_regex(token.value, flags)
        except RegexError as exc:
            raise jsonpath.JSONPathSyntaxError(str(exc), token=token) from None
        # Duck-typed: the filter only calls fullmatch() and reads pattern / flags.
        return RegexLiteral(value=cast(Any, compiled))


class _LinearMatch(Match):
    """``match(value, pattern)``: the pattern may come from data, so it goes through RE2 too."""

    def check_cache(self, pattern: str) -> Any:
        try:
            return compile_regex(pattern)
        except RegexError:
            return None  # RFC 9535: an invalid pattern matches nothing


class _LinearSearch(Search):
    def check_cache(self, pattern: str) -> Any:
        try:
            return compile_regex(pattern)
        except RegexError:
            return None


class _Environment(jsonpath.JSONPathEnvironment):
    parser_class = _LinearRegexParser

    def setup_function_extensions(self) -> None:
        super().setup_function_extensions()
        self.function_extensions["match"] = _LinearMatch()
        self.function_extensions["search"] = _LinearSearch()


_ENV: Final = _Environment()

# A trailing Jayway function without arguments, e.g. ".length()" (whitespace tolerated).
_FUNCTION_SUFFIX: Final = re.compile(r"\.\s*(length|size|min|max|avg|sum|stddev)\s*\(\s*\)\s*$")
# One step of a plain path: ".name", "[12]", "[-1]", "['name']" or '["name"]'.
_SIMPLE_STEP: Final = re.compile(
    r"""\.([\w\-$]+)|\[\s*(-?\d+)\s*\]|\[\s*'([^'\\]*)'\s*\]|\[\s*"([^"\\]*)"\s*\]"""
)

_MISSING: Final = object()


@dataclass(frozen=True, slots=True)
class CompiledPath:
    """A parsed path: either plain ``steps`` walked directly, or a python-jsonpath ``query``."""

    text: str
    steps: tuple[str | int, ...] | None
    query: Any  # jsonpath.JSONPath | jsonpath.CompoundJSONPath when steps is None
    definite: bool
    function: str | None

    def read(self, doc: Any) -> Any:
        """Evaluate against ``doc`` with Jayway's ``SUPPRESS_EXCEPTIONS`` results (never raises)."""
        if self.steps is not None:
            value = _walk(doc, self.steps)
        else:
            try:
                matches = self.query.findall(doc)
            except Exception:  # a failing filter is a suppressed read error in Jayway
                matches = None
            value = (matches[0] if matches else None) if self.definite else JsonArray(matches or ())
        if self.function is not None:
            return _apply_function(self.function, value)
        return value


def read(doc: Any, path: str) -> Any:
    """Read ``path`` from ``doc`` the way Conductor's ``documentContext.read(path)`` does."""
    compiled = _compile_cached(path)
    if isinstance(compiled, PathSyntaxError):
        return None
    return compiled.read(doc)


# Paths longer than this are compiled on each use, not cached (memory stays bounded by count x this).
MAX_CACHED_PATH = 1024


def compile_path(path: str) -> CompiledPath:
    """Parse ``path`` (cached); raise :class:`PathSyntaxError` when it is not valid."""
    compiled = _compile_cached(path) if len(path) <= MAX_CACHED_PATH else _compile_uncached(path)
    if isinstance(compiled, PathSyntaxError):
        raise compiled
    return compiled


@lru_cache(maxsize=4096)
def _compile_cached(path: str) -> CompiledPath | PathSyntaxError:
    # Failures are cached too (as values): a bad path in a definition is read on every decide.
    return _compile_uncached(path)


def _compile_uncached(path: str) -> CompiledPath | PathSyntaxError:
    try:
        return _compile(path)
    except PathSyntaxError as exc:
        return exc


def _compile(path: str) -> CompiledPath:
    text = path.strip()
    if not text:
        raise PathSyntaxError("empty path")
    function = None
    match = _FUNCTION_SUFFIX.search(text)
    if match:
        function = match.group(1)
        text = text[: match.start()].rstrip()
    # Jayway: "Path must not end with a '.' or '..'", and relative paths get "$." prepended.
    if text.endswith("."):
        raise PathSyntaxError(f"path must not end with '.': {path!r}")
    if text[0] in "$@":
        rooted = "$" + text[1:]
    elif text[0] == "[":
        rooted = "$" + text
    else:
        rooted = "$." + text
    steps = _simple_steps(rooted)
    if steps is not None:
        return CompiledPath(path, steps, None, True, function)
    try:
        query = _ENV.compile(rooted)
    except jsonpath.JSONPathError as exc:
        raise PathSyntaxError(f"invalid path {path!r}: {str(exc).splitlines()[0]}") from None
    singular = getattr(query, "singular_query", None)
    definite = bool(singular()) if callable(singular) else False
    return CompiledPath(path, None, query, definite, function)


def _simple_steps(rooted: str) -> tuple[str | int, ...] | None:
    """Split ``$.a[0]['b c']`` into ``("a", 0, "b c")``; ``None`` when the path is not that plain."""
    steps: list[str | int] = []
    pos, end = 1, len(rooted)
    while pos < end:
        m = _SIMPLE_STEP.match(rooted, pos)
        if m is None:
            return None
        name, index, single, double = m.groups()
        if index is not None:
            steps.append(int(index))
        else:
            steps.append(name if name is not None else single if single is not None else double)
        pos = m.end()
    return tuple(steps)


def _walk(doc: Any, steps: tuple[str | int, ...]) -> Any:
    current = doc
    for step in steps:
        if isinstance(step, str):
            # type() first: the ABC check is several times slower and nearly every node is a dict.
            if type(current) is not dict and not isinstance(current, Mapping):
                return None  # Jayway: "Expected to find an object with property ..."
            current = current.get(step, _MISSING)
            if current is _MISSING:
                return None
        else:
            if not isinstance(current, list):
                return None  # Jayway: "Filter: [0] can only be applied to arrays"
            index = step if step >= 0 else len(current) + step
            if not 0 <= index < len(current):
                return None
            current = current[index]
    return current


def _apply_function(name: str, value: Any) -> Any:
    if name in ("length", "size"):
        # Jayway's Length: arrays and maps have a size; anything else gives null.
        return len(value) if isinstance(value, list | Mapping) else None
    numbers = [float(v) for v in value if _is_number(v)] if isinstance(value, list) else []
    if not numbers:
        return None  # "Aggregation function attempted to calculate value using empty array"
    if name == "min":
        return min(numbers)
    if name == "max":
        return max(numbers)
    total = math.fsum(numbers)
    if name == "sum":
        return total
    mean = total / len(numbers)
    if name == "avg":
        return mean
    # stddev: Jayway computes the population standard deviation.
    return math.sqrt(max(0.0, math.fsum(n * n for n in numbers) / len(numbers) - mean * mean))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
