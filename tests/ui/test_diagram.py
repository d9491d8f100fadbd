"""The workflow diagram: node positions and edges per operator shape, execution state, escaping,
size limits and malformed definitions. Definitions are Conductor JSON converted with msgspec;
executions are `Workflow` / `Task` structs built by hand, named the way the engine names them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import msgspec
import pytest

from conductor.server.domain.definitions import WorkflowDef, WorkflowTask
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import TaskStatus
from conductor.server.ui.diagram import (
    DYNAMIC_COLUMN_LIMIT,
    END_ID,
    MAX_DEPTH,
    NODE_H,
    START_ID,
    DiagramError,
    Edge,
    Layout,
    Node,
    layout,
    render_diagram,
    render_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
TIMES = "\N{MULTIPLICATION SIGN}"


# ---- builders ---------------------------------------------------------------------------


def wdef(*tasks: dict[str, Any]) -> WorkflowDef:
    return msgspec.convert({"name": "wf", "version": 1, "tasks": list(tasks)}, WorkflowDef)


def simple(ref: str, **extra: Any) -> dict[str, Any]:
    return {"name": f"{ref}_task", "taskReferenceName": ref, "type": "SIMPLE", **extra}


def op(ref: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"name": ref, "taskReferenceName": ref, "type": kind, **extra}


_seq = iter(range(1, 1_000_000))


def task(ref: str, status: str = "COMPLETED", **extra: Any) -> Task:
    fields: dict[str, Any] = {"task_type": "SIMPLE", "seq": next(_seq), **extra}
    return Task(
        task_id=extra.pop("task_id", f"id-{ref}-{fields['seq']}"),
        reference_task_name=ref,
        workflow_instance_id="wf-1",
        status=TaskStatus(status),
        **{k: v for k, v in fields.items() if k != "task_id"},
    )


def execution(definition: WorkflowDef, *tasks: Task) -> Workflow:
    return Workflow(workflow_id="wf-1", workflow_definition=definition, tasks=list(tasks))


def nodes(lay: Layout) -> dict[str, Node]:
    return {n.id: n for n in lay.nodes}


def edge_pairs(lay: Layout) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in lay.edges}


def edge(lay: Layout, source: str, target: str) -> Edge:
    found = [e for e in lay.edges if (e.source, e.target) == (source, target)]
    assert len(found) == 1, f"{source}->{target}: {found}"
    return found[0]


def cx(n: Node) -> int:
    return n.x + n.w // 2


def bottom_center(n: Node) -> tuple[int, int]:
    return cx(n), n.y + n.h


def top_center(n: Node) -> tuple[int, int]:
    return cx(n), n.y


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def svg_nodes(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if "node" in (g.get("class") or "").split()]


def assert_orthogonal(lay: Layout) -> None:
    """Every edge is a polyline of horizontal and vertical segments."""
    for e in lay.edges:
        assert len(e.points) >= 2
        for (x1, y1), (x2, y2) in zip(e.points, e.points[1:], strict=False):
            assert x1 == x2 or y1 == y2, e


# ---- shapes -----------------------------------------------------------------------------


def test_sequence_is_one_column_from_start_to_end() -> None:
    lay = layout(wdef(simple("a"), simple("b"), simple("c")))
    by_id = nodes(lay)
    assert list(by_id) == [START_ID, "a", "b", "c", END_ID]
    column = [by_id[i] for i in (START_ID, "a", "b", "c", END_ID)]
    assert len({cx(n) for n in column}) == 1
    assert [n.y for n in column] == sorted(n.y for n in column)
    assert by_id["b"].y - (by_id["a"].y + NODE_H) == by_id["c"].y - (by_id["b"].y + NODE_H) > 0
    assert edge_pairs(lay) == {(START_ID, "a"), ("a", "b"), ("b", "c"), ("c", END_ID)}
    assert edge(lay, "a", "b").points == (bottom_center(by_id["a"]), top_center(by_id["b"]))
    assert all(n.status is None and n.task_id is None for n in lay.nodes)
    assert by_id["a"].label == "a" and by_id["a"].sublabel == "a_task"
    assert lay.width >= max(n.x + n.w for n in lay.nodes)
    assert lay.height >= max(n.y + n.h for n in lay.nodes)


def test_switch_columns_per_case_rejoin_below_and_empty_case_is_a_straight_edge() -> None:
    definition = wdef(
        simple("before"),
        op(
            "sw",
            "SWITCH",
            evaluatorType="value-param",
            expression="kind",
            decisionCases={"x": [simple("x1"), simple("x2")], "empty": []},
            defaultCase=[simple("d1")],
        ),
        simple("after"),
    )
    lay = layout(definition)
    n = nodes(lay)
    # One column per case in definition order, then default; the tasks of a case stack.
    assert n["x1"].y == n["d1"].y > n["sw"].y
    assert n["x2"].y > n["x1"].y and cx(n["x2"]) == cx(n["x1"])
    assert cx(n["x1"]) < cx(n["sw"]) < cx(n["d1"])
    # The switch sits centred over its columns, the next node below the tallest column.
    assert cx(n["sw"]) == cx(n["before"]) == cx(n["after"])
    assert n["after"].y > n["x2"].y + NODE_H
    assert edge(lay, "sw", "x1").label == "x"
    assert edge(lay, "sw", "d1").label == "default"
    assert edge_pairs(lay) >= {("x1", "x2"), ("x2", "after"), ("d1", "after"), ("sw", "after")}
    straight = edge(lay, "sw", "after")
    assert straight.label == "empty"
    assert straight.points[0] == bottom_center(n["sw"])
    assert straight.points[-1] == top_center(n["after"])
    assert straight.label_at is not None
    assert_orthogonal(lay)


def test_switch_without_default_case_draws_the_default_path() -> None:
    lay = layout(
        wdef(op("sw", "DECISION", caseValueParam="p", decisionCases={"a": [simple("a1")]}), simple("z"))
    )
    labels = {(e.source, e.target): e.label for e in lay.edges}
    assert labels[("sw", "a1")] == "a"
    assert labels[("sw", "z")] == "default"
    assert labels[("a1", "z")] is None


def test_fork_join_branches_run_in_parallel_columns_and_meet_at_the_join() -> None:
    definition = wdef(
        op("fork", "FORK_JOIN", forkTasks=[[simple("b1"), simple("b2")], [simple("c1")], [simple("e1")]]),
        op("join", "JOIN", joinOn=["b2", "c1", "e1"]),
        simple("after"),
    )
    lay = layout(definition)
    n = nodes(lay)
    assert n["b1"].y == n["c1"].y == n["e1"].y > n["fork"].y
    assert cx(n["b1"]) < cx(n["c1"]) < cx(n["e1"])
    assert cx(n["c1"]) == cx(n["fork"]) == cx(n["join"])  # symmetric around the fork
    assert n["join"].y > n["b2"].y + NODE_H
    assert edge_pairs(lay) == {
        (START_ID, "fork"),
        ("fork", "b1"),
        ("fork", "c1"),
        ("fork", "e1"),
        ("b1", "b2"),
        ("b2", "join"),
        ("c1", "join"),
        ("e1", "join"),
        ("join", "after"),
        ("after", END_ID),
    }
    # The shorter branch's edge runs down its own column before turning to the join.
    c_edge = edge(lay, "c1", "join").points
    assert c_edge[0] == bottom_center(n["c1"]) and c_edge[-1] == top_center(n["join"])
    assert n["fork"].warning is None and n["fork"].shape == "fork" and n["join"].shape == "join"
    assert_orthogonal(lay)


def test_dynamic_fork_expands_the_branches_of_the_execution_in_fork_order() -> None:
    definition = wdef(
        op(
            "dyn", "FORK_JOIN_DYNAMIC", dynamicForkTasksParam="tasks", dynamicForkTasksInputParamName="inputs"
        ),
        op("join", "JOIN"),
    )
    refs = ["img_2", "img_0", "img_1"]
    fork = task("dyn", task_type="FORK", input_data={"forkedTasks": refs})
    branches = [
        task("img_2", "COMPLETED", workflow_task=msgspec.convert(simple("img_2"), WorkflowTask)),
        task("img_0", "FAILED"),
        task("img_1", "IN_PROGRESS"),
    ]
    lay = layout(
        definition, execution(definition, fork, *branches, task("join", "IN_PROGRESS", task_type="JOIN"))
    )
    n = nodes(lay)
    assert [node.id for node in sorted((n[r] for r in refs), key=lambda x: x.x)] == refs
    assert {n[r].status for r in refs} == {"COMPLETED", "FAILED", "IN_PROGRESS"}
    assert n["img_0"].task_id == branches[1].task_id
    assert n["img_2"].y == n["img_0"].y > n["dyn"].y
    assert edge_pairs(lay) >= {("dyn", r) for r in refs} | {(r, "join") for r in refs}
    assert n["dyn"].status == "COMPLETED" and n["join"].status == "IN_PROGRESS"
    assert not [g for g in lay.groups if g.kind == "unplaced"]


def test_dynamic_fork_without_execution_is_one_placeholder() -> None:
    definition = wdef(op("dyn", "FORK_JOIN_DYNAMIC"), op("join", "JOIN"))
    for workflow in (None, execution(definition, task("earlier_not_in_def"))):
        lay = layout(definition, workflow)
        placeholders = [n for n in lay.nodes if n.shape == "placeholder"]
        assert len(placeholders) == 1
        assert placeholders[0].label == "dynamic tasks"
        assert edge_pairs(lay) >= {("dyn", placeholders[0].id), (placeholders[0].id, "join")}


def test_a_500_branch_dynamic_fork_collapses_beyond_the_column_limit() -> None:
    definition = wdef(op("dyn", "FORK_JOIN_DYNAMIC"), op("join", "JOIN"))
    refs = [f"b_{i}" for i in range(500)]
    failing = {"b_3", "b_400", "b_499"}
    branches = [task(r, "FAILED" if r in failing else "COMPLETED") for r in refs]
    workflow = execution(
        definition, task("dyn", task_type="FORK", input_data={"forkedTasks": refs}), *branches
    )
    lay = layout(definition, workflow)
    branch_nodes = [n for n in lay.nodes if n.ref in set(refs)]
    more = [n for n in lay.nodes if n.shape == "more"]
    assert len(branch_nodes) == DYNAMIC_COLUMN_LIMIT and len(more) == 1
    # Branches that need attention are never hidden; the rest follow in fork order.
    shown = {n.ref for n in branch_nodes}
    assert failing <= shown
    quiet = [r for r in refs if r not in failing]
    assert shown - failing == set(quiet[: DYNAMIC_COLUMN_LIMIT - len(failing)])
    hidden = 500 - DYNAMIC_COLUMN_LIMIT
    assert more[0].label == f"+{hidden} more"
    assert more[0].status == "COMPLETED" and more[0].sublabel == f"{hidden} completed"
    # No task is lost: every branch is either a column or listed by the "+N more" node.
    assert {n.task_id for n in branch_nodes} | set(more[0].task_ids) == {t.task_id for t in branches}
    assert [n.x for n in branch_nodes] == sorted(n.x for n in branch_nodes)
    root = parse(render_svg(lay))
    drawn = svg_nodes(root)
    assert len(drawn) == 2 + 2 + DYNAMIC_COLUMN_LIMIT + 1  # start, end, fork, join, columns, more
    ids = [g for g in drawn if g.get("data-task-ids")]
    assert len(ids) == 1 and len((ids[0].get("data-task-ids") or "").split()) == hidden
    assert lay.width < 6000


def test_do_while_is_a_box_with_iteration_count_back_edge_and_latest_iteration_state() -> None:
    definition = wdef(
        op("loop", "DO_WHILE", loopCondition="true", loopOver=[simple("body1"), simple("body2")]),
        simple("after"),
    )
    workflow = execution(
        definition,
        task("loop", "IN_PROGRESS", task_type="DO_WHILE", iteration=3),
        task("body1__1", iteration=1),
        task("body2__1", iteration=1),
        task("body1__2", iteration=2),
        task("body2__2", iteration=2),
        task("body1__3", "FAILED", iteration=3),
    )
    lay = layout(definition, workflow)
    n = nodes(lay)
    assert n["loop"].iterations == 3 and n["loop"].sublabel == f"DO_WHILE {TIMES}3"
    assert n["loop"].status == "IN_PROGRESS"
    assert (n["body1"].status, n["body1"].task_id) == ("FAILED", workflow.tasks[5].task_id)
    assert (n["body2"].status, n["body2"].task_id) == ("COMPLETED", workflow.tasks[4].task_id)
    [box] = [g for g in lay.groups if g.kind == "loop"]
    assert box.ref == "loop" and f"{TIMES}3" in box.label
    for inside in ("loop", "body1", "body2"):
        node = n[inside]
        assert box.x < node.x and node.x + node.w < box.x + box.w
        assert box.y < node.y and node.y + node.h < box.y + box.h
    assert not (box.y <= n["after"].y <= box.y + box.h)
    back = edge(lay, "body2", "loop")
    assert back.kind == "loop"
    assert back.points[-1] == (n["loop"].x + n["loop"].w, n["loop"].y + n["loop"].h // 2)
    assert max(x for x, _ in back.points) < box.x + box.w  # the rail stays inside the box
    assert edge(lay, "loop", "body1").kind == "flow"
    out = edge(lay, "loop", "after")
    assert out.points[0] == (cx(n["loop"]), box.y + box.h)  # leaves from the bottom of the box
    assert f"DO_WHILE {TIMES}3" in render_svg(lay)
    assert_orthogonal(lay)
    # Unrun, the loop shows no count.
    assert nodes(layout(definition))["loop"].sublabel == "DO_WHILE"


def test_nested_operators_switch_in_fork_in_do_while() -> None:
    definition = wdef(
        op(
            "outer",
            "DO_WHILE",
            loopOver=[
                op(
                    "fork",
                    "FORK_JOIN",
                    forkTasks=[
                        [op("sw", "SWITCH", decisionCases={"a": [simple("sa")], "b": [simple("sb")]})],
                        [op("inner", "DO_WHILE", loopOver=[simple("deep")])],
                    ],
                ),
                op("join", "JOIN", joinOn=["sw", "inner"]),
            ],
        ),
        simple("done"),
    )
    workflow = execution(
        definition,
        task("outer", "IN_PROGRESS", task_type="DO_WHILE", iteration=2),
        task("fork__1", task_type="FORK", iteration=1),
        task("sw__1", task_type="SWITCH", iteration=1),
        task("sa__1", iteration=1),
        task("inner__1", task_type="DO_WHILE", iteration=2),
        task("deep__1", iteration=1),
        task("deep__2", "FAILED", iteration=2),
        task("fork__2", task_type="FORK", iteration=2),
        task("sw__2", task_type="SWITCH", iteration=2),
        task("sb__2", "IN_PROGRESS", iteration=2),
        task("inner__2", "IN_PROGRESS", task_type="DO_WHILE", iteration=1),
        # The inner loop restarted in the outer iteration 2: its suffix repeats an older one.
        task("deep__1", "SCHEDULED", iteration=1),
    )
    lay = layout(definition, workflow)
    n = nodes(lay)
    assert set(n) == {START_ID, END_ID, "outer", "fork", "sw", "sa", "sb", "inner", "deep", "join", "done"}
    assert n["sa"].status == "COMPLETED" and n["sb"].status == "IN_PROGRESS"
    assert n["deep"].status == "SCHEDULED"  # the newest task, not the highest suffix
    assert n["inner"].iterations == 1 and n["outer"].iterations == 2
    boxes = {g.ref: g for g in lay.groups if g.kind == "loop"}
    outer, inner = boxes["outer"], boxes["inner"]
    assert outer.x < inner.x and inner.x + inner.w < outer.x + outer.w
    assert outer.y < inner.y and inner.y + inner.h < outer.y + outer.h
    assert cx(n["sa"]) < cx(n["sb"]) < cx(n["deep"])
    assert edge_pairs(lay) >= {
        ("outer", "fork"),
        ("fork", "sw"),
        ("fork", "inner"),
        ("sw", "sa"),
        ("sw", "sb"),
        ("sa", "join"),
        ("sb", "join"),
        ("sw", "join"),  # the implicit default case
        ("inner", "join"),
        ("inner", "deep"),
        ("deep", "inner"),
        ("join", "outer"),
        ("outer", "done"),
    }
    assert not [g for g in lay.groups if g.kind == "unplaced"]
    assert_orthogonal(lay)
    parse(render_svg(lay))


def test_sub_workflow_links_to_the_child_execution() -> None:
    definition = wdef(
        op("child", "SUB_WORKFLOW", subWorkflowParam={"name": "kid", "version": 2}), simple("z")
    )
    assert nodes(layout(definition))["child"].link is None
    workflow = execution(
        definition, task("child", "IN_PROGRESS", task_type="SUB_WORKFLOW", sub_workflow_id="c-1")
    )
    lay = layout(definition, workflow)
    node = nodes(lay)["child"]
    assert node.link == "/execution/c-1" and node.shape == "subworkflow"
    assert node.sublabel == "SUB_WORKFLOW: kid"
    root = parse(render_svg(lay))
    links = list(root.iter(f"{SVG}a"))
    assert [a.get("href") for a in links] == ["/execution/c-1"]
    # An id is a path segment, never markup or a second path.
    odd = execution(definition, task("child", task_type="SUB_WORKFLOW", sub_workflow_id='a/b"<x>'))
    href = next(parse(render_diagram(definition, odd)).iter(f"{SVG}a")).get("href")
    assert href == "/execution/a%2Fb%22%3Cx%3E"


def test_terminate_ends_its_path() -> None:
    definition = wdef(
        op(
            "sw",
            "SWITCH",
            decisionCases={
                "stop": [op("halt", "TERMINATE", inputParameters={"terminationStatus": "FAILED"})]
            },
            defaultCase=[simple("go")],
        ),
        simple("next"),
    )
    lay = layout(definition)
    n = nodes(lay)
    assert n["halt"].shape == "terminate"
    assert not [e for e in lay.edges if e.source == "halt"]
    assert ("go", "next") in edge_pairs(lay)
    # At top level, nothing reaches the node after a TERMINATE (it is drawn, unreachable).
    lay = layout(wdef(simple("a"), op("t", "TERMINATE"), simple("never")))
    assert edge_pairs(lay) == {(START_ID, "a"), ("a", "t"), ("never", END_ID)}


def test_wait_and_human_have_their_own_shape() -> None:
    lay = layout(wdef(op("w", "WAIT"), op("h", "HUMAN"), simple("s")))
    n = nodes(lay)
    assert (n["w"].shape, n["h"].shape, n["s"].shape) == ("wait", "human", "task")
    classes = {g.get("data-ref"): g.get("class") or "" for g in svg_nodes(parse(render_svg(lay)))}
    assert "shape-wait" in classes["w"] and "shape-human" in classes["h"]
    assert "type-wait" in classes["w"]


# ---- execution state --------------------------------------------------------------------


def test_retries_show_the_latest_attempt_and_its_count() -> None:
    definition = wdef(simple("a"), simple("b"))
    first = task("a", "FAILED", task_id="a-1")
    second = task("a", "COMPLETED", task_id="a-2", retry_count=1)
    lay = layout(definition, execution(definition, first, second, task("b", "SCHEDULED", task_id="b-1")))
    n = nodes(lay)
    assert (n["a"].status, n["a"].task_id, n["a"].attempts) == ("COMPLETED", "a-2", 2)
    assert (n["b"].status, n["b"].attempts) == ("SCHEDULED", 1)
    root = parse(render_svg(lay))
    by_ref = {g.get("data-ref"): g for g in svg_nodes(root)}
    assert (by_ref["a"].get("class") or "").startswith("node status-completed ")
    assert by_ref["a"].get("data-task-id") == "a-2"
    assert by_ref["a"].get("tabindex") == "0" and by_ref["a"].get("role") == "button"
    assert "status COMPLETED" in (by_ref["a"].get("aria-label") or "")
    assert "↻2" in "".join(by_ref["a"].itertext())
    assert (by_ref["b"].get("class") or "").startswith("node status-scheduled ")


def test_unreached_nodes_are_status_none_without_task_id() -> None:
    definition = wdef(simple("a"), simple("b"))
    root = parse(render_diagram(definition, execution(definition, task("a"))))
    by_ref = {g.get("data-ref"): g for g in svg_nodes(root)}
    assert "status-none" in (by_ref["b"].get("class") or "").split()
    assert by_ref["b"].get("data-task-id") is None
    assert by_ref[START_ID].get("tabindex") is None  # start and end are not buttons


def test_dynamic_task_shows_the_resolved_task_name() -> None:
    definition = wdef(op("dyn", "DYNAMIC", dynamicTaskNameParam="taskToRun"))
    lay = layout(definition, execution(definition, task("dyn", task_type="resize_image")))
    assert nodes(lay)["dyn"].sublabel == "DYNAMIC: resize_image"


def test_tasks_missing_from_the_definition_are_drawn_apart() -> None:
    definition = wdef(simple("a"))
    workflow = execution(
        definition, task("a"), task("ghost", "FAILED"), task("ghost", "COMPLETED", retry_count=1)
    )
    lay = layout(definition, workflow)
    [box] = [g for g in lay.groups if g.kind == "unplaced"]
    ghost = nodes(lay)["ghost"]
    assert ghost.status == "COMPLETED" and ghost.attempts == 2 and ghost.warning
    assert box.y > nodes(lay)[END_ID].y
    assert box.x <= ghost.x and ghost.y + ghost.h <= box.y + box.h
    assert not [e for e in lay.edges if "ghost" in (e.source, e.target)]
    assert "Not in the workflow definition (1)" in render_svg(lay)


def test_many_tasks_missing_from_the_definition_collapse() -> None:
    definition = wdef(simple("a"))
    workflow = execution(definition, *(task(f"x{i}") for i in range(300)))
    lay = layout(definition, workflow)
    more = [n for n in lay.nodes if n.shape == "more"]
    assert len(more) == 1 and len(more[0].task_ids) == 300 - 40
    assert len(lay.nodes) == 3 + 40 + 1


# ---- determinism, escaping, size ---------------------------------------------------------


def _busy() -> tuple[WorkflowDef, Workflow]:
    definition = wdef(
        simple("a"),
        op("sw", "SWITCH", decisionCases={"1": [simple("b")], "2": []}),
        op("f", "FORK_JOIN", forkTasks=[[simple("c")], [op("l", "DO_WHILE", loopOver=[simple("d")])]]),
        op("j", "JOIN"),
        op("dyn", "FORK_JOIN_DYNAMIC"),
        op("j2", "JOIN"),
    )
    workflow = execution(
        definition,
        task("a", task_id="1", seq=1),
        task("sw", task_id="2", seq=2),
        task("b", task_id="3", seq=3),
        task("dyn", task_id="4", seq=4, task_type="FORK", input_data={"forkedTasks": ["p", "q"]}),
        task("q", task_id="5", seq=5),
        task("p", task_id="6", seq=6),
    )
    return definition, workflow


def test_layout_and_svg_are_deterministic() -> None:
    first, second = _busy(), _busy()
    assert layout(*first) == layout(*second)
    assert render_diagram(*first) == render_diagram(*second)
    assert render_diagram(first[0]) == render_diagram(second[0])


XSS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "a'b&c\x01\x1f"]


@pytest.mark.parametrize("evil", XSS)
def test_user_strings_are_escaped(evil: str) -> None:
    definition = wdef(
        {"name": evil, "taskReferenceName": evil, "type": "SIMPLE"},
        op("sw", "SWITCH", decisionCases={evil: [simple("ok")]}),
        {"name": "t", "taskReferenceName": "t", "type": evil},
        op("sub", "SUB_WORKFLOW", subWorkflowParam={"name": evil}),
    )
    workflow = execution(
        definition,
        task(evil, task_id=evil),
        task("sub", task_type="SUB_WORKFLOW", sub_workflow_id=evil),
        task(evil + "-extra", task_id="x"),
    )
    svg = render_diagram(definition, workflow)
    assert "<script" not in svg and "<img" not in svg
    root = parse(svg)  # well-formed despite quotes and control characters
    for element in root.iter():
        assert element.tag in {
            f"{SVG}{t}"
            for t in (
                "svg",
                "style",
                "defs",
                "marker",
                "path",
                "g",
                "title",
                "rect",
                "polygon",
                "circle",
                "text",
                "a",
                "line",
            )
        }
        assert not [name for name in element.attrib if name.lower().startswith("on")]
    shown = evil.replace("\x01", "\ufffd").replace("\x1f", "\ufffd")
    refs = [g.get("data-ref") for g in svg_nodes(root)]
    assert shown in refs and shown + "-extra" in refs
    assert any(g.get("data-task-id") == shown for g in svg_nodes(root))
    titles = ["".join(t.itertext()) for t in root.iter(f"{SVG}title")]
    assert any(t.startswith(shown) for t in titles)
    assert any(t == shown for t in titles)  # the case label's tooltip
    classes = " ".join(g.get("class") or "" for g in svg_nodes(root))
    assert "<" not in classes and '"' not in classes and "=" not in classes


def test_a_1000_task_sequence_renders_valid_svg() -> None:
    definition = wdef(*(simple(f"t{i}") for i in range(1000)))
    workflow = execution(definition, *(task(f"t{i}") for i in range(600)))
    lay = layout(definition, workflow)
    assert len(lay.nodes) == 1002 and len(lay.edges) == 1001
    root = parse(render_svg(lay))
    drawn = svg_nodes(root)
    assert len(drawn) == 1002
    assert sum("status-completed" in (g.get("class") or "") for g in drawn) == 600
    assert root.get("viewBox") == f"0 0 {lay.width} {lay.height}"
    assert root.get("width") == str(lay.width) and root.get("height") == str(lay.height)


def test_svg_carries_a_default_stylesheet_and_arrow_marker() -> None:
    svg = render_diagram(wdef(simple("a")))
    root = parse(svg)
    style = "".join(next(root.iter(f"{SVG}style")).itertext())
    assert ":where(.cd-diagram .status-completed)" in style and "status-none" in style
    assert root.get("class") == "cd-diagram"
    assert next(root.iter(f"{SVG}marker")).get("id") == "cd-arrow"


# ---- malformed definitions ---------------------------------------------------------------


def test_no_tasks_at_all_is_a_readable_error() -> None:
    with pytest.raises(DiagramError, match="no tasks"):
        layout(wdef())
    # ... unless the execution has tasks to show.
    definition = wdef()
    lay = layout(definition, execution(definition, task("orphan")))
    assert (START_ID, END_ID) in edge_pairs(lay) and "orphan" in nodes(lay)


def test_fork_without_join_still_draws_with_a_warning() -> None:
    lay = layout(wdef(op("f", "FORK_JOIN", forkTasks=[[simple("a")], [simple("b")]]), simple("c")))
    n = nodes(lay)
    assert n["f"].warning and "JOIN" in n["f"].warning
    assert edge_pairs(lay) >= {("a", "c"), ("b", "c")}
    assert "⚠" in render_svg(lay)
    lay = layout(wdef(op("f", "FORK_JOIN", forkTasks=[[simple("a")]])))
    assert ("a", END_ID) in edge_pairs(lay)
    lay = layout(wdef(op("f", "FORK_JOIN"), op("j", "JOIN")))
    assert nodes(lay)["f"].warning and ("f", "j") in edge_pairs(lay)


def test_unknown_types_missing_refs_and_duplicate_refs() -> None:
    definition = wdef(
        {"name": "x", "taskReferenceName": "x", "type": "NOT_A_REAL_TYPE"},
        {"name": "noref", "type": "SIMPLE"},
        simple("dup"),
        simple("dup"),
    )
    lay = layout(definition)
    ids = [n.id for n in lay.nodes]
    assert len(ids) == len(set(ids)) == 6
    n = nodes(lay)
    assert n["x"].sublabel == "NOT_A_REAL_TYPE" and n["x"].shape == "task"
    unnamed = [node for node in lay.nodes if node.ref == ""]
    assert len(unnamed) == 1 and unnamed[0].label == "noref" and unnamed[0].warning
    assert [node.ref for node in lay.nodes].count("dup") == 2
    parse(render_svg(lay))


def test_nesting_deeper_than_the_limit_is_cut_off_not_crashed() -> None:
    inner: dict[str, Any] = simple("leaf")
    for level in range(MAX_DEPTH + 30):
        inner = op(f"loop{level}", "DO_WHILE", loopOver=[inner])
    lay = layout(wdef(inner))
    cut = [n for n in lay.nodes if n.shape == "placeholder"]
    assert len(cut) == 1 and cut[0].warning
    assert "leaf" not in nodes(lay)
    parse(render_svg(lay))


# ---- the execution page's way: laid out from the task outline ------------------------------


class _TrimmingReader:
    """What `ui.pages._TaskReader` returns, from tasks in memory: documents by id with only
    the diagram's input and output keys."""

    def __init__(self, tasks: list[Task]) -> None:
        self.by_id = {t.task_id: t for t in tasks}
        self.asked: list[str] = []

    async def get(self, task_ids: list[str]) -> list[Task]:
        from conductor.server.ui.diagram import DETAIL_INPUT_KEYS, DETAIL_OUTPUT_KEYS

        self.asked.extend(task_ids)
        return [
            msgspec.structs.replace(
                self.by_id[i],
                input_data={k: v for k, v in self.by_id[i].input_data.items() if k in DETAIL_INPUT_KEYS},
                output_data={k: v for k, v in self.by_id[i].output_data.items() if k in DETAIL_OUTPUT_KEYS},
            )
            for i in task_ids
            if i in self.by_id
        ]


