"""systasks layer."""
