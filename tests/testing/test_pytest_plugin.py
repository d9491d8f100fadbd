"""The `conductor_env` fixture, registered through the `pytest11` entry point (docs/testing.md §6)."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest_plugins = ["pytester"]


def test_the_fixture_is_available_to_any_test_without_configuration(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from datetime import timedelta

        def test_uses_the_fixture(conductor_env):
            conductor_env.mock_task("step", output={"ok": True})
            definition = {
                "name": "w", "version": 1,
                "tasks": [
                    {"name": "pause", "taskReferenceName": "pause", "type": "WAIT",
                     "inputParameters": {"duration": "3 days"}},
                    {"name": "step", "taskReferenceName": "step", "type": "SIMPLE"},
                ],
            }
            started = conductor_env.now()
            run = conductor_env.execute_workflow(definition)
            assert run.status == "COMPLETED"
            assert conductor_env.now() - started == timedelta(days=3)
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_loading_the_plugin_imports_neither_the_server_nor_the_sdk() -> None:
    code = (
        "import sys, conductor.testing.pytest_plugin\n"
        "heavy = [m for m in sys.modules if m.startswith(('conductor.server', 'conductor.client', 'uvicorn', 'litestar', 'httpx'))]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