async def test_the_outline_path_draws_exactly_what_the_whole_workflow_draws() -> None:
    """The execution page lays out tasks built from the task table's columns and decodes only
    fork tasks and the tasks drawn on their own: the drawing must not differ by one byte."""
    from conductor.server.ui import pages

    definition = wdef(
        simple("prep"),
        op("fan", "FORK_JOIN_DYNAMIC"),
        op("fan_join", "JOIN"),
        op("loop", "DO_WHILE", loopCondition="true", loopOver=[simple("body")]),
        op("child", "SUB_WORKFLOW", subWorkflowParam={"name": "kid"}),
        op("dyn", "DYNAMIC", dynamicTaskNameParam="t"),
    )
    refs = [f"b_{i}" for i in range(40)]
    branch_node = WorkflowTask(name="item", task_reference_name="", type="SIMPLE")
    tasks = [
        task("prep"),
        task("fan", task_type="FORK", input_data={"forkedTasks": refs, "forkedTaskDefs": [{"x": 1}] * 40}),
    ]
    for i, ref in enumerate(refs):
        node = msgspec.structs.replace(branch_node, task_reference_name=ref)
        if i == 7:
            node = msgspec.structs.replace(node, type="SUB_WORKFLOW")
            tasks.append(
                task(
                    ref, "IN_PROGRESS", task_type="SUB_WORKFLOW", sub_workflow_id="kid-7", workflow_task=node
                )
            )
        else:
            tasks.append(
                task(ref, "FAILED" if i == 5 else "COMPLETED", task_def_name="item", workflow_task=node)
            )
    tasks.append(task("fan_join", "IN_PROGRESS", task_type="JOIN", input_data={"joinOn": refs}))
    tasks.append(task("b_5", "IN_PROGRESS", retry_count=1, task_def_name="item", workflow_task=branch_node))
    tasks.append(task("loop", "IN_PROGRESS", task_type="DO_WHILE", iteration=2))
    tasks.append(task("body__1", iteration=1))
    tasks.append(task("body__2", "IN_PROGRESS", iteration=2, retry_count=2))
    tasks.append(
        task("child", "IN_PROGRESS", task_type="SUB_WORKFLOW", output_data={"subWorkflowId": "kid-1"})
    )
    tasks.append(task("dyn", task_type="HTTP", output_data={"response": {"body": "x" * 100}}))
    tasks.extend(task(f"stray_{i}", "SCHEDULED") for i in range(50))
    whole = execution(definition, *tasks)
    outline = [
        (t.task_id, t.seq, t.reference_task_name, t.task_type, t.task_def_name, t.status.value, t.update_time)
        for t in tasks
    ]
    reader = _TrimmingReader(tasks)
    bare = msgspec.structs.replace(whole, tasks=[])

    drawn, error = await pages._diagram(reader, bare, outline)  # type: ignore[arg-type]

    assert error is None
    assert str(drawn) == render_diagram(definition, whole)
    assert 'href="/execution/kid-7"' in str(drawn) and 'href="/execution/kid-1"' in str(drawn)
    # Read: the fork, then the nodes drawn on their own (16 branches, 40 strays, the rest).
    assert len(set(reader.asked)) < len(tasks) - 10


def test_a_huge_collapsed_group_lists_its_first_task_ids_and_the_count() -> None:
    from conductor.server.ui.diagram import SVG_TASK_IDS_LIMIT

    definition = wdef(op("dyn", "FORK_JOIN_DYNAMIC"), op("join", "JOIN"))
    refs = [f"b_{i}" for i in range(1500)]
    branches = [task(r) for r in refs]
    workflow = execution(
        definition, task("dyn", task_type="FORK", input_data={"forkedTasks": refs}), *branches
    )
    lay = layout(definition, workflow)
    more = [n for n in lay.nodes if n.shape == "more"]
    assert len(more) == 1 and len(more[0].task_ids) == 1500 - DYNAMIC_COLUMN_LIMIT  # the layout keeps all
    group = [g for g in svg_nodes(parse(render_svg(lay))) if g.get("data-task-ids")]
    assert len(group) == 1
    listed = (group[0].get("data-task-ids") or "").split()
    assert listed == list(more[0].task_ids[:SVG_TASK_IDS_LIMIT])
    assert group[0].get("data-task-count") == str(1500 - DYNAMIC_COLUMN_LIMIT)
