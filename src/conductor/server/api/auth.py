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
from typing import Any, cast

import jwt
import msgspec
from litestar import Response, post
from litestar.types import ASGIApp

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
    }
)
_HOST = socket.gethostname()


class TokenRequest(msgspec.Struct, rename="camel", kw_only=True):
    key_id: str | None = None
    key_secret: str | None = None


class TokenResponse(msgspec.Struct):
    token: str


class TokenAuth:
    def __init__(self, keys: dict[str, str], signing_secret: str | None = None, ttl_s: int = 3600) -> None:
        self.keys = keys
        self.secret = signing_secret or secrets.token_hex(32)
        self.ttl_s = ttl_s

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
                token = ""
                for name, value in scope["headers"]:
                    if name == b"x-authorization":
                        token = value.decode("latin-1").strip()
                        break
                problem = self.check(token) if token else "INVALID_TOKEN"
                if problem is not None:
                    await _deny(send, problem)
                    return
            await app(scope, receive, send)

        return cast(ASGIApp, guarded)


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


def token_route(auth: TokenAuth) -> Any:
    @post("/api/token", status_code=200, tags=["token"])
    async def token(data: TokenRequest) -> Response[TokenResponse]:
        if not data.key_id or not data.key_secret:
            raise ValidationFailed([Violation("token.keyId", "keyId and keySecret are required")])
        issued = auth.issue(data.key_id, data.key_secret)
        if issued is None:
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
