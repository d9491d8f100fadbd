"""The seed guide's workers, verbatim: `greetings` (a primitive input) and `process_order`
(a dataclass input). `workers.py` imports this module through `TaskHandler(import_modules=...)`."""

from dataclasses import dataclass

from conductor.client.worker.worker_task import worker_task


@worker_task(task_definition_name='greetings')
def greetings(name: str) -> str:
    return f'Hello, {name}'


@dataclass
class OrderInfo:
    order_id: int
    sku: str
    quantity: int
    sku_price: float


@worker_task(task_definition_name='process_order')
def process_order(order_info: OrderInfo) -> str:
    return f'order: {order_info.order_id}'
