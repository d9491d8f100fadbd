"""``AuthenticationSettings``: the application key used to obtain an access token."""

from __future__ import annotations

__all__ = ["AuthenticationSettings"]


class AuthenticationSettings:
    """Key id and secret sent to ``POST /token`` (servers without auth answer 404 there)."""

    def __init__(self, key_id: str, key_secret: str) -> None:
        self.key_id = key_id
        self.key_secret = key_secret

    def __repr__(self) -> str:
        # Never print the secret.
        return f"AuthenticationSettings(key_id={self.key_id!r}, key_secret='***')"
