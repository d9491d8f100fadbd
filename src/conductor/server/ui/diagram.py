"""The workflow diagram: a definition (and optionally one of its executions) laid out top to
bottom as Conductor's UI draws it, rendered to self-contained SVG.

`layout` is pure and deterministic: the same definition and execution give the same `Layout`,
so the page can cache the SVG and tests can assert exact positions. It measures the definition
once bottom-up (`_Builder`, every block knows its width and height) and places it once top-down
(`_Placer`), so the cost is linear in the number of nodes; there is no graph search and no
per-level re-positioning of subtrees.

Shapes:

* a sequence is a column of nodes joined by straight edges;
* SWITCH / DECISION: one column per case in definition order, then `default` (always drawn: an
  empty case, or the implicit default, is a straight labelled edge to the node after the switch);
  the branches rejoin at the next node;
* FORK_JOIN: one column per branch, all joining at the node after the fork (its JOIN);
* FORK_JOIN_DYNAMIC: with an execution, one column per branch the fork created, in the order of
  the fork task's `forkedTasks` (the order the engine created them, so ascending `seq`); with
  more than `DYNAMIC_COLUMN_LIMIT` branches, the branches that need attention (failed, running,
  ...) are shown first, the rest fill up to the limit, and the others collapse into one
  "+N more" node carrying their task ids (`Node.task_ids`; in the SVG, `data-task-ids` lists
  the first `SVG_TASK_IDS_LIMIT` and `data-task-count` says how many). Without an execution, a
  single "dynamic tasks" placeholder;
* DO_WHILE: a container box around its head node and body with a back edge; the head shows the
  iteration count, body nodes the state of their latest iteration;
* TERMINATE ends its path (no outgoing edge); WAIT / HUMAN carry an icon; SUB_WORKFLOW (and
  START_WORKFLOW) link to the child execution once it exists.

Tasks of the execution that match no node (a definition changed under a running workflow, tasks
of a dynamic branch's own sub-tree, ...) are not dropped: they are drawn in a "not in the
definition" box under the end node.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple, Protocol
from urllib.parse import quote

from conductor.server.domain.definitions import WorkflowDef, WorkflowTask
from conductor.server.domain.execution import Workflow

# Geometry, in SVG user units. Widths are even so that centring never produces half pixels.
NODE_W = 180
NODE_H = 48
V_GAP = 40  # between consecutive nodes of a column
H_GAP = 40  # between sibling columns
FAN_GAP = 56  # between a switch / fork head and its columns (room for case labels)
EMPTY_COL_W = 80  # a case or branch with no tasks: just its edge
ENDPOINT = 28  # diameter of the start / end circles
MARGIN = 24
LOOP_SIDE = 24  # container padding on each side; the back edge runs in the right one
LOOP_TOP = 14
LOOP_BOTTOM = 28
UNPLACED_PAD = 16
UNPLACED_LABEL = 22
UNPLACED_PER_ROW = 4

# Beyond these, columns / boxes collapse into a "+N more" node: 500 columns of 180 px would be a
# 100,000 px wide drawing that nobody can read, and the page lists the tasks anyway.
DYNAMIC_COLUMN_LIMIT = 16
UNPLACED_LIMIT = 40
# A "+N more" node of a 10,000-branch fork would carry 370 KB of task ids in its SVG, sent on
# every live refresh; past this many the SVG lists the first ones and the count.
SVG_TASK_IDS_LIMIT = 1000
# Deeper nesting is drawn as one placeholder node; it also bounds the recursion depth.
MAX_DEPTH = 48

START_ID = "__start__"
END_ID = "__end__"

SWITCH_TYPES = frozenset({"SWITCH", "DECISION"})
_SHAPES = {
    "SWITCH": "switch",
    "DECISION": "switch",
    "FORK_JOIN": "fork",
    "FORK_JOIN_DYNAMIC": "fork",
    "FORK": "fork",
    "JOIN": "join",
    "EXCLUSIVE_JOIN": "join",
    "DO_WHILE": "loop",
    "SUB_WORKFLOW": "subworkflow",
    "START_WORKFLOW": "subworkflow",
    "TERMINATE": "terminate",
    "WAIT": "wait",
    "HUMAN": "human",
}
# Most to least severe: the status a collapsed group of branches shows.
_SEVERITY = (
    "FAILED",
    "FAILED_WITH_TERMINAL_ERROR",
    "TIMED_OUT",
    "CANCELED",
    "IN_PROGRESS",
    "SCHEDULED",
    "COMPLETED_WITH_ERRORS",
    "COMPLETED",
    "SKIPPED",
)
_QUIET = frozenset({"COMPLETED", "SKIPPED"})
_SUFFIX = re.compile(r"^(.*)__(\d+)$")
_TIMES = "\N{MULTIPLICATION SIGN}"


class DiagramError(Exception):
    """Nothing sensible can be drawn; the message is meant for the user."""


# ---- what is read of a task -----------------------------------------------------------------
#
# Of most tasks the diagram reads only what the task table has in columns (id, seq, reference
# name, types, status): to match them to nodes, pick the latest attempt, colour the nodes and
# count a "+N more" group. The rest (`forkedTasks` in a fork's input: which branches are whose;
# attempts, iteration, definition node and child workflow id of a task drawn as its own node) is
# read only of fork tasks and of the tasks drawn on their own. So the execution page lays out
# `TaskRow`s from the outline, with the documents (cut to these keys) of the tasks of
# `FORK_TYPES` read first and of the tasks drawn on their own read next, then laid out again
# (ui/pages.py): a 10,000-branch fork costs the 20 or so documents it draws.
FORK_TYPES = frozenset({"FORK", "FORK_JOIN", "FORK_JOIN_DYNAMIC"})
DETAIL_INPUT_KEYS = ("forkedTasks",)
DETAIL_OUTPUT_KEYS = ("subWorkflowId", "workflowId")
_NO_DATA: Mapping[str, Any] = MappingProxyType({})
_NO_NODE = WorkflowTask()


class TaskLike(Protocol):
    """What the diagram reads of a task: a `Task` has it all, a `TaskRow` its columns."""

    @property
    def task_id(self) -> str: ...
    @property
    def seq(self) -> int: ...
    @property
    def reference_task_name(self) -> str: ...
    @property
    def task_type(self) -> str: ...
    @property
    def task_def_name(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def retry_count(self) -> int: ...
    @property
    def iteration(self) -> int: ...
    @property
    def sub_workflow_id(self) -> str | None: ...
    @property
    def input_data(self) -> Mapping[str, Any]: ...
    @property
    def output_data(self) -> Mapping[str, Any]: ...
    @property
    def workflow_task(self) -> WorkflowTask: ...


class TaskRow(NamedTuple):
    """A task as the task table's columns have it (`WorkflowService.task_outline` rows, in this
    order), with neutral values for the rest. A tuple of plain values: 10,000 of them cost a
    fraction of 10,000 `Task`s, and the garbage collector soon stops tracking them."""

    task_id: str
    seq: int
    reference_task_name: str
    task_type: str
    task_def_name: str
    status: str
    update_time: int

    @property
    def retry_count(self) -> int:
        return 0

    @property
    def iteration(self) -> int:
        return 0

    @property
    def sub_workflow_id(self) -> str | None:
        return None

    @property
    def input_data(self) -> Mapping[str, Any]:
        return _NO_DATA

    @property
    def output_data(self) -> Mapping[str, Any]:
        return _NO_DATA

    @property
    def workflow_task(self) -> WorkflowTask:
        return _NO_NODE


@dataclass(frozen=True, slots=True)
class Node:
    """One box of the diagram; `x`, `y` is its top-left corner."""

    id: str
    ref: str
    label: str
    task_type: str
    x: int
    y: int
    w: int
    h: int
    status: str | None = None
    task_id: str | None = None
    attempts: int = 0
    iterations: int = 0
    link: str | None = None
    sublabel: str = ""
    # task | switch | fork | join | loop | subworkflow | terminate | wait | human | start | end
    # | placeholder | more
    shape: str = "task"
    warning: str | None = None
    # A "+N more" node: the latest task id of every branch it stands for.
    task_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    points: tuple[tuple[int, int], ...]
    label: str | None = None
    kind: str = "flow"  # "flow", or "loop" for a DO_WHILE back edge
    label_at: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Group:
    """A box drawn behind nodes: a DO_WHILE container, or the tasks not in the definition."""

    kind: str  # "loop" | "unplaced"
    ref: str
    label: str
    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True, slots=True)
class Layout:
    nodes: list[Node]
    edges: list[Edge]
    width: int
    height: int
    groups: list[Group] = field(default_factory=list)


# ---- matching execution tasks to definition nodes -----------------------------------------


def _forked_refs(task: TaskLike) -> list[str]:
    """The branch reference names a FORK_JOIN_DYNAMIC task recorded when it forked."""
    refs = task.input_data.get("forkedTasks")
    if not isinstance(refs, list):
        return []
    seen: dict[str, None] = {}
    for ref in refs:
        if isinstance(ref, str):
            seen.setdefault(ref, None)
    return list(seen)


def _definition_refs(definition: WorkflowDef) -> set[str]:
    """Every reference name of the definition, walked with a stack (no recursion limit)."""
    refs: set[str] = set()
    stack: list[list[WorkflowTask]] = [definition.tasks]
    while stack:
        for node in stack.pop():
            refs.add(node.task_reference_name)
            stack.extend(node.children())
    return refs


class _Runs:
    """The execution's tasks indexed by the node they belong to.

    Inside a DO_WHILE the engine suffixes reference names with `__<iteration>`; a task belongs
    to the node whose reference name it equals, or equals once that suffix is removed. The
    latest attempt of a node is the task created last (highest `seq`, then list position):
    across retries and iterations that is the newest one, also in nested loops whose inner
    iterations reuse the same suffixes in every outer iteration.
    """

    def __init__(
        self, known: set[str], tasks: Sequence[TaskLike], forked: dict[str, list[str]] | None = None
    ) -> None:
        self.tasks: list[TaskLike] = list(tasks)
        self.latest: dict[str, int] = {}
        # Every task of a node that has several (retries, iterations); the others have only
        # `latest`, which also lists every node in order of first appearance. No list per task:
        # a 10,000-branch fork has 10,000 nodes, and allocations are what its layout costs.
        self.several: dict[str, list[int]] = {}
        self.claimed: set[str] = set()
        # Fork task id -> the branch references it forked (`_forked_refs`, computed once).
        self.forked: dict[str, list[str]] = forked if forked is not None else {}
        tasks, latest, several = self.tasks, self.latest, self.several
        for i, task in enumerate(tasks):
            ref = task.reference_task_name
            base = ref if ref in known else _base_ref(ref, known)
            current = latest.get(base)
            if current is None:
                latest[base] = i
                continue
            indices = several.get(base)
            if indices is None:
                several[base] = [current, i]
            else:
                indices.append(i)
            if task.seq >= tasks[current].seq:
                latest[base] = i

    def take(self, ref: str) -> TaskLike | None:
        """The latest attempt for this node, marking the node's tasks as drawn."""
        self.claimed.add(ref)
        i = self.latest.get(ref)
        return None if i is None else self.tasks[i]

    def all_of(self, ref: str) -> list[TaskLike]:
        indices = self.several.get(ref)
        if indices is None:
            return [self.tasks[self.latest[ref]]] if ref in self.latest else []
        return [self.tasks[i] for i in indices]

    def unclaimed(self) -> list[TaskLike]:
        """The latest attempt of every reference no node drew, in order of first appearance."""
        return [self.tasks[i] for base, i in self.latest.items() if base not in self.claimed]


