"""In-process queue wake-ups and the known-empty shortcut."""

from __future__ import annotations

import asyncio

import pytest

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


class FakeHandOff:
    """A claim for a waiting poll: `run` claims the given items; `finish` may fail."""

    def __init__(self, items: list[str], fail_finish: bool = False) -> None:
        self.items = items
        self.fail_finish = fail_finish
        self.drained = True
        self.orphans: list[str] = []

    def run(self, tx: object) -> list[str]:
        return list(self.items)

    def finish(self, claimed: list[str]) -> None:
        if self.fail_finish:
            raise RuntimeError("bookkeeping failed")

    def orphaned(self, claimed: list[str]) -> None:
        self.orphans.extend(claimed)


async def test_reserved_polls_get_what_the_commit_claimed_and_plain_waiters_stay_for_notify() -> None:
    signals = QueueSignals()
    hand_off = FakeHandOff(["t1"])
    claiming = asyncio.ensure_future(signals.wait("q", 5, claimer=lambda: hand_off))
    await asyncio.sleep(0)
    plain = asyncio.ensure_future(signals.wait("q", 5))  # no claimer: only `notify` wakes it
    await asyncio.sleep(0)
    [reservation] = signals.reserve("q", 2)
    reservation.run(tx=None)
    assert reservation.deliver() == 1
    assert await asyncio.wait_for(claiming, 1) == ["t1"]
    assert not plain.done() and signals.has_waiters("q")
    signals.notify("q")
    assert await asyncio.wait_for(plain, 1) is True


async def test_a_reserved_poll_is_answered_even_when_the_claims_bookkeeping_fails() -> None:
    signals = QueueSignals()
    hand_off = FakeHandOff(["t1"], fail_finish=True)
    claiming = asyncio.ensure_future(signals.wait("q", 5, claimer=lambda: hand_off))
    await asyncio.sleep(0)
    [reservation] = signals.reserve("q", 1)
    reservation.run(tx=None)
    with pytest.raises(RuntimeError):
        reservation.deliver()
    assert await asyncio.wait_for(claiming, 1) == ["t1"]


async def test_a_released_reservation_wakes_its_poll_and_one_that_left_gets_its_claim_given_back() -> None:
    signals = QueueSignals()
    released = asyncio.ensure_future(signals.wait("q", 5, claimer=lambda: FakeHandOff(["t1"])))
    await asyncio.sleep(0)
    [reservation] = signals.reserve("q", 1)
    reservation.release()  # the commit failed: woken, as by a notify
    assert await asyncio.wait_for(released, 1) is True

    gone = Gone()
    hand_off = FakeHandOff(["t2"])
    leaving = asyncio.ensure_future(signals.wait("q", 5, gone, claimer=lambda: hand_off))
    await asyncio.sleep(0)
    [reservation] = signals.reserve("q", 1)
    gone.set()  # the client disconnects while the commit runs
    assert await asyncio.wait_for(leaving, 1) is True
    reservation.run(tx=None)
    reservation.deliver()
    assert hand_off.orphans == ["t2"]
