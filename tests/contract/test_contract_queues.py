"""Queues: push (upsert), delays, priorities, pop, lease, removal, sizes, concurrent claims."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

DECIDER = "_deciderQueue"


def test_push_then_pop_takes_the_message(write, read):
    write(lambda tx: tx.push("q", "m1", 0, 100, 100))

    assert read(lambda tx: tx.queue_contains("q", "m1")) is True
    assert write(lambda tx: tx.pop("q", 10, 100)) == ["m1"]
    assert write(lambda tx: tx.pop("q", 10, 100)) == []
    assert read(lambda tx: tx.queue_contains("q", "m1")) is False


def test_pop_respects_delay(write):
    """A message is invisible until its delivery time."""
    write(lambda tx: tx.push("q", "later", 0, 500, 100))

    assert write(lambda tx: tx.pop("q", 10, 499)) == []
    assert write(lambda tx: tx.pop("q", 10, 500)) == ["later"]


def test_pop_order_priority_then_delivery_then_creation(write):
    """Highest priority first; among equals the earliest delivery, then the oldest push."""
    write(lambda tx: tx.push("q", "low-early", 0, 10, 1))
    write(lambda tx: tx.push("q", "high-late", 5, 50, 2))
    write(lambda tx: tx.push("q", "high-early", 5, 20, 3))
    write(lambda tx: tx.push("q", "low-tie-new", 0, 10, 4))
    write(lambda tx: tx.push("q", "mid", 3, 90, 5))
    write(lambda tx: tx.push("q", "not-due", 99, 1000, 6))

    assert write(lambda tx: tx.pop("q", 2, 100)) == ["high-early", "high-late"]
    assert write(lambda tx: tx.pop("q", 10, 100)) == ["mid", "low-early", "low-tie-new"]


def test_pop_is_per_queue(write, read):
    write(lambda tx: tx.push("a", "m", 0, 0, 0))
    write(lambda tx: tx.push("b", "m", 0, 0, 0))

    assert write(lambda tx: tx.pop("a", 10, 0)) == ["m"]
    assert read(lambda tx: tx.queue_sizes()) == {"b": 1}


def test_push_is_an_upsert_that_moves_delivery(write, read):
    """Pushing an existing message moves its delivery and priority, never duplicates it."""
    write(lambda tx: tx.push("q", "m", 0, 100, 0))
    write(lambda tx: tx.push("q", "m", 4, 900, 50))

    assert read(lambda tx: tx.queue_size("q")) == 1
    assert read(lambda tx: tx.next_delivery("q")) == 900
    assert write(lambda tx: tx.pop("q", 10, 899)) == []
    write(lambda tx: tx.push("q", "m", 0, 10, 60))
    assert write(lambda tx: tx.pop("q", 10, 10)) == ["m"]


def test_push_if_earlier_only_pulls_forward(write, read):
    write(lambda tx: tx.push_if_earlier(DECIDER, "w", 500, 0))
    assert read(lambda tx: tx.next_delivery(DECIDER)) == 500

    write(lambda tx: tx.push_if_earlier(DECIDER, "w", 900, 0))
    assert read(lambda tx: tx.next_delivery(DECIDER)) == 500
    write(lambda tx: tx.push_if_earlier(DECIDER, "w", 200, 0))
    assert read(lambda tx: tx.next_delivery(DECIDER)) == 200
    assert read(lambda tx: tx.queue_size(DECIDER)) == 1


def test_lease_hides_messages_until_the_lease_ends(write, read):
    """Leased messages stay queued but are not due again until `lease_until`."""
    for i, due in enumerate((30, 10, 20, 500)):
        write(lambda tx, i=i, due=due: tx.push(DECIDER, f"w{i}", 0, due, 0))

    assert write(lambda tx: tx.lease(DECIDER, 2, 100, 1_000)) == ["w1", "w2"]
    assert write(lambda tx: tx.lease(DECIDER, 10, 100, 1_000)) == ["w0"]
    assert write(lambda tx: tx.lease(DECIDER, 10, 999, 2_000)) == ["w3"]
    assert read(lambda tx: tx.queue_size(DECIDER)) == 4
    assert sorted(write(lambda tx: tx.lease(DECIDER, 10, 1_000, 3_000))) == ["w0", "w1", "w2"]


def test_remove_and_remove_everywhere(write, read):
    for queue in ("a", "b"):
        write(lambda tx, q=queue: tx.push(q, "m", 0, 0, 0))
        write(lambda tx, q=queue: tx.push(q, "keep", 0, 0, 0))

    write(lambda tx: tx.remove("a", "keep"))
    assert read(lambda tx: tx.queue_sizes()) == {"a": 1, "b": 2}
    write(lambda tx: tx.remove_message_everywhere("m"))
    assert read(lambda tx: tx.queue_sizes()) == {"b": 1}
    write(lambda tx: tx.remove("b", "missing"))
    assert read(lambda tx: tx.queue_contains("b", "keep")) is True


def test_sizes_and_next_delivery(write, read):
    assert read(lambda tx: tx.queue_size("q")) == 0
    assert read(lambda tx: tx.next_delivery("q")) is None
    assert read(lambda tx: tx.queue_sizes()) == {}

    write(lambda tx: tx.push("q", "a", 0, 3_000_000_000_000, 0))
    write(lambda tx: tx.push("q", "b", 0, 2_000_000_000_000, 0))
    write(lambda tx: tx.push("r", "c", 0, 1, 0))

    assert read(lambda tx: tx.queue_sizes()) == {"q": 2, "r": 1}
    # Epoch milliseconds need 64-bit columns.
    assert read(lambda tx: tx.next_delivery("q")) == 2_000_000_000_000


def test_make_visible_first(write):
    """A released concurrency slot makes the longest-waiting message deliverable now."""
    write(lambda tx: tx.push("q", "first", 0, 5_000, 0))
    write(lambda tx: tx.push("q", "second", 0, 6_000, 0))

    write(lambda tx: tx.make_visible_first("q", 100))
    assert write(lambda tx: tx.pop("q", 10, 100)) == ["first"]
    write(lambda tx: tx.make_visible_first("empty", 100))


def _drain_concurrently(db, queue: str, total: int, workers: int, batch: int) -> list[str]:
    claimed: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(workers)

    def worker() -> None:
        start.wait()
        while True:
            got = db.run_sync(lambda tx: tx.pop(queue, batch, 10))
            if not got:
                # SKIP LOCKED may return nothing while others hold the rest: stop only when empty.
                if db.run_sync(lambda tx: tx.queue_size(queue), False) == 0:
                    return
                continue
            with lock:
                claimed.extend(got)

    with ThreadPoolExecutor(workers) as pool:
        for future in [pool.submit(worker) for _ in range(workers)]:
            future.result(timeout=60)
    return claimed


def test_concurrent_pops_never_hand_out_a_message_twice(db, write):
    """Several connections claiming at once get disjoint messages that add up to the queue."""
    total = 400
    write(lambda tx: [tx.push("q", f"m{i:03d}", i % 3, i % 7, i) for i in range(total)])

    claimed = _drain_concurrently(db, "q", total, workers=6, batch=3)

    assert len(claimed) == total
    assert sorted(claimed) == [f"m{i:03d}" for i in range(total)]


def test_concurrent_leases_never_lease_a_message_twice(db, write):
    """Two sweepers leasing at the same instant split the due messages between them."""
    write(lambda tx: [tx.push(DECIDER, f"w{i:03d}", 0, 1, 0) for i in range(200)])
    leased: list[list[str]] = []
    start = threading.Barrier(4)

    def sweeper() -> None:
        start.wait()
        mine: list[str] = []
        while got := db.run_sync(lambda tx: tx.lease(DECIDER, 7, 10, 10_000)):
            mine.extend(got)
        leased.append(mine)

    with ThreadPoolExecutor(4) as pool:
        for future in [pool.submit(sweeper) for _ in range(4)]:
            future.result(timeout=60)

    everything = [m for mine in leased for m in mine]
    assert sorted(everything) == [f"w{i:03d}" for i in range(200)]
