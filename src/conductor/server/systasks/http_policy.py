"""Which addresses an HTTP task may call (server-side request forgery guard).

An HTTP task runs inside the server's network: without a policy, a workflow author could reach
the cloud metadata service (credentials) or the server's own unauthenticated neighbours. The
policy is applied to the addresses a host name *resolves to* (by the resolver aiohttp connects
with, so a DNS answer that changes between a check and the connection cannot slip through) and
to literal IP hosts, on the first request and on every redirect.

Always denied: link-local (169.254.0.0/16, fe80::/10, which hold the AWS/GCP/Azure metadata
endpoint), cloud metadata addresses outside those ranges, multicast, broadcast and reserved
ranges. Loopback and private ranges are allowed unless ``deny_private`` is set (development
setups and this project's tests call 127.0.0.1). ``allowed`` networks are exceptions to every
rule, ``denied`` networks are added to them.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any, Final

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ALWAYS_DENIED: Final[tuple[IPNetwork, ...]] = tuple(
    ipaddress.ip_network(n)
    for n in (
        "169.254.0.0/16",  # IPv4 link-local: 169.254.169.254 is the AWS/GCP/Azure/OCI metadata service
        "fe80::/10",  # IPv6 link-local
        "fd00:ec2::254/128",  # AWS metadata over IPv6
        "100.100.100.200/32",  # Alibaba Cloud metadata
        "192.0.0.192/32",  # Oracle Cloud metadata (legacy)
        "224.0.0.0/4",  # multicast
        "ff00::/8",
        "240.0.0.0/4",  # reserved, and 255.255.255.255 broadcast
    )
)
# Loopback, "this host" (0.0.0.0 reaches local services on Linux), private and shared ranges.
PRIVATE: Final[tuple[IPNetwork, ...]] = tuple(
    ipaddress.ip_network(n)
    for n in (
        "127.0.0.0/8",
        "0.0.0.0/8",
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "100.64.0.0/10",  # carrier-grade NAT, used by some clouds and Kubernetes setups
        "192.0.0.0/24",
        "198.18.0.0/15",
        "::1/128",
        "::/128",
        "fc00::/7",  # unique local
        "64:ff9b:1::/48",  # local-use NAT64
    )
)


class AddressDenied(aiohttp.ClientError):
    """The HTTP task's target is not allowed by the address policy (never an OSError, so aiohttp
    does not wrap it into a connection error)."""


def _networks(spec: str) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in spec.split(",") if part.strip())


def _unwrap(address: IPAddress) -> IPAddress:
    """The IPv4 address inside an IPv4-mapped / -compatible / 6to4 / NAT64 IPv6 address."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address.sixtofour is not None:
            return address.sixtofour
        if address in _NAT64:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if int(address) >> 32 == 0 and int(address) > 1:  # deprecated IPv4-compatible ::a.b.c.d
            return ipaddress.IPv4Address(int(address))
    return address


_NAT64: Final = ipaddress.ip_network("64:ff9b::/96")


class AddressPolicy:
    def __init__(self, *, deny_private: bool = False, denied: str = "", allowed: str = "") -> None:
        self.deny_private = deny_private
        self._denied = ALWAYS_DENIED + _networks(denied) + (PRIVATE if deny_private else ())
        self._allowed = _networks(allowed)

    @classmethod
    def from_settings(cls, settings: Any) -> AddressPolicy:
        return cls(
            deny_private=bool(settings.http_deny_private),
            denied=str(settings.http_denied_networks or ""),
            allowed=str(settings.http_allowed_networks or ""),
        )

    def denial(self, host: str) -> str | None:
        """Why a literal IP address may not be called, or None when it may (or is no IP)."""
        try:
            address = ipaddress.ip_address(host.split("%", 1)[0].strip("[]"))
        except ValueError:
            return None
        candidates = {address, _unwrap(address)}
        if any(c in net for c in candidates for net in self._allowed):
            return None
        for candidate in candidates:
            for net in self._denied:
                if candidate.version == net.version and candidate in net:
                    why = " (PYCONDUCTOR_HTTP_DENY_PRIVATE)" if net in PRIVATE else ""
                    return f"the address {address} is in a denied range ({net}){why}"
        return None

    def check_host(self, host: str | None) -> None:
        """Raise AddressDenied for a URL host that is a denied literal IP address."""
        reason = self.denial(host or "")
        if reason is not None:
            raise AddressDenied(reason)

    def filter(self, host: str, results: Iterable[ResolveResult]) -> list[ResolveResult]:
        """The resolved addresses that may be called; AddressDenied when none may."""
        allowed: list[ResolveResult] = []
        reasons: list[str] = []
        for result in results:
            reason = self.denial(str(result["host"]))
            if reason is None:
                allowed.append(result)
            else:
                reasons.append(reason)
        if not allowed:
            raise AddressDenied(f"{host} resolves to {'; '.join(reasons) or 'no address'}")
        return allowed


class PolicyResolver(AbstractResolver):
    """Resolves with ``inner`` (aiohttp's default) and keeps only the addresses the policy allows.

    aiohttp connects to exactly the addresses a resolver returns, so the check and the
    connection use the same DNS answer."""

    def __init__(self, policy: AddressPolicy, inner: AbstractResolver | None = None) -> None:
        self.policy = policy
        self._inner = inner or aiohttp.DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        return self.policy.filter(host, await self._inner.resolve(host, port, family))

    async def close(self) -> None:
        await self._inner.close()
