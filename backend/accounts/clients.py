"""Who is on the other end of a request: its address (behind trusted proxies) and its known device.

Both feed the login and activation throttles, so neither trusts anything a client can forge:
X-Forwarded-For counts only when the connection comes from a proxy in TRUSTED_PROXIES, and the
known-device cookie is signed with the secret key and bound to the username it logged in.
"""

import ipaddress
import secrets
from functools import cache

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

DEVICE_COOKIE = "hc_device"
DEVICE_COOKIE_PATH = "/api/auth/"  # sent only to the login endpoints
_DEVICE_SALT = "accounts.known-device"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> bool:
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    return address is not None and any(address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's IP address: the connection's peer, or, when that peer is a trusted proxy, the
    last address in X-Forwarded-For that is not itself a trusted proxy (the first one a proxy of
    ours saw; anything before it the client may have written)."""
    peer = request.META.get("REMOTE_ADDR", "")
    if not _trusted(_address(peer)):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _address(hop)
        if address is None:
            return peer  # a hop we cannot read: do not guess past it
        if not _trusted(address):
            return str(address)
    return peer


def device_of(request: HttpRequest, username_key: str) -> str | None:
    """The id of this browser's known-device cookie, when it was issued for this username."""
    raw = request.COOKIES.get(DEVICE_COOKIE)
    if not raw:
        return None
    try:
        value = signing.loads(
            raw, salt=_DEVICE_SALT, max_age=settings.KNOWN_DEVICE_DAYS * 24 * 3600
        )
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or value.get("user") != username_key:
        return None
    device = value.get("device")
    return device if isinstance(device, str) and len(device) == 32 else None


def remember_device(response: HttpResponse, username_key: str, device: str | None) -> None:
    """Set (or renew) the signed, HttpOnly known-device cookie after a successful login."""
    value = signing.dumps(
        {"user": username_key, "device": device or secrets.token_hex(16)}, salt=_DEVICE_SALT
    )
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=settings.KNOWN_DEVICE_DAYS * 24 * 3600,
        path=DEVICE_COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )
