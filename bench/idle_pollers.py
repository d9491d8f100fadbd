"""What idle workers cost the server: N pollers long-polling an empty queue.

    python bench/idle_pollers.py --pollers 1000 --timeout-ms 100 --pause-ms 100  # official SDK pattern
    python bench/idle_pollers.py --pollers 1000 --timeout-ms 100 --seconds 10   # polls back to back
    python bench/idle_pollers.py --pollers 1000 --timeout-ms 5000 --seconds 10  # our SDK's long poll

Starts a `pyconductor server` on a free 127.0.0.1 port (temp SQLite), runs N concurrent pollers
(`GET /tasks/poll/batch/{type}?count=1&timeout=...` in a loop; with `--pause-ms 100` each
empty answer is followed by a 100 ms pause, as the official SDK's idle workers do: a ~200 ms
cycle, ~5 polls per second per worker) for the given time, and prints polls/s, the server's CPU use, and the latency of
a task scheduled while they poll (start workflow -> a poller holds it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from workflow_bench import free_port, start_server


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def run(
    port: int, pollers: int, timeout_ms: int, seconds: float, pause_ms: int = 0
) -> dict[str, float]:
    base = f"http://127.0.0.1:{port}/api"
    polls = 0
    stop = time.monotonic() + seconds
    got: list[float] = []
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=60)) as session:

        async def poller(i: int) -> None:
            nonlocal polls
            url = f"{base}/tasks/poll/batch/idle_bench?workerid=w{i}&count=1&timeout={timeout_ms}"
            while time.monotonic() < stop:
                async with session.get(url) as response:
                    tasks = await response.json()
                polls += 1
                if tasks:
                    got.append(time.monotonic())
                elif pause_ms:
                    await asyncio.sleep(pause_ms / 1000)

        workers = [asyncio.create_task(poller(i)) for i in range(pollers)]
        await asyncio.sleep(min(2.0, seconds / 3))
        started = time.monotonic()
        async with session.post(f"{base}/workflow/idle_bench_wf", json={}) as response:
            await response.text()
        await asyncio.gather(*workers)
    latency = (got[0] - started) * 1000 if got else -1.0
    return {"polls": polls, "handoff_ms": round(latency, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pollers", type=int, default=1000)
    parser.add_argument("--timeout-ms", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument(
        "--pause-ms", type=int, default=0, help="pause after an empty poll (official SDK: 100)"
    )
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="pyconductor-idle-")
    port = free_port()
    server = start_server(f"sqlite:///{tmp.name}/idle.db", port)
    try:
        api = httpx.Client(base_url=f"http://127.0.0.1:{port}/api")
        api.post(
            "/metadata/workflow",
            json={"name": "idle_bench_wf", "tasks": [{"name": "idle_bench", "taskReferenceName": "t"}]},
        ).raise_for_status()
        before = cpu_seconds(server.pid)
        t0 = time.monotonic()
        result = asyncio.run(run(port, args.pollers, args.timeout_ms, args.seconds, args.pause_ms))
        wall = time.monotonic() - t0
        used = cpu_seconds(server.pid) - before
        print(
            json.dumps(
                {
                    "pollers": args.pollers,
                    "timeout_ms": args.timeout_ms,
                    "pause_ms": args.pause_ms,
                    "polls_per_s": round(result["polls"] / wall, 1),
                    "server_cpu_percent": round(100 * used / wall, 1),
                    "server_cpu_us_per_poll": round(1e6 * used / max(result["polls"], 1), 1),
                    "task_handoff_ms": result["handoff_ms"],
                    "cpus": os.cpu_count(),
                }
            )
        )
        return 0
    finally:
        server.terminate()
        server.wait(10)
        tmp.cleanup()


if __name__ == "__main__":
    raise SystemExit(main())
