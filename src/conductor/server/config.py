"""Server settings from CLI flags and environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_DB_URL = "sqlite:///conductor.db"


@dataclass(frozen=True)
class Settings:
    db_url: str = DEFAULT_DB_URL
    host: str = "127.0.0.1"
    port: int = 8080
    server: str = "uvicorn"
    log_level: str = "INFO"
    # Sandbox limits of INLINE / SWITCH / DO_WHILE scripts (CONDUCTOR_SCRIPT_MAX_EXECUTION_SECONDS).
    script_time_limit_s: float = 4.0
    script_memory_limit_mb: int = 64
    jq_time_limit_s: float = 5.0
    # Optional API-key auth: "keyId:keySecret,..." (empty: open mode, like Conductor OSS).
    auth_keys: str = ""
    auth_secret: str | None = None

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = os.environ
        values: dict[str, object] = {
            "db_url": env.get("PYCONDUCTOR_DB_URL", DEFAULT_DB_URL),
            "host": env.get("PYCONDUCTOR_HOST", "127.0.0.1"),
            "port": int(env.get("PYCONDUCTOR_PORT", "8080")),
            "server": env.get("PYCONDUCTOR_SERVER", "uvicorn"),
            "log_level": env.get("PYCONDUCTOR_LOG_LEVEL", "INFO"),
            "script_time_limit_s": float(env.get("CONDUCTOR_SCRIPT_MAX_EXECUTION_SECONDS", "4")),
            "jq_time_limit_s": float(env.get("PYCONDUCTOR_JQ_MAX_EXECUTION_SECONDS", "5")),
            "auth_keys": env.get("PYCONDUCTOR_AUTH_KEYS", ""),
            "auth_secret": env.get("PYCONDUCTOR_AUTH_SECRET") or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
