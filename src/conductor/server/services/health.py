"""Whether this server can do its job: today, whether its database takes writes."""

from __future__ import annotations

import asyncio

from conductor.server.persistence.database import Database

PROBE_TIMEOUT_S = 2.0


async def storage_problem(db: Database) -> str | None:
    """None while the database takes writes, else why it does not.

    A healthy server answers from memory. Only after a write failed (a full disk, a lost
    connection) does it try a real write, so the answer turns healthy again by itself as soon
    as writes work, even when no client is writing.
    """
    disk = db.disk_problem()
    if disk is not None:
        return disk
    if db.write_error is None:
        return None
    try:
        await asyncio.wait_for(db.write(lambda tx: tx.probe_write()), PROBE_TIMEOUT_S)
    except Exception as exc:  # the probe's own failure is the reason, whatever it is
        return db.write_error or str(exc)
    return db.write_error
