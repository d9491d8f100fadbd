"""DO_WHILE: run the loop body, then evaluate `loopCondition`; a true do-while (docs/engine.md §6.13).

The task's `iteration` is the current iteration. Starting sets it to 1; when every body task of
the iteration has ended, the condition decides between `iteration + 1` (the decider then
schedules the body's first node with `__<iteration>` reference suffixes) and COMPLETED.
List mode (`items`) iterates over a list with `loopIndex` / `loopItem` in the output.

`keepLastN` (an integer in the node's inputParameters) drops the output and the tasks of older
iterations once an iteration completes; the task list is replaced by a new list without them,
which tells the runner to delete those task rows.

Conductor has no iteration limit; a condition that never turns false runs until a timeout.
Here a loop also fails (FAILED_WITH_TERMINAL_ERROR) after `max_iterations` (10,000) iterations,
so an endless loop of synchronous tasks cannot grow a workflow without bound (an iteration's
cost does not grow with the loop's length, but every kept task stays in memory and storage).
A loop with `keepLastN` holds only its last iterations and may run `max_kept_iterations`
(100,000) times.

Where the rest of DO_WHILE lives (the engine may import this module, not the reverse):

- validation: `domain/validation.py::_node_violations` (loopCondition and loopOver required);
- mapping: the generic `engine/mappers.py::map_system` (one SCHEDULED task); the body is
  scheduled by the decider, `engine/decider.py::_loop_iteration` (the first body node of each
  iteration, using `body_refs` / `has_nested_loop` below) and `_successors` (`__N` references
  inside the body), and `engine/navigation.py::Navigator.next_node` (a body's last node leads
  back to the DO_WHILE);
- references: `domain/task_index.py::iteration_ref` builds `<ref>__<N>`, `base_ref` strips it;
- never retried itself: `engine/task_types.py::BUILT_IN_TYPES`;
- execution: `DoWhile` below (condition, next iteration, list mode, keepLastN);
- lifecycle: `services/lifecycle.py`: `IN_PLACE_TYPES` (`_retry_in_place` resets the loop in
  place), `_revive_parent` / `_finalize_rerun` (a CANCELED loop back to IN_PROGRESS),
  `_deepest_failed` (retry descends into a failed SUB_WORKFLOW inside a loop);
- UI: `ui/diagram.py` (the loop box).
"""

from __future__ import annotations

import re
from typing import Any

import msgspec
from msgspec.structs import replace

from conductor.server.domain.definitions import WorkflowTask
from conductor.server.domain.encoded_payloads import IdentityMemo, remember
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.snapshot import base_ref, workflow_doc
from conductor.server.domain.task_index import index_of, iteration_ref
from conductor.server.domain.task_types import TaskType
from conductor.server.expressions.errors import ExpressionError
from conductor.server.expressions.templating import resolve
from conductor.server.systasks.base import SyncSystemTask, SystemTaskContext, completed, failed


def body_refs(loop_node: WorkflowTask) -> set[str]:
    """Reference names of every node inside a DO_WHILE body, nested ones included."""
    refs: set[str] = set()

    def walk(nodes: list[WorkflowTask]) -> None:
        for node in nodes:
            refs.add(node.task_reference_name)
            for branch in node.children():
                walk(branch)

    walk(loop_node.loop_over)
    return refs


def _iteration_tasks(loop: Task, workflow: Workflow, refs: set[str]) -> dict[str, Task]:
    """The newest task of each body reference in the loop's current iteration, in task order."""
    iteration = loop.iteration
    if iteration > 0 and not has_nested_loop(loop.workflow_task.loop_over):
        # Every body task of iteration N is named `<ref>__N`: look them up instead of scanning
        # the workflow, so a loop's iteration costs the same at iteration 5 and 5,000.
        ix = index_of(workflow)
        found = []
        for ref in refs:
            t = ix.by_ref(iteration_ref(ref, iteration))
            if t is not None and t.iteration == iteration and t.task_id != loop.task_id:
                found.append((ix.pos[t.task_id], ref, t))
        return {ref: t for _, ref, t in sorted(found, key=lambda f: f[0])}
    newest: dict[str, Task] = {}
    for t in workflow.tasks:
        if t.iteration == iteration and t.task_id != loop.task_id and base_ref(t) in refs:
            newest[base_ref(t)] = t
    return newest


