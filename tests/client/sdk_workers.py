"""Worker functions used by the SDK tests (module level, so worker processes can import them).

Written with postponed annotations on purpose: the SDK must resolve string annotations.
"""

from __future__ import annotations

import dataclasses
import os

from conductor.client.context.task_context import get_task_context
from conductor.client.http.models import Task
from conductor.client.worker.worker_task import worker_task


@dataclasses.dataclass
class OrderInfo:
    order_id: int
    sku: str
    quantity: int
    sku_price: float


def process_order(order_info: OrderInfo) -> str:
    return f"order: {order_info.order_id} x{order_info.quantity} at {order_info.sku_price!r}"


def whole_task(task: Task) -> dict[str, object]:
    return {"seen": task.task_id}


@worker_task(task_definition_name="sdk_test_greet")
def greet(name: str) -> str:
    get_task_context().add_log(f"greeting {name} from pid {os.getpid()}")
    return f"Hello, {name}"
