"""Run the bench's workers with whichever `conductor` SDK this Python has installed.

The official `conductor-python` and ours share their import paths, so the same file runs both:

    python bench/run_workers.py --url http://127.0.0.1:8080/api --workers 2 --threads 4

Runs until SIGTERM / SIGINT.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    import bench_workers

    from conductor.client.automator.task_handler import TaskHandler
    from conductor.client.configuration.configuration import Configuration
    from conductor.client.worker.worker import Worker

    workers = [Worker("bench_inc", bench_workers.inc, thread_count=args.threads) for _ in range(args.workers)]
    handler = TaskHandler(
        workers=workers,
        configuration=Configuration(server_api_url=args.url),
        scan_for_annotated_workers=False,
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    handler.start_processes()
    print("workers started", flush=True)
    stop.wait()
    handler.stop_processes()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
