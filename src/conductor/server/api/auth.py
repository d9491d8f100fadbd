"""Optional API-key authentication, as Orkes Conductor's `/api/token` does it.

Off by default (then `/api/token` answers 404, which SDKs read as "open mode"). With keys
configured (`PYCONDUCTOR_AUTH_KEYS="keyId:keySecret,..."`), a client exchanges a key for a
JWT at `POST /api/token` (`{"keyId", "keySecret"}` -> `{"token"}`) and sends it in the
`X-Authorization` header; anything else under `/api` answers 401 with `error` set to
`INVALID_TOKEN` or `EXPIRED_TOKEN`, which the official SDKs use to refresh their token.
Tokens are signed with `PYCONDUCTOR_AUTH_SECRET` (set it when several servers share a
database, so a token from one is accepted by all).
"""

from __future__ import annotations

import hmac
import secrets
import socket
import time
from collections import OrderedDict, deque
from typing import Any, cast
from urllib.parse import quote

import jwt
import msgspec
from litestar import Request, Response, post
from litestar.types import ASGIApp

from conductor.server.api.swagger import STATIC_PATHS as SWAGGER_STATIC_PATHS
from conductor.server.domain.errors import ValidationFailed, Violation

# The only paths answered without a token: the token exchange and the probes. Compared exactly,
# never as prefixes: the router also routes spellings such as `//api/x` or `/api//x`, so a
# prefix rule let those through unauthenticated. Everything else is denied by default.
OPEN_PATHS = frozenset(
    {
        "/api/token",
        "/api/health",
        "/health",
        "/metrics",
        "/actuator/health",
        "/actuator/info",
        "/actuator/prometheus",
        # The web UI's sign-in page and the two files it needs.
        "/login",
        "/logout",
        "/static/ui.css",
        "/static/ui.js",
        "/ui/svg.css",
        # Swagger UI's own files and start-up script, each by its exact path (the page itself
        # and the /api-docs document it loads stay behind the token or the UI cookie).
        *SWAGGER_STATIC_PATHS,
    }
)
# The web UI keeps its token in an HttpOnly cookie. A cookie rides along with any request the
# browser makes, even one a foreign page triggers, so it counts only for reads (GET/HEAD) or
# with the UI's own header, which no foreign page can add without a CORS preflight this server
# never approves (and the cookie is SameSite=Strict as well).
UI_COOKIE = "conductor_ui_token"
UI_HEADER = (b"x-requested-with", b"pyconductor-ui")
_SAFE_METHODS = frozenset({"GET", "HEAD"})
_HOST = socket.gethostname()


class TokenRequest(msgspec.Struct, rename="camel", kw_only=True):
    key_id: str | None = None
    key_secret: str | None = None


class TokenResponse(msgspec.Struct):
    token: str


