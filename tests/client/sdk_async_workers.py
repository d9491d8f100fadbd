"""``async def`` workers for test_sdk_async_workers.py (module-level: pickled into worker processes).

Each writes what it observed into its output (or, for tasks that never report, a marker file
named in its input), so the test can check it from the server's side.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from pathlib import Path
from typing import Any

#: For the in-process tests: tasks wait on this until the test releases them.
release = threading.Event()


async def nap(seconds: float = 0.5) -> dict[str, Any]:
    """Sleep; report when it started and ended (wall clock), in which process and thread."""
    started = time.time()
    await asyncio.sleep(seconds)
    return {
        "started": started,
        "ended": time.time(),
        "pid": os.getpid(),
        "thread": threading.get_ident(),
    }


async def explode(message: str = "boom") -> None:
    await asyncio.sleep(0)
    raise ValueError(message)


async def hang_or_quick(mode: str, marker_dir: str) -> dict[str, Any]:
    """``hang``: write ``<marker_dir>/started``, sleep a minute; write ``cancelled`` when cancelled.
    ``quick``: answer at once."""
    if mode == "quick":
        return {"quick": True}
    directory = Path(marker_dir)
    (directory / "started").write_text(str(os.getpid()))
    try:
        await asyncio.sleep(60)
    except asyncio.CancelledError:
        (directory / "cancelled").write_text("cancelled")
        raise
    return {"hung": False}


async def sleeper(name: str, seconds: float, marker_dir: str) -> dict[str, Any]:
    """Write ``<marker_dir>/<name>.started``, sleep ``seconds``, answer."""
    (Path(marker_dir) / f"{name}.started").write_text(str(os.getpid()))
    await asyncio.sleep(seconds)
    return {"slept": seconds}


async def wait_for_release() -> dict[str, Any]:
    """In-process only: wait until the test sets ``release``."""
    released = await asyncio.to_thread(release.wait, 60)
    return {"released": released}
