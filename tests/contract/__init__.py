"""Storage contract suite: every `SqlTx` operation, on SQLite and on PostgreSQL."""
