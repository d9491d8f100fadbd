"""SDK configuration: server address, authentication, logging."""
