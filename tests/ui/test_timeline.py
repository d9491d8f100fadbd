"""The task timeline: one row per attempt, bar geometry, time axis units, escaping, size."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

from conductor.server.domain.definitions import WorkflowDef
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import TaskStatus, WorkflowStatus
from conductor.server.ui.timeline import CHART_W, LABEL_W, MARGIN, duration, render_timeline, tick_label

SVG = "{http://www.w3.org/2000/svg}"
T0 = 1_700_000_000_000
CHART_X = MARGIN + LABEL_W


def task(ref: str, status: str, scheduled: int, started: int, ended: int, seq: int, **extra: Any) -> Task:
    return Task(
        task_id=extra.pop("task_id", f"id-{seq}"),
        task_type=extra.pop("task_type", "SIMPLE"),
        reference_task_name=ref,
        workflow_instance_id="wf-1",
        status=TaskStatus(status),
        scheduled_time=scheduled,
        start_time=started,
        end_time=ended,
        seq=seq,
        **extra,
    )


def workflow(*tasks: Task, status: WorkflowStatus = WorkflowStatus.RUNNING) -> Workflow:
    return Workflow(
        workflow_id="wf-1", workflow_definition=WorkflowDef(name="wf"), status=status, tasks=list(tasks)
    )


def bars(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    return [g for g in root.iter(f"{SVG}g") if "bar" in (g.get("class") or "").split()]


def rect(bar: ET.Element, cls: str) -> ET.Element | None:
    return next((r for r in bar.iter(f"{SVG}rect") if r.get("class") == cls), None)


def x_span(r: ET.Element | None) -> tuple[float, float]:
    assert r is not None
    x = float(r.get("x") or 0)
    return x, x + float(r.get("width") or 0)


def test_no_tasks_is_a_valid_svg_with_a_message() -> None:
    svg = render_timeline(workflow(), T0)
    root = ET.fromstring(svg)
    assert root.get("class") == "cd-timeline" and root.get("viewBox")
    assert "No tasks" in "".join(root.itertext())
    assert bars(svg) == []


def test_one_row_per_attempt_in_seq_order_with_status_classes() -> None:
    tasks = [
        task("b", "COMPLETED", T0 + 2_000, T0 + 2_500, T0 + 4_000, seq=3, task_id="b-2", retry_count=1),
        task("a", "COMPLETED", T0, T0 + 100, T0 + 1_000, seq=1),
        task("b", "FAILED", T0 + 1_000, T0 + 1_100, T0 + 2_000, seq=2, task_id="b-1"),
    ]
    rows = bars(render_timeline(workflow(*tasks, status=WorkflowStatus.COMPLETED), T0 + 10_000))
    assert [r.get("data-task-id") for r in rows] == ["id-1", "b-1", "b-2"]
    assert [r.get("data-ref") for r in rows] == ["a", "b", "b"]
    assert [(r.get("class") or "").split()[:2] for r in rows] == [
        ["bar", "status-completed"],
        ["bar", "status-failed"],
        ["bar", "status-completed"],
    ]
    labels = [next(t for t in r.iter(f"{SVG}text") if t.get("class") == "label").text for r in rows]
    assert labels == ["a", "b", "b (attempt 2)"]
    assert all(r.get("tabindex") == "0" and r.get("role") == "button" for r in rows)
    assert "COMPLETED, 1.5 s, queued 500 ms" in (rows[2].get("aria-label") or "")


def test_bar_geometry_queued_segment_and_running_task_ends_now() -> None:
    tasks = [
        task("a", "COMPLETED", T0, T0 + 1_000, T0 + 3_000, seq=1),
        task("run", "IN_PROGRESS", T0 + 3_000, T0 + 3_000, 0, seq=2),
        task("wait", "SCHEDULED", T0 + 3_000, 0, 0, seq=3),
        task("never", "SCHEDULED", 0, 0, 0, seq=4),
    ]
    now = T0 + 4_000
    rows = bars(render_timeline(workflow(*tasks), now))
    scale = CHART_W / 4_000
    queued, span = x_span(rect(rows[0], "queued")), x_span(rect(rows[0], "span"))
    assert queued == pytest.approx((CHART_X, CHART_X + 1_000 * scale), abs=0.1)
    assert span == pytest.approx((CHART_X + 1_000 * scale, CHART_X + 3_000 * scale), abs=0.1)
    # Running: from its start to now, the right edge of the chart.
    assert x_span(rect(rows[1], "span")) == pytest.approx(
        (CHART_X + 3_000 * scale, CHART_X + CHART_W), abs=0.1
    )
    assert rect(rows[1], "queued") is None
    # Not started yet: the bar runs from its scheduled time to now.
    assert x_span(rect(rows[2], "span")) == pytest.approx(
        (CHART_X + 3_000 * scale, CHART_X + CHART_W), abs=0.1
    )
    # Never scheduled: a row without a bar.
    assert rect(rows[3], "span") is None and "not started" in "".join(rows[3].itertext())


def test_zero_length_and_terminal_without_end_time_still_show() -> None:
    tasks = [
        task("a", "COMPLETED", T0, T0, T0 + 2_000, seq=1),
        task("instant", "COMPLETED", T0 + 1_000, T0 + 1_000, T0 + 1_000, seq=2),
        task("skipped", "SKIPPED", T0 + 1_000, 0, 0, seq=3),
    ]
    rows = bars(render_timeline(workflow(*tasks, status=WorkflowStatus.COMPLETED), T0 + 50_000))
    for row in rows[1:]:
        left, right = x_span(rect(row, "span"))
        assert right - left == pytest.approx(2.0)
    # A terminal workflow ends at its last task, not at `now`.
    assert x_span(rect(rows[0], "span"))[1] == pytest.approx(CHART_X + CHART_W)


def test_now_line_only_while_running() -> None:
    tasks = [task("a", "COMPLETED", T0, T0, T0 + 1_000, seq=1), task("b", "IN_PROGRESS", T0, T0, 0, seq=2)]
    running = ET.fromstring(render_timeline(workflow(*tasks), T0 + 2_000))
    assert [ln.get("class") for ln in running.iter(f"{SVG}line")].count("now") == 1
    done = ET.fromstring(render_timeline(workflow(tasks[0], status=WorkflowStatus.COMPLETED), T0 + 2_000))
    assert "now" not in [ln.get("class") for ln in done.iter(f"{SVG}line")]


@pytest.mark.parametrize(
    ("span", "first_ticks"),
    [
        (450, ["0 ms", "50 ms", "100 ms"]),
        (9_000, ["0 s", "1 s", "2 s"]),
        (95_000, ["0 s", "10 s", "20 s"]),
        (25 * 60_000, ["0 min", "5 min", "10 min"]),
        (10 * 3_600_000, ["0 h", "1 h", "2 h"]),
        (30 * 86_400_000, ["0 d", "7 d", "14 d"]),
    ],
)
def test_axis_ticks_use_a_unit_that_fits_the_span(span: int, first_ticks: list[str]) -> None:
    svg = render_timeline(workflow(task("a", "COMPLETED", T0, T0, T0 + span, seq=1)), T0 + span)
    root = ET.fromstring(svg)
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "tick-label"]
    assert ticks[:3] == first_ticks
    assert 2 <= len(ticks) <= 11


def test_tick_labels_and_durations_read_naturally() -> None:
    assert tick_label(90_000, 25 * 60_000) == "1m30s"
    assert tick_label(5_400_000, 10 * 3_600_000) == "1h30m"
    assert tick_label(1_500, 9_000) == "1.5 s"
    assert [duration(ms) for ms in (0, 999, 1_250, 59_900, 200_000, 7_500_000)] == [
        "0 ms",
        "999 ms",
        "1.25 s",
        "59.9 s",
        "3m 20s",
        "2h 05m",
    ]


@pytest.mark.parametrize("evil", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "q'\x00"])
def test_user_strings_are_escaped(evil: str) -> None:
    svg = render_timeline(
        workflow(task(evil, "FAILED", T0, T0, T0 + 5, seq=1, task_id=evil, task_type=evil)), T0
    )
    assert "<script" not in svg and "<img" not in svg
    [row] = bars(svg)
    shown = evil.replace("\x00", "\ufffd")
    assert row.get("data-ref") == shown and row.get("data-task-id") == shown
    assert not [a for el in row.iter() for a in el.attrib if a.startswith("on")]
    assert "<" not in (row.get("class") or "") and '"' not in (row.get("class") or "")


def test_deterministic_and_1000_rows() -> None:
    tasks = [
        task(f"t{i}", "COMPLETED", T0 + i * 10, T0 + i * 10 + 2, T0 + i * 10 + 9, seq=i) for i in range(1_200)
    ]
    tasks.append(task("last", "IN_PROGRESS", T0 + 12_000, T0 + 12_001, 0, seq=1_200))
    first = render_timeline(workflow(*tasks), T0 + 13_000)
    assert first == render_timeline(workflow(*tasks), T0 + 13_000)
    rows = bars(first)
    assert len(rows) == 1_201
    assert rows[-1].get("data-ref") == "last"


def test_a_page_of_tasks_says_how_many_it_leaves_out() -> None:
    tasks = [task(f"t{i}", "COMPLETED", T0 + i, T0 + i, T0 + i + 5, seq=i + 1) for i in range(5)]
    svg = render_timeline(workflow(*tasks), T0 + 100, tasks[:3], 5000)
    root = ET.fromstring(svg)
    assert len(bars(svg)) == 3
    more = [t for t in root.iter(f"{SVG}text") if "more" in (t.get("class") or "").split()]
    assert len(more) == 1 and more[0].text == "+4,997 more tasks: the task table pages through them"
    assert "more tasks" not in render_timeline(workflow(*tasks), T0 + 100, tasks, 5)
