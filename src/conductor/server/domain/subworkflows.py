"""Sub-workflow graphs: which definitions a definition always starts, and cycles among them.

A workflow whose SUB_WORKFLOW starts itself, directly or through others, never ends: it starts
children until something gives out (it was a RecursionError and a 500).  Such cycles are refused
at registration (and when a workflow is started with an inline definition).  Only starts that
always happen count: a SUB_WORKFLOW inside a SWITCH / DECISION branch may be a recursion with a
base case, and one whose name is computed (``${...}``) is not known before it runs; those are
stopped at run time by the nesting limit (``systasks/sub_workflow.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from conductor.server.domain.definitions import WorkflowDef, WorkflowTask
from conductor.server.domain.task_types import TaskType

__all__ = ["find_cycle", "started_sub_workflows"]

#: Definitions looked at in one check, so a huge graph cannot turn a registration into a scan.
MAX_DEFINITIONS_VISITED: Final = 1000

Lookup = Callable[[str, int | None], WorkflowDef | None]
_Key = tuple[str, int]


def started_sub_workflows(definition: WorkflowDef) -> list[tuple[str, int | None]]:
    """(name, version or None for the latest) of each registered workflow ``definition`` always
    starts as a sub workflow, inline definitions included (they run as children too)."""
    found: list[tuple[str, int | None]] = []
    pending: list[WorkflowTask] = list(definition.tasks)
    while pending:  # iterative: inline definitions may nest deeply
        node = pending.pop()
        if node.type not in (TaskType.SWITCH, TaskType.DECISION):
            for branch in node.fork_tasks:
                pending.extend(branch)
            pending.extend(node.loop_over)
        param = node.sub_workflow_param
        if node.type != TaskType.SUB_WORKFLOW or param is None:
            continue
        if isinstance(param.workflow_definition, WorkflowDef):
            pending.extend(param.workflow_definition.tasks)
        elif param.workflow_definition is None and param.name and "${" not in param.name:
            found.append((param.name, param.version or None))
    return found


def find_cycle(root: WorkflowDef, lookup: Lookup, *, registering: bool = True) -> list[str] | None:
    """The names along a cycle of sub workflows reachable from ``root`` (first name repeated at
    the end), or None.  ``lookup(name, version)`` finds registered definitions (None: latest).
    When ``registering``, ``root`` stands for its own name whatever the version asked; an inline
    definition (not registered) does not: its name refers to what is registered."""
    root_key: _Key = (root.name, root.version)
    definitions: dict[_Key, WorkflowDef] = {root_key: root}

    def resolve(name: str, version: int | None) -> _Key | None:
        if registering and name == root.name:
            return root_key
        found = lookup(name, version)
        if found is None:
            return None  # not registered yet: nothing to follow
        key = (found.name, found.version)
        definitions.setdefault(key, found)
        return key

    on_path: list[_Key] = []
    finished: set[_Key] = set()
    # Iterative depth-first search; each frame is a definition and its unexplored edges.
    stack: list[tuple[_Key, list[tuple[str, int | None]]]] = [(root_key, started_sub_workflows(root))]
    on_path.append(root_key)
    while stack:
        key, edges = stack[-1]
        if not edges:
            stack.pop()
            on_path.pop()
            finished.add(key)
            continue
        target = resolve(*edges.pop())
        if target is None or target in finished:
            continue
        if target in on_path:
            cycle = on_path[on_path.index(target) :] + [target]
            return [name for name, _version in cycle]
        if len(finished) + len(on_path) >= MAX_DEFINITIONS_VISITED:
            return None
        on_path.append(target)
        stack.append((target, started_sub_workflows(definitions[target])))
    return None
