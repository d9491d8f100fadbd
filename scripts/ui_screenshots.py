"""Screenshots of the web UI's main pages, for the README (docs/screenshots/*.png).

    .venv/bin/python scripts/ui_screenshots.py [--out docs/screenshots] [--chromium /usr/bin/chromium]

Starts a `pyconductor server` on a temp SQLite file (127.0.0.1, free port), creates example
workflows (a fork / switch / do-while one run part-way by this script acting as the worker, a
failed one, a few finished ones), then photographs the executions list, an execution with its
diagram, a failed execution with its task panel, a definition and the queues page with Chromium
through Playwright.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from systask_bench import free_port, start_server

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]

ORDER_FLOW: dict[str, Any] = {
    "name": "order_fulfilment",
    "version": 1,
    "description": "Validate, pick items in parallel, branch on shipping, retry a carrier call",
    "ownerEmail": "ops@example.com",
    "tasks": [
        {"name": "validate_order", "taskReferenceName": "validate", "type": "SIMPLE"},
        {
            "name": "fork",
            "taskReferenceName": "pick_and_bill",
            "type": "FORK_JOIN",
            "forkTasks": [
                [{"name": "pick_items", "taskReferenceName": "pick", "type": "SIMPLE"}],
                [{"name": "charge_card", "taskReferenceName": "charge", "type": "SIMPLE"}],
            ],
        },
        {"name": "join", "taskReferenceName": "joined", "type": "JOIN", "joinOn": ["pick", "charge"]},
        {
            "name": "shipping",
            "taskReferenceName": "by_method",
            "type": "SWITCH",
            "evaluatorType": "value-param",
            "expression": "method",
            "inputParameters": {"method": "${workflow.input.shipping}"},
            "decisionCases": {
                "express": [{"name": "book_courier", "taskReferenceName": "courier", "type": "SIMPLE"}],
                "pickup": [],
            },
            "defaultCase": [{"name": "book_post", "taskReferenceName": "post", "type": "SIMPLE"}],
        },
        {
            "name": "track",
            "taskReferenceName": "track_loop",
            "type": "DO_WHILE",
            "loopCondition": "$.track_loop['iteration'] < 3",
            "loopOver": [{"name": "poll_carrier", "taskReferenceName": "poll_carrier", "type": "SIMPLE"}],
        },
        {"name": "notify", "taskReferenceName": "notify", "type": "WAIT"},
    ],
}
TASKS = ["validate_order", "pick_items", "charge_card", "book_courier", "book_post", "poll_carrier"]


def work(api: httpx.Client, task_type: str, status: str = "COMPLETED", **fields: Any) -> bool:
    polled = api.get(f"/tasks/poll/{task_type}", params={"workerid": "screenshot-worker"})
    if polled.status_code != 200:
        return False
    task = polled.json()
    body = {"workflowInstanceId": task["workflowInstanceId"], "taskId": task["taskId"], "status": status}
    api.post(
        "/tasks", json={**body, "outputData": {"ok": status == "COMPLETED"}, **fields}
    ).raise_for_status()
    return True


def drain(api: httpx.Client, rounds: int = 30) -> None:
    """Act as the worker of every example task type until nothing is left to do."""
    for _ in range(rounds):
        if not any([work(api, t) for t in TASKS]):
            time.sleep(0.05)


def create_examples(api: httpx.Client) -> dict[str, str]:
    api.post(
        "/metadata/taskdefs",
        json=[{"name": t, "retryCount": 0, "ownerEmail": "ops@example.com"} for t in TASKS],
    ).raise_for_status()
    api.post("/metadata/workflow", json=ORDER_FLOW).raise_for_status()
    ids = {}
    for i, method in enumerate(["express", "post", "pickup", "express"]):
        ids[f"run{i}"] = api.post(
            "/workflow",
            json={
                "name": "order_fulfilment",
                "input": {"orderId": 1000 + i, "shipping": method},
                "correlationId": f"order-{1000 + i}",
            },
        ).text
    drain(api)
    failed = api.post(
        "/workflow", json={"name": "order_fulfilment", "input": {"orderId": 2001, "shipping": "express"}}
    ).text
    work(api, "validate_order")
    work(api, "pick_items")
    work(
        api,
        "charge_card",
        "FAILED",
        reasonForIncompletion="Card declined: insufficient funds (issuer code 51)",
    )
    ids["failed"] = failed
    api.post("/workflow", json={"name": "order_fulfilment", "input": {"orderId": 3001, "shipping": "post"}})
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        proc = start_server(f"sqlite:///{Path(tmp) / 'shots.db'}", port, Path(tmp) / "server.log")
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=f"{base}/api", timeout=30) as api:
                ids = create_examples(api)
                failed_task = next(
                    t["taskId"]
                    for t in api.get(f"/workflow/{ids['failed']}").json()["tasks"]
                    if t["status"] == "FAILED"
                )
            shots = {
                "executions.png": "/executions?refresh=0",
                "execution.png": f"/execution/{ids['run0']}",
                "failed-execution.png": f"/execution/{ids['failed']}?task={failed_task}",
                "definition.png": "/definitions/workflow/order_fulfilment",
                "queues.png": "/queues",
            }
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1440, "height": 1000})
                for name, path in shots.items():
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=str(args.out / name), full_page=False)
                    print(f"wrote {args.out / name}")
                browser.close()
        finally:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()