def _base_ref(ref: str, known: set[str]) -> str:
    if ref in known:
        return ref
    match = _SUFFIX.match(ref)
    if match is not None and match.group(1) in known:
        return match.group(1)
    return ref


# ---- measuring: definition -> blocks with sizes -------------------------------------------


@dataclass(slots=True)
class _Spec:
    """A node before it has a position."""

    ref: str
    label: str
    task_type: str
    shape: str
    sublabel: str = ""
    status: str | None = None
    task_id: str | None = None
    attempts: int = 0
    iterations: int = 0
    link: str | None = None
    warning: str | None = None
    task_ids: tuple[str, ...] = ()
    terminal: bool = False  # TERMINATE: nothing follows it


@dataclass(slots=True)
class _Leaf:
    spec: _Spec
    w: int = NODE_W
    h: int = NODE_H


@dataclass(slots=True)
class _Seq:
    items: list[_Block]
    w: int
    h: int


@dataclass(slots=True)
class _Column:
    label: str | None
    body: _Seq
    w: int


@dataclass(slots=True)
class _Columns:
    """A SWITCH or a fork: the head node, then its columns side by side."""

    head: _Spec
    columns: list[_Column]
    cols_w: int
    w: int
    h: int


@dataclass(slots=True)
class _Loop:
    head: _Spec
    body: _Seq
    w: int
    h: int


