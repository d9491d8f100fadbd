"""Server settings from CLI flags and environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
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
    # Address space of each jq worker process (RLIMIT_AS): a filter that builds a huge value
    # kills its own worker, never the server. A 10 MB input needs about 200 MB in libjq.
    jq_memory_limit_mb: int = 512
    # Deepest nesting accepted in JSON request bodies and system-task outputs (deeper documents
    # broke recursive code paths with RecursionError): PYCONDUCTOR_MAX_JSON_DEPTH.
    max_json_depth: int = 128
    # Optional API-key auth: "keyId:keySecret,..." (empty: open mode, like Conductor OSS).
    auth_keys: str = ""
    auth_secret: str | None = None
    # Payload thresholds in KB, Conductor's conductor.app.*PayloadSizeThreshold (above: a warning
    # in the log, where Conductor would use external storage) and max*PayloadSizeThreshold
    # (above: the task fails with a terminal error, the workflow start is refused).
    task_input_payload_threshold_kb: int = 3072
    max_task_input_payload_threshold_kb: int = 10240
    task_output_payload_threshold_kb: int = 3072
    max_task_output_payload_threshold_kb: int = 10240
    workflow_input_payload_threshold_kb: int = 5120
    max_workflow_input_payload_threshold_kb: int = 10240
    workflow_output_payload_threshold_kb: int = 5120
    max_workflow_output_payload_threshold_kb: int = 10240
    # HTTP task: response bodies are read up to this size, calls end after this long whatever
    # their connectionTimeOut / readTimeOut say.
    http_max_response_kb: int = 10240
    http_max_duration_s: float = 120.0
    # Asynchronous system task calls in flight: in all, and for any one workflow.
    http_max_in_flight: int = 64
    http_max_in_flight_per_workflow: int = 16
    # HTTP task address policy (checked on resolved addresses and on every redirect):
    # link-local / cloud-metadata ranges are always denied; loopback and private ranges too
    # when http_deny_private is set. Comma-separated CIDRs add denials or exceptions.
    http_deny_private: bool = False
    http_denied_networks: str = ""
    http_allowed_networks: str = ""
    # Bytes of running workflows kept decoded in memory (besides the count bound).
    workflow_cache_mb: int = 128
    # Distinct values per metric label (task types, workflow names) before `other`.
    metrics_max_label_values: int = 1000
    # Origins (exact, e.g. https://ui.example.com) whose pages may call the API from a browser:
    # PYCONDUCTOR_CORS_ORIGINS="https://a.example,https://b.example". Empty: no CORS headers.
    cors_origins: tuple[str, ...] = ()

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
            "http_deny_private": _flag(env.get("PYCONDUCTOR_HTTP_DENY_PRIVATE", "")),
            "http_denied_networks": env.get("PYCONDUCTOR_HTTP_DENIED_NETWORKS", ""),
            "http_allowed_networks": env.get("PYCONDUCTOR_HTTP_ALLOWED_NETWORKS", ""),
            "cors_origins": cors_origins(env.get("PYCONDUCTOR_CORS_ORIGINS", "")),
        }
        values.update(_numbers(env))
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


# Numeric settings read only when their variable is set (the dataclass holds the defaults).
_INT_VARIABLES = {
    "jq_memory_limit_mb": "PYCONDUCTOR_JQ_MAX_MEMORY_MB",
    "max_json_depth": "PYCONDUCTOR_MAX_JSON_DEPTH",
    "task_input_payload_threshold_kb": "PYCONDUCTOR_TASK_INPUT_PAYLOAD_SIZE_THRESHOLD_KB",
    "max_task_input_payload_threshold_kb": "PYCONDUCTOR_MAX_TASK_INPUT_PAYLOAD_SIZE_THRESHOLD_KB",
    "task_output_payload_threshold_kb": "PYCONDUCTOR_TASK_OUTPUT_PAYLOAD_SIZE_THRESHOLD_KB",
    "max_task_output_payload_threshold_kb": "PYCONDUCTOR_MAX_TASK_OUTPUT_PAYLOAD_SIZE_THRESHOLD_KB",
    "workflow_input_payload_threshold_kb": "PYCONDUCTOR_WORKFLOW_INPUT_PAYLOAD_SIZE_THRESHOLD_KB",
    "max_workflow_input_payload_threshold_kb": "PYCONDUCTOR_MAX_WORKFLOW_INPUT_PAYLOAD_SIZE_THRESHOLD_KB",
    "workflow_output_payload_threshold_kb": "PYCONDUCTOR_WORKFLOW_OUTPUT_PAYLOAD_SIZE_THRESHOLD_KB",
    "max_workflow_output_payload_threshold_kb": "PYCONDUCTOR_MAX_WORKFLOW_OUTPUT_PAYLOAD_SIZE_THRESHOLD_KB",
    "http_max_response_kb": "PYCONDUCTOR_HTTP_MAX_RESPONSE_KB",
    "http_max_in_flight": "PYCONDUCTOR_HTTP_MAX_IN_FLIGHT",
    "http_max_in_flight_per_workflow": "PYCONDUCTOR_HTTP_MAX_IN_FLIGHT_PER_WORKFLOW",
    "workflow_cache_mb": "PYCONDUCTOR_WORKFLOW_CACHE_MB",
    "metrics_max_label_values": "PYCONDUCTOR_METRICS_MAX_LABEL_VALUES",
}
_FLOAT_VARIABLES = {"http_max_duration_s": "PYCONDUCTOR_HTTP_MAX_DURATION_SECONDS"}


def _numbers(env: Mapping[str, str]) -> dict[str, object]:
    values: dict[str, object] = {}
    for field_name, variable in _INT_VARIABLES.items():
        if env.get(variable):
            values[field_name] = int(env[variable])
    for field_name, variable in _FLOAT_VARIABLES.items():
        if env.get(variable):
            values[field_name] = float(env[variable])
    return values


def cors_origins(value: str) -> tuple[str, ...]:
    """The comma-separated allow-list, checked: exact origins only. A wildcard would become a
    regex in the CORS check (`*` allows every site), so it is refused rather than guessed at."""
    origins = []
    for item in value.split(","):
        origin = item.strip().rstrip("/")
        if not origin:
            continue
        scheme, sep, host = origin.partition("://")
        if "*" in origin or not sep or scheme not in ("http", "https") or not host or "/" in host:
            raise ValueError(
                f"PYCONDUCTOR_CORS_ORIGINS: {item.strip()!r} is not an origin such as https://ui.example.com"
            )
        origins.append(origin)
    return tuple(origins)


def _flag(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")
