"""``Configuration``: where the server is, how to authenticate, how the SDK logs."""

from __future__ import annotations

import logging
import os
import time
from typing import TYPE_CHECKING, Any

from conductor.client.configuration.settings.authentication_settings import AuthenticationSettings

if TYPE_CHECKING:
    import httpx

__all__ = ["TRACE_LEVEL", "Configuration"]

DEFAULT_SERVER_API_URL = "http://localhost:8080/api"

#: The official SDK's extra log level below DEBUG.
TRACE_LEVEL = 5
logging.addLevelName(TRACE_LEVEL, "TRACE")


def trace(self: logging.Logger, message: str, *args: Any, **kwargs: Any) -> None:
    """Log ``message`` at TRACE level on this logger (the official SDK installs this as
    ``logging.Logger.trace``; so do we, when ``conductor.client.configuration`` is imported)."""
    if self.isEnabledFor(TRACE_LEVEL):
        self._log(TRACE_LEVEL, message, args, **kwargs)


setattr(logging.Logger, "trace", trace)  # noqa: B010 - mypy: Logger has no declared "trace"


class Configuration:
    """Connection settings shared by every client and worker.

    The server API address is, first match wins: ``server_api_url`` as given,
    ``base_url + "/api"``, the ``CONDUCTOR_SERVER_URL`` environment variable, then
    ``http://localhost:8080/api``. Every request goes to ``host + path``.

    Authentication uses ``authentication_settings``, else ``CONDUCTOR_AUTH_KEY`` plus
    ``CONDUCTOR_AUTH_SECRET`` (both must be set); without them no token is ever requested.
    The token obtained from ``POST /token`` is cached on this object and shared by every
    client built from it; it is renewed after ``auth_token_ttl_min`` minutes.
    """

    #: The current access token (``None`` until obtained). Instance attribute once set.
    AUTH_TOKEN: str | None = None

    def __init__(
        self,
        base_url: str | None = None,
        debug: bool = False,
        authentication_settings: AuthenticationSettings | None = None,
        server_api_url: str | None = None,
        auth_token_ttl_min: int = 45,
        register_schema: bool | None = None,
        log_level: int | str | None = None,
    ) -> None:
        if server_api_url is not None:
            host = server_api_url
        elif base_url is not None:
            host = base_url + "/api"
        else:
            host = os.getenv("CONDUCTOR_SERVER_URL") or DEFAULT_SERVER_API_URL
        self.host: str = host or DEFAULT_SERVER_API_URL
        self.__ui_host = os.getenv("CONDUCTOR_UI_SERVER_URL") or self.host.rstrip("/").removesuffix("/api")

        if authentication_settings is None:
            key = os.getenv("CONDUCTOR_AUTH_KEY")
            secret = os.getenv("CONDUCTOR_AUTH_SECRET")
            if key is not None and secret is not None:
                authentication_settings = AuthenticationSettings(key_id=key, key_secret=secret)
        self.authentication_settings: AuthenticationSettings | None = authentication_settings

        self.debug = debug  # also sets the default log level
        resolved_level = log_level if log_level is not None else os.getenv("CONDUCTOR_LOG_LEVEL")
        if isinstance(resolved_level, int):
            self.__log_level = resolved_level
        elif resolved_level and resolved_level.strip():
            level = logging.getLevelName(resolved_level.strip().upper())
            if isinstance(level, int):
                self.__log_level = level
        self.logger_format = "%(asctime)s %(name)-12s %(levelname)-8s %(message)s"

        # TLS and transport settings, read by ApiClient.
        self.verify_ssl: bool = True
        self.ssl_ca_cert: str | None = None
        self.cert_file: str | None = None
        self.key_file: str | None = None
        self.assert_hostname: bool | None = None
        self.proxy: str | None = None
        self.safe_chars_for_path_param = ""
        #: A ready ``httpx.Client`` to use instead of the SDK's own (never sent to workers).
        self.http_connection: httpx.Client | None = None
        self.temp_folder_path: str | None = None

        if register_schema is None:
            env_value = os.getenv("CONDUCTOR_REGISTER_SCHEMAS")
            if env_value is not None:
                register_schema = env_value.strip().lower() in ("true", "1", "yes", "on")
        #: Accepted for compatibility; pyconductor does not register JSON schemas.
        self.register_schema = register_schema

        self.token_update_time = 0
        self.auth_token_ttl_msec = auth_token_ttl_min * 60 * 1000
        #: Set once ``POST /token`` answered 404: the server has no auth (open mode).
        self.auth_disabled = False

    @property
    def debug(self) -> bool:
        return self.__debug

    @debug.setter
    def debug(self, value: bool) -> None:
        self.__debug = value
        self.__log_level = logging.DEBUG if value else logging.INFO

    @property
    def log_level(self) -> int:
        return self.__log_level

    @property
    def logger_format(self) -> str:
        return self.__logger_format

    @logger_format.setter
    def logger_format(self, value: str) -> None:
        self.__logger_format = value

    @property
    def ui_host(self) -> str:
        """The UI address used in log messages (``CONDUCTOR_UI_SERVER_URL`` or ``host`` minus ``/api``)."""
        return self.__ui_host

    def apply_logging_config(self, log_format: str | None = None, level: int | str | None = None) -> None:
        """Configure the root logger (used inside worker processes, which start unconfigured)."""
        logging.basicConfig(
            format=log_format or self.logger_format,
            level=level if level is not None else self.__log_level,
        )
        # One line per poll would drown everything else.
        logging.getLogger("httpx").setLevel(logging.WARNING)
        logging.getLogger("httpcore").setLevel(logging.WARNING)

    @staticmethod
    def get_logging_formatted_name(name: str) -> str:
        return f"[{os.getpid()}] {name}"

    def update_token(self, token: str | None) -> None:
        self.AUTH_TOKEN = token
        self.token_update_time = round(time.time() * 1000)

    def __getstate__(self) -> dict[str, Any]:
        # Configurations are pickled into worker processes; a live HTTP client cannot travel.
        state = self.__dict__.copy()
        state["http_connection"] = None
        return state
