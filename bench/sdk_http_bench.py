"""Client CPU per SDK request: the lean plain-HTTP path (client/http/wire.py) against httpx.

    python bench/sdk_http_bench.py --calls 1500

Starts a `pyconductor server` on a free 127.0.0.1 port (temp SQLite) and times, in this
process's CPU (not wall time: the server's work is not counted, and CPU time moves less than
wall time on a loaded machine), N empty batch polls (`timeout=0`) through `ApiClient`, once
with `CONDUCTOR_HTTP_CLIENT=httpx` and once without, alternating for `--rounds` rounds. Prints
one JSON line per round.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workflow_bench import free_port, start_server


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    from conductor.client.configuration.configuration import Configuration
    from conductor.client.http.api_client import ApiClient

    with tempfile.TemporaryDirectory(prefix="pyconductor-sdk-http-") as tmp:
        port = free_port()
        server = start_server(f"sqlite:///{tmp}/bench.db", port)
        try:
            for _ in range(args.rounds):
                row: dict[str, object] = {"calls": args.calls}
                for mode in ("httpx", "wire"):
                    if mode == "httpx":
                        os.environ["CONDUCTOR_HTTP_CLIENT"] = "httpx"
                    else:
                        os.environ.pop("CONDUCTOR_HTTP_CLIENT", None)
                    client = ApiClient(Configuration(server_api_url=f"http://127.0.0.1:{port}/api"))
                    query = [("count", 1), ("timeout", 0)]
                    for _ in range(20):
                        client.call_api("GET", "/tasks/poll/batch/none", query=query, response_type=list)
                    started = time.process_time()
                    for _ in range(args.calls):
                        client.call_api("GET", "/tasks/poll/batch/none", query=query, response_type=list)
                    row[f"{mode}_client_cpu_us_per_call"] = round(
                        (time.process_time() - started) / args.calls * 1e6
                    )
                print(json.dumps(row), flush=True)
        finally:
            os.environ.pop("CONDUCTOR_HTTP_CLIENT", None)
            server.terminate()
            server.wait(10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
