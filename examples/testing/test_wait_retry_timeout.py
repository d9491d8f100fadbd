"""An 8-day order workflow, tested in about a second: a 7-day WAIT, a payment retried
twice 10 minutes apart, and a carrier pickup that times out after a day."""

from datetime import timedelta

from conductor.client.context.task_context import TaskInProgress
from conductor.client.worker.worker import Worker
from conductor.testing import WorkflowTestEnvironment, assert_path, task_attempts

ORDER_WORKFLOW = {
    "name": "order_fulfillment",
    "version": 1,
    "tasks": [
        {
            "name": "cooling_off",
            "taskReferenceName": "cooling_off",
            "type": "WAIT",
            "inputParameters": {"duration": "7 days"},
        },
        {
            "name": "charge_card",
            "taskReferenceName": "charge_card",
            "type": "SIMPLE",
            "inputParameters": {"amount": "${workflow.input.amount}"},
            "taskDefinition": {
                "name": "charge_card",
                "retryCount": 2,
                "retryLogic": "FIXED",
                "retryDelaySeconds": 600,
                "responseTimeoutSeconds": 60,
            },
        },
        {
            "name": "await_pickup",
            "taskReferenceName": "await_pickup",
            "type": "SIMPLE",
            "taskDefinition": {
                "name": "await_pickup",
                "retryCount": 0,
                "timeoutSeconds": 86400,
                "responseTimeoutSeconds": 7200,
                "timeoutPolicy": "TIME_OUT_WF",
            },
        },
    ],
}


def test_order_waits_a_week_retries_payment_and_times_out_pickup() -> None:
    with WorkflowTestEnvironment() as env:
        # A real worker function: the card is declined twice, then charged.
        charges: list[int] = []

        def charge_card(amount: int) -> dict:
            charges.append(amount)
            if len(charges) < 3:
                raise RuntimeError("card declined")
            return {"charged": amount}

        env.run_workers([Worker("charge_card", charge_card)])
        # A mock: the carrier never confirms, it keeps saying "ask me again in an hour".
        env.mock_task("await_pickup", TaskInProgress(callback_after_seconds=3600))

        started = env.now()
        run = env.execute_workflow(ORDER_WORKFLOW, {"amount": 42})

        assert run.status == "TIMED_OUT"
        assert_path(run, ["cooling_off", "charge_card", "await_pickup"])
        assert task_attempts(run, "charge_card") == ["FAILED", "FAILED", "COMPLETED"]
        assert task_attempts(run, "await_pickup") == ["TIMED_OUT"]
        assert charges == [42, 42, 42]

        # The attempts were 10 minutes apart, on the server's (skipped) clock.
        starts = [t.start_time for t in run.tasks if t.reference_task_name == "charge_card"]
        assert starts[1] - starts[0] == starts[2] - starts[1] == 600_000
        # 7 days of waiting + 20 minutes of retries + 1 day until the pickup timed out.
        elapsed = env.now() - started
        assert timedelta(days=8, minutes=20) <= elapsed < timedelta(days=8, minutes=21)
