"""What the engine needs from one database transaction, as a protocol.

The engine's jobs (`Database.read/write` run them on a database thread) are written against
`WorkflowStore`, not the concrete `persistence/sql/store.py::SqlTx`, so the engine sees only
the statements it uses; mypy checks that `SqlTx` provides them wherever a job is handed to the
database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

from conductor.server.domain.definitions import TaskDef, WorkflowDef
from conductor.server.domain.execution import Task, TaskExecLog, Workflow
from conductor.server.persistence.sql.store import WorkflowChanges

# A service's statement run inside the engine's commit (`Changes.in_commit`): written against
# the transaction type the service knows (the database's); the engine only hands it over.
CommitJob = Callable[[Any], None]


class WorkflowStore(Protocol):
    # JSON length of each workflow / task row written or read in this transaction, by id.
    json_sizes: dict[str, int]

    # ---- reads ----------------------------------------------------------------------------

    def get_workflow(
        self, workflow_id: str, with_tasks: bool = True, *, sizes: dict[str, int] | None = None
    ) -> tuple[Workflow, int] | None: ...

    def workflow_changes(
        self, workflow_id: str, since_rev: int, *, sizes: dict[str, int] | None = None
    ) -> WorkflowChanges | None: ...

    def get_task(self, task_id: str) -> Task | None: ...

    def get_task_def(self, name: str) -> TaskDef | None: ...

    def get_workflow_def(self, name: str, version: int | None = None) -> WorkflowDef | None: ...

    # ---- workflow and task rows -----------------------------------------------------------

    def insert_workflow(self, workflow: Workflow) -> None: ...

    def update_workflow(self, workflow: Workflow, expected_rev: int) -> int: ...

    def upsert_tasks(self, tasks: Iterable[Task]) -> None: ...

    def delete_task(self, task_id: str) -> None: ...

    def add_logs(self, logs: Iterable[TaskExecLog]) -> None: ...

    # ---- queues ---------------------------------------------------------------------------

    def push(self, queue: str, message_id: str, priority: int, deliver_on: int, now: int) -> None: ...

    def remove(self, queue: str, message_id: str) -> None: ...

    def remove_message_everywhere(self, message_id: str) -> None: ...

    def lease(self, queue: str, count: int, now: int, lease_until: int) -> list[str]: ...

    def make_visible_first(self, queue: str, now: int) -> None: ...
