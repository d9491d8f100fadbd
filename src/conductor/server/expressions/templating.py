"""``${...}`` parameter resolution with Conductor's ``ParametersUtils`` semantics.

Rules (engine.md section 3.3), all reproduced here:

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
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from conductor.server.expressions import paths
from conductor.server.expressions.javastring import java_to_string

__all__ = [
    "SYSTEM_PARAMETERS",
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


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True, slots=True)
class _Expr:
    """One ``${...}`` occurrence: its full text and the path text between the braces."""

    text: str
    path: str
    # The path contains "${" (a nested expression or an escaped "$${"), so it must be rendered.
    dynamic: bool


@dataclass(frozen=True, slots=True)
class _Template:
    parts: tuple[str | _Expr, ...]
    exprs: int
    # Exactly one expression covering the whole string: the raw value is returned (depth 0).
    whole: bool


def _find_expressions(s: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each top-level ``${...}``, as Conductor's balanced-brace regex does."""
    n = len(s)
    i = s.find("${")
    while i >= 0:
        if i > 0 and s[i - 1] == "$":
            i = s.find("${", i + 1)
            continue
        depth = 0
        j = i + 1
        end = -1
        while j < n:
            c = s[j]
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    end = j + 1
                    break
            j += 1
        if end < 0:
            # The Java regex keeps stale captures after a failed attempt and finds nothing
            # further; stopping here reproduces it.
            return
        yield i, end
        i = s.find("${", end)


@lru_cache(maxsize=8192)
def _parse(s: str) -> _Template:
    parts: list[str | _Expr] = []
    last = 0
    for start, end in _find_expressions(s):
        if start > last:
            parts.append(s[last:start])
        path = s[start + 2 : end - 1]
        parts.append(_Expr(s[start:end], path, "${" in path))
        last = end
    if last < len(s):
        parts.append(s[last:])
    exprs = sum(1 for p in parts if isinstance(p, _Expr))
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
    template = _parse(s)
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
        path = str(_resolve_string(path, ctx, depth + 1))
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
    be a JSONPath we can compile.
    """
    if "${" in expr:
        return all(is_valid_expression(inner) for inner in _all_paths(expr))
    if not expr.strip() or expr in SYSTEM_PARAMETERS:
        return True
    if expr.startswith((SECRETS_PREFIX, ENV_PREFIX)):
        return True
    try:
        paths.compile_path(expr)
    except paths.PathSyntaxError:
        return False
    return True


def invalid_expressions(params: Any) -> list[str]:
    """The expression texts in ``params`` for which :func:`is_valid_expression` is false."""
    return [path for path in _all_paths(params) if not is_valid_expression(path)]


def _all_paths(value: Any) -> Iterator[str]:
    """Every expression path in ``value``, outer ones before the ones nested inside them."""
    if isinstance(value, str):
        if "${" not in value:
            return
        for part in _parse(value).parts:
            if isinstance(part, _Expr):
                yield part.path
                if part.dynamic:
                    yield from _all_paths(part.path)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _all_paths(v)
    elif isinstance(value, list):
        for v in value:
            yield from _all_paths(v)


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