_Block = _Leaf | _Seq | _Columns | _Loop


def _seq(items: list[_Block]) -> _Seq:
    if not items:
        return _Seq([], 0, 0)
    return _Seq(items, max(b.w for b in items), sum(b.h for b in items) + V_GAP * (len(items) - 1))


def _even(n: int) -> int:
    return n + (n & 1)


def _column(label: str | None, body: _Seq) -> _Column:
    width = body.w or EMPTY_COL_W
    if label is not None:
        # Wide enough for its (truncated) case label, so neighbouring labels do not overlap.
        width = max(width, _even(min(NODE_W, 7 * len(label) + 16)))
    return _Column(label, body, width)


def _columns(head: _Spec, columns: list[_Column]) -> _Columns:
    cols_w = sum(c.w for c in columns) + H_GAP * (len(columns) - 1)
    height = NODE_H + FAN_GAP + max(c.body.h for c in columns)
    return _Columns(head, columns, cols_w, max(NODE_W, cols_w), height)


def _loop(head: _Spec, body: _Seq) -> _Loop:
    inner = NODE_H + (V_GAP + body.h if body.items else 0)
    return _Loop(head, body, max(NODE_W, body.w) + 2 * LOOP_SIDE, LOOP_TOP + inner + LOOP_BOTTOM)


def _child_link(task: TaskLike, task_type: str) -> str | None:
    child: Any = None
    if task_type == "SUB_WORKFLOW":
        child = task.sub_workflow_id or task.output_data.get("subWorkflowId")
    elif task_type == "START_WORKFLOW":
        child = task.output_data.get("workflowId")
    if not isinstance(child, str) or not child:
        return None
    return "/execution/" + quote(child, safe="")


def _status(task: TaskLike | None) -> str | None:
    return None if task is None else str(task.status)


def _task_spec(task: TaskLike, label: str, task_type: str, name: str, warning: str | None = None) -> _Spec:
    """A node for an execution task that has no definition node of its own."""
    return _Spec(
        ref=task.reference_task_name,
        label=label,
        task_type=task_type,
        shape=_SHAPES.get(task_type, "task"),
        sublabel=name if name and name != label else task_type,
        status=_status(task),
        task_id=task.task_id,
        attempts=task.retry_count + 1,
        link=_child_link(task, task_type),
        warning=warning,
        terminal=task_type == "TERMINATE",
    )


def _aggregate(tasks: list[TaskLike | None], ref: str) -> _Spec:
    """The "+N more" node standing for collapsed branches."""
    counts: dict[str, int] = {}
    for task in tasks:
        key = _status(task) or "NOT_STARTED"
        counts[key] = counts.get(key, 0) + 1
    order = [s for s in _SEVERITY if s in counts] + sorted(k for k in counts if k not in _SEVERITY)
    summary = ", ".join(f"{counts[s]} {s.lower()}" for s in order)
    status = next((s for s in order if s in _SEVERITY), None)
    return _Spec(
        ref=ref,
        label=f"+{len(tasks)} more",
        task_type="DYNAMIC_BRANCHES",
        shape="more",
        sublabel=summary,
        status=status,
        task_ids=tuple(t.task_id for t in tasks if t is not None),
    )


