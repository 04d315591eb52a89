"""A live talk's real server, on 127.0.0.1 in a thread of the test, and plain
HTTP and WebSocket clients for it."""

from __future__ import annotations

import io
import json
import threading
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from segue.build.pipeline import load
from segue.show.present.addresses import LOCAL, listen
from segue.show.present.run import Options, allowed_hosts, draw_in_background, prepare, web_server
from segue.show.present.server import Show
from tests.helpers import make_talk, write

CLICKS = """\
---
title: "Steps"
minutes: 2
lead: [client]
---

## Three steps {.incremental}

- Alpha step
- Beta step
- Gamma step

::: client
The client walks through the three steps. Each step takes one click.
:::

---

## After a pause

Shown with the slide.

. . .

Shown on the click.

::: clinician
The clinician closes on a click of their own. This second sentence is the clinician's alone.
:::
"""


def talk_with_clicks(root: Path) -> Path:
    """The small test talk with a third segment whose slides reveal on clicks."""
    make_talk(root)
    write(root / "deck" / "03-steps.md", CLICKS)
    toml = root / "deck" / "deck.toml"
    toml.write_text(toml.read_text().replace("duration = 10", "duration = 12"))
    return root


def slide_number(plan, title: str) -> int:
    """The deck number of the slide called `title`."""
    return next(p.number for p in plan.slides if plan.title(p) == title)


@dataclass
class Served:
    show: Show
    base: str

    @property
    def token(self) -> str | None:
        return self.show.token

    def number(self, title: str) -> int:
        return slide_number(self.show.live.plan, title)

    def url(self, path: str, token: bool = True) -> str:
        if token and self.token:
            path += ("&" if "?" in path else "?") + f"t={self.token}"
        return self.base + path

    def ws_url(self, token: bool = True) -> str:
        return self.url("/ws", token).replace("http://", "ws://")

    def request(self, path: str, method: str = "GET", token: bool = True, headers: dict | None = None, body: bytes | None = None):
        """(status, body bytes, headers) of a request; errors are answers too."""
        request = urllib.request.Request(self.url(path, token), method=method, headers=headers or {}, data=body)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers

    def json(self, path: str, method: str = "GET") -> dict:
        status, body, _ = self.request(path, method)
        assert status == 200, (status, body)
        return json.loads(body)


@contextmanager
def serving(root: Path, draw: bool = False, **options):
    """The talk at `root` served as `present` serves it, until the block ends; with `draw`,
    its slides drawn as pictures beside it (LibreOffice), into `root/dist`."""
    loaded = load(root)
    assert loaded.plan is not None and not loaded.report.has_errors, loaded.report.as_text()
    chosen = Options(**options)
    show, arranged = prepare(loaded.talk, loaded.plan, chosen)
    sock = listen(LOCAL, 0)
    server = web_server(show, allowed_hosts(chosen.lan))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    cancel = threading.Event()
    if draw:
        args = (show, root, root / "dist", loaded.talk, arranged, chosen, cancel, io.StringIO())
        threading.Thread(target=draw_in_background, args=args, daemon=True).start()
    assert show.running.wait(20), "the server did not start"
    try:
        yield Served(show, f"http://{LOCAL}:{sock.getsockname()[1]}")
    finally:
        cancel.set()
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
