"""pytest plugin (entry point `pytest11`): the `conductor_env` fixture.

    def test_order(conductor_env) -> None:
        conductor_env.mock_task("charge", output={"charged": True})
        run = conductor_env.execute_workflow(definition)

Loaded by every pytest run in an environment where pyconductor is installed, so it imports
nothing but pytest until a test asks for the fixture; a test that does not use it pays nothing.
Each test gets a fresh environment (its own server and clock), closed after the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conductor.testing.environment import WorkflowTestEnvironment


@pytest.fixture
def conductor_env() -> Iterator[WorkflowTestEnvironment]:
    """A started `conductor.testing.WorkflowTestEnvironment`, closed after the test."""
    from conductor.testing.environment import WorkflowTestEnvironment

    with WorkflowTestEnvironment() as env:
        yield env
