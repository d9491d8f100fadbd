"""Java's ``String.valueOf`` for JSON values, so interpolated strings match Conductor byte for byte.

Conductor builds strings such as ``"id: ${t.output.ids}"`` with ``Objects.toString(value)``, and
stringifies SWITCH results with ``"" + value``.  Those calls print Java collections, not JSON:

==========================  ===========================
value                       Java text
==========================  ===========================
``None``                    ``null``
``True``                    ``true``
``1.0`` / ``1e7``           ``1.0`` / ``1.0E7``
``{"a": 1, "b": "x"}``      ``{a=1, b=x}``
``[1, "x", None]``          ``[1, x, null]``
==========================  ===========================

One exception: the list Jayway JsonPath returns for an *indefinite* path (``..``, ``[*]``,
filters) is a json-smart ``JSONArray`` whose ``toString`` is compact JSON in json-smart's style
(``["a","b"]``, ``/`` escaped as ``\\/``).  :class:`JsonArray` marks such lists.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any


class JsonArray(list[Any]):
    """A list produced by an indefinite JSONPath; Java prints it as JSON (json-smart)."""

    __slots__ = ()


def java_to_string(value: Any) -> str:
    """Return ``String.valueOf(value)`` as Java would print the equivalent Jackson-decoded value."""
    if isinstance(value, str):
        return value
    if isinstance(value, JsonArray):
        return json_smart_to_string(value)
    if isinstance(value, dict | list | tuple):
        return _render(value, _java_scalar, _java_key, "=", ", ")
    return _java_scalar(value)


def _java_scalar(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return java_double_to_string(value)
    return str(value)


def _java_key(key: Any) -> str:
    # AbstractMap.toString: "{k=v, k=v}"; keys go through toString as well.
    return java_to_string(key)


def _render(
    value: Any, scalar: Callable[[Any], str], key: Callable[[Any], str], assign: str, separator: str
) -> str:
    """Print nested dicts and lists without recursion, so a deeply nested stored value (up to the
    request depth limit and what expressions add to it) never raises RecursionError on a read."""
    out: list[str] = []
    # Entries are text to copy (True) or a value to print (False), popped in order.
    stack: list[tuple[bool, Any]] = [(False, value)]
    while stack:
        literal, item = stack.pop()
        if literal:
            out.append(item)
        elif isinstance(item, JsonArray) and scalar is _java_scalar:
            out.append(json_smart_to_string(item))
        elif isinstance(item, dict):
            stack.append((True, "}"))
            entries = list(item.items())
            for i in range(len(entries) - 1, -1, -1):
                k, v = entries[i]
                stack.append((False, v))
                stack.append((True, key(k) + assign))
                if i:
                    stack.append((True, separator))
            stack.append((True, "{"))
        elif isinstance(item, list | tuple):
            stack.append((True, "]"))
            for i in range(len(item) - 1, -1, -1):
                stack.append((False, item[i]))
                if i:
                    stack.append((True, separator))
            stack.append((True, "["))
        else:
            out.append(scalar(item))
    return "".join(out)


def java_double_to_string(x: float) -> str:
    """``Double.toString`` (JDK 19+ shortest-digits algorithm, which Conductor's Java 21 uses).

    Plain notation for 1e-3 <= |x| < 1e7 (always with a fractional digit: ``100.0``), otherwise
    Java's computerized scientific notation (``1.0E7``, ``1.5E-5``).
    """
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0.0:
        return "-0.0" if math.copysign(1.0, x) < 0 else "0.0"
    sign = "-" if x < 0 else ""
    ax = abs(x)
    if 1e-3 <= ax < 1e7:
        # repr() uses plain notation throughout this range and always keeps a ".d" part.
        return sign + repr(ax)
    digits_tuple = Decimal(repr(ax)).normalize().as_tuple()
    digits = "".join(map(str, digits_tuple.digits))
    exponent = len(digits) + int(digits_tuple.exponent) - 1
    return f"{sign}{digits[0]}.{digits[1:] or '0'}E{exponent}"


def json_smart_to_string(value: Any) -> str:
    """json-smart's ``JSONValue.toJSONString`` with the default ``NO_COMPRESS`` style."""
    if isinstance(value, dict | list | tuple):
        return _render(value, _json_smart_scalar, _json_smart_key, ":", ",")
    return _json_smart_scalar(value)


def _json_smart_scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return '"' + _escape_4web(value) + '"'
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # json-smart writes non-finite doubles as null, finite ones through Double.toString.
        return java_double_to_string(value) if math.isfinite(value) else "null"
    return '"' + _escape_4web(str(value)) + '"'


def _json_smart_key(key: Any) -> str:
    return '"' + _escape_4web(str(key)) + '"'


_SIMPLE_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "/": "\\/",
}


def _escape_4web(s: str) -> str:
    """json-smart's ``Escape4Web``: JSON escapes plus ``\\/`` and ``\\uXXXX`` for control ranges."""
    out: list[str] = []
    for ch in s:
        esc = _SIMPLE_ESCAPES.get(ch)
        if esc is not None:
            out.append(esc)
            continue
        code = ord(ch)
        if code <= 0x1F or 0x7F <= code <= 0x9F or 0x2000 <= code <= 0x20FF:
            out.append(f"\\u{code:04X}")
        else:
            out.append(ch)
    return "".join(out)
