"""``MetricsSettings``: where worker metrics would be exported."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

__all__ = ["MetricsSettings", "get_default_temporary_folder", "warn_metrics_unsupported"]

logger = logging.getLogger(__name__)
_warned = False
_warned_lock = threading.Lock()


def warn_metrics_unsupported() -> None:
    """Log, once per process, that worker metrics are not exported.

    Code written for the official SDK passes ``MetricsSettings`` expecting Prometheus files
    (or an HTTP endpoint); saying so once beats silently producing nothing.
    """
    global _warned
    with _warned_lock:
        if _warned:
            return
        _warned = True
    logger.warning(
        "MetricsSettings is not supported by pyconductor's SDK: workers export no metrics "
        "(no Prometheus files in the metrics directory, no HTTP port); the setting is ignored. "
        "The server's own metrics are at GET /metrics."
    )


def get_default_temporary_folder() -> str:
    return f"{Path.home()!s}/tmp/"


class MetricsSettings:
    """Accepted and stored for compatibility with the official SDK.

    pyconductor's SDK does not export worker metrics: a ``TaskHandler`` given these settings
    logs one warning (per process, see :func:`warn_metrics_unsupported`) and otherwise runs
    exactly as without them (no metrics process, no files, no HTTP port). Unlike the
    official class, constructing it creates no directory.
    """

    def __init__(
        self,
        directory: str | None = None,
        file_name: str = "metrics.log",
        update_interval: float = 0.1,
        http_port: int | None = None,
        clean_directory: bool = False,
        clean_dead_pids: bool = False,
    ) -> None:
        self.directory = directory if directory is not None else get_default_temporary_folder()
        self.file_name = file_name
        self.update_interval = update_interval
        self.http_port = http_port
        self.clean_directory = clean_directory
        self.clean_dead_pids = clean_dead_pids

    @property
    def metrics_directory(self) -> str:
        return self.directory

    @property
    def is_canonical(self) -> bool:
        """The official SDK's canonical-metrics mode flag (``WORKER_CANONICAL_METRICS``);
        always False here: no worker metrics are exported at all."""
        return False

    def clean_metrics_directory(self) -> None:
        """The official SDK empties the metrics directory here; we write none, so this
        does nothing."""

    @property
    def file_path(self) -> str:
        return os.path.join(self.directory, self.file_name)
