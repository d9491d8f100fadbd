"""One SQL implementation of the stores, shared by SQLite and PostgreSQL."""
