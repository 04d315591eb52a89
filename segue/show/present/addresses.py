"""Where the pages of a live talk are: the socket the server listens on, the
machine's address on the venue's network, and the addresses to give out,
as text and as QR codes a phone scans from the terminal."""

from __future__ import annotations

import errno
import ipaddress
import socket
from dataclasses import dataclass

from segue.media.qr import terminal_codes

LOCAL = "127.0.0.1"


class PortProblem(Exception):
    """The port asked for cannot be listened on; the message says what to do."""


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on `host` (`0.0.0.0`: every network) at `port` (0: a free one)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise PortProblem(f"port {port} is in use: choose another with --port, or leave --port out for a free one") from None
        if exc.errno == errno.EACCES:
            raise PortProblem(f"port {port} needs special rights: choose one above 1023, or leave --port out") from None
        raise PortProblem(f"cannot listen on port {port}: {exc.strerror or exc}") from None
    sock.listen(128)
    sock.setblocking(False)
    return sock


def network_address() -> str | None:
    """This machine's address on the local network, read from its interfaces (psutil):
    the first private IPv4 address that is not the loopback."""
    import psutil

    for interface in psutil.net_if_addrs().values():
        for found in interface:
            if found.family != socket.AF_INET:
                continue
            address = ipaddress.ip_address(found.address)
            if address.is_private and not address.is_loopback and not address.is_link_local:
                return str(address)
    return None


@dataclass(frozen=True)
class Address:
    label: str  # "screen", a presenter's id, "time"
    url: str


def addresses(host: str, port: int, speakers: list[str], token: str | None, screen: bool) -> list[Address]:
    """The screen's (unless the slides are shown from PowerPoint), each presenter's and the timekeeper's."""
    query = f"?t={token}" if token else ""
    base = f"http://{host}:{port}"
    found = [Address("screen", f"{base}/screen{query}")] if screen else []
    found += [Address(speaker, f"{base}/p/{speaker}{query}") for speaker in speakers]
    found.append(Address("time", f"{base}/time{query}"))
    return found


def as_text(found: list[Address]) -> str:
    """One address a line, its label before it: what a script reads from standard output."""
    width = max(len(a.label) for a in found)
    return "\n".join(f"{a.label.ljust(width)}  {a.url}" for a in found)


def as_codes(found: list[Address], columns: int) -> str:
    """The addresses as QR codes, side by side as the terminal's width allows."""
    return terminal_codes([(a.label, a.url) for a in found], columns)
