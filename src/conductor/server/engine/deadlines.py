"""When a task can change with no event: its timeouts and WAIT end (docs/engine.md §4.4, §8).

`task_deadlines` is the rule. `DeadlineTracker` keeps those instants for a whole workflow in a
heap, fed by the task index's journal of changed tasks, so the decider finds the tasks that are
due and the runner finds the workflow's next check without visiting every task.
"""

from __future__ import annotations

import heapq

from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import TaskStatus
from conductor.server.domain.task_index import TaskIndex, index_of
from conductor.server.domain.task_types import TaskType
from conductor.server.engine.mappers import task_def_of

_ATTR = "_deadline_tracker"


def task_deadlines(task: Task) -> tuple[int, ...]:
    """Every future instant at which a decide could change this task without any event (the
    conditions of the decider's `_check_timeouts`, and a WAIT's end)."""
    if task.status.is_terminal or task.retried:
        return ()
    out: list[int] = []
    td = task_def_of(task.workflow_task)
    if td.total_timeout_seconds > 0 and task.first_scheduled_time > 0:
        out.append(task.first_scheduled_time + td.total_timeout_seconds * 1000)
    if td.timeout_seconds > 0 and task.start_time > 0:
        out.append(task.start_time + (task.start_delay_in_seconds + td.timeout_seconds) * 1000)
    if task.status is TaskStatus.SCHEDULED and (td.poll_timeout_seconds or 0) > 0:
        limit = (td.poll_timeout_seconds or 0) + task.callback_after_seconds + task.start_delay_in_seconds
        out.append(task.scheduled_time + limit * 1000)
    if task.status is TaskStatus.IN_PROGRESS:
        if task.task_type == TaskType.WAIT:
            if task.wait_timeout > 0:
                out.append(task.wait_timeout)
        elif td.response_timeout_seconds > 0 and not task.workflow_task.async_complete:
            out.append(task.update_time + (td.response_timeout_seconds + task.callback_after_seconds) * 1000)
    return tuple(out)


class DeadlineTracker:
    """A heap of (instant, task id), checked lazily against each task's current deadlines.

    Deadlines already behind the last `next_after(now)` move to `overdue`: the decider looks at
    those tasks on every decide (an ALERT_ONLY timeout, a WAIT in a paused workflow) until they
    change, exactly as a decider that visited every task would.
    """

    def __init__(self, ix: TaskIndex) -> None:
        self.ix = ix
        self.heap: list[tuple[int, str]] = []
        self.of: dict[str, tuple[int, ...]] = {}
        self.overdue: set[str] = set()

    def drain(self) -> None:
        """Take in the tasks changed since the last call."""
        ix = self.ix
        touched = ix.touched
        if not touched:
            return
        for task_id in dict.fromkeys(touched):
            task = ix.by_id(task_id)
            times = task_deadlines(task) if task is not None else ()
            if self.of.get(task_id, ()) == times:
                continue
            self.overdue.discard(task_id)
            if times:
                self.of[task_id] = times
                for at in times:
                    heapq.heappush(self.heap, (at, task_id))
            else:
                self.of.pop(task_id, None)
        touched.clear()

    def due(self, now: int) -> set[str]:
        """Ids of tasks with a deadline at or before `now` (read-only: deciding twice sees the
        same set)."""
        self.drain()
        found = set(self.overdue)
        heap = self.heap
        stack = [0] if heap else []
        while stack:
            i = stack.pop()
            at, task_id = heap[i]
            if at > now:
                continue  # a heap's children are never earlier than their parent
            if at in self.of.get(task_id, ()):
                found.add(task_id)
            for child in (2 * i + 1, 2 * i + 2):
                if child < len(heap):
                    stack.append(child)
        return found

    def next_after(self, now: int) -> int | None:
        """The earliest deadline at or after `now`; earlier ones become overdue."""
        self.drain()
        heap = self.heap
        while heap:
            at, task_id = heap[0]
            valid = at in self.of.get(task_id, ())
            if valid and at >= now:
                return at
            heapq.heappop(heap)
            if valid:
                self.overdue.add(task_id)
        return None


def tracker_of(workflow: Workflow) -> DeadlineTracker:
    ix = index_of(workflow)
    tracker: DeadlineTracker | None = workflow.__dict__.get(_ATTR)
    if tracker is None or tracker.ix is not ix:
        tracker = DeadlineTracker(ix)
        workflow.__dict__[_ATTR] = tracker
    return tracker
