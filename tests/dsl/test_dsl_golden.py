"""The DSL's JSON equals the official conductor-python 2.0.0's for the same calls.

`golden/official_dsl.json` is `golden_cases.py` run with the official SDK (regenerate with
`.cache/compat-venv/bin/python tests/dsl/golden_cases.py > tests/dsl/golden/official_dsl.json`;
`tests/compat/test_compat_dsl.py` re-checks it against the live official SDK). Here the same
script runs with our SDK, in a subprocess so its `@worker_task` does not join this process's
worker registry.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
GOLDEN = HERE / "golden" / "official_dsl.json"


@pytest.fixture(scope="module")
def ours() -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, str(HERE / "golden_cases.py")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture(scope="module")
def official() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLDEN.read_text())
    return data


@pytest.mark.parametrize(
    "case", ["seed_snippets", "wait_variants", "http_variants", "script_variants", "operators", "workflows"]
)
def test_same_json_as_the_official_sdk(ours: dict[str, Any], official: dict[str, Any], case: str) -> None:
    assert ours[case] == official[case]


def test_golden_file_covers_every_case(ours: dict[str, Any], official: dict[str, Any]) -> None:
    assert sorted(ours) == sorted(official)


def test_seed_snippets_produce_the_documented_json(official: dict[str, Any]) -> None:
    """Spot-check the seed guide's code snippets against the JSON the guide shows."""
    wait2, wait_jan, wait_signal, http, js, jq = official["seed_snippets"]
    assert wait2["inputParameters"] == {"duration": "2s"} and wait2["type"] == "WAIT"
    assert wait_jan["inputParameters"] == {"wait_until": "2024-01-31 00:00 UTC"}
    assert wait_signal["inputParameters"] == {}
    assert http["inputParameters"] == {
        "http_request": {"uri": "https://orkes-api-tester.orkesconductor.com/api", "method": "GET"}
    }
    assert js["type"] == "INLINE"
    assert js["inputParameters"]["evaluatorType"] == "graaljs"
    assert js["inputParameters"]["name"] == "${workflow.input.name}"
    assert jq["inputParameters"] == {"queryExpression": "\n{ key3: (.key1.value1 + .key2.value2) }\n"}
