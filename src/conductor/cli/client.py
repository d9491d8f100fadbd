"""The HTTP side of the CLI: one httpx client, token exchange, and server errors turned into one line."""

from __future__ import annotations

import json
from typing import Any

import httpx

from conductor.cli.output import CliError


def api_url(server: str) -> str:
    # CONDUCTOR_SERVER_URL is written both ways in the wild; the API lives under /api.
    url = server.rstrip("/")
    return url if url.endswith("/api") else url + "/api"


class Api:
    def __init__(
        self, server: str, *, key: str | None = None, secret: str | None = None, token: str | None = None
    ) -> None:
        self.url = api_url(server)
        self._key, self._secret, self._token = key, secret, token
        self._authed = False
        self.http = httpx.Client(base_url=self.url, timeout=httpx.Timeout(30.0, connect=5.0))

    def _auth(self) -> None:
        if self._authed:
            return
        self._authed = True
        if self._token:
            self.http.headers["X-Authorization"] = self._token
        elif self._key and self._secret:
            try:
                response = self.http.post("/token", json={"keyId": self._key, "keySecret": self._secret})
            except httpx.TransportError as exc:
                raise CliError(
                    f"cannot reach the Conductor server at {self.url} ({type(exc).__name__})"
                ) from None
            # 404: an open-mode server (Conductor OSS); go on without a token, as the SDKs do.
            if response.status_code == 404:
                return
            if response.status_code >= 400:
                raise CliError(_message(response))
            token = response.json().get("token")
            if token:
                self.http.headers["X-Authorization"] = str(token)

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json_body: Any = None,
        timeout: float | None = None,
    ) -> Any:
        try:
            response = self.http.request(
                method,
                path,
                params={k: v for k, v in (params or {}).items() if v is not None},
                content=None if json_body is None else json.dumps(json_body),
                headers={"Content-Type": "application/json"} if json_body is not None else None,
                timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT,
            )
        except httpx.TransportError as exc:
            raise CliError(
                f"cannot reach the Conductor server at {self.url} ({type(exc).__name__})"
            ) from None
        if response.status_code >= 400:
            raise CliError(_message(response))
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            return response.text

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        self._auth()
        return self._send(method, path, **kwargs)

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        return self.request("POST", path, json_body=body, **kwargs)

    def put(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        return self.request("PUT", path, json_body=body, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Any:
        return self.request("DELETE", path, **kwargs)


def _message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and body.get("message"):
        message = str(body["message"])
        details = body.get("validationErrors") or []
        extra = "; ".join(
            f"{e.get('path', '')}: {e.get('message', '')}" for e in details if isinstance(e, dict)
        )
        return f"{message} ({extra})" if extra else message
    text = response.text.strip()
    return text[:300] if text else f"HTTP {response.status_code} from {response.request.url}"
