"""No request forgery: a webhook reaches public addresses only, checked after DNS resolution.

A name is resolved when a delivery is sent, every address it resolves to is checked, and the
request goes to the checked address itself (with the name as Host and TLS server name), so a
name that resolves elsewhere a moment later (DNS rebinding) changes nothing. The operator may
allow private addresses (TOUCHBASE_WEBHOOKS_ALLOW_PRIVATE=true) for self-hosted receivers.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud metadata services; link-local and private anyway, named so no rule change lets them in.
METADATA = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
LOCAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".home.arpa")


class Refused(Exception):  # noqa: N818  (a verdict, raised to the caller)
    """The URL may not be called; the message says why, for the delivery log or a 422."""


@dataclass(frozen=True)
class Target:
    """Where to connect: the URL's host and port, and the address it was checked at."""

    scheme: str
    host: str
    port: int
    address: IPAddress


def refusal(address: IPAddress) -> str | None:
    """Why an address may not be reached, or None for a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address in METADATA:
        return "a cloud metadata address"
    for name, test in (
        ("a loopback", address.is_loopback),
        ("a link-local", address.is_link_local),
        ("a multicast", address.is_multicast),
        ("a reserved", address.is_reserved or address.is_unspecified),
        ("a private", address.is_private),
        ("a non-public", not address.is_global),
    ):
        if test:
            return f"{name} address"
    return None


def _parts(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        raise Refused("The URL's port is not a number from 0 to 65535.") from None
    if scheme not in ("http", "https") or not host:
        raise Refused("The URL must start with http:// or https:// and name a host.")
    return scheme, host.lower().rstrip("."), port or (443 if scheme == "https" else 80)


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def check_saved(url: str, *, allow_private: bool) -> None:
    """The check when a URL is saved: its form, and the address it names or resolves to now.

    A name that does not resolve yet is accepted (delivery checks again, and fails until it
    does); the delivery-time check is the one that protects.
    """
    scheme, host, port = _parts(url)
    if allow_private:
        return
    if host.endswith(LOCAL_NAMES) or host == "localhost":
        raise Refused(f"{host} is a local name: webhooks reach public addresses only.")
    literal = _literal(host)
    addresses = [literal] if literal is not None else _resolve(host, port, missing_ok=True)
    for address in addresses:
        if (why := refusal(address)) is not None:
            raise Refused(f"{host} is {why} ({address}): webhooks reach public addresses only.")


def _resolve(host: str, port: int, *, missing_ok: bool = False) -> list[IPAddress]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        if missing_ok:
            return []
        raise Refused(f"{host} does not resolve ({e}).") from None
    found: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if address not in found:
            found.append(address)
    return found


def resolve(url: str, *, allow_private: bool) -> Target:
    """The address to send to; Refused when the name resolves to any non-public address."""
    scheme, host, port = _parts(url)
    literal = _literal(host)
    addresses = [literal] if literal is not None else _resolve(host, port)
    if not addresses:
        raise Refused(f"{host} does not resolve.")
    if not allow_private:
        for address in addresses:
            if (why := refusal(address)) is not None:
                raise Refused(f"{host} resolves to {why} ({address}): refused.")
    return Target(scheme, host, port, addresses[0])
