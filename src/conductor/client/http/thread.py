"""``thread``.

Ported from the official SDK (``conductor.client.http.thread``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

import threading
from typing import Any


class AwaitableThread(threading.Thread):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._result: Any = None

    def run(self) -> Any:
        # threading.Thread keeps the target and its arguments in these private attributes.
        target = getattr(self, "_target", None)
        if target is not None:
            self._result = target(*getattr(self, "_args", ()), **getattr(self, "_kwargs", {}))

    def wait(self) -> Any:
        self.join()

    def get(self) -> Any:
        return self._result
