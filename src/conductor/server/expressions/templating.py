"""``${...}`` parameter resolution with Conductor's ``ParametersUtils`` semantics.

Rules (docs/engine.md §3.3), all reproduced here:

* Dicts and lists are walked recursively; keys are never resolved; non-string scalars pass through.
* A string that is exactly one ``${expr}`` yields the raw value (dict, list, number, bool, None).
  Any other string is interpolation: each ``${expr}`` is replaced by Java's ``toString`` of its
  value (``{a=1}``, ``[x, y]``, ``null``, ``1.0``), see :mod:`.javastring`.
* ``${a.${b}}``: inner expressions are resolved first and their text spliced into the outer path.
* ``$${`` is not an expression start; after interpolation every ``$${`` becomes ``${`` (this
  un-escaping happens only on the interpolation path, as in Conductor).
* ``${}`` / ``${  }`` become ``""``.
* Paths are Jayway JsonPath over ``doc`` (see :mod:`.paths`): missing definite path -> None,
  indefinite path without match -> ``[]``.
* Special names, checked before the path is read:
  ``workflow.secrets.NAME`` stays literal (secrets are substituted at hand-off, see
  :func:`substitute_secrets`); ``workflow.env.NAME[.path]`` reads ``CONDUCTOR_ENV_NAME`` from the
  ``env`` mapping (a JSON value when a path follows); ``CPEWF_TASK_ID`` is the id of the task
  being created (left literal when ``task_id`` is None); ``NETFLIX_ENV`` / ``NETFLIX_STACK`` come
  from ``env`` or stay literal.

Deliberate difference: Conductor resolves *any* bare name that happens to be an OS environment
variable or JVM property (``${HOME}``, ``${DB_PASSWORD}``) from the server's environment.  We never
read ``os.environ``; bare names are ordinary paths into ``doc`` (so usually ``None``), and only
what the caller passes in ``env`` is visible.

Expression matching follows Conductor's regex exactly on well-formed input: a match runs from a
``${`` (not preceded by ``$``) to the ``}`` that balances it, counting every brace.  Like the Java
regex (verified against it on random strings), scanning stops at the first ``${`` that is never
closed, so nothing after it is resolved.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from conductor.server.expressions import paths
from conductor.server.expressions.javastring import java_to_string

__all__ = [
    "MAX_EXPRESSION_DEPTH",
    "SYSTEM_PARAMETERS",
    "expression_depth",
    "invalid_expressions",
    "is_valid_expression",
    "referenced_roots",
    "resolve",
    "substitute_secrets",
]

SECRETS_PREFIX: Final = "workflow.secrets."
ENV_PREFIX: Final = "workflow.env."
ENV_VARIABLE_PREFIX: Final = "CONDUCTOR_ENV_"
TASK_ID_PARAMETER: Final = "CPEWF_TASK_ID"
#: Bare names Conductor treats as system parameters rather than document paths.
SYSTEM_PARAMETERS: Final = frozenset({TASK_ID_PARAMETER, "NETFLIX_ENV", "NETFLIX_STACK"})

_EMPTY_ENV: Final[Mapping[str, str]] = {}

#: How many ``${...}`` may nest inside one another (``${a.${b}}`` is 2).  Real definitions use 2 or
#: 3; each level costs a parse of the text inside it and a stack frame, so registration rejects
#: deeper strings and evaluation leaves the expressions below this level as literal text.
MAX_EXPRESSION_DEPTH: Final = 32


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True, slots=True)
class _Expr:
    """One ``${...}`` occurrence: the path text between its braces."""

    path: str
    # The path contains "${" (a nested expression or an escaped "$${"), so it must be rendered.
    dynamic: bool
    # The parsed path when dynamic; None when it nests deeper than MAX_EXPRESSION_DEPTH.
    inner: _Template | None = None

    @property
    def text(self) -> str:
        return "${" + self.path + "}"


@dataclass(frozen=True, slots=True)
class _Template:
    parts: tuple[str | _Expr, ...]
    exprs: int
    # Exactly one expression covering the whole string: the raw value is returned (depth 0).
    whole: bool


_BRACES: Final = re.compile(r"[{}]")


def _matching_braces(s: str) -> dict[int, int]:
    """Position of each ``{`` -> the position just past the ``}`` that balances it, in one pass.

    An unmatched ``}`` is skipped, so the match of a ``{`` is where counting every brace from it
    first returns to zero: exactly the span the Java regex takes from that brace.
    """
    close: dict[int, int] = {}
    stack: list[int] = []
    for match in _BRACES.finditer(s):
        if match.group() == "{":
            stack.append(match.start())
        elif stack:
            close[stack.pop()] = match.end()
    return close


def _spans(s: str, close: dict[int, int], lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each top-level ``${...}`` in ``s[lo:hi]``."""
    i = s.find("${", lo, hi)
    while i >= 0:
        if i > lo and s[i - 1] == "$":
            i = s.find("${", i + 1, hi)
            continue
        end = close.get(i + 1, -1)
        if end < 0 or end > hi:
            # The Java regex keeps stale captures after a failed attempt and finds nothing
            # further; stopping here reproduces it.
            return
        yield i, end
        i = s.find("${", end, hi)


def _find_expressions(s: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each top-level ``${...}``, as Conductor's balanced-brace regex does."""
    return _spans(s, _matching_braces(s), 0, len(s))


# "${" preceded by "$" is the escape "$${", not a start: matching the run of "$" with the brace
# tells the two apart without looking behind.
_BRACE_TOKENS: Final = re.compile(r"\$*\{|\}")


def expression_depth(s: str) -> int:
    """How deeply ``${...}`` expressions nest in ``s`` (0: none), in one linear pass.

    Exact for well-formed text; text after a ``${`` that is never closed (which resolution leaves
    alone) may be over-counted, which only matters for strings that are rejected anyway.
    """
    if "${" not in s:
        return 0
    stack: list[bool] = []  # one entry per open brace: does it open an expression?
    depth = deepest = 0
    for match in _BRACE_TOKENS.finditer(s):
        token = match.group()
        if token == "}":
            if stack and stack.pop():
                depth -= 1
            continue
        opens = token == "${"
        stack.append(opens)
        if opens:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


# Longer strings are parsed on each use and never cached: a cache entry holds about twice its
# string, so caching megabyte-sized inputs grew memory with every distinct one.
MAX_CACHED_TEMPLATE = 4096


def _parse(s: str) -> _Template:
    return _parse_cached(s) if len(s) <= MAX_CACHED_TEMPLATE else _parse_uncached(s)


@lru_cache(maxsize=8192)
def _parse_cached(s: str) -> _Template:
    return _parse_uncached(s)


def _parse_uncached(s: str) -> _Template:
    # Braces are matched once for the whole string and nested paths are parsed from those
    # matches, so a string costs one pass plus one C-level search per nesting level (re-scanning
    # each nested path brace by brace made the cost grow with length x depth in Python code).
    return _build(s, _matching_braces(s), 0, len(s), 1)


def _build(s: str, close: dict[int, int], lo: int, hi: int, level: int) -> _Template:
    parts: list[str | _Expr] = []
    last = lo
    exprs = 0
    for start, end in _spans(s, close, lo, hi):
        if start > last:
            parts.append(s[last:start])
        path = s[start + 2 : end - 1]
        dynamic = "${" in path
        inner = None
        if dynamic and level < MAX_EXPRESSION_DEPTH:
            inner = _build(s, close, start + 2, end - 1, level + 1)
        parts.append(_Expr(path, dynamic, inner))
        exprs += 1
        last = end
    if last < hi:
        parts.append(s[last:hi])
    return _Template(tuple(parts), exprs, exprs == 1 and len(parts) == 1)


# --------------------------------------------------------------------------- resolution


@dataclass(frozen=True, slots=True)
class _Context:
    doc: Any
    task_id: str | None
    env: Mapping[str, str]


def resolve(
    value: Any,
    doc: Mapping[str, Any],
    task_id: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Any:
    """Resolve every ``${...}`` in ``value`` (a JSON value, usually a parameter map) against ``doc``.

    ``doc`` is ``{"workflow": {...}, "<taskRef>": {...}}`` as built by the engine.  ``task_id`` is
    substituted for ``${CPEWF_TASK_ID}``.  ``env`` holds the variables expressions may see
    (``CONDUCTOR_ENV_<NAME>`` for ``${workflow.env.NAME}``); it defaults to nothing, never to
    ``os.environ``.  Returns new containers; values taken from ``doc`` are copied, so the result
    can be mutated without touching ``doc``.
    """
    return _resolve_value(value, _Context(doc, task_id, env if env is not None else _EMPTY_ENV))


def _resolve_value(value: Any, ctx: _Context) -> Any:
    if isinstance(value, str):
        return _resolve_string(value, ctx, 0) if "${" in value else value
    if isinstance(value, dict):
        return {k: _resolve_value(v, ctx) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve_value(v, ctx) for v in value]
    return value


_KEEP: Final = object()  # marker: leave the expression text as it is


def _resolve_string(s: str, ctx: _Context, depth: int) -> Any:
    return _render(_parse(s), ctx, depth)


def _render(template: _Template, ctx: _Context, depth: int) -> Any:
    if template.whole and depth == 0:
        expr = template.parts[0]
        assert isinstance(expr, _Expr)
        value = _evaluate(expr, ctx, depth)
        return expr.text if value is _KEEP else _copy_json(value)
    pieces: list[str] = []
    for part in template.parts:
        if isinstance(part, str):
            pieces.append(part)
            continue
        value = _evaluate(part, ctx, depth)
        pieces.append(part.text if value is _KEEP else java_to_string(value))
    return "".join(pieces).replace("$${", "${")


def _evaluate(expr: _Expr, ctx: _Context, depth: int) -> Any:
    path = expr.path
    if expr.dynamic:
        if expr.inner is None:
            # Nested deeper than MAX_EXPRESSION_DEPTH: registration rejects such strings;
            # anything else (event actions, dynamic inputs) keeps its text.
            return _KEEP
        path = str(_render(expr.inner, ctx, depth + 1))
    if not path.strip():
        return ""
    if path.startswith(SECRETS_PREFIX):
        return _KEEP  # deferred until the task is handed to its executor
    if path.startswith(ENV_PREFIX):
        env = ctx.env
        return _with_optional_path(path[len(ENV_PREFIX) :], lambda name: env.get(ENV_VARIABLE_PREFIX + name))
    if path in SYSTEM_PARAMETERS:
        value = ctx.task_id if path == TASK_ID_PARAMETER else ctx.env.get(path)
        return _KEEP if value is None else value
    return paths.read(ctx.doc, path)


def _with_optional_path(ref: str, lookup: Callable[[str], Any]) -> Any:
    """``NAME`` -> lookup(NAME); ``NAME.path`` -> path read from lookup(NAME) parsed as JSON."""
    name, dot, path = ref.partition(".")
    value = lookup(name)
    if not dot or value is None:
        return value
    try:
        parsed = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return None
    return paths.read(parsed, path)


def _copy_json(value: Any) -> Any:
    # Values read from the document are shared with the workflow/task records; copy containers
    # so a caller mutating a resolved input cannot corrupt the state it was resolved from.
    if isinstance(value, dict):
        return {k: _copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy_json(v) for v in value]
    return value


# --------------------------------------------------------------------------- secrets


def substitute_secrets(value: Any, lookup: Callable[[str], str | None]) -> Any:
    """Replace deferred ``${workflow.secrets.NAME[.path]}`` references using ``lookup(NAME)``.

    Called when a task is handed over (worker poll, system task execution).  A string that is a
    single reference gets the raw value (``None`` if unknown); inside longer strings an unknown
    secret becomes ``""``.  Unchanged containers are returned as the same objects.
    """
    if isinstance(value, str):
        if "${workflow.secrets." not in value:
            return value
        return _substitute_secret_string(value, lookup)
    if isinstance(value, dict):
        changed = {k: substitute_secrets(v, lookup) for k, v in value.items()}
        return value if all(changed[k] is value[k] for k in value) else changed
    if isinstance(value, list):
        items = [substitute_secrets(v, lookup) for v in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    return value


def _substitute_secret_string(s: str, lookup: Callable[[str], str | None]) -> Any:
    # Conductor's SECRET_PATTERN: "\$\{workflow\.secrets\.([^}]+)\}".
    pieces: list[str] = []
    pos = search = 0
    marker = "${" + SECRETS_PREFIX
    while True:
        start = s.find(marker, search)
        end = s.find("}", start + len(marker)) if start >= 0 else -1
        if start < 0 or end < 0:
            break
        if end == start + len(marker):  # "[^}]+" needs a name: not a reference, look further
            search = start + 1
            continue
        value = _with_optional_path(s[start + len(marker) : end], lookup)
        if start == 0 and end == len(s) - 1:
            return value
        pieces.append(s[pos:start])
        pieces.append("" if value is None else java_to_string(value))
        pos = search = end + 1
    pieces.append(s[pos:])
    return "".join(pieces)


# --------------------------------------------------------------------------- validation


def referenced_roots(params: Any) -> set[str]:
    """First path segments referenced by ``${...}`` expressions anywhere in ``params``.

    ``{"a": "${workflow.input.x}", "b": ["${t1.output.y} ${$.t2.output}"]}`` gives
    ``{"workflow", "t1", "t2"}``.  Used at registration to check that each reference names
    ``workflow`` or a task reference of the definition.  System parameters (``CPEWF_TASK_ID``
    ...), deep scans (``$..x``) and roots computed by a nested expression are not reported.
    """
    roots: set[str] = set()
    for path in _all_paths(params):
        root = _root_of(path)
        if root is not None:
            roots.add(root)
    return roots


def is_valid_expression(expr: str) -> bool:
    """Whether ``expr`` (the text between ``${`` and ``}``) can be evaluated.

    Blank text, special names and expressions containing nested ``${...}`` (whose final path is
    only known at run time; their inner expressions are checked) are valid; anything else must
    be a JSONPath we can compile.  Expressions nested deeper than :data:`MAX_EXPRESSION_DEPTH`
    are not.
    """
    if "${" not in expr:
        return _leaf_is_valid(expr)
    return all(_check(part, []) for part in _parse(expr).parts if isinstance(part, _Expr))


def invalid_expressions(params: Any) -> list[str]:
    """The expression texts in ``params`` for which :func:`is_valid_expression` is false, outer
    ones before the ones nested inside them."""
    bad: list[str] = []
    for value in _strings(params):
        for part in _parse(value).parts:
            if isinstance(part, _Expr):
                _check(part, bad)
    return bad


def _check(expr: _Expr, bad: list[str]) -> bool:
    """Validity of one expression; appends every invalid path found in it (its own first) to
    ``bad``.  Each nested expression is checked once, so the cost is linear in the number of
    expressions (checking the inner ones again for every outer one was exponential in the
    nesting depth)."""
    if not expr.dynamic:
        valid = _leaf_is_valid(expr.path)
        if not valid:
            bad.append(expr.path)
        return valid
    mark = len(bad)
    bad.append(expr.path)  # provisional: dropped below if every nested expression is valid
    if expr.inner is None:
        return False  # nested too deeply to evaluate
    valid = True
    for part in expr.inner.parts:
        if isinstance(part, _Expr):
            valid = _check(part, bad) and valid
    if valid:
        del bad[mark]
    return valid


def _leaf_is_valid(expr: str) -> bool:
    if not expr.strip() or expr in SYSTEM_PARAMETERS:
        return True
    if expr.startswith((SECRETS_PREFIX, ENV_PREFIX)):
        return True
    try:
        paths.compile_path(expr)
    except paths.PathSyntaxError:
        return False
    return True


def _strings(value: Any) -> Iterator[str]:
    """Every string containing ``${`` in a JSON value."""
    if isinstance(value, str):
        if "${" in value:
            yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _all_paths(value: Any) -> Iterator[str]:
    """Every expression path in ``value``, outer ones before the ones nested inside them (down to
    :data:`MAX_EXPRESSION_DEPTH` levels)."""
    for text in _strings(value):
        yield from _template_paths(_parse(text))


def _template_paths(template: _Template) -> Iterator[str]:
    for part in template.parts:
        if isinstance(part, _Expr):
            yield part.path
            if part.inner is not None:
                yield from _template_paths(part.inner)


def _root_of(path: str) -> str | None:
    text = path.strip()
    nested = text.find("${")
    if nested >= 0:
        text = text[:nested]
    if text.startswith(("$", "@")):
        text = text[1:]
        if text.startswith(".."):
            return None
        if text.startswith("."):
            text = text[1:]
    if text.startswith("["):
        close = text.find("]")
        inner = text[1:close].strip() if close > 0 else ""
        if len(inner) >= 2 and inner[0] == inner[-1] and inner[0] in "'\"":
            return inner[1:-1] or None
        return None
    end = 0
    while end < len(text) and text[end] not in ".[( \t\r\n":
        end += 1
    if end == len(text) and nested >= 0:
        return None  # the name itself continues into the nested expression
    root = text[:end]
    if not root or root == "*" or root in SYSTEM_PARAMETERS:
        return None
    return root
