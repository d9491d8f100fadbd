"""The short, explicit list of differences between the SQL dialects we support."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    # DB-API parameter style of the driver: sqlite3 uses `?`, psycopg uses `%s`.
    placeholder: str
    # Suffix that makes a queue claim skip rows another transaction holds (Postgres only;
    # SQLite has a single writer, so an IMMEDIATE transaction already serialises claims).
    skip_locked: str
    # Case-insensitive substring match for free-text search.
    ilike: str
    autoincrement_pk: str

    def sql(self, statement: str) -> str:
        """Statements are written with `?`; convert to the driver's style once, at load."""
        if self.placeholder == "?":
            return statement
        return statement.replace("%", "%%").replace("?", self.placeholder)


SQLITE = Dialect(
    name="sqlite",
    placeholder="?",
    skip_locked="",
    ilike="LIKE",  # SQLite's LIKE is case-insensitive for ASCII
    autoincrement_pk="INTEGER PRIMARY KEY AUTOINCREMENT",
)

POSTGRES = Dialect(
    name="postgres",
    placeholder="%s",
    skip_locked="FOR UPDATE SKIP LOCKED",
    ilike="ILIKE",
    autoincrement_pk="BIGSERIAL PRIMARY KEY",
)
