"""Server logging: text or JSON lines on stderr, an opt-in access log, and no secrets in either.

`--log-format json` writes one JSON object per line (`time`, `level`, `logger`, `message`, and
the record's extra fields such as `workflowId`) for log shippers; only the standard library's
`logging` is used. Every formatted line goes through `Redactor`, which masks the configured
API-key secrets, the token-signing secret and anything shaped like a JWT: the server never
logs them on purpose, and this keeps an exception message or a client's URL from doing it.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode

from conductor.server.preflight import PreflightError

LOG_FORMATS = ("text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MASK = "***"
ACCESS_LOGGER = "conductor.server.access"

# A JWT (the tokens /api/token hands out): three base64url parts, the first a JSON header.
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
# Query parameters whose values are never logged.
_SENSITIVE_PARAM = re.compile(r"token|secret|password|passwd|auth|key|signature|credential", re.IGNORECASE)
# The attributes every LogRecord has; anything else was passed with `extra=`.
_STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class Redactor:
    """Masks known secrets and JWT-shaped strings in formatted log lines."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        # Short values (an empty secret, "a") would mask ordinary words; longest first so a
        # secret containing another is masked whole.
        self.secrets = sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MASK)
            escaped = json.dumps(secret)[1:-1]
            if escaped != secret:
                text = text.replace(escaped, MASK)
        return _JWT.sub(MASK, text)


def log_format(value: str) -> str:
    text = value.strip().lower()
    if text not in LOG_FORMATS:
        raise PreflightError(f"log format must be one of {', '.join(LOG_FORMATS)}, not {value!r}")
    return text


def flag(name: str, value: str) -> bool:
    """A boolean environment variable; anything but a clear yes or no is an error, not a guess."""
    text = value.strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("", "0", "false", "no", "off"):
        return False
    raise PreflightError(f"{name} must be true or false, not {value!r}")


def auth_secrets(keys: str, signing_secret: str | None) -> list[str]:
    """The secrets in `PYCONDUCTOR_AUTH_KEYS` ("keyId:keySecret,...") and the signing secret."""
    found = [item.partition(":")[2].strip() for item in keys.split(",")]
    if signing_secret:
        found.append(signing_secret)
    return [s for s in found if s]


class TextFormatter(logging.Formatter):
    def __init__(self, redact: Redactor) -> None:
        super().__init__(TEXT_FORMAT)
        self.redact = redact

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, extra fields."""

    def __init__(self, redact: Redactor) -> None:
        super().__init__()
        self.redact = redact

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRIBUTES and not key.startswith("_") and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return self.redact(json.dumps(entry, default=str, ensure_ascii=False))


def configure(level: str, log_format: str = "text", secrets: Iterable[str] = ()) -> None:
    """The root handler on stderr; every logger (uvicorn's too) propagates to it."""
    redact = Redactor(secrets)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(redact) if log_format == "json" else TextFormatter(redact))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)


def _printable(text: str) -> str:
    """Control characters escaped: a client's path must not forge log lines."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def safe_query(raw: bytes) -> str:
    """The query string with the values of credential-like parameters masked."""
    if not raw:
        return ""
    try:
        pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True)
    except ValueError:
        return MASK
    return urlencode([(k, MASK if _SENSITIVE_PARAM.search(k) else v) for k, v in pairs], safe="*")


class AccessLog:
    """ASGI middleware: one INFO line per HTTP request (client, method, path, status, duration).

    Headers and cookies are never read (they carry `X-Authorization` tokens and the UI's
    token cookie), and credential-like query parameters are masked.
    """

    def __init__(self, app: ASGIApp, logger: logging.Logger | None = None) -> None:
        self.app = app
        self.log = logger or logging.getLogger(ACCESS_LOGGER)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            self._line(scope, status or 500, (time.perf_counter() - started) * 1000)

    def _line(self, scope: Scope, status: int, millis: float) -> None:
        if not self.log.isEnabledFor(logging.INFO):
            return
        client = scope.get("client")
        address = f"{client[0]}:{client[1]}" if client else "-"
        path = _printable(str(scope.get("path", "")))
        query = safe_query(scope.get("query_string", b""))
        target = f"{path}?{_printable(query)}" if query else path
        method = str(scope.get("method", ""))
        self.log.info(
            '%s "%s %s HTTP/%s" %d %.1fms',
            address,
            method,
            target,
            scope.get("http_version", "1.1"),
            status,
            millis,
            extra={
                "client": address,
                "method": method,
                "path": target,
                "status": status,
                "durationMs": round(millis, 1),
            },
        )
