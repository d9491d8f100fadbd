"""Run inside a fresh network namespace (`unshare -n`): start a `pyconductor server` on its
loopback and fuzz it with Schemathesis from the served OpenAPI document.

The namespace has nothing but its own loopback, so HTTP tasks in generated workflows cannot
reach any other host. Exit status: Schemathesis's (0 when no check failed).
"""

from __future__ import annotations

import fcntl
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

SIOCGIFFLAGS = 0x8913
SIOCSIFFLAGS = 0x8914
IFF_UP = 0x1


def loopback_up() -> None:
    """A new namespace's loopback starts down; bring it up without needing iproute2."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sH", b"lo", 0)
        flags = struct.unpack("16sH", fcntl.ioctl(sock, SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(sock, SIOCSIFFLAGS, struct.pack("16sH", b"lo", flags | IFF_UP))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> int:
    max_examples = sys.argv[1] if len(sys.argv) > 1 else "5"
    loopback_up()
    bindir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        log = Path(tmp) / "server.log"
        with log.open("wb") as out:
            server = subprocess.Popen(
                [
                    str(bindir / "pyconductor"),
                    "server",
                    "--port",
                    str(port),
                    "--db",
                    f"sqlite:///{tmp}/fuzz.db",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    print(log.read_text(errors="replace")[-3000:])
                    return 3
                time.sleep(0.1)
            command = [
                str(bindir / "st"),
                "run",
                f"http://127.0.0.1:{port}/api-docs",
                "--checks",
                os.environ.get(
                    "FUZZ_CHECKS", "not_a_server_error,response_schema_conformance,content_type_conformance"
                ),
                "--max-examples",
                max_examples,
                "--phases",
                "examples,fuzzing",
                "--seed",
                os.environ.get("FUZZ_SEED", "20261203"),
                "--generation-database",
                "none",
                "--request-timeout",
                "20",
                "--workers",
                "2",
                # Hypothesis's health checks judge the generator (drafts discarded for path
                # parameters that may not contain "/", slow generation on a busy 2-core machine),
                # not the server: they are not findings.
                "--suppress-health-check",
                "all",
                "--no-color",
            ]
            done = subprocess.run(command, check=False)
            if done.returncode != 0:
                tail = [
                    line
                    for line in log.read_text(errors="replace").splitlines()
                    if "Traceback" in line or "ERROR" in line
                ]
                print("\n".join(tail[-20:]))
            return done.returncode
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    sys.exit(main())
