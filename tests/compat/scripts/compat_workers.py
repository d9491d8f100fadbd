"""Workers written for the official SDK (run by run_official_worker.py under TaskHandler)."""

from dataclasses import dataclass

from conductor.client.worker.worker_task import worker_task


@worker_task(task_definition_name="compat_greet")
def compat_greet(name: str) -> str:
    return f"Hello, {name}"


@dataclass
class Order:
    order_id: int
    quantity: int
    price: float


@worker_task(task_definition_name="compat_order", thread_count=2)
def compat_order(order: Order) -> dict:
    return {"order_id": order.order_id, "total": order.quantity * order.price}