class FailureThrottle:
    """Slows down secret guessing: each client (by address) gets `limit` wrong secrets per
    `window_s`; past that it is refused until its oldest failure leaves the window. Bounded
    in memory: only the most recently failing `max_clients` addresses are remembered."""

    def __init__(self, limit: int = 10, window_s: float = 60.0, max_clients: int = 10_000) -> None:
        self.limit = limit
        self.window_s = window_s
        self.max_clients = max_clients
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def retry_after(self, client: str, now: float | None = None) -> int | None:
        """Seconds until `client` may try again, or None when it may try now."""
        now = time.monotonic() if now is None else now
        failures = self._failures.get(client)
        if failures is None:
            return None
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()
        if len(failures) < self.limit:
            return None
        return max(1, int(failures[0] + self.window_s - now + 0.999))

    def failed(self, client: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        failures = self._failures.pop(client, None) or deque(maxlen=self.limit)
        failures.append(now)
        self._failures[client] = failures
        while len(self._failures) > self.max_clients:
            self._failures.popitem(last=False)


class TokenAuth:
    def __init__(self, keys: dict[str, str], signing_secret: str | None = None, ttl_s: int = 3600) -> None:
        self.keys = keys
        self.secret = signing_secret or secrets.token_hex(32)
        self.ttl_s = ttl_s
        self.throttle = FailureThrottle()

    @classmethod
    def from_setting(cls, keys: str, signing_secret: str | None) -> TokenAuth | None:
        pairs = {}
        for item in keys.split(","):
            key_id, sep, key_secret = item.strip().partition(":")
            if sep and key_id:
                pairs[key_id] = key_secret
        return cls(pairs, signing_secret) if pairs else None

    def issue(self, key_id: str, key_secret: str) -> str | None:
        expected = self.keys.get(key_id)
        if expected is None or not hmac.compare_digest(expected.encode(), key_secret.encode()):
            return None
        now = int(time.time())
        return jwt.encode(
            {"sub": key_id, "iat": now, "exp": now + self.ttl_s}, self.secret, algorithm="HS256"
        )

    def check(self, token: str) -> str | None:
        """None when valid, else Conductor's error code."""
        try:
            # A token without an expiry would be valid forever: require one.
            claims = jwt.decode(
                token, self.secret, algorithms=["HS256"], options={"require": ["exp", "iat", "sub"]}
            )
        except jwt.ExpiredSignatureError:
            return "EXPIRED_TOKEN"
        except jwt.InvalidTokenError:
            return "INVALID_TOKEN"
        return None if claims.get("sub") in self.keys else "INVALID_TOKEN"

    def middleware(self, app: ASGIApp) -> ASGIApp:
        async def guarded(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "http" and scope["path"] not in OPEN_PATHS:
                token = _token(scope)
                problem = self.check(token) if token else "INVALID_TOKEN"
                if problem is not None:
                    if _wants_page(scope):
                        await _to_login(send, scope["path"])
                    else:
                        await _deny(send, problem)
                    return
            await app(scope, receive, send)

        return cast(ASGIApp, guarded)


def _token(scope: Any) -> str:
    header = ""
    cookie = ""
    from_ui = False
    for name, value in scope["headers"]:
        if name == b"x-authorization":
            header = value.decode("latin-1").strip()
        elif name == b"cookie":
            cookie = _cookie(value.decode("latin-1"), UI_COOKIE) or cookie
        elif (name, value) == UI_HEADER:
            from_ui = True
    if header:
        return header
    if cookie and (scope["method"] in _SAFE_METHODS or from_ui):
        return cookie
    return ""


def _cookie(header: str, name: str) -> str:
    for part in header.split(";"):
        key, sep, value = part.strip().partition("=")
        if sep and key == name:
            return value.strip()
    return ""


def _wants_page(scope: Any) -> bool:
    """A browser asking for a page (not the API): send it to the sign-in page, not a 401."""
    if scope["method"] not in _SAFE_METHODS or scope["path"].startswith("/api"):
        return False
    return any(name == b"accept" and b"text/html" in value for name, value in scope["headers"])


async def _to_login(send: Any, path: str) -> None:
    target = "/login?next=" + quote(path if path.startswith("/") and not path.startswith("//") else "/")
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [(b"location", target.encode("latin-1")), (b"content-length", b"0")],
        }
    )
    await send({"type": "http.response.body", "body": b""})


async def _deny(send: Any, code: str) -> None:
    body = msgspec.json.encode(
        {
            "status": 401,
            "message": "Invalid or missing token" if code == "INVALID_TOKEN" else "Token expired",
            "instance": _HOST,
            "retryable": False,
            "error": code,
        }
    )
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def client_address(request: Request[Any, Any, Any]) -> str:
    return request.client.host if request.client is not None else "?"


def throttled_body(retry_after: int) -> dict[str, Any]:
    return {
        "status": 429,
        "message": f"Too many failed attempts; try again in {retry_after} s",
        "instance": _HOST,
        "retryable": True,
    }


def token_route(auth: TokenAuth) -> Any:
    @post("/api/token", status_code=200, tags=["token"])
    async def token(request: Request[Any, Any, Any], data: TokenRequest) -> Response[TokenResponse]:
        if not data.key_id or not data.key_secret:
            raise ValidationFailed([Violation("token.keyId", "keyId and keySecret are required")])
        client = client_address(request)
        wait = auth.throttle.retry_after(client)
        if wait is not None:
            headers = {"Retry-After": str(wait)}
            return Response(content=throttled_body(wait), status_code=429, headers=headers)  # type: ignore[arg-type]
        issued = auth.issue(data.key_id, data.key_secret)
        if issued is None:
            auth.throttle.failed(client)
            body = {
                "status": 401,
                "message": "Invalid key id or secret",
                "instance": _HOST,
                "retryable": False,
                "error": "INVALID_TOKEN",
            }
            return Response(content=body, status_code=401)  # type: ignore[arg-type]
        return Response(content=TokenResponse(token=issued))

    return token
