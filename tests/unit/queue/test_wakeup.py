"""In-process queue wake-ups and the known-empty shortcut."""

from __future__ import annotations

import asyncio

from conductor.server.queue.wakeup import Gone, QueueSignals


async def test_notify_wakes_one_waiter_per_message() -> None:
    signals = QueueSignals()
    waits = [asyncio.ensure_future(signals.wait("q", 5)) for _ in range(3)]
    await asyncio.sleep(0)  # let the waiters register (scheduling only, nothing timed)
    signals.notify("q", 2)
    done, pending = await asyncio.wait(waits, timeout=1)
    assert len(done) == 2 and len(pending) == 1
    for task in pending:
        task.cancel()


async def test_a_claim_cannot_mark_a_queue_empty_after_a_push_it_did_not_see() -> None:
    signals = QueueSignals()
    seen = signals.generation("q")  # a claim starts...
    signals.notify("q")  # ...a push lands while its database job runs...
    signals.mark_empty("q", seen)  # ...and its "nothing there" answer is already stale
    assert not signals.known_empty("q")
    signals.mark_empty("q", signals.generation("q"))
    assert signals.known_empty("q")
    signals.notify("q")
    assert not signals.known_empty("q")


async def test_shared_databases_never_trust_known_empty() -> None:
    signals = QueueSignals(track_empty=False)
    signals.mark_empty("q", signals.generation("q"))
    assert not signals.known_empty("q")


async def test_gone_wakes_a_waiting_poll() -> None:
    signals = QueueSignals()
    gone = Gone()
    waiter = asyncio.ensure_future(signals.wait("q", 30, gone))
    await asyncio.sleep(0)
    gone.set()
    assert await asyncio.wait_for(waiter, 1) is True
    assert gone.is_set


async def test_timed_out_waits_do_not_pile_up() -> None:
    """Idle pollers time out constantly; their dead entries are compacted, not kept forever."""
    signals = QueueSignals()
    for _ in range(300):
        assert await signals.wait("q", 0.0005) is False
    assert len(signals._waiters.get("q", ())) < 100
    waiter = asyncio.ensure_future(signals.wait("q", 5))
    await asyncio.sleep(0)
    signals.notify("q")  # a live waiter behind the dead ones is still woken
    assert await asyncio.wait_for(waiter, 1) is True