def has_nested_loop(nodes: list[WorkflowTask]) -> bool:
    """A DO_WHILE among `nodes` or their branches: its tasks are not all named `<ref>__N`."""
    return any(n.type == TaskType.DO_WHILE or any(has_nested_loop(b) for b in n.children()) for n in nodes)


def _items(task: Task, workflow: Workflow) -> list[Any] | None:
    """The list of list mode (`items` on the node, else `_items` in its inputParameters), or
    None when the loop is a plain do-while."""
    node = task.workflow_task
    items = node.items if node.items and node.items.strip() else None
    legacy = node.input_parameters.get("_items")
    if items is None and not ((isinstance(legacy, str) and legacy.strip()) or isinstance(legacy, list)):
        return None
    doc = workflow_doc(workflow)
    value = resolve(items, doc, task.task_id) if items is not None else None
    if value is None and legacy is not None:
        value = resolve(legacy, doc, task.task_id)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


_encoder = msgspec.json.Encoder()


def _with_item(output: dict[str, Any], items: list[Any] | None, iteration: int) -> dict[str, Any]:
    output = {**output, "iteration": iteration}
    if items is not None and 0 < iteration <= len(items):
        output["loopIndex"] = iteration - 1
        output["loopItem"] = items[iteration - 1]
    return output


DEFAULT_MAX_ITERATIONS = 10_000
DEFAULT_MAX_KEPT_ITERATIONS = 100_000


