"""An HTTP POST that ends on time: a server that trickles its bytes cannot hold a command for ever.

A socket timeout only bounds each wait for a byte; a server sending one byte per second never trips it. Here a
watchdog shuts the connection down when the request's time is up, wherever it is (connecting, sending, reading
the headers or the body), and the caller gets a `TimeoutError`. The proxy of the environment (`https_proxy`,
`no_proxy`…) is used as urllib would.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field


@dataclass
class Deadline:
    """The end of a whole run, and the most time one request may take within it."""

    total: float
    per_request: float
    end: float = field(init=False)

    def __post_init__(self) -> None:
        self.end = time.monotonic() + self.total

    def next_request(self) -> float:
        """Seconds the next request may take; TimeoutError when the run's time is already up."""
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"délai total de {self.total:.3g} s écoulé")
        return min(self.per_request, remaining)


class HTTPStatusError(OSError):
    """The server answered, but not 200."""


def post(url: str, body: bytes, content_type: str, seconds: float) -> str:
    """POST `body` and return the whole answer as text, or raise TimeoutError once `seconds` have passed."""
    parts = urllib.parse.urlsplit(url)
    connection, target = _connect(parts, seconds)
    expired = threading.Event()
    watchdog = threading.Timer(seconds, _cut, (connection, expired))
    watchdog.daemon = True
    watchdog.start()
    try:
        connection.request("POST", target, body, {"Content-Type": content_type, "Host": parts.netloc})
        response = connection.getresponse()
        data = response.read()
    except (OSError, http.client.HTTPException) as error:
        if expired.is_set():
            raise TimeoutError(f"réponse incomplète après {seconds:.3g} s") from error
        raise OSError(str(error) or type(error).__name__) from error
    finally:
        watchdog.cancel()
        connection.close()
    if response.status != 200:
        raise HTTPStatusError(f"le service a répondu {response.status} {response.reason}")
    return data.decode("utf-8")


def _connect(parts: urllib.parse.SplitResult, seconds: float) -> tuple[http.client.HTTPConnection, str]:
    """A connection to the server (or to the proxy of the environment) and the target to request."""
    host, port = parts.hostname or "", parts.port
    target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
    proxy = urllib.request.getproxies().get(parts.scheme)
    if proxy and not urllib.request.proxy_bypass(host):
        via = urllib.parse.urlsplit(proxy if "://" in proxy else f"http://{proxy}")
        if parts.scheme == "https":
            connection = http.client.HTTPSConnection(via.hostname or "", via.port, timeout=seconds,
                                                     context=ssl.create_default_context())
            connection.set_tunnel(host, port)
            return connection, target
        return http.client.HTTPConnection(via.hostname or "", via.port, timeout=seconds), parts.geturl()
    if parts.scheme == "https":
        return http.client.HTTPSConnection(host, port, timeout=seconds, context=ssl.create_default_context()), target
    return http.client.HTTPConnection(host, port, timeout=seconds), target


def _cut(connection: http.client.HTTPConnection, expired: threading.Event) -> None:
    """Shut the socket down: a read blocked in another thread returns at once."""
    expired.set()
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)
