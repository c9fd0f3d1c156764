"""The client's address behind trusted proxies: one rule for the web's middleware, the API's throttle and the
log-in lock-out (ADR 0021), in a module that both web and api may use (ADR 0028).

Behind the reverse proxy that docs/beheer.md prescribes, `REMOTE_ADDR` is the proxy's address, and
`X-Forwarded-For` is whatever the client chose to send plus what each proxy appended. Only the entries appended by
proxies named in `OPENVTH_VERTROUWDE_PROXIES` are believed: the header is read from the right, stepping over
trusted proxies, and the first address that is not one of them is the client. Anything to its left was written by
the client itself and is ignored, so a rotating header changes nothing. `web.middleware.ClientAdresMiddleware`
writes the result into `REMOTE_ADDR` and keeps the peer's own address as `PEER`.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

PEER = "openvth.peer_addr"

Netwerk = ipaddress.IPv4Network | ipaddress.IPv6Network
Adres = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=8)
def _netwerken(proxies: tuple[str, ...]) -> tuple[Netwerk, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def vertrouwde_netwerken() -> tuple[Netwerk, ...]:
    """`OPENVTH_VERTROUWDE_PROXIES` as networks (the settings refuse a value that is not an address or CIDR)."""
    return _netwerken(tuple(settings.OPENVTH_VERTROUWDE_PROXIES))


def _adres(waarde: str) -> Adres | None:
    """One X-Forwarded-For entry as an address: `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1` or `[2001:db8::1]:80`."""
    waarde = waarde.strip()
    if waarde.startswith("["):
        waarde = waarde[1:].split("]", 1)[0]
    elif waarde.count(":") == 1:
        waarde = waarde.split(":", 1)[0]
    try:
        adres = ipaddress.ip_address(waarde)
    except ValueError:
        return None
    if isinstance(adres, ipaddress.IPv6Address) and adres.ipv4_mapped is not None:
        return adres.ipv4_mapped
    return adres


def bepaal_client_adres(meta) -> str:
    """The client's address from a WSGI environ: REMOTE_ADDR, or the right-most X-Forwarded-For entry that was
    not written by a trusted proxy. Without trusted proxies (the default) the header is ignored altogether."""
    peer = meta.get("REMOTE_ADDR", "")
    netwerken = vertrouwde_netwerken()
    huidig = _adres(peer)
    if not netwerken or huidig is None:
        return peer
    ketting = [deel for deel in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if deel.strip()]
    client = peer
    while huidig is not None and any(huidig in netwerk for netwerk in netwerken) and ketting:
        # `huidig` is a trusted proxy: the entry it appended (the right-most left) is the address it saw.
        volgende = _adres(ketting.pop())
        if volgende is None:
            break  # garbage where a trusted proxy should have written an address: stay with that proxy
        huidig, client = volgende, str(volgende)
    return client


def client_adres(request) -> str:
    """The client address of a request (after `ClientAdresMiddleware`, simply REMOTE_ADDR); the one function for
    throttling and the log-in lock-out (`AXES_CLIENT_IP_CALLABLE`)."""
    if PEER in request.META:
        return request.META["REMOTE_ADDR"]
    return bepaal_client_adres(request.META)
