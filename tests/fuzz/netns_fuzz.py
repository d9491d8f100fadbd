"""Run inside a fresh network namespace (`unshare -n`): start a `pyconductor server` on its
loopback and fuzz it with Schemathesis from the served OpenAPI document.

The namespace has nothing but its own loopback, so HTTP tasks in generated workflows cannot
reach any other host. Exit status: Schemathesis's (0 when no check failed).
"""

from __future__ import annotations

import fcntl
import os
import re
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


# Errors about the generator, not the server: Hypothesis cannot make "invalid" values for a plain
# string path parameter in negative mode, and gives up on such operations now and then (which
# ones varies from run to run). They do not fail the job; any failed check or other error does.
GENERATOR_ERRORS = frozenset({"Failed Health Check", "Unsatisfiable"})


def judge(output: str) -> str:
    """Why Schemathesis's report fails the job ("" when it does not)."""
    summary = output.rsplit("SUMMARY", 1)[-1]
    if re.search(r"^\s*Failures:", summary, re.MULTILINE):
        return "checks failed (see FAILURES above)"
    errors = re.search(r"^\s*Errors:\n((?:\s+\S.*\n)+)", summary, re.MULTILINE)
    if errors:
        kinds = re.findall(r"^\s+\S+\s+(.+?): \d+$", errors.group(1), re.MULTILINE)
        other = [kind for kind in kinds if kind.strip() not in GENERATOR_ERRORS]
        if other or not kinds:
            return f"errors: {other or errors.group(1).strip()}"
    cases = re.search(r"(\d+) generated, (\d+) passed", summary)
    if cases is None or int(cases.group(1)) < 200:
        return "too few test cases were generated"
    return ""


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
            done = subprocess.run(command, check=False, capture_output=True, text=True)
            print(done.stdout[-20000:], done.stderr[-4000:])
            verdict = judge(done.stdout)
            if not verdict:
                return 0
            print(f"FUZZ VERDICT: {verdict}")
            server_log = log.read_text(errors="replace").splitlines()
            print("\n".join([line for line in server_log if "Traceback" in line or "ERROR" in line][-20:]))
            return 1
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    sys.exit(main())