class DoWhile(SyncSystemTask):
    task_type: str = TaskType.DO_WHILE

    def __init__(
        self,
        max_iterations: int = DEFAULT_MAX_ITERATIONS,
        max_kept_iterations: int = DEFAULT_MAX_KEPT_ITERATIONS,
    ) -> None:
        self.max_iterations = max_iterations
        self.max_kept_iterations = max_kept_iterations

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        items = _items(task, workflow)
        if items is not None and not items:
            return completed(task, {"iteration": 0})
        return replace(task, iteration=1, output_data=_with_item(task.output_data, items, 1))

    async def execute(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        refs = body_refs(task.workflow_task)
        iteration = task.iteration
        newest = _iteration_tasks(task, workflow, refs)
        if not newest:
            return None  # the decider schedules this iteration's first task
        outputs: dict[str, Any] = {}
        for ref, t in newest.items():
            if t.status.is_terminal and not t.status.is_successful:
                out = {**task.output_data, str(iteration): outputs}
                return failed(replace(task, output_data=out), str(t.reason_for_incompletion))
            outputs[ref] = t.output_data
        top_level = [n.task_reference_name for n in task.workflow_task.loop_over]
        # `executed` means the decider has scheduled the task's successors: a terminal SWITCH
        # whose branch is not scheduled yet does not end the iteration.
        done = all(ref in newest for ref in top_level) and all(
            t.status.is_terminal and t.executed for t in newest.values()
        )
        if not done:
            # The iteration's outputs are recorded when it ends (Conductor also records them
            # task by task): the loop's output holds every iteration, and rewriting it for each
            # body task made each iteration of a long loop cost more than the one before.
            return None
        output = {**task.output_data, str(iteration): outputs}
        kept = _keep_last(task, workflow, refs, output, iteration)
        history = _appended_history(task.output_data, str(iteration), outputs) if kept is output else None
        output = kept
        _remember_json(output, history)
        items = _items(task, workflow)
        try:
            more = await self._condition(task, workflow, output, newest, items, ctx)
        except (ExpressionError, ValueError) as exc:
            message = f"Unable to evaluate condition {task.workflow_task.loop_condition}, exception {exc}"
            return failed(replace(task, output_data=output), message, terminal=True)
        if items is not None:
            more = more and iteration < len(items)
        limit = self.max_kept_iterations if _keep_last_n(task) else self.max_iterations
        if more and iteration >= limit:
            message = (
                f"DO_WHILE {task.reference_task_name} reached the maximum of {limit} "
                "iterations and its loopCondition is still true"
            )
            return failed(replace(task, output_data=output), message, terminal=True)
        if more:
            following = _with_item(output, items, iteration + 1)
            _remember_json(following, history)
            return replace(task, iteration=iteration + 1, output_data=following)
        return completed(replace(task, output_data=output))

    async def _condition(
        self,
        task: Task,
        workflow: Workflow,
        output: dict[str, Any],
        newest: dict[str, Task],
        items: list[Any] | None,
        ctx: SystemTaskContext,
    ) -> bool:
        """`$` is the loop's inputParameters resolved now, its own output under its reference,
        each body task's latest output, and in list mode `loopIndex` / `loopItem`."""
        condition = task.workflow_task.loop_condition
        if not condition or not condition.strip():
            return items is not None  # list mode runs to the end of the list
        bindings = resolve(task.workflow_task.input_parameters, workflow_doc(workflow), task.task_id)
        assert isinstance(bindings, dict)
        ref = task.reference_task_name
        # The loop's own output holds every iteration; a condition that only reads
        # `$.<ref>['iteration']` gets just that, so a long loop does not copy its whole history
        # into the script engine on every iteration.
        bindings[ref] = (
            {"iteration": output.get("iteration")} if _reads_only_iteration(condition, ref) else output
        )
        for ref, t in newest.items():
            bindings[ref] = t.output_data
        if items is not None:
            index = task.iteration - 1
            bindings["loopIndex"] = index
            if 0 <= index < len(items):
                bindings["loopItem"] = items[index]
        if ctx.javascript is None:
            raise ValueError("JavaScript evaluation is not available on this server")
        return bool(await ctx.javascript.evaluate_condition(condition, bindings))


# The JSON of a loop output's iteration entries (`"1":{...},"2":{...}`, no braces) and their
# count, by output object: the next output's JSON is this plus one entry, so a long loop's output
# is never encoded whole again (domain/encoded_payloads.py says why).
_histories: IdentityMemo[tuple[bytes, int]] = IdentityMemo(max_bytes=64 * 1024 * 1024)
# The keys of a loop's output besides its iteration entries.
_HEAD_KEYS = ("iteration", "loopIndex", "loopItem")


def _appended_history(before: dict[str, Any], key: str, entry: dict[str, Any]) -> tuple[bytes, int] | None:
    """The iteration entries of `{**before, key: entry}` as JSON, from `before`'s."""
    if key in before:
        return None  # a re-run iteration: its entry moves, encode afresh
    known = _histories.recall(before)
    if known is None:
        # First time for this output (a fresh server, an evicted entry): encode it once.
        entries = {k: v for k, v in before.items() if k.isdigit()}
        try:
            known = (_encoder.encode(entries)[1:-1], len(entries))
        except (TypeError, ValueError, OverflowError):
            return None
    text, count = known
    try:
        added = _encoder.encode(key) + b":" + _encoder.encode(entry)
    except (TypeError, ValueError, OverflowError):
        return None  # not JSON: the payload check and the store report it
    return (text + b"," + added if text else added), count + 1


def _remember_json(output: dict[str, Any], history: tuple[bytes, int] | None) -> None:
    """Remember the JSON of `output` built from its iteration entries' JSON (`history`)."""
    if history is None:
        return
    text, count = history
    head = {k: output[k] for k in _HEAD_KEYS if k in output}
    if len(output) != count + len(head):
        return  # a key we do not know about: leave it to the plain encoder
    _histories.remember(output, history, len(text))
    rest = _encoder.encode(head)[1:-1] if head else b""
    remember(output, b"{" + text + (b"," + rest if text and rest else rest) + b"}")


def _reads_only_iteration(condition: str, ref: str) -> bool:
    """True when the script reads nothing of the loop's output but its `iteration` (no other
    use of the reference, no bare `$` that could reach it dynamically)."""
    pattern = rf"\$\.{re.escape(ref)}(?:\[\s*['\"]iteration['\"]\s*\]|\.iteration\b)"
    masked = re.sub(pattern, "", condition)
    return ref not in masked and re.search(r"\$(?![.\w])", masked) is None


def _keep_last(
    task: Task, workflow: Workflow, refs: set[str], output: dict[str, Any], iteration: int
) -> dict[str, Any]:
    """Drop the output keys and the tasks of iterations older than the last `keepLastN`."""
    keep = _keep_last_n(task)
    if keep is None or iteration <= keep:
        return output
    oldest_kept = iteration - keep + 1
    workflow.tasks = [
        t
        for t in workflow.tasks
        if t.task_id == task.task_id
        or t.iteration >= oldest_kept
        or t.iteration == 0
        or base_ref(t) not in refs
    ]
    return {k: v for k, v in output.items() if not (k.isdigit() and int(k) < oldest_kept)}


def _keep_last_n(task: Task) -> int | None:
    """`keepLastN` from the definition node's inputParameters: a positive integer, or None."""
    keep = task.workflow_task.input_parameters.get("keepLastN")
    if not isinstance(keep, int) or isinstance(keep, bool) or keep <= 0:
        return None
    return keep
