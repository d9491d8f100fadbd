"""Regular expressions of JSONPath filters, matched in linear time with RE2.

A filter such as ``[?(@ =~ /(a+)+$/)]`` runs inside the decider, on the event loop.  Python's
``re`` backtracks: that pattern over ``"a" * 25 + "!"`` took 2 s, doubling with every character,
and nothing can interrupt it.  RE2 (the ``google-re2`` package) guarantees time linear in the
subject and bounds each compiled pattern's memory, so the pattern and the data may both come
from users.

The price is RE2's syntax: backreferences (``\\1``) and look-around (``(?=...)``) are not
supported; such a pattern is a syntax error of the path (400 at registration, ``None`` when met at
run time), as are all patterns when ``google-re2`` is not installed.  RE2's ``\\d``, ``\\w`` and
``\\s`` are ASCII, as Java's (Jayway's) are by default.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

__all__ = ["LinearRegex", "RegexError", "compile_regex"]


class RegexError(ValueError):
    """The pattern cannot be compiled (bad or unsupported syntax, too large, no RE2)."""


def _load_re2() -> Any:
    # Imported by name: the package ships no type information, and the server must still start
    # (with regex filters rejected) where it is not installed.
    try:
        return importlib.import_module("re2")
    except ImportError:
        return None


_RE2: Final = _load_re2()

# python-jsonpath's flag letters, reported back as `re` flags (its RegexLiteral prints them).
_FLAG_BITS: Final = {"a": re.A, "i": re.I, "m": re.M, "s": re.S}
# Compiled programs are capped by RE2 (8 MiB by default); this bounds how many are kept.
_CACHE_SIZE: Final = 512


@dataclass(frozen=True, slots=True)
class LinearRegex:
    """A compiled pattern with the subset of ``re.Pattern`` python-jsonpath uses."""

    pattern: str
    flags: int
    _compiled: Any

    def fullmatch(self, text: str) -> bool:
        return self._compiled.fullmatch(text) is not None

    def search(self, text: str) -> bool:
        return self._compiled.search(text) is not None


def compile_regex(pattern: str, flags: str = "") -> LinearRegex:
    """Compile ``pattern`` with python-jsonpath's flag letters (``i``, ``m``, ``s``, ``a``)."""
    return _compile(pattern, "".join(sorted(set(flags))))


@lru_cache(maxsize=_CACHE_SIZE)
def _compile(pattern: str, flags: str) -> LinearRegex:
    if _RE2 is None:
        raise RegexError("regular expressions need the google-re2 package")
    unknown = set(flags) - _FLAG_BITS.keys()
    if unknown:
        raise RegexError(f"unknown regular expression flags: {''.join(sorted(unknown))}")
    options = _RE2.Options()
    options.log_errors = False  # errors are reported to the caller, not printed on stderr
    # "a" (ASCII classes) is RE2's default; the others map to RE2's inline flags.
    inline = "".join(f for f in flags if f in "ims")
    try:
        compiled = _RE2.compile(f"(?{inline}){pattern}" if inline else pattern, options)
    except _RE2.error as exc:
        detail = exc.args[0] if exc.args else exc
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        raise RegexError(f"invalid regular expression /{pattern}/: {detail}") from None
    bits = 0
    for f in flags:
        bits |= _FLAG_BITS[f]
    return LinearRegex(pattern, bits, compiled)