class _Builder:
    def __init__(self, runs: _Runs) -> None:
        self.runs = runs

    def seq(self, tasks: list[WorkflowTask], depth: int) -> _Seq:
        items: list[_Block] = []
        for i, node in enumerate(tasks):
            following = tasks[i + 1] if i + 1 < len(tasks) else None
            items.append(self.block(node, following, depth))
        return _seq(items)

    def block(self, node: WorkflowTask, following: WorkflowTask | None, depth: int) -> _Block:
        spec = self.spec(node)
        kind = spec.task_type
        if depth >= MAX_DEPTH:
            spec.shape = "placeholder"
            spec.warning = f"Nested more than {MAX_DEPTH} levels deep; its inner tasks are not drawn."
            return _Leaf(spec)
        if kind in SWITCH_TYPES:
            cases = [
                _column(str(value), self.seq(tasks, depth + 1))
                for value, tasks in node.decision_cases.items()
            ]
            cases.append(_column("default", self.seq(node.default_case, depth + 1)))
            return _columns(spec, cases)
        if kind in ("FORK_JOIN", "FORK_JOIN_DYNAMIC") and (following is None or following.type != "JOIN"):
            # The engine fails such a workflow when it reaches the fork; draw the branches anyway.
            spec.warning = "Not followed by a JOIN task: the workflow fails when it reaches this fork."
        if kind == "FORK_JOIN":
            branches = [_column(None, self.seq(branch, depth + 1)) for branch in node.fork_tasks]
            if not branches:
                spec.warning = "A FORK_JOIN with no forkTasks."
                return _Leaf(spec)
            return _columns(spec, branches)
        if kind == "FORK_JOIN_DYNAMIC":
            return _columns(spec, self.dynamic_branches(node))
        if kind == "DO_WHILE":
            return _loop(spec, self.seq(node.loop_over, depth + 1))
        return _Leaf(spec)

    def spec(self, node: WorkflowTask) -> _Spec:
        ref = node.task_reference_name
        kind = node.type or "SIMPLE"
        task = self.runs.take(ref) if ref else None
        label = ref or node.name or "(unnamed task)"
        sublabel = kind
        if kind == "SIMPLE" and node.name and node.name != label:
            sublabel = node.name
        elif kind == "DYNAMIC" and task is not None:
            sublabel = f"DYNAMIC: {task.task_type}"
        elif kind == "SUB_WORKFLOW" and node.sub_workflow_param is not None and node.sub_workflow_param.name:
            sublabel = f"SUB_WORKFLOW: {node.sub_workflow_param.name}"
        iterations = task.iteration if task is not None and kind == "DO_WHILE" else 0
        if kind == "DO_WHILE" and task is not None:
            sublabel = f"DO_WHILE {_TIMES}{iterations}"
        return _Spec(
            ref=ref,
            label=label,
            task_type=kind,
            shape=_SHAPES.get(kind, "task"),
            sublabel=sublabel,
            status=_status(task),
            task_id=task.task_id if task is not None else None,
            attempts=task.retry_count + 1 if task is not None else 0,
            iterations=iterations,
            link=_child_link(task, kind) if task is not None else None,
            warning=None if ref else "This task has no taskReferenceName.",
            terminal=kind == "TERMINATE",
        )

    def dynamic_branches(self, node: WorkflowTask) -> list[_Column]:
        ref = node.task_reference_name
        forks = self.runs.all_of(ref) if ref else []
        # Every iteration's branches belong to this node, not only the latest one's.
        for fork in forks:
            self.runs.claimed.update(self.runs.forked.get(fork.task_id, ()))
        latest = self.runs.tasks[self.runs.latest[ref]] if forks else None
        refs = self.runs.forked.get(latest.task_id, []) if latest is not None else []
        if not refs:
            placeholder = _Spec(
                ref=f"{ref}:dynamic",
                label="dynamic tasks",
                task_type="DYNAMIC_BRANCHES",
                shape="placeholder",
                sublabel="created at run time",
            )
            return [_column(None, _seq([_Leaf(placeholder)]))]
        take = self.runs.take
        branches = [take(r) for r in refs]  # no (ref, task) pairs: 10,000 of them cost
        collapse = len(branches) > DYNAMIC_COLUMN_LIMIT
        shown = self._worth_showing(branches) if collapse else set(range(len(branches)))
        columns: list[_Column] = []
        for i in sorted(shown):
            branch_ref, task = refs[i], branches[i]
            if task is None:
                leaf = _Spec(ref=branch_ref, label=branch_ref, task_type="SIMPLE", shape="task")
            else:
                kind = task.workflow_task.type or task.task_type
                name = task.workflow_task.name or task.task_def_name
                leaf = _task_spec(task, branch_ref, kind, name)
            columns.append(_column(None, _seq([_Leaf(leaf)])))
        if collapse:
            hidden = [task for i, task in enumerate(branches) if i not in shown]
            columns.append(_column(None, _seq([_Leaf(_aggregate(hidden, f"{ref}:more"))])))
        return columns

    @staticmethod
    def _worth_showing(branches: list[TaskLike | None]) -> set[int]:
        """Which branches get a column: failed / running ones first, then the rest in order."""
        keep: set[int] = set()
        for i, task in enumerate(branches):
            if len(keep) >= DYNAMIC_COLUMN_LIMIT:
                return keep
            if task is not None and str(task.status) not in _QUIET:
                keep.add(i)
        for i in range(len(branches)):
            if len(keep) >= DYNAMIC_COLUMN_LIMIT:
                break
            keep.add(i)
        return keep


