"""The short, explicit list of differences between the SQL dialects we support.

Everything else — every table, every query — is written once, in `store.py`, `search.py` and
`schema.py`, in the common subset of SQLite (3.35+) and PostgreSQL (12+): `?` placeholders,
`INSERT ... ON CONFLICT ... DO UPDATE`, `WITH ... AS MATERIALIZED`, `DELETE/UPDATE ... RETURNING`,
`NULLS FIRST/LAST`.
"""

from __future__ import annotations

from dataclasses import dataclass

# One LISTEN/NOTIFY channel for all queues; the payload says which queue (see `notify_payload`).
NOTIFY_CHANNEL = "conductor_queue"


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    # DB-API parameter style of the driver: sqlite3 uses `?`, psycopg uses `%s`.
    placeholder: str
    # Suffix that makes a queue claim skip rows another transaction holds (Postgres only;
    # SQLite has a single writer, so an IMMEDIATE transaction already serialises claims).
    skip_locked: str
    # SQLite's planner (without ANALYZE statistics) prefers the deliver_on range index and then
    # sorts every due message; the hint makes a poll walk the poll-order index and stop early.
    pop_index_hint: str
    # Case-insensitive LIKE, used by search wildcards and free text. SQLite's LIKE already folds
    # ASCII case; PostgreSQL's LIKE is case-sensitive, so it needs ILIKE for the same answers.
    ilike: str
    # Replaces `{pk}` in migrations: an integer key that numbers rows in insertion order.
    autoincrement_pk: str
    # Opens a write transaction. SQLite's IMMEDIATE takes the write lock up front, so a
    # transaction never fails half-way with SQLITE_BUSY; PostgreSQL locks rows as it goes.
    begin_write: str
    # Opens a read transaction, or None to run each read statement on its own (SQLite: reads go
    # through the single database thread, so nothing commits between a job's statements).
    # PostgreSQL reads one snapshot per job, so a workflow and its tasks are read consistently.
    begin_read: str | None
    # Statement (one `?`: the payload) that wakes listeners in other server processes when a
    # queue has new work; None where only one process uses the database.
    notify: str | None
    listen: str | None
    # First statement of each migration transaction: serialises servers that start together
    # (PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against a concurrent twin).
    migration_lock: str | None

    def sql(self, statement: str) -> str:
        """Statements are written with `?`; convert to the driver's style once, at load."""
        if self.placeholder == "?":
            return statement
        return statement.replace("%", "%%").replace("?", self.placeholder)


def notify_payload(queue: str, count: int) -> str:
    """`<count> <queue>`: how many messages of `queue` a commit made visible.

    The count comes first so any queue name (spaces included) parses back unambiguously; it lets
    the receiving process wake as many long-polls as there is work, no more (no herd).
    """
    return f"{count} {queue}"


def parse_notify_payload(payload: str) -> tuple[str, int]:
    count, _, queue = payload.partition(" ")
    try:
        return queue, max(int(count), 1)
    except ValueError:  # a NOTIFY sent by hand with just a queue name
        return payload, 1


SQLITE = Dialect(
    name="sqlite",
    placeholder="?",
    skip_locked="",
    pop_index_hint="INDEXED BY queue_message_order",
    ilike="LIKE",
    autoincrement_pk="INTEGER PRIMARY KEY AUTOINCREMENT",
    begin_write="BEGIN IMMEDIATE",
    begin_read=None,
    notify=None,
    listen=None,
    migration_lock=None,
)

POSTGRES = Dialect(
    name="postgres",
    placeholder="%s",
    skip_locked="FOR UPDATE SKIP LOCKED",
    pop_index_hint="",
    ilike="ILIKE",
    autoincrement_pk="BIGSERIAL PRIMARY KEY",
    begin_write="BEGIN",
    begin_read="BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    notify=f"SELECT pg_notify('{NOTIFY_CHANNEL}', ?)",
    listen=f"LISTEN {NOTIFY_CHANNEL}",
    # Any constant shared by every pyconductor process; 0x70636e64 is "pcnd".
    migration_lock="SELECT pg_advisory_xact_lock(1885564516)",
)
