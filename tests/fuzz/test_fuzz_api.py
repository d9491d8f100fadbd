"""Property-based fuzzing of the whole REST API from its own OpenAPI document (Schemathesis).

Fails on any 5xx answer and on any answer that contradicts the document (status, content type,
body schema). The server and the fuzzer run in their own network namespace, so generated HTTP
tasks cannot leave the machine; where namespaces cannot be made (not root) the test is skipped
locally and fails under CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

RUNNER = Path(__file__).with_name("netns_fuzz.py")
MAX_EXAMPLES = os.environ.get("PYCONDUCTOR_FUZZ_EXAMPLES", "15")


def test_no_server_errors_and_answers_match_the_document() -> None:
    unshare = shutil.which("unshare")
    probe = (
        subprocess.run([unshare or "unshare", "-n", "true"], capture_output=True, text=True)
        if unshare
        else None
    )
    if probe is None or probe.returncode != 0:
        reason = "unshare -n is not available" + (f": {probe.stderr.strip()}" if probe else "")
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    done = subprocess.run(
        [unshare, "-n", sys.executable, str(RUNNER), MAX_EXAMPLES],
        capture_output=True,
        text=True,
        timeout=840,
        check=False,
    )
    summary = done.stdout[-12000:] + done.stderr[-3000:]
    assert done.returncode == 0, summary