# ---- placing: blocks -> positioned nodes and edges ----------------------------------------


@dataclass(slots=True)
class _Exit:
    """An edge leaving a block, routed down to the block's bottom, waiting for its target."""

    source: str
    points: list[tuple[int, int]]
    label: str | None = None
    label_at: tuple[int, int] | None = None


_Entry = tuple[str, int, int]  # node id, x of its centre, y of its top


def _simplify(points: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Drop repeated points and the middle of three collinear ones (axis-aligned routes)."""
    out: list[tuple[int, int]] = []
    for p in points:
        if out and out[-1] == p:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (a[0] == b[0] == p[0]) or (a[1] == b[1] == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)


class _Placer:
    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []
        self.groups: list[Group] = []
        self.used: set[str] = {START_ID, END_ID}

    def node(self, spec: _Spec, x: int, y: int, w: int = NODE_W, h: int = NODE_H, nid: str = "") -> str:
        if not nid:
            # Ids follow reference names (readable in tests and the DOM); duplicates in a
            # malformed definition get a numeric suffix so ids stay unique.
            nid = spec.ref or "node"
            k = 2
            while nid in self.used:
                nid = f"{spec.ref or 'node'}#{k}"
                k += 1
            self.used.add(nid)
        self.nodes.append(
            Node(
                id=nid,
                ref=spec.ref,
                label=spec.label,
                task_type=spec.task_type,
                x=x,
                y=y,
                w=w,
                h=h,
                status=spec.status,
                task_id=spec.task_id,
                attempts=spec.attempts,
                iterations=spec.iterations,
                link=spec.link,
                sublabel=spec.sublabel,
                shape=spec.shape,
                warning=spec.warning,
                task_ids=spec.task_ids,
            )
        )
        return nid

    def connect(self, exits: list[_Exit], entry: _Entry) -> None:
        target, nx, ny = entry
        for ex in exits:
            points = list(ex.points)
            last_x, last_y = points[-1]
            if last_x != nx:
                mid = ny - V_GAP // 2
                points += [(last_x, mid), (nx, mid)]
            points.append((nx, ny))
            self.edges.append(Edge(ex.source, target, _simplify(points), ex.label, "flow", ex.label_at))

    def place(self, block: _Block, left: int, top: int) -> tuple[_Entry | None, list[_Exit]]:
        if isinstance(block, _Leaf):
            return self.leaf(block, left, top)
        if isinstance(block, _Seq):
            return self.seq(block, left, top)
        if isinstance(block, _Columns):
            return self.columns(block, left, top)
        return self.loop(block, left, top)

    def leaf(self, block: _Leaf, left: int, top: int) -> tuple[_Entry, list[_Exit]]:
        nid = self.node(block.spec, left, top)
        cx = left + NODE_W // 2
        exits = [] if block.spec.terminal else [_Exit(nid, [(cx, top + NODE_H)])]
        return (nid, cx, top), exits

    def seq(self, block: _Seq, left: int, top: int) -> tuple[_Entry | None, list[_Exit]]:
        entry: _Entry | None = None
        pending: list[_Exit] = []
        y = top
        for i, item in enumerate(block.items):
            item_entry, exits = self.place(item, left + (block.w - item.w) // 2, y)
            if i == 0:
                entry = item_entry
            elif item_entry is not None:
                self.connect(pending, item_entry)
            pending = exits
            y += item.h + V_GAP
        return entry, pending

    def columns(self, block: _Columns, left: int, top: int) -> tuple[_Entry, list[_Exit]]:
        hx = left + block.w // 2
        head = self.node(block.head, hx - NODE_W // 2, top)
        head_bottom = top + NODE_H
        fan_y = head_bottom + FAN_GAP // 2
        cols_top = head_bottom + FAN_GAP
        bottom = top + block.h
        exits: list[_Exit] = []
        x = left + (block.w - block.cols_w) // 2
        for col in block.columns:
            cx = x + col.w // 2
            lead = [(hx, head_bottom), (hx, fan_y), (cx, fan_y), (cx, cols_top)]
            label_at = (cx, fan_y + 17) if col.label is not None else None
            if not col.body.items:
                exits.append(_Exit(head, [*lead, (cx, bottom)], col.label, label_at))
            else:
                entry, col_exits = self.seq(col.body, x + (col.w - col.body.w) // 2, cols_top)
                assert entry is not None
                self.edges.append(Edge(head, entry[0], _simplify(lead), col.label, "flow", label_at))
                for ex in col_exits:
                    if ex.points[-1][1] < bottom:
                        ex.points.append((ex.points[-1][0], bottom))
                    exits.append(ex)
            x += col.w + H_GAP
        return (head, hx, top), exits

    def loop(self, block: _Loop, left: int, top: int) -> tuple[_Entry, list[_Exit]]:
        spec = block.head
        cx = left + block.w // 2
        head_y = top + LOOP_TOP
        head = self.node(spec, cx - NODE_W // 2, head_y)
        bottom = top + block.h
        label = f"{spec.task_type} {_TIMES}{spec.iterations}" if spec.iterations else spec.task_type
        self.groups.append(Group("loop", spec.ref, label, left, top, block.w, block.h))
        if block.body.items:
            body_top = head_y + NODE_H + V_GAP
            entry, body_exits = self.seq(block.body, cx - block.body.w // 2, body_top)
            assert entry is not None
            self.connect([_Exit(head, [(cx, head_y + NODE_H)])], entry)
            # Back edges: below the body, right to the rail inside the box, up to the head.
            below = body_top + block.body.h + LOOP_BOTTOM // 2
            rail = left + block.w - LOOP_SIDE // 2
            head_mid = head_y + NODE_H // 2
            for ex in body_exits:
                last_x = ex.points[-1][0]
                points = [*ex.points, (last_x, below), (rail, below), (rail, head_mid)]
                points.append((cx + NODE_W // 2, head_mid))
                self.edges.append(Edge(ex.source, head, _simplify(points), None, "loop"))
        return (head, cx, top), [_Exit(head, [(cx, bottom)])]

    def unplaced(self, tasks: list[TaskLike], left: int, top: int) -> int:
        """A box of the tasks no node drew, in rows of `UNPLACED_PER_ROW`; returns its height."""
        specs = [
            _task_spec(
                t,
                t.reference_task_name,
                t.workflow_task.type if t.workflow_task.task_reference_name else t.task_type,
                t.task_def_name,
                warning="This task is not in the workflow definition.",
            )
            for t in tasks[:UNPLACED_LIMIT]
        ]
        if len(tasks) > UNPLACED_LIMIT:
            specs.append(_aggregate(list(tasks[UNPLACED_LIMIT:]), "unplaced:more"))
        width, height, cols = _unplaced_size(len(tasks))
        label = f"Not in the workflow definition ({len(tasks)})"
        self.groups.append(Group("unplaced", "", label, left, top, width, height))
        for i, spec in enumerate(specs):
            row, col = divmod(i, cols)
            x = left + UNPLACED_PAD + col * (NODE_W + H_GAP)
            y = top + UNPLACED_PAD + UNPLACED_LABEL + row * (NODE_H + V_GAP // 2)
            self.node(spec, x, y)
        return height


def _unplaced_size(count: int) -> tuple[int, int, int]:
    """Width, height and nodes per row of the box of `count` tasks not in the definition."""
    shown = min(count, UNPLACED_LIMIT) + (1 if count > UNPLACED_LIMIT else 0)
    cols = min(UNPLACED_PER_ROW, shown)
    rows = (shown + cols - 1) // cols
    width = cols * NODE_W + (cols - 1) * H_GAP + 2 * UNPLACED_PAD
    height = UNPLACED_LABEL + rows * NODE_H + (rows - 1) * (V_GAP // 2) + 2 * UNPLACED_PAD
    return width, height, cols


def layout(
    definition: WorkflowDef, workflow: Workflow | None = None, tasks: Sequence[TaskLike] | None = None
) -> Layout:
    """Position every node of `definition`, with the state of `workflow`'s tasks if given (or of
    `tasks`, in the order the engine created them: `TaskRow`s for most tasks of a big run)."""
    if tasks is None:
        tasks = workflow.tasks if workflow is not None else []
    known = _definition_refs(definition)
    forked: dict[str, list[str]] = {}
    for task in tasks:
        if task.input_data:  # rows have none
            refs = _forked_refs(task)
            if refs:
                forked[task.task_id] = refs
                known.update(refs)
    runs = _Runs(known, tasks, forked)
    body = _Builder(runs).seq(definition.tasks, 0)
    unplaced = runs.unclaimed()
    if not body.items and not unplaced:
        raise DiagramError("This workflow definition has no tasks, so there is nothing to draw.")

    box_w = _unplaced_size(len(unplaced))[0] if unplaced else 0
    inner_w = max(body.w, ENDPOINT, box_w)
    cx = MARGIN + inner_w // 2
    placer = _Placer()
    start = _Spec(ref=START_ID, label="start", task_type="START", shape="start")
    placer.node(start, cx - ENDPOINT // 2, MARGIN, ENDPOINT, ENDPOINT, START_ID)
    exits = [_Exit(START_ID, [(cx, MARGIN + ENDPOINT)])]
    y = MARGIN + ENDPOINT + V_GAP
    if body.items:
        entry, body_exits = placer.seq(body, cx - body.w // 2, y)
        assert entry is not None
        placer.connect(exits, entry)
        exits = body_exits
        y += body.h + V_GAP
    end = _Spec(ref=END_ID, label="end", task_type="END", shape="end")
    placer.node(end, cx - ENDPOINT // 2, y, ENDPOINT, ENDPOINT, END_ID)
    placer.connect(exits, (END_ID, cx, y))
    y += ENDPOINT
    if unplaced:
        y += V_GAP
        y += placer.unplaced(unplaced, cx - box_w // 2, y)
    return Layout(placer.nodes, placer.edges, inner_w + 2 * MARGIN, y + MARGIN, placer.groups)


# ---- rendering ----------------------------------------------------------------------------

# Characters XML 1.0 forbids even as references; a task name carrying one must not make the
# whole page's SVG unparseable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NOT_CLASS = re.compile(r"[^a-z0-9_-]")

# (fill, stroke) per task status; statuses not listed use the neutral `none` colours.
STATUS_COLORS: dict[str, tuple[str, str]] = {
    "none": ("#ffffff", "#adb5bd"),
    "completed": ("#dff5e3", "#2f9e44"),
    "completed_with_errors": ("#fff3bf", "#e67700"),
    "failed": ("#ffe3e3", "#e03131"),
    "failed_with_terminal_error": ("#ffe3e3", "#c92a2a"),
    "timed_out": ("#ffe8cc", "#e8590c"),
    "canceled": ("#f3d9fa", "#9c36b5"),
    "in_progress": ("#d0ebff", "#1c7ed6"),
    "scheduled": ("#fff9db", "#f08c00"),
    "skipped": ("#f1f3f5", "#868e96"),
}


def xml_escape(value: object) -> str:
    """Text safe inside an XML/HTML element or a double- or single-quoted attribute."""
    return html.escape(_NOT_XML.sub("\ufffd", str(value)), quote=True)


def status_class(status: str | None) -> str:
    """`status-completed`, `status-in_progress`, ... or `status-none` when not reached."""
    return "status-" + (_NOT_CLASS.sub("", status.lower()) if status else "none")


def css_token(value: str) -> str:
    """A user-controlled string (e.g. a task type) reduced to a safe class-name fragment."""
    return _NOT_CLASS.sub("", value.lower()) or "unknown"


def status_css(root: str) -> str:
    """Default status colours for the SVG under `.{root}`.

    Every selector is wrapped in `:where()` (zero specificity) and colours the element carrying
    the status class, from which its shapes inherit: any rule of the page's stylesheet, such as
    `.status-failed { fill: ... }`, wins over these defaults.
    """
    rules = [
        f":where(.{root} .status-{name}){{fill:{fill};stroke:{stroke}}}"
        for name, (fill, stroke) in STATUS_COLORS.items()
    ]
    return "".join(rules)


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


STYLE = (
    "<style>"
    + status_css("cd-diagram")
    + ":where(.cd-diagram text){fill:#212529;stroke:none;font-family:system-ui,sans-serif;font-size:12px}"
    ":where(.cd-diagram .label){font-weight:600}"
    ":where(.cd-diagram .sublabel){font-size:11px;fill:#495057}"
    ":where(.cd-diagram .shape){stroke-width:1.5}"
    ":where(.cd-diagram .shape-more .shape,.cd-diagram .shape-placeholder .shape){stroke-dasharray:5 3}"
    ":where(.cd-diagram .shape-terminate .shape){stroke-width:2.5}"
    ":where(.cd-diagram .inner,.cd-diagram .icon){fill:none}"
    ":where(.cd-diagram .node[role=button]){cursor:pointer}"
    ":where(.cd-diagram .node:focus .shape){stroke-width:3}"
    ":where(.cd-diagram .edge){fill:none;stroke:#868e96;stroke-width:1.5}"
    ":where(.cd-diagram .edge.loop){stroke-dasharray:4 3}"
    ":where(.cd-diagram .arrowhead){fill:#868e96;stroke:none}"
    ":where(.cd-diagram .edge-label){font-size:11px;fill:#495057;stroke:#fff;stroke-width:3px;"
    "paint-order:stroke}"
    ":where(.cd-diagram .group){fill:#f8f9fa;stroke:#ced4da;stroke-dasharray:6 4}"
    ":where(.cd-diagram .group-label){font-size:11px;fill:#495057}"
    ":where(.cd-diagram .attempts,.cd-diagram .warning-mark){font-size:11px;font-weight:600}"
    ":where(.cd-diagram .warning-mark){fill:#e8590c}"
    ":where(.cd-diagram .sub-link text){fill:#1c7ed6;font-size:14px}"
    "</style>"
)
_DEFS = (
    '<defs><marker id="cd-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
    'markerHeight="7" orient="auto-start-reverse"><path class="arrowhead" d="M0,0L10,5L0,10z"/>'
    "</marker></defs>"
)


def _shape(n: Node) -> str:
    x, y, w, h = n.x, n.y, n.w, n.h
    if n.shape in ("start", "end"):
        r = w // 2
        inner = f'<circle class="inner" cx="{x + r}" cy="{y + r}" r="{r - 4}"/>' if n.shape == "end" else ""
        return f'<circle class="shape" cx="{x + r}" cy="{y + r}" r="{r}"/>{inner}'
    if n.shape == "switch":
        pts = f"{x + 14},{y} {x + w - 14},{y} {x + w},{y + h // 2} {x + w - 14},{y + h} {x + 14},{y + h} {x},{y + h // 2}"
        return f'<polygon class="shape" points="{pts}"/>'
    if n.shape == "terminate":
        c = 10
        pts = (
            f"{x + c},{y} {x + w - c},{y} {x + w},{y + c} {x + w},{y + h - c} "
            f"{x + w - c},{y + h} {x + c},{y + h} {x},{y + h - c} {x},{y + c}"
        )
        return f'<polygon class="shape" points="{pts}"/>'
    radius = h // 2 if n.shape in ("fork", "join") else 6
    out = f'<rect class="shape" x="{x}" y="{y}" width="{w}" height="{h}" rx="{radius}"/>'
    if n.shape == "subworkflow":
        out += f'<rect class="inner" x="{x + 4}" y="{y + 4}" width="{w - 8}" height="{h - 8}" rx="4"/>'
    elif n.shape == "wait":  # a clock
        cx, cy = x + 16, y + h // 2
        out += (
            f'<circle class="icon" cx="{cx}" cy="{cy}" r="8"/>'
            f'<path class="icon" d="M{cx},{cy - 5}V{cy}H{cx + 4}"/>'
        )
    elif n.shape == "human":  # a person
        cx, cy = x + 16, y + h // 2
        out += (
            f'<circle class="icon" cx="{cx}" cy="{cy - 4}" r="4"/>'
            f'<path class="icon" d="M{cx - 7},{cy + 9}Q{cx},{cy - 2} {cx + 7},{cy + 9}"/>'
        )
    return out


def _describe(n: Node) -> str:
    """The accessible name and tooltip of a node."""
    parts = [n.label, n.task_type]
    if n.sublabel and n.sublabel not in parts:
        parts.append(n.sublabel)
    parts.append(f"status {n.status}" if n.status else "not started")
    if n.attempts > 1:
        parts.append(f"attempt {n.attempts}")
    if n.warning:
        parts.append(n.warning)
    return ", ".join(parts)


def _node_svg(n: Node, out: list[str]) -> None:
    if n.shape in ("start", "end"):
        out.append(
            f'<g class="node endpoint shape-{n.shape} {status_class(None)}" data-ref="{xml_escape(n.ref)}">'
            f"<title>{xml_escape(n.label)}</title>{_shape(n)}</g>"
        )
        return
    description = xml_escape(_describe(n))
    attrs = [
        f'class="node {status_class(n.status)} type-{css_token(n.task_type)} shape-{n.shape}"',
        f'data-ref="{xml_escape(n.ref)}"',
    ]
    if n.task_id:
        attrs.append(f'data-task-id="{xml_escape(n.task_id)}"')
    if n.task_ids:
        listed = n.task_ids[:SVG_TASK_IDS_LIMIT]
        attrs.append(f'data-task-ids="{xml_escape(" ".join(listed))}"')
        if len(listed) < len(n.task_ids):
            attrs.append(f'data-task-count="{len(n.task_ids)}"')
    attrs.append(f'tabindex="0" role="button" aria-label="{description}"')
    out.append(f"<g {' '.join(attrs)}><title>{description}</title>{_shape(n)}")
    cx = n.x + n.w // 2
    room = 20 if n.shape in ("wait", "human") else 24
    if n.sublabel:
        out.append(f'<text class="label" x="{cx}" y="{n.y + 20}" text-anchor="middle">')
        out.append(f"{xml_escape(truncate(n.label, room))}</text>")
        out.append(f'<text class="sublabel" x="{cx}" y="{n.y + 36}" text-anchor="middle">')
        out.append(f"{xml_escape(truncate(n.sublabel, room + 4))}</text>")
    else:
        out.append(f'<text class="label" x="{cx}" y="{n.y + n.h // 2 + 4}" text-anchor="middle">')
        out.append(f"{xml_escape(truncate(n.label, room))}</text>")
    if n.attempts > 1:
        out.append(
            f'<text class="attempts" x="{n.x + n.w - 8}" y="{n.y + 14}" text-anchor="end">↻{n.attempts}</text>'
        )
    if n.warning:
        out.append(f'<text class="warning-mark" x="{n.x + 8}" y="{n.y + 14}">⚠</text>')
    out.append("</g>")
    if n.link:
        # A sibling of the node, not a child: a click on it navigates instead of reaching the
        # node's click handler, and the node stays a plain button.
        lx, ly = n.x + n.w - 18, n.y + n.h - 18
        out.append(
            f'<a class="sub-link" href="{xml_escape(n.link)}" aria-label="Open the child execution of '
            f'{xml_escape(n.label)}"><title>Open the child execution</title>'
            f'<rect x="{lx}" y="{ly}" width="16" height="16" fill="transparent"/>'
            f'<text x="{lx + 8}" y="{ly + 13}" text-anchor="middle">↗</text></a>'
        )


def render_svg(layout: Layout) -> str:
    """SVG markup of a layout; every user-supplied string in it is escaped."""
    w, h = layout.width, layout.height
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cd-diagram" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" role="group" aria-label="Workflow diagram">',
        STYLE,
        _DEFS,
        '<g class="groups">',
    ]
    for g in layout.groups:
        out.append(
            f'<g class="group-box {g.kind}" data-ref="{xml_escape(g.ref)}"><title>{xml_escape(g.label)}</title>'
            f'<rect class="group" x="{g.x}" y="{g.y}" width="{g.w}" height="{g.h}" rx="10"/>'
        )
        if g.kind == "unplaced":
            out.append(
                f'<text class="group-label" x="{g.x + 12}" y="{g.y + 20}">{xml_escape(g.label)}</text>'
            )
        out.append("</g>")
    out.append('</g><g class="edges">')
    for e in layout.edges:
        d = "M" + "L".join(f"{x},{y}" for x, y in e.points)
        kind = " loop" if e.kind == "loop" else ""
        out.append(f'<path class="edge{kind}" d="{d}" marker-end="url(#cd-arrow)"/>')
        if e.label is not None and e.label_at is not None:
            lx, ly = e.label_at
            out.append(
                f'<text class="edge-label" x="{lx}" y="{ly}" text-anchor="middle">'
                f"<title>{xml_escape(e.label)}</title>{xml_escape(truncate(e.label, 24))}</text>"
            )
    out.append('</g><g class="nodes">')
    for n in layout.nodes:
        _node_svg(n, out)
    out.append("</g></svg>")
    return "".join(out)


def render_diagram(
    definition: WorkflowDef, workflow: Workflow | None = None, tasks: Sequence[TaskLike] | None = None
) -> str:
    """`render_svg(layout(definition, workflow, tasks))`."""
    return render_svg(layout(definition, workflow, tasks))
