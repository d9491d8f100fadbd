"""The README's testing example (examples/testing/test_wait_retry_timeout.py) passes as it is
written there (docs/testing.md; README "Testing workflows")."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path
from types import ModuleType

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "testing" / "test_wait_retry_timeout.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("readme_testing_example", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_example_passes() -> None:
    example = _load()
    started = time.monotonic()
    example.test_order_waits_a_week_retries_payment_and_times_out_pickup()
    # Eight days of workflow in (much) less real time; generous for a loaded CI machine.
    assert time.monotonic() - started < 10
